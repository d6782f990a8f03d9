/** PostgreSQL implementation of {@link SessionEventRepository} (table `session_events`, see migrations.ts). */
import type { Pool } from 'pg';
import type { FunnelFacts, SessionEvent, SessionEventRepository } from './session-event.repository.js';
import { toFunnelFacts, toSessionEvent, type FunnelRow, type SessionEventRow } from './rows.js';

/** A job's created_at is its session's (onboarding_jobs_list indexes it). $1 from, $2 to. */
const FUNNEL_SESSIONS = `
  SELECT j.id, j.created_at, s.expires_at, j.state, j.updated_at,
    x.o #>> '{error,code}' AS error_code,
    x.i #>> '{signup,receivedAt}' AS signup_at,
    x.o #>> '{phoneNumbers,0,senderId}' AS sender_id,
    (x.o -> 'abandonment')::text AS abandonment
  FROM onboarding_jobs j JOIN sessions s ON s.id = j.id
  CROSS JOIN LATERAL (SELECT j.onboarding_json::json AS o, j.internal_json::json AS i) x
  WHERE j.created_at >= $1 AND j.created_at < $2 ORDER BY j.created_at, j.id`;
const FUNNEL_EVENTS = `
  SELECT e.* FROM session_events e JOIN onboarding_jobs j ON j.id = e.session_id
  WHERE j.created_at >= $1 AND j.created_at < $2 ORDER BY e.at, e.milestone`;

export class PostgresSessionEventRepository implements SessionEventRepository {
  constructor(private readonly pool: Pool) {}

  async record(e: SessionEvent): Promise<boolean> {
    const r = await this.pool.query({
      name: 'session_event_insert',
      text: `INSERT INTO session_events (session_id, milestone, at, current_step, error_code) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (session_id, milestone) DO NOTHING`,
      values: [e.sessionId, e.milestone, e.at, e.currentStep ?? null, e.errorCode ?? null],
    });
    return r.rowCount === 1;
  }

  async listOfSession(sessionId: string): Promise<SessionEvent[]> {
    const r = await this.pool.query<SessionEventRow>({
      name: 'session_events_of_session',
      text: 'SELECT * FROM session_events WHERE session_id = $1 ORDER BY at, milestone',
      values: [sessionId],
    });
    return r.rows.map(toSessionEvent);
  }

  async funnelFacts(fromIso: string, toIso: string): Promise<FunnelFacts[]> {
    // One REPEATABLE READ snapshot, so the milestones belong to the same sessions.
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const sessions = await c.query<FunnelRow>(FUNNEL_SESSIONS, [fromIso, toIso]);
      const events = await c.query<SessionEventRow>(FUNNEL_EVENTS, [fromIso, toIso]);
      await c.query('COMMIT');
      return toFunnelFacts(sessions.rows, events.rows);
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
}
