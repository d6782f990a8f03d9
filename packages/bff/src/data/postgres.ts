/**
 * Opens the PostgreSQL pool (client `pg`): size and statement timeout from the storage settings, BIGINT
 * (epoch-ms columns, counts) read as numbers, then the migrations (postgres-migrate.ts, advisory lock).
 */
import pg from 'pg';
import { migratePostgres } from './postgres-migrate.js';
import { migrations, type Migration } from './migrations.js';

export type { Pool } from 'pg';

export interface OpenPostgresOptions {
  /** Most connections of this instance (pg's pool `max`). */
  poolSize: number;
  /** Per-statement limit in ms (PostgreSQL's statement_timeout); 0 = none. */
  statementTimeoutMs: number;
  /** Extra migrations applied after the schema's own (ids must be unique), e.g. a test's. */
  migrations?: Migration[];
  /** An idle connection's error (the server restarted, the network dropped it): the pool replaces it. */
  onIdleError?: (err: Error) => void;
}

/** How long a query waits for a free connection, or a new connection for the server, before it fails. */
const CONNECT_TIMEOUT_MS = 10_000;
const INT8_OID = 20;

// Per pool, not pg's global parsers: epoch ms fits a double exactly; nothing here needs 64-bit precision.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgres(url: string, opts: OpenPostgresOptions): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'whatsapp-signup-bff',
    ...(opts.statementTimeoutMs > 0 ? { statement_timeout: opts.statementTimeoutMs } : {}),
    types,
  });
  pool.on('error', (err) => opts.onIdleError?.(err));
  try {
    await migratePostgres(pool, [...migrations(), ...(opts.migrations ?? [])]);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  return pool;
}
