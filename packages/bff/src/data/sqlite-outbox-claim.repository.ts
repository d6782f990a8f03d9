/** SQLite implementation of {@link OutboxClaimRepository} (columns `claimed_by`, `claimed_until` of `http_notify_outbox`). */
import type { Database } from 'better-sqlite3';
import type { OutboxClaimRepository } from './outbox-claim.repository.js';
import type { OutboxEvent } from './outbox.repository.js';
import { toEvent, type OutboxRow } from './rows.js';

export class SqliteOutboxClaimRepository implements OutboxClaimRepository {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      claim: db.prepare(`
        UPDATE http_notify_outbox SET claimed_by = ?, claimed_until = ?
          WHERE id IN (SELECT id FROM http_notify_outbox
            WHERE delivered_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
            ORDER BY next_attempt_at LIMIT ?)
          RETURNING *`),
      release: db.prepare('UPDATE http_notify_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?'),
    };
  }

  async claimDue(owner: string, now: number, until: number, limit: number): Promise<OutboxEvent[]> {
    const rows = this.#s.claim.all(owner, until, now, now, limit) as OutboxRow[];
    return rows.map(toEvent).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  }

  async release(id: string, owner: string): Promise<void> {
    this.#s.release.run(id, owner);
  }
}
