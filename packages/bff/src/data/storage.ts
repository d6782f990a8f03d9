/**
 * The storage boundary: every repository the BFF uses, behind async interfaces, in two implementations that
 * pass the same contract tests (test/storage/repository-contract.ts): `sqliteStorage(db)` (embedded, one
 * process per file) and `postgresStorage(pool)` (several instances on one database). `openStorage(settings)`
 * opens the engine the configuration names, migrated, and is what the composition root calls.
 *
 * Why two small hand-written implementations and not one over a query builder (Kysely): the SQLite side is
 * the hot path. better-sqlite3 runs prepared statements synchronously, so a save is one call that cannot
 * interleave with another job's; Kysely's SQLite dialect prepares every statement anew and queues every
 * query through an async mutex. The PostgreSQL side needs what a builder only passes through as raw SQL
 * (data-modifying CTEs for one-round-trip saves, advisory locks, SKIP LOCKED claims, LISTEN/NOTIFY). The
 * repositories are a few dozen lines of SQL each; the shared migration list and contract suite keep them equal.
 */
import type { Database } from 'better-sqlite3';
import { postgresCluster, type ClusterStorage } from './cluster.js';
import type { Pool } from 'pg';
import { openDatabase } from './database.js';
import type { LinkRepository } from './link.repository.js';
import type { Migration } from './migrations.js';
import type { OnboardingRepository } from './onboarding.repository.js';
import type { OutboxRepository } from './outbox.repository.js';
import type { OperatorRepository } from './operator.repository.js';
import { SqliteOperatorRepository } from './sqlite-operator.repository.js';
import { PostgresOperatorRepository } from './postgres-operator.repository.js';
import { PostgresLinkRepository } from './postgres-link.repository.js';
import { PostgresOnboardingRepository } from './postgres-onboarding.repository.js';
import { PostgresOutboxRepository } from './postgres-outbox.repository.js';
import { PostgresSessionEventRepository } from './postgres-session-event.repository.js';
import { PostgresWebhookNonceRepository } from './postgres-webhook-nonce.repository.js';
import type { WebhookNonceRepository } from './webhook-nonce.repository.js';
import { SqliteLinkRepository } from './sqlite-link.repository.js';
import { SqliteOnboardingRepository } from './sqlite-onboarding.repository.js';
import { SqliteOutboxRepository } from './sqlite-outbox.repository.js';
import { SqliteSessionEventRepository } from './sqlite-session-event.repository.js';
import type { SessionEventRepository } from './session-event.repository.js';
import { SqliteWebhookNonceRepository } from './sqlite-webhook-nonce.repository.js';

export interface Storage {
  /** Which engine is underneath (several instances may share only `postgres`). */
  engine: 'sqlite' | 'postgres';
  onboarding: OnboardingRepository;
  links: LinkRepository;
  nonces: WebhookNonceRepository;
  outbox: OutboxRepository;
  /** The signup funnel's milestones per session. */
  sessionEvents: SessionEventRepository;
  /** The operator console's sessions and audit log. */
  operators: OperatorRepository;
  /** Resolves when the database answers (the /readyz check); rejects otherwise. */
  ping(): Promise<void>;
  /** Leases, outbox claims and change feed, when several instances may share the database (PostgreSQL). */
  cluster?: ClusterStorage;
}

/** The SQLite repositories over one opened (and migrated) database; closing the database stays the opener's job. */
export function sqliteStorage(db: Database): Storage {
  return {
    engine: 'sqlite',
    onboarding: new SqliteOnboardingRepository(db),
    links: new SqliteLinkRepository(db),
    nonces: new SqliteWebhookNonceRepository(db),
    outbox: new SqliteOutboxRepository(db),
    sessionEvents: new SqliteSessionEventRepository(db),
    operators: new SqliteOperatorRepository(db),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
  };
}

/** The PostgreSQL repositories over one opened (and migrated) pool; ending the pool stays the opener's job. */
export function postgresStorage(pool: Pool): Storage {
  return {
    engine: 'postgres',
    onboarding: new PostgresOnboardingRepository(pool),
    links: new PostgresLinkRepository(pool),
    nonces: new PostgresWebhookNonceRepository(pool),
    outbox: new PostgresOutboxRepository(pool),
    sessionEvents: new PostgresSessionEventRepository(pool),
    operators: new PostgresOperatorRepository(pool),
    ping: async () => {
      await pool.query('SELECT 1');
    },
  };
}

/** Which database, as the configuration's storage section says (DATABASE_URL selects PostgreSQL). */
export type StorageSettings =
  | Readonly<{ engine: 'sqlite'; databasePath: string }>
  | Readonly<{ engine: 'postgres'; databaseUrl: string; poolSize: number; statementTimeoutMs: number }>;

/** Where the data lives, for a log line or a banner: the SQLite path, or PostgreSQL's host and database (never the password). */
export function storageLabel(settings: StorageSettings): string {
  if (settings.engine === 'sqlite') return settings.databasePath;
  const u = new URL(settings.databaseUrl);
  return `PostgreSQL ${u.host}${u.pathname}`;
}

export interface OpenStorageOptions {
  /** Extra migrations after the schema's own (tests). */
  migrations?: Migration[];
  /** An idle PostgreSQL connection failed (the pool replaces it); for the log. */
  onIdleError?: (err: Error) => void;
  /** The change feed's connection failed (it reconnects, polling meanwhile); for the log. */
  onFeedError?: (err: Error) => void;
}

/** An opened, migrated database with its repositories. `db` is there for SQLite, `pool` for PostgreSQL. */
export interface OpenedStorage {
  storage: Storage;
  db?: Database;
  pool?: Pool;
  /** Closes the database or ends the pool (idempotent). */
  close(): Promise<void>;
}

export async function openStorage(settings: StorageSettings, o: OpenStorageOptions = {}): Promise<OpenedStorage> {
  if (settings.engine === 'postgres') {
    // Loaded only here: in SQLite mode the process never loads `pg` (test/built-server.test.ts).
    const { openPostgres } = await import('./postgres.js');
    const pool = await openPostgres(settings.databaseUrl, {
      poolSize: settings.poolSize,
      statementTimeoutMs: settings.statementTimeoutMs,
      ...(o.migrations ? { migrations: o.migrations } : {}),
      ...(o.onIdleError ? { onIdleError: o.onIdleError } : {}),
    });
    let ended: Promise<void> | undefined;
    const storage: Storage = { ...postgresStorage(pool), cluster: postgresCluster(pool, settings.databaseUrl, o.onFeedError) };
    return { storage, pool, close: () => (ended ??= pool.end()) };
  }
  const db = openDatabase(settings.databasePath, o.migrations ? { migrations: o.migrations } : {});
  return {
    storage: sqliteStorage(db),
    db,
    close: async () => {
      if (db.open) db.close();
    },
  };
}
