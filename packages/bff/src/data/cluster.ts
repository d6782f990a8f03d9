/**
 * What several instances on one database share beyond the repositories: job leases, outbox claims and the
 * change feed. PostgreSQL's storage provides it; SQLite serves one process, which owns every job, every
 * callback and every change, so its storage has none (sqliteCluster exists for the lease contract tests).
 */
import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import type { ChangeFeed } from './change-feed.js';
import type { JobLeaseRepository } from './job-lease.repository.js';
import type { OutboxClaimRepository } from './outbox-claim.repository.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';
import { PostgresJobLeaseRepository } from './postgres-job-lease.repository.js';
import { PostgresOutboxClaimRepository } from './postgres-outbox-claim.repository.js';
import { SqliteJobLeaseRepository } from './sqlite-job-lease.repository.js';
import { SqliteOutboxClaimRepository } from './sqlite-outbox-claim.repository.js';

export interface ClusterStorage {
  leases: JobLeaseRepository;
  outboxClaims: OutboxClaimRepository;
  changes: ChangeFeed;
}

/** Leases and claims over a SQLite database, with a feed that hears nothing (tests of the lease contract). */
export function sqliteCluster(db: Database): ClusterStorage {
  return {
    leases: new SqliteJobLeaseRepository(db),
    outboxClaims: new SqliteOutboxClaimRepository(db),
    changes: { start: async () => undefined, close: async () => undefined },
  };
}

/** Leases and claims over the pool, and the change feed on a connection of its own to `connectionString`. */
export function postgresCluster(pool: Pool, connectionString: string, onFeedError?: (err: Error) => void): ClusterStorage {
  return {
    leases: new PostgresJobLeaseRepository(pool),
    outboxClaims: new PostgresOutboxClaimRepository(pool),
    changes: new PostgresChangeFeed({ connectionString, ...(onFeedError ? { onError: onFeedError } : {}) }),
  };
}
