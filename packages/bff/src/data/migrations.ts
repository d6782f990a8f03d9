/**
 * Schema migrations, applied in list order, each once, in its own transaction (table `schema_migrations`).
 *
 * Other modules add theirs with {@link registerMigration} before `openDatabase()` runs, e.g. in the
 * HTTP layer: `registerMigration({id: '100_signup_links', up: 'CREATE TABLE IF NOT EXISTS signup_links (…)'})`.
 * Ids are unique and never change once shipped; append, never edit.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Unique, sortable id, e.g. `001_core`. */
  id: string;
  up: string | ((db: Database) => void);
}

const MIGRATIONS: Migration[] = [
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
];

/** Appends a migration (call before openDatabase). Duplicate ids throw. */
export function registerMigration(m: Migration): void {
  if (MIGRATIONS.some((x) => x.id === m.id)) {
    if (MIGRATIONS.find((x) => x.id === m.id) === m) return;
    throw new Error(`Migration ${m.id} is already registered`);
  }
  MIGRATIONS.push(m);
}

/** The registered migrations in order (a copy). */
export function migrations(): Migration[] {
  return [...MIGRATIONS];
}

/** Applies every migration not yet recorded in `schema_migrations`. */
export function migrate(db: Database, list: Migration[] = MIGRATIONS): string[] {
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
