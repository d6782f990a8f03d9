/** PostgreSQL implementation of {@link OutboxRepository} (table `http_notify_outbox`, see migrations.ts). */
import type { Pool } from 'pg';
import type { DeliveryAttempt, NewOutboxEvent, OutboxEvent, OutboxRepository } from './outbox.repository.js';
import { groupAttempts, toEvent, type AttemptRow, type OutboxRow } from './rows.js';

/** Appends the attempt of the row an UPDATE … RETURNING id changed (none when the id is unknown). */
const LOG_ATTEMPT = (update: string, at: string, status: string, error: string) =>
  `WITH u AS (${update} RETURNING id) INSERT INTO http_notify_attempts (event_id, at, status, error) SELECT id, ${at}, ${status}, ${error} FROM u`;

export class PostgresOutboxRepository implements OutboxRepository {
  constructor(private readonly pool: Pool) {}

  async insert(e: NewOutboxEvent): Promise<boolean> {
    const r = await this.pool.query({
      name: 'outbox_insert',
      text: `INSERT INTO http_notify_outbox (id, onboarding_id, state, body, next_attempt_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      values: [e.id, e.onboardingId, e.state, e.body, e.nextAttemptAt, e.createdAt],
    });
    return r.rowCount === 1;
  }

  async hasEventFor(onboardingId: string, state: string): Promise<boolean> {
    const r = await this.pool.query({
      name: 'outbox_has_event_for',
      text: 'SELECT 1 FROM http_notify_outbox WHERE onboarding_id = $1 AND state = $2 LIMIT 1',
      values: [onboardingId, state],
    });
    return r.rows.length > 0;
  }

  async due(now: number, limit = 20): Promise<OutboxEvent[]> {
    const r = await this.pool.query<OutboxRow>({
      name: 'outbox_due',
      text: 'SELECT * FROM http_notify_outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2',
      values: [now, limit],
    });
    return r.rows.map(toEvent);
  }

  async nextDueAt(): Promise<number | undefined> {
    const r = await this.pool.query<{ t: number | null }>({
      name: 'outbox_next_due_at',
      text: 'SELECT MIN(next_attempt_at) AS t FROM http_notify_outbox WHERE delivered_at IS NULL',
    });
    return r.rows[0]?.t ?? undefined;
  }

  async markDelivered(id: string, status: number, at: string): Promise<void> {
    await this.pool.query({
      name: 'outbox_mark_delivered',
      text: LOG_ATTEMPT(
        'UPDATE http_notify_outbox SET delivered_at = $1, last_status = $2, last_error = NULL, attempts = attempts + 1 WHERE id = $3',
        '$1',
        '$2::int',
        'NULL',
      ),
      values: [at, status, id],
    });
  }

  async markFailed(id: string, nextAttemptAt: number, status: number | undefined, error: string, at = new Date().toISOString()): Promise<void> {
    await this.pool.query({
      name: 'outbox_mark_failed',
      text: LOG_ATTEMPT(
        'UPDATE http_notify_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_status = $2, last_error = $3 WHERE id = $4',
        '$5',
        '$2::int',
        '$3',
      ),
      values: [nextAttemptAt, status ?? null, error.slice(0, 500), id, at],
    });
  }

  async requeue(id: string, now: number): Promise<boolean> {
    const r = await this.pool.query({
      name: 'outbox_requeue',
      text: 'UPDATE http_notify_outbox SET delivered_at = NULL, next_attempt_at = $1, claimed_by = NULL, claimed_until = NULL WHERE id = $2',
      values: [now, id],
    });
    return r.rowCount === 1;
  }

  async forOnboarding(onboardingId: string): Promise<OutboxEvent[]> {
    const r = await this.pool.query<OutboxRow>({
      name: 'outbox_for_onboarding',
      text: 'SELECT * FROM http_notify_outbox WHERE onboarding_id = $1 ORDER BY created_at, id',
      values: [onboardingId],
    });
    return r.rows.map(toEvent);
  }

  async failing(limit: number): Promise<OutboxEvent[]> {
    const r = await this.pool.query<OutboxRow>({
      name: 'outbox_failing',
      text: 'SELECT * FROM http_notify_outbox WHERE delivered_at IS NULL AND attempts > 0 ORDER BY created_at, id LIMIT $1',
      values: [limit],
    });
    return r.rows.map(toEvent);
  }

  async recent(limit: number): Promise<OutboxEvent[]> {
    const r = await this.pool.query<OutboxRow>({
      name: 'outbox_recent',
      text: 'SELECT * FROM http_notify_outbox ORDER BY created_at DESC, id DESC LIMIT $1',
      values: [limit],
    });
    return r.rows.map(toEvent);
  }

  async attemptsOf(ids: readonly string[]): Promise<Map<string, DeliveryAttempt[]>> {
    if (ids.length === 0) return new Map();
    const r = await this.pool.query<AttemptRow>({
      name: 'outbox_attempts_of',
      text: 'SELECT event_id, at, status, error FROM http_notify_attempts WHERE event_id = ANY($1::text[]) ORDER BY seq',
      values: [[...ids]],
    });
    return groupAttempts(r.rows);
  }

  async get(id: string): Promise<OutboxEvent | undefined> {
    const r = await this.pool.query<OutboxRow>({ name: 'outbox_get', text: 'SELECT * FROM http_notify_outbox WHERE id = $1', values: [id] });
    return r.rows[0] && toEvent(r.rows[0]);
  }

  async all(): Promise<OutboxEvent[]> {
    return (await this.pool.query<OutboxRow>('SELECT * FROM http_notify_outbox ORDER BY created_at')).rows.map(toEvent);
  }
}
