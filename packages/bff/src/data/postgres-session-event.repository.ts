/** PostgreSQL implementation of {@link SessionEventRepository} (table `session_events`, see migrations.ts). */
import type { Pool } from 'pg';
import type { SessionEvent, SessionEventRepository } from './session-event.repository.js';
import { toSessionEvent, type SessionEventRow } from './rows.js';

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
}
