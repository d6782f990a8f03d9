/** SQLite implementation of {@link OperatorRepository} (tables `operator_sessions`, `operator_audit`). */
import type { Database } from 'better-sqlite3';
import type { AuditRecord, OperatorRepository, OperatorSessionRecord } from './operator.repository.js';
import { toAudit, toOperatorSession, type AuditRow, type OperatorSessionRow } from './operator-rows.js';

export class SqliteOperatorRepository implements OperatorRepository {
  readonly #s;
  readonly #touch: (idHash: string, now: number, idleExpiresAt: number) => OperatorSessionRow | undefined;

  constructor(db: Database) {
    this.#s = {
      insertSession: db.prepare(
        'INSERT INTO operator_sessions (id_hash, operator, csrf_token, created_at, idle_expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      touch: db.prepare('UPDATE operator_sessions SET idle_expires_at = ? WHERE id_hash = ? AND idle_expires_at > ? RETURNING *'),
      deleteSession: db.prepare('DELETE FROM operator_sessions WHERE id_hash = ?'),
      purge: db.prepare('DELETE FROM operator_sessions WHERE idle_expires_at <= ?'),
      insertAudit: db.prepare('INSERT INTO operator_audit (id, at, operator, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      listAudit: db.prepare('SELECT * FROM operator_audit ORDER BY at DESC, id DESC LIMIT ?'),
      listAuditBefore: db.prepare('SELECT * FROM operator_audit WHERE at < ? OR (at = ? AND id < ?) ORDER BY at DESC, id DESC LIMIT ?'),
    };
    this.#touch = db.transaction((idHash: string, now: number, idleExpiresAt: number) => {
      const row = this.#s.touch.get(idleExpiresAt, idHash, now) as OperatorSessionRow | undefined;
      if (!row) this.#s.deleteSession.run(idHash);
      return row;
    });
  }

  async insertSession(s: OperatorSessionRecord): Promise<void> {
    this.#s.insertSession.run(s.idHash, s.operator, s.csrfToken, s.createdAt, s.idleExpiresAt);
  }

  async touchSession(idHash: string, now: number, idleExpiresAt: number): Promise<OperatorSessionRecord | undefined> {
    const row = this.#touch(idHash, now, idleExpiresAt);
    return row && toOperatorSession(row);
  }

  async deleteSession(idHash: string): Promise<void> {
    this.#s.deleteSession.run(idHash);
  }

  async purgeSessions(now: number): Promise<number> {
    return this.#s.purge.run(now).changes;
  }

  async insertAudit(e: AuditRecord): Promise<void> {
    this.#s.insertAudit.run(e.id, e.at, e.operator, e.action, e.target ?? null, e.outcome, e.detail ?? null);
  }

  async listAudit(q: { pageSize: number; before?: { at: string; id: string } }): Promise<AuditRecord[]> {
    const rows = q.before
      ? this.#s.listAuditBefore.all(q.before.at, q.before.at, q.before.id, q.pageSize)
      : this.#s.listAudit.all(q.pageSize);
    return (rows as AuditRow[]).map(toAudit);
  }
}
