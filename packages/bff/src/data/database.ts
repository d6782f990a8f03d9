/**
 * Opens the embedded SQLite database: one process per file (an exclusive lock, held until close or exit),
 * WAL, busy_timeout, foreign keys, then the migrations.
 *
 * The lock: `locking_mode = EXCLUSIVE` set before the first access, then `BEGIN EXCLUSIVE`. From then on this
 * connection holds the file's write lock (and WAL's index lives in its memory, not in a -shm file) until it
 * closes. A second BFF on the same file, in another process or this one, would run the same jobs twice; it is
 * refused at open with {@link DatabaseInUseError}. The operating system drops the lock when a process dies, so a
 * crashed or SIGKILLed BFF never leaves a stale lock for its successor.
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
  /** How long to wait for the file's lock at open before refusing (default 1 s: a tool's short read may hold it). */
  lockTimeoutMs?: number;
}

/** Another process (or connection) has the SQLite file open: SQLite mode runs one BFF per file. */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
  constructor(readonly path: string) {
    super(
      `The SQLite database ${path} is in use by another process: SQLite mode runs one BFF process per database file. ` +
        'Stop the other process or give this one its own file; to run several instances, use PostgreSQL (README, "Several instances").',
    );
  }
}

const isBusy = (e: unknown) => e instanceof Error && 'code' in e && /^SQLITE_BUSY|^SQLITE_LOCKED/.test(String((e as { code: unknown }).code));

export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma(`busy_timeout = ${opts.lockTimeoutMs ?? 1000}`);
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.pragma('journal_mode = WAL');
      // Takes the write lock now (not at the first write) and, in exclusive locking mode, keeps it.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (e) {
      throw isBusy(e) ? new DatabaseInUseError(path) : e;
    }
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    db.pragma('foreign_keys = ON');
    // NORMAL is durable against a process crash (SIGKILL) in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db, [...migrations(), ...(opts.migrations ?? [])]);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
