/**
 * PostgreSQL: the storage contract (test/storage/repository-contract.ts) on a real server (TEST_DATABASE_URL,
 * or one started by test/fixtures/postgres-server.ts), a fresh database per test; migrations when several
 * instances start at once; /readyz; one onboarding through the real engine on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import request from 'supertest';
import { composeBff } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import type { Migration } from '../src/data/migrations.js';
import { migrations } from '../src/data/migrations.js';
import { migratePostgres } from '../src/data/postgres-migrate.js';
import { openStorage } from '../src/data/storage.js';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor } from './fixtures/engine-harness.js';
import { postgresForTests } from './fixtures/postgres-server.js';
import { describeRepositoryContract } from './storage/repository-contract.js';

const server = postgresForTests();
const settings = (databaseUrl: string) => ({ engine: 'postgres', databaseUrl, poolSize: 4, statementTimeoutMs: 10_000 }) as const;

describeRepositoryContract('PostgreSQL', async () => {
  const opened = await openStorage(settings(await server.createDatabase()));
  return { ...opened.storage, close: () => opened.close() };
});

async function query<R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, values)).rows;
  } finally {
    await c.end();
  }
}

describe('PostgreSQL migrations', () => {
  test('When four instances start on a new database at the same moment, then each migration runs once and all of them start', async () => {
    const url = await server.createDatabase();
    // A slow extra migration widens the window in which two instances could both apply it.
    const counted: Migration = {
      id: '900_counted',
      sqlite: 'SELECT 1',
      postgres: async (c) => {
        await c.query('CREATE TABLE IF NOT EXISTS migration_runs (at TIMESTAMPTZ NOT NULL DEFAULT now())');
        await c.query('SELECT pg_sleep(0.3)');
        await c.query('INSERT INTO migration_runs DEFAULT VALUES');
      },
    };
    const list = [...migrations(), counted];
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 2 }));
    try {
      const results = await Promise.allSettled(pools.map((p) => migratePostgres(p, list)));
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      assert.deepEqual(failures, [], 'every instance starts');
      const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      assert.deepEqual(applied.sort(), list.map((m) => m.id).sort(), 'each migration is applied by exactly one instance');
      assert.deepEqual((await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM migration_runs'))[0]?.n, 1);
      assert.deepEqual((await query<{ id: string }>(url, 'SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id), list.map((m) => m.id).sort());
      assert.deepEqual(await migratePostgres(pools[0]!, list), [], 'a later start applies nothing');
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  test('When a migration fails, then it leaves nothing behind and the next start applies it', async () => {
    const url = await server.createDatabase();
    const broken: Migration = { id: '900_broken', sqlite: 'SELECT 1', postgres: 'CREATE TABLE half_done (x INT); SELECT no_such_function()' };
    await assert.rejects(openStorage(settings(url), { migrations: [broken] }), /no_such_function/);
    assert.deepEqual(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'"), []);
    assert.deepEqual((await query<{ id: string }>(url, 'SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id), migrations().map((m) => m.id));
    const fixed = await openStorage(settings(url), { migrations: [{ ...broken, postgres: 'CREATE TABLE half_done (x INT)' }] });
    await fixed.close();
    assert.equal((await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).length, 1);
  });

  test('When the database is opened, then the migrations alone have created the tables the SQLite schema has, with epoch-ms columns as 64-bit', async () => {
    const url = await server.createDatabase();
    const opened = await openStorage(settings(url));
    try {
      const tables = (await query<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.tablename);
      assert.deepEqual(tables, ['http_notify_attempts', 'http_notify_outbox', 'http_signup_links', 'http_webhook_nonces', 'onboarding_jobs', 'onboarding_senders', 'operator_audit', 'operator_sessions', 'schema_migrations', 'session_events', 'sessions']);
      // Epoch ms of today is past 2^31: an INTEGER column would reject it.
      const now = Date.parse('2026-12-01T00:00:00.000Z');
      await opened.storage.outbox.insert({ id: 'evt_now', onboardingId: 'ses_1', state: 'completed', body: '{}', nextAttemptAt: now, createdAt: '2026-12-01T00:00:00.000Z' });
      assert.equal(await opened.storage.outbox.nextDueAt(), now);
      assert.equal(await opened.storage.nonces.remember('n-now', now + 300_000, now), true);
    } finally {
      await opened.close();
    }
  });
});

describe('PostgreSQL pool settings', () => {
  test('When a statement runs past DATABASE_STATEMENT_TIMEOUT_MS, then it is cancelled; the pool opens at most DATABASE_POOL_SIZE connections', async () => {
    const url = await server.createDatabase();
    const opened = await openStorage({ ...settings(url), poolSize: 2, statementTimeoutMs: 200 });
    try {
      const pool = opened.pool!;
      await assert.rejects(pool.query('SELECT pg_sleep(5)'), /statement timeout/);
      await Promise.all(Array.from({ length: 6 }, () => pool.query('SELECT pg_sleep(0.05)')));
      const rows = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'whatsapp-signup-bff' AND datname = current_database()");
      assert.ok(rows[0]!.n <= 2, `at most 2 connections, saw ${rows[0]!.n}`);
      assert.equal(pool.totalCount, 2, 'six queries at once shared the two connections');
    } finally {
      await opened.close();
    }
  });
});

describe('PostgreSQL in the composed BFF', () => {
  test('When the database answers, then /readyz is 200; when it is gone, 503 naming the database, and the process keeps running', async () => {
    const url = await server.createDatabase();
    const bff = await composeBff(loadConfig({ SANDBOX: '1', DATABASE_URL: url, LOG_LEVEL: 'silent' }));
    try {
      assert.equal(bff.storage.engine, 'postgres');
      const ok = await request(bff.app).get('/readyz').expect(200);
      assert.deepEqual(ok.body.checks, { database: 'ok', sinch: 'ok' });
      // Drop the database under the running pool: its idle connections are terminated (an 'error' on each).
      const name = new URL(url).pathname.slice(1);
      await query(server.server.url, `DROP DATABASE "${name}" WITH (FORCE)`);
      const down = await request(bff.app).get('/readyz').expect(503);
      assert.deepEqual(down.body, { status: 'unavailable', checks: { database: 'failed', sinch: 'ok' } });
    } finally {
      await bff.close();
    }
  });

  test('When an onboarding runs on PostgreSQL, then it completes with one of each resource and survives a restart', async () => {
    const url = await server.createDatabase();
    const h = await startHarness({ env: { DATABASE_URL: url } });
    try {
      assert.equal(h.bundle.storage.engine, 'postgres');
      const { session } = await h.engine.createSession(sessionInput());
      await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
      await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
      const done = await waitFor(h.engine, session.id, isTerminal);
      assert.equal(done.state, 'completed', JSON.stringify(done.error));
      assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
      await h.restart();
      assert.equal((await h.engine.getOnboarding(session.id))?.state, 'completed', 'read back by a new composition from the database');
      const stored = await query<{ state: string }>(url, 'SELECT state FROM onboarding_jobs WHERE id = $1', [session.id]);
      assert.deepEqual(stored, [{ state: 'completed' }]);
    } finally {
      await h.close();
    }
  });
});

