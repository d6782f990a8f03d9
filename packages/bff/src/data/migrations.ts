/**
 * Schema migrations: the one list that creates every table, applied in list order, each once, in its own
 * transaction (recorded in `schema_migrations`). Ids are unique and never change once shipped; append,
 * never edit. A second backend (PostgreSQL) keeps its own list with the same tables.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Unique, sortable id, e.g. `001_core`. */
  id: string;
  up: string | ((db: Database) => void);
}

const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    id: '001_core',
    up: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        session_json TEXT NOT NULL
      );
      CREATE TABLE onboarding_jobs (
        id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        active INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        onboarding_json TEXT NOT NULL,
        internal_json TEXT NOT NULL
      );
      CREATE INDEX onboarding_jobs_active ON onboarding_jobs(active) WHERE active = 1;
      CREATE INDEX onboarding_jobs_list ON onboarding_jobs(created_at DESC, id DESC);
      CREATE INDEX onboarding_jobs_state ON onboarding_jobs(state, created_at DESC);
      CREATE TABLE onboarding_senders (
        sender_id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES onboarding_jobs(id) ON DELETE CASCADE
      );
    `,
  },
  {
    // Until this migration, the link, nonce and outbox repositories created these tables in their
    // constructors. `IF NOT EXISTS` (and the unchanged DDL) lets those databases adopt the migration as is.
    id: '002_links_nonces_outbox',
    up: `
      CREATE TABLE IF NOT EXISTS http_signup_links (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX IF NOT EXISTS http_signup_links_session ON http_signup_links(session_id);
      CREATE TABLE IF NOT EXISTS http_webhook_nonces (
        nonce TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS http_notify_outbox (
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
      CREATE INDEX IF NOT EXISTS http_notify_outbox_job ON http_notify_outbox(onboarding_id, state);
    `,
  },
]);

/** The schema's migrations in order. */
export function migrations(): readonly Migration[] {
  return MIGRATIONS;
}

/** Applies every migration of `list` not yet recorded in `schema_migrations`; returns the ids applied. */
export function migrate(db: Database, list: readonly Migration[] = MIGRATIONS): string[] {
  const ids = list.map((m) => m.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`Migration ${dup} is listed twice`);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: string }>).map((r) => r.id));
  const applied: string[] = [];
  for (const m of list) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }).immediate();
    applied.push(m.id);
  }
  return applied;
}
