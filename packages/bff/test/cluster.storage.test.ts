/**
 * What several instances share, on both engines: the lease and claim contract (test/storage/cluster-contract.ts)
 * on SQLite and on a real PostgreSQL server; and PostgreSQL's change feed (LISTEN/NOTIFY), which tells an
 * instance of every job saved and every link revoked by another, and falls back to polling while its connection
 * is down.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import type { ChangeHandlers } from '../src/data/change-feed.js';
import { sqliteCluster } from '../src/data/cluster.js';
import { PostgresChangeFeed } from '../src/data/postgres-change-feed.js';
import { openStorage } from '../src/data/storage.js';
import { until } from './fixtures/bff-instances.js';
import { postgresForTests } from './fixtures/postgres-server.js';
import { describeClusterContract } from './storage/cluster-contract.js';
import { sessionFixture } from './storage/repository-contract.js';

const server = postgresForTests();
const pgSettings = (databaseUrl: string) => ({ engine: 'postgres', databaseUrl, poolSize: 4, statementTimeoutMs: 10_000 }) as const;

describeClusterContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bff-cluster-'));
  const opened = await openStorage({ engine: 'sqlite', databasePath: join(dir, 'bff.db') });
  return {
    storage: opened.storage,
    cluster: sqliteCluster(opened.db!),
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeClusterContract('PostgreSQL', async () => {
  const opened = await openStorage(pgSettings(await server.createDatabase()));
  assert.ok(opened.storage.cluster, 'PostgreSQL storage comes with its cluster part');
  return { storage: opened.storage, cluster: opened.storage.cluster, close: () => opened.close() };
});

/** A handler that records what the feed told it. */
function recorder() {
  const seen = { jobs: [] as Array<[string, number, string | undefined]>, revoked: [] as string[], resyncs: 0 };
  const h: ChangeHandlers = {
    job: (id, version, onboarding) => void seen.jobs.push([id, version, onboarding?.state]),
    revoked: (id) => void seen.revoked.push(id),
    resync: () => void seen.resyncs++,
  };
  return { seen, h };
}

describe('PostgreSQL change feed (LISTEN/NOTIFY)', () => {
  test('When a job is saved, its lease changes hands or a link is revoked, then a listener hears it in order with the version and the onboarding; a renewal says nothing', async () => {
    const url = await server.createDatabase();
    const opened = await openStorage(pgSettings(url));
    const feed = new PostgresChangeFeed({ connectionString: url });
    const { seen, h } = recorder();
    try {
      await feed.start(h);
      const { session, job } = sessionFixture('ses_feed');
      await opened.storage.onboarding.insertSession(session, job, { id: 'lnk_1', sessionId: 'ses_feed', createdAt: session.createdAt, expiresAt: session.expiresAt });
      await opened.storage.onboarding.saveJob(job, true);
      const leases = opened.storage.cluster!.leases;
      await leases.claim('ses_feed', 'A', 1, 100);
      await leases.renew('A', 200);
      await leases.release('ses_feed', 'A');
      await opened.storage.links.revoke('lnk_1', '2026-01-01T00:00:00.000Z');
      await until(() => seen.revoked.length > 0, () => `the revocation (heard so far: ${JSON.stringify(seen)})`);
      // Each with the onboarding as saved (a listener shows it without reading it back).
      assert.deepEqual(seen.jobs, [
        ['ses_feed', 1, 'warming_up'],
        ['ses_feed', 2, 'warming_up'],
        ['ses_feed', 3, 'warming_up'], // the claim bumps the version
        ['ses_feed', 3, 'warming_up'], // the release: the lease is free (a waiting instance may claim it)
      ]);
      assert.deepEqual(seen.revoked, ['ses_feed']);
      assert.equal(seen.resyncs, 0);
    } finally {
      await feed.close();
      await opened.close();
    }
  });

  test('When the feed loses its connection, then it asks for polling until it listens again, then once more, and hears changes again', async () => {
    const url = await server.createDatabase();
    const opened = await openStorage(pgSettings(url));
    const feed = new PostgresChangeFeed({ connectionString: url, pollMs: 20 });
    const jobs: string[] = [];
    const resyncs: boolean[] = []; // whether the feed listened at each resync
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await feed.start({ job: (id) => void jobs.push(id), revoked: () => undefined, resync: () => void resyncs.push(feed.listening) });
      assert.ok(feed.listening);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'whatsapp-signup-bff-changes'");
      await until(() => resyncs.filter((l) => !l).length >= 3, () => `resyncs while the connection is down (${resyncs.length})`);
      await until(() => resyncs.includes(true), () => 'the resync once it listens again');
      assert.ok(feed.listening);
      const { session, job } = sessionFixture('ses_back');
      await opened.storage.onboarding.insertSession(session, job);
      await until(() => jobs.includes('ses_back'), () => 'the change made after the reconnect');
      assert.equal(resyncs.filter((l) => l).length, 1, 'one resync after the reconnect, then none');
    } finally {
      await admin.end();
      await feed.close();
      await opened.close();
    }
  });
});
