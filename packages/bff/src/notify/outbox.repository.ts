/** Durable outbox of ASP callbacks (NOTIFY_URL): one row per terminal-state event until delivered. */
import type BetterSqlite3 from 'better-sqlite3';

export interface OutboxEvent {
  id: string;
  onboardingId: string;
  state: string;
  /** The exact JSON body sent (signed with a fresh timestamp on each attempt). */
  body: string;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt?: string;
  lastStatus?: number;
  lastError?: string;
  createdAt: string;
}

interface Row {
  id: string;
  onboarding_id: string;
  state: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  delivered_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
}

const toEvent = (r: Row): OutboxEvent => ({
  id: r.id,
  onboardingId: r.onboarding_id,
  state: r.state,
  body: r.body,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
  ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
  ...(r.last_error !== null ? { lastError: r.last_error } : {}),
});

export class OutboxRepository {
  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS http_notify_outbox (
      id TEXT PRIMARY KEY,
      onboarding_id TEXT NOT NULL,
      state TEXT NOT NULL,
      body TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      delivered_at TEXT,
      last_status INTEGER,
      last_error TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS http_notify_outbox_due ON http_notify_outbox(next_attempt_at) WHERE delivered_at IS NULL;
    CREATE INDEX IF NOT EXISTS http_notify_outbox_job ON http_notify_outbox(onboarding_id, state);`);
  }

  /** Inserts the event unless its id exists; true when inserted. */
  insert(e: Pick<OutboxEvent, 'id' | 'onboardingId' | 'state' | 'body' | 'nextAttemptAt' | 'createdAt'>): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO http_notify_outbox (id, onboarding_id, state, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(e.id, e.onboardingId, e.state, e.body, e.nextAttemptAt, e.createdAt).changes === 1
    );
  }

  hasEventFor(onboardingId: string, state: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM http_notify_outbox WHERE onboarding_id = ? AND state = ? LIMIT 1').get(onboardingId, state) !==
      undefined
    );
  }

  due(now: number, limit = 20): OutboxEvent[] {
    return (
      this.db
        .prepare('SELECT * FROM http_notify_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?')
        .all(now, limit) as Row[]
    ).map(toEvent);
  }

  /** Earliest pending attempt time, or undefined when nothing is pending. */
  nextDueAt(): number | undefined {
    const r = this.db.prepare('SELECT MIN(next_attempt_at) AS t FROM http_notify_outbox WHERE delivered_at IS NULL').get() as
      | { t: number | null }
      | undefined;
    return r?.t ?? undefined;
  }

  markDelivered(id: string, status: number, at: string): void {
    this.db
      .prepare('UPDATE http_notify_outbox SET delivered_at = ?, last_status = ?, last_error = NULL, attempts = attempts + 1 WHERE id = ?')
      .run(at, status, id);
  }

  markFailed(id: string, nextAttemptAt: number, status: number | undefined, error: string): void {
    this.db
      .prepare('UPDATE http_notify_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ?')
      .run(nextAttemptAt, status ?? null, error.slice(0, 500), id);
  }

  get(id: string): OutboxEvent | undefined {
    const r = this.db.prepare('SELECT * FROM http_notify_outbox WHERE id = ?').get(id) as Row | undefined;
    return r && toEvent(r);
  }

  all(): OutboxEvent[] {
    return (this.db.prepare('SELECT * FROM http_notify_outbox ORDER BY created_at').all() as Row[]).map(toEvent);
  }
}
