/**
 * Opens the embedded SQLite database: WAL, busy_timeout, foreign keys, then the migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate, migrations, type Migration } from './migrations.js';

export type { Database } from 'better-sqlite3';
export type { Migration } from './migrations.js';

export interface OpenDatabaseOptions {
  /** Extra migrations applied after the schema's own (ids must be unique), e.g. a test's. */
  migrations?: Migration[];
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  db.pragma('foreign_keys = ON');
  // NORMAL is durable against a process crash (SIGKILL) in WAL mode; only an OS crash can lose the last commit.
  db.pragma('synchronous = NORMAL');
  migrate(db, [...migrations(), ...(opts.migrations ?? [])]);
  return db;
}
