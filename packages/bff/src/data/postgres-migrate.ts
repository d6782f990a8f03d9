/**
 * PostgreSQL migrations (the list in migrations.ts) under a session-level advisory lock: when several
 * instances start at the same moment, one applies what is missing while the others wait on the lock, then
 * find everything recorded and apply nothing. Each migration runs in its own transaction (PostgreSQL DDL is
 * transactional), recorded in `schema_migrations`. The lock dies with its connection, so an instance killed
 * mid-migration leaves neither a half-applied migration nor a held lock.
 */
import type { Pool, PoolClient } from 'pg';
import { checkMigrationIds, migrations, type Migration } from './migrations.js';

/** The advisory lock key of the schema migrations (any constant no other lock of this database uses). */
export const MIGRATION_LOCK_KEY = 0x6266_665f_6d69; // "bff_mi"

async function inTransaction(c: PoolClient, fn: () => Promise<void>): Promise<void> {
  await c.query('BEGIN');
  try {
    await fn();
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Applies every migration of `list` not yet recorded; returns the ids this call applied. */
export async function migratePostgres(pool: Pool, list: readonly Migration[] = migrations()): Promise<string[]> {
  checkMigrationIds(list);
  const c = await pool.connect();
  try {
    // Waiting for another instance's migrations (or running a long one) is not a statement to time out.
    await c.query('SET statement_timeout = 0');
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT COLLATE "C" PRIMARY KEY, applied_at TEXT NOT NULL)');
      const done = new Set((await c.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      const applied: string[] = [];
      for (const m of list) {
        if (done.has(m.id)) continue;
        await inTransaction(c, async () => {
          if (typeof m.postgres === 'string') await c.query(m.postgres);
          else await m.postgres(c);
          await c.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, new Date().toISOString()]);
        });
        applied.push(m.id);
      }
      return applied;
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    // The session setting (and, after an error, whatever state the connection is in) goes with the client.
    c.release(true);
  }
}
