/** SQLite implementation of {@link OutboxRepository} (table `http_notify_outbox`, see migrations.ts). */
import type { Database } from 'better-sqlite3';
import type { DeliveryAttempt, NewOutboxEvent, OutboxEvent, OutboxRepository } from './outbox.repository.js';
import { groupAttempts, toEvent, type AttemptRow, type OutboxRow } from './rows.js';

export class SqliteOutboxRepository implements OutboxRepository {
  readonly #s;
  readonly #db: Database;
  readonly #attempted: (update: () => number, id: string, at: string, status: number | undefined, error: string | undefined) => void;

  constructor(db: Database) {
    this.#db = db;
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
      logAttempt: db.prepare('INSERT INTO http_notify_attempts (event_id, at, status, error) VALUES (?, ?, ?, ?)'),
      requeue: db.prepare(
        'UPDATE http_notify_outbox SET delivered_at = NULL, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?',
      ),
      forOnboarding: db.prepare('SELECT * FROM http_notify_outbox WHERE onboarding_id = ? ORDER BY created_at, id'),
      failing: db.prepare('SELECT * FROM http_notify_outbox WHERE delivered_at IS NULL AND attempts > 0 ORDER BY created_at, id LIMIT ?'),
      recent: db.prepare('SELECT * FROM http_notify_outbox ORDER BY created_at DESC, id DESC LIMIT ?'),
    };
    // The outbox row's update and its attempt's row in one transaction (an attempt of an unknown id logs nothing).
    this.#attempted = db.transaction((update: () => number, id: string, at: string, status: number | undefined, error: string | undefined) => {
      if (update() === 1) this.#s.logAttempt.run(id, at, status ?? null, error ?? null);
    });
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
    this.#attempted(() => this.#s.markDelivered.run(at, status, id).changes, id, at, status, undefined);
  }

  async markFailed(id: string, nextAttemptAt: number, status: number | undefined, error: string, at = new Date().toISOString()): Promise<void> {
    const kept = error.slice(0, 500);
    this.#attempted(() => this.#s.markFailed.run(nextAttemptAt, status ?? null, kept, id).changes, id, at, status, kept);
  }

  async requeue(id: string, now: number): Promise<boolean> {
    return this.#s.requeue.run(now, id).changes === 1;
  }

  async forOnboarding(onboardingId: string): Promise<OutboxEvent[]> {
    return (this.#s.forOnboarding.all(onboardingId) as OutboxRow[]).map(toEvent);
  }

  async failing(limit: number): Promise<OutboxEvent[]> {
    return (this.#s.failing.all(limit) as OutboxRow[]).map(toEvent);
  }

  async recent(limit: number): Promise<OutboxEvent[]> {
    return (this.#s.recent.all(limit) as OutboxRow[]).map(toEvent);
  }

  async attemptsOf(ids: readonly string[]): Promise<Map<string, DeliveryAttempt[]>> {
    if (ids.length === 0) return new Map();
    const rows = this.#db
      .prepare(`SELECT event_id, at, status, error FROM http_notify_attempts WHERE event_id IN (${ids.map(() => '?').join(',')}) ORDER BY seq`)
      .all(...ids) as AttemptRow[];
    return groupAttempts(rows);
  }

  async get(id: string): Promise<OutboxEvent | undefined> {
    const r = this.#s.get.get(id) as OutboxRow | undefined;
    return r && toEvent(r);
  }

  async all(): Promise<OutboxEvent[]> {
    return (this.#s.all.all() as OutboxRow[]).map(toEvent);
  }
}
