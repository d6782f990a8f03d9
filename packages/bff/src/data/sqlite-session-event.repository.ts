/** SQLite implementation of {@link SessionEventRepository} (table `session_events`, see migrations.ts). */
import type { Database } from 'better-sqlite3';
import type { SessionEvent, SessionEventRepository } from './session-event.repository.js';
import { toSessionEvent, type SessionEventRow } from './rows.js';

export class SqliteSessionEventRepository implements SessionEventRepository {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      insert: db.prepare(
        `INSERT INTO session_events (session_id, milestone, at, current_step, error_code) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id, milestone) DO NOTHING`,
      ),
      ofSession: db.prepare('SELECT * FROM session_events WHERE session_id = ? ORDER BY at, milestone'),
    };
  }

  async record(e: SessionEvent): Promise<boolean> {
    return this.#s.insert.run(e.sessionId, e.milestone, e.at, e.currentStep ?? null, e.errorCode ?? null).changes === 1;
  }

  async listOfSession(sessionId: string): Promise<SessionEvent[]> {
    return (this.#s.ofSession.all(sessionId) as SessionEventRow[]).map(toSessionEvent);
  }
}
