/** PostgreSQL implementation of {@link OperatorRepository} (tables `operator_sessions`, `operator_audit`). */
import type { Pool } from 'pg';
import type { AuditRecord, OperatorRepository, OperatorSessionRecord } from './operator.repository.js';
import { toAudit, toOperatorSession, type AuditRow, type OperatorSessionRow } from './operator-rows.js';

/** $1 id hash, $2 now, $3 new idle expiry: moves a live session's expiry, deletes an idle one, in one statement. */
const TOUCH = `
  WITH live AS (
    UPDATE operator_sessions SET idle_expires_at = $3 WHERE id_hash = $1 AND idle_expires_at > $2 RETURNING *
  ), gone AS (
    DELETE FROM operator_sessions WHERE id_hash = $1 AND idle_expires_at <= $2
  )
  SELECT * FROM live`;

export class PostgresOperatorRepository implements OperatorRepository {
  constructor(private readonly pool: Pool) {}

  async insertSession(s: OperatorSessionRecord): Promise<void> {
    await this.pool.query({
      name: 'operator_session_insert',
      text: 'INSERT INTO operator_sessions (id_hash, operator, csrf_token, created_at, idle_expires_at) VALUES ($1, $2, $3, $4, $5)',
      values: [s.idHash, s.operator, s.csrfToken, s.createdAt, s.idleExpiresAt],
    });
  }

  async touchSession(idHash: string, now: number, idleExpiresAt: number): Promise<OperatorSessionRecord | undefined> {
    const r = await this.pool.query<OperatorSessionRow>({ name: 'operator_session_touch', text: TOUCH, values: [idHash, now, idleExpiresAt] });
    return r.rows[0] && toOperatorSession(r.rows[0]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query({ name: 'operator_session_delete', text: 'DELETE FROM operator_sessions WHERE id_hash = $1', values: [idHash] });
  }

  async purgeSessions(now: number): Promise<number> {
    const r = await this.pool.query({ name: 'operator_session_purge', text: 'DELETE FROM operator_sessions WHERE idle_expires_at <= $1', values: [now] });
    return r.rowCount ?? 0;
  }

  async insertAudit(e: AuditRecord): Promise<void> {
    await this.pool.query({
      name: 'operator_audit_insert',
      text: 'INSERT INTO operator_audit (id, at, operator, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      values: [e.id, e.at, e.operator, e.action, e.target ?? null, e.outcome, e.detail ?? null],
    });
  }

  async listAudit(q: { pageSize: number; before?: { at: string; id: string } }): Promise<AuditRecord[]> {
    const r = q.before
      ? await this.pool.query<AuditRow>({
          name: 'operator_audit_before',
          text: 'SELECT * FROM operator_audit WHERE at < $1 OR (at = $1 AND id < $2) ORDER BY at DESC, id DESC LIMIT $3',
          values: [q.before.at, q.before.id, q.pageSize],
        })
      : await this.pool.query<AuditRow>({ name: 'operator_audit_list', text: 'SELECT * FROM operator_audit ORDER BY at DESC, id DESC LIMIT $1', values: [q.pageSize] });
    return r.rows.map(toAudit);
  }
}
