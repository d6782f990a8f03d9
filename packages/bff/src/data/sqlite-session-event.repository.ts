/** SQLite implementation of {@link SessionEventRepository} (table `session_events`, see migrations.ts). */
import type { Database } from 'better-sqlite3';
import type { FunnelFacts, SessionEvent, SessionEventRepository } from './session-event.repository.js';
import { toFunnelFacts, toSessionEvent, type FunnelRow, type SessionEventRow } from './rows.js';

export class SqliteSessionEventRepository implements SessionEventRepository {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      insert: db.prepare(
        `INSERT INTO session_events (session_id, milestone, at, current_step, error_code) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id, milestone) DO NOTHING`,
      ),
      ofSession: db.prepare('SELECT * FROM session_events WHERE session_id = ? ORDER BY at, milestone'),
      // A job's created_at is its session's (onboarding_jobs_list indexes it).
      funnelSessions: db.prepare(`
        SELECT j.id, j.created_at, s.expires_at, j.state, j.updated_at,
          json_extract(j.onboarding_json, '$.error.code') AS error_code,
          json_extract(j.internal_json, '$.signup.receivedAt') AS signup_at,
          json_extract(j.onboarding_json, '$.phoneNumbers[0].senderId') AS sender_id,
          json_extract(j.onboarding_json, '$.abandonment') AS abandonment
        FROM onboarding_jobs j JOIN sessions s ON s.id = j.id
        WHERE j.created_at >= ? AND j.created_at < ? ORDER BY j.created_at, j.id`),
      funnelEvents: db.prepare(`
        SELECT e.* FROM session_events e JOIN onboarding_jobs j ON j.id = e.session_id
        WHERE j.created_at >= ? AND j.created_at < ? ORDER BY e.at, e.milestone`),
    };
  }

  async record(e: SessionEvent): Promise<boolean> {
    return this.#s.insert.run(e.sessionId, e.milestone, e.at, e.currentStep ?? null, e.errorCode ?? null).changes === 1;
  }

  async listOfSession(sessionId: string): Promise<SessionEvent[]> {
    return (this.#s.ofSession.all(sessionId) as SessionEventRow[]).map(toSessionEvent);
  }

  async funnelFacts(fromIso: string, toIso: string): Promise<FunnelFacts[]> {
    // Both reads run synchronously, back to back on the one connection: no write comes between them.
    const sessions = this.#s.funnelSessions.all(fromIso, toIso) as FunnelRow[];
    return toFunnelFacts(sessions, this.#s.funnelEvents.all(fromIso, toIso) as SessionEventRow[]);
  }
}
