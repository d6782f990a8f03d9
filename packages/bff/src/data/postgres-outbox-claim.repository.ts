/**
 * PostgreSQL implementation of {@link OutboxClaimRepository}: `FOR UPDATE SKIP LOCKED` picks due rows no other
 * instance is claiming at this moment, and the same statement marks them claimed.
 */
import type { Pool } from 'pg';
import type { OutboxClaimRepository } from './outbox-claim.repository.js';
import type { OutboxEvent } from './outbox.repository.js';
import { toEvent, type OutboxRow } from './rows.js';

const CLAIM = `
  UPDATE http_notify_outbox SET claimed_by = $1, claimed_until = $2
    WHERE id IN (SELECT id FROM http_notify_outbox
      WHERE delivered_at IS NULL AND next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until < $3)
      ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING id, onboarding_id, state, body, attempts, next_attempt_at, delivered_at, last_status, last_error, created_at`;

export class PostgresOutboxClaimRepository implements OutboxClaimRepository {
  constructor(private readonly pool: Pool) {}

  async claimDue(owner: string, now: number, until: number, limit: number): Promise<OutboxEvent[]> {
    const { rows } = await this.pool.query<OutboxRow>({ name: 'outbox_claim', text: CLAIM, values: [owner, until, now, limit] });
    return rows.map(toEvent).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  }

  async release(id: string, owner: string): Promise<void> {
    await this.pool.query({
      name: 'outbox_release',
      text: 'UPDATE http_notify_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2',
      values: [id, owner],
    });
  }
}
