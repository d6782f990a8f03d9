/** SQLite implementation of {@link OutboxRepository} (table `http_notify_outbox`, see migrations.ts). */
import type { Database } from 'better-sqlite3';
import type { NewOutboxEvent, OutboxEvent, OutboxRepository } from './outbox.repository.js';
import { toEvent, type OutboxRow } from './rows.js';

export class SqliteOutboxRepository implements OutboxRepository {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      insert: db.prepare(
        'INSERT OR IGNORE INTO http_notify_outbox (id, onboarding_id, state, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      hasEventFor: db.prepare('SELECT 1 FROM http_notify_outbox WHERE onboarding_id = ? AND state = ? LIMIT 1'),
      due: db.prepare('SELECT * FROM http_notify_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?'),
      nextDueAt: db.prepare('SELECT MIN(next_attempt_at) AS t FROM http_notify_outbox WHERE delivered_at IS NULL'),
      markDelivered: db.prepare(
        'UPDATE http_notify_outbox SET delivered_at = ?, last_status = ?, last_error = NULL, attempts = attempts + 1 WHERE id = ?',
      ),
      markFailed: db.prepare(
        'UPDATE http_notify_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ?',
      ),
      get: db.prepare('SELECT * FROM http_notify_outbox WHERE id = ?'),
      all: db.prepare('SELECT * FROM http_notify_outbox ORDER BY created_at'),
    };
  }

  async insert(e: NewOutboxEvent): Promise<boolean> {
    return this.#s.insert.run(e.id, e.onboardingId, e.state, e.body, e.nextAttemptAt, e.createdAt).changes === 1;
  }

  async hasEventFor(onboardingId: string, state: string): Promise<boolean> {
    return this.#s.hasEventFor.get(onboardingId, state) !== undefined;
  }

  async due(now: number, limit = 20): Promise<OutboxEvent[]> {
    return (this.#s.due.all(now, limit) as OutboxRow[]).map(toEvent);
  }

  async nextDueAt(): Promise<number | undefined> {
    return (this.#s.nextDueAt.get() as { t: number | null } | undefined)?.t ?? undefined;
  }

  async markDelivered(id: string, status: number, at: string): Promise<void> {
    this.#s.markDelivered.run(at, status, id);
  }

  async markFailed(id: string, nextAttemptAt: number, status: number | undefined, error: string): Promise<void> {
    this.#s.markFailed.run(nextAttemptAt, status ?? null, error.slice(0, 500), id);
  }

  async get(id: string): Promise<OutboxEvent | undefined> {
    const r = this.#s.get.get(id) as OutboxRow | undefined;
    return r && toEvent(r);
  }

  async all(): Promise<OutboxEvent[]> {
    return (this.#s.all.all() as OutboxRow[]).map(toEvent);
  }
}
