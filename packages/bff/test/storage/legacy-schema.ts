/**
 * The schema as the release before migration 002 left it: `001_core` from the migration list, then the
 * three tables the link, nonce and outbox repositories created in their constructors (their DDL copied
 * verbatim from that release). Frozen on purpose: it stands for databases that already exist.
 */
import BetterSqlite3 from 'better-sqlite3';
import { migrate, migrations } from '../../src/data/migrations.js';

const CONSTRUCTOR_DDL = [
  `CREATE TABLE IF NOT EXISTS http_signup_links (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      revoked_at TEXT
    );
    CREATE INDEX IF NOT EXISTS http_signup_links_session ON http_signup_links(session_id);`,
  `CREATE TABLE IF NOT EXISTS http_webhook_nonces (
      nonce TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL
    );`,
  `CREATE TABLE IF NOT EXISTS http_notify_outbox (
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
    CREATE INDEX IF NOT EXISTS http_notify_outbox_job ON http_notify_outbox(onboarding_id, state);`,
];

/** Creates a database file the way the previous release did, and lets `fill` write rows into it. */
export function createLegacyDatabase(path: string, fill: (db: BetterSqlite3.Database) => void): void {
  const db = new BetterSqlite3(path);
  try {
    db.pragma('journal_mode = WAL');
    migrate(db, migrations().filter((m) => m.id === '001_core'));
    for (const ddl of CONSTRUCTOR_DDL) db.exec(ddl);
    fill(db);
  } finally {
    db.close();
  }
}
