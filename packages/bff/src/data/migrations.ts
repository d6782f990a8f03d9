/**
 * Schema migrations: the one list that creates every table, for both engines. Each migration has an id and
 * its SQL for SQLite and for PostgreSQL (the same tables, columns and indexes; PostgreSQL spells epoch-ms
 * columns BIGINT and compares ids and ISO timestamps bytewise with COLLATE "C", as SQLite does). Applied in list
 * order, each once, in its own transaction, recorded in `schema_migrations`. Ids are unique and never change
 * once shipped; append, never edit. SQLite: {@link migrate} (database.ts); PostgreSQL: postgres-migrate.ts
 * (under an advisory lock, so instances starting together run each migration once).
 */
import type { Database } from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { CHANGE_FEED_TRIGGERS } from './postgres-change-feed.js';

export interface Migration {
  /** Unique, sortable id, e.g. `001_core`. */
  id: string;
  /** SQLite: SQL (several statements allowed) or a function of the connection, inside the migration's transaction. */
  sqlite: string | ((db: Database) => void);
  /** PostgreSQL: SQL (several statements allowed) or a function of the client, inside the migration's transaction. */
  postgres: string | ((client: PoolClient) => Promise<void>);
}

const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    id: '001_core',
    sqlite: `
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
    postgres: `
      CREATE TABLE sessions (
        id TEXT COLLATE "C" PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL,
        session_json TEXT NOT NULL
      );
      CREATE TABLE onboarding_jobs (
        id TEXT COLLATE "C" PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        state TEXT COLLATE "C" NOT NULL,
        active INTEGER NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL,
        version INTEGER NOT NULL,
        onboarding_json TEXT NOT NULL,
        internal_json TEXT NOT NULL
      );
      CREATE INDEX onboarding_jobs_active ON onboarding_jobs(active) WHERE active = 1;
      CREATE INDEX onboarding_jobs_list ON onboarding_jobs(created_at DESC, id DESC);
      CREATE INDEX onboarding_jobs_state ON onboarding_jobs(state, created_at DESC);
      CREATE TABLE onboarding_senders (
        sender_id TEXT COLLATE "C" PRIMARY KEY,
        job_id TEXT COLLATE "C" NOT NULL REFERENCES onboarding_jobs(id) ON DELETE CASCADE
      );
    `,
  },
  {
    // Until this migration, the link, nonce and outbox repositories created these tables in their
    // constructors. `IF NOT EXISTS` (and the unchanged DDL) lets those databases adopt the migration as is.
    id: '002_links_nonces_outbox',
    sqlite: `
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
    postgres: `
      CREATE TABLE http_signup_links (
        id TEXT COLLATE "C" PRIMARY KEY,
        session_id TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL,
        used_at TEXT COLLATE "C",
        revoked_at TEXT COLLATE "C"
      );
      CREATE INDEX http_signup_links_session ON http_signup_links(session_id);
      CREATE TABLE http_webhook_nonces (
        nonce TEXT COLLATE "C" PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE TABLE http_notify_outbox (
        id TEXT COLLATE "C" PRIMARY KEY,
        onboarding_id TEXT COLLATE "C" NOT NULL,
        state TEXT COLLATE "C" NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        delivered_at TEXT COLLATE "C",
        last_status INTEGER,
        last_error TEXT,
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX http_notify_outbox_due ON http_notify_outbox(next_attempt_at) WHERE delivered_at IS NULL;
      CREATE INDEX http_notify_outbox_job ON http_notify_outbox(onboarding_id, state);
    `,
  },
  {
    // Several instances on one database (domain/job-leases.ts, notify/, data/postgres-change-feed.ts): who runs a
    // job and until when (epoch ms), who delivers a callback until when, and PostgreSQL's triggers of the change feed.
    id: '003_leases',
    sqlite: `
      ALTER TABLE onboarding_jobs ADD COLUMN lease_owner TEXT;
      ALTER TABLE onboarding_jobs ADD COLUMN lease_until INTEGER;
      ALTER TABLE http_notify_outbox ADD COLUMN claimed_by TEXT;
      ALTER TABLE http_notify_outbox ADD COLUMN claimed_until INTEGER;
    `,
    postgres: `
      ALTER TABLE onboarding_jobs ADD COLUMN lease_owner TEXT COLLATE "C", ADD COLUMN lease_until BIGINT;
      CREATE INDEX onboarding_jobs_lease ON onboarding_jobs(lease_owner) WHERE lease_owner IS NOT NULL;
      ALTER TABLE http_notify_outbox ADD COLUMN claimed_by TEXT COLLATE "C", ADD COLUMN claimed_until BIGINT;
      ${CHANGE_FEED_TRIGGERS}
    `,
  },
  {
    // The signup funnel (POST /v1/session/events): the first report of each milestone per session.
    id: '004_session_events',
    sqlite: `
      CREATE TABLE session_events (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        milestone TEXT NOT NULL,
        at TEXT NOT NULL,
        current_step TEXT,
        error_code TEXT,
        PRIMARY KEY (session_id, milestone)
      );
    `,
    postgres: `
      CREATE TABLE session_events (
        session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        milestone TEXT COLLATE "C" NOT NULL,
        at TEXT COLLATE "C" NOT NULL,
        current_step TEXT,
        error_code TEXT,
        PRIMARY KEY (session_id, milestone)
      );
    `,
  },
  {
    // The operator console (src/console/): its sessions (the cookie's SHA-256 only, so instances share them), the
    // audit log of every sign-in and action, and every delivery attempt of an ASP callback (the outbox keeps the last).
    id: '005_operator_console',
    sqlite: `
      CREATE TABLE operator_sessions (
        id_hash TEXT PRIMARY KEY,
        operator TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        idle_expires_at INTEGER NOT NULL
      );
      CREATE INDEX operator_sessions_idle ON operator_sessions(idle_expires_at);
      CREATE TABLE operator_audit (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX operator_audit_list ON operator_audit(at DESC, id DESC);
      CREATE TABLE http_notify_attempts (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        at TEXT NOT NULL,
        status INTEGER,
        error TEXT
      );
      CREATE INDEX http_notify_attempts_event ON http_notify_attempts(event_id, seq);
    `,
    postgres: `
      CREATE TABLE operator_sessions (
        id_hash TEXT COLLATE "C" PRIMARY KEY,
        operator TEXT NOT NULL,
        csrf_token TEXT COLLATE "C" NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        idle_expires_at BIGINT NOT NULL
      );
      CREATE INDEX operator_sessions_idle ON operator_sessions(idle_expires_at);
      CREATE TABLE operator_audit (
        id TEXT COLLATE "C" PRIMARY KEY,
        at TEXT COLLATE "C" NOT NULL,
        operator TEXT NOT NULL,
        action TEXT COLLATE "C" NOT NULL,
        target TEXT,
        outcome TEXT COLLATE "C" NOT NULL,
        detail TEXT
      );
      CREATE INDEX operator_audit_list ON operator_audit(at DESC, id DESC);
      CREATE TABLE http_notify_attempts (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id TEXT COLLATE "C" NOT NULL,
        at TEXT COLLATE "C" NOT NULL,
        status INTEGER,
        error TEXT
      );
      CREATE INDEX http_notify_attempts_event ON http_notify_attempts(event_id, seq);
    `,
  },
  {
    // GET /v1/signup-links pages links newest first (data/link-list.ts): without it every page sorts the whole table.
    // (006 is kept for the hosted page's options, which went into the session's JSON instead.)
    id: '007_signup_links_list',
    sqlite: 'CREATE INDEX http_signup_links_list ON http_signup_links(created_at DESC, id DESC);',
    postgres: 'CREATE INDEX http_signup_links_list ON http_signup_links(created_at DESC, id DESC);',
  },
]);

/** The schema's migrations in order. */
export function migrations(): readonly Migration[] {
  return MIGRATIONS;
}

/** Refuses a list with a repeated id (the schema's own plus a caller's extra ones). */
export function checkMigrationIds(list: readonly Migration[]): void {
  const ids = list.map((m) => m.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`Migration ${dup} is listed twice`);
}

/** SQLite: applies every migration of `list` not yet recorded in `schema_migrations`; returns the ids applied. */
export function migrate(db: Database, list: readonly Migration[] = MIGRATIONS): string[] {
  checkMigrationIds(list);
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: string }>).map((r) => r.id));
  const applied: string[] = [];
  for (const m of list) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      if (typeof m.sqlite === 'string') db.exec(m.sqlite);
      else m.sqlite(db);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    }).immediate();
    applied.push(m.id);
  }
  return applied;
}
