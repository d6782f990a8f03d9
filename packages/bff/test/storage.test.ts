import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SecretBox } from '../src/crypto/secret-box.js';
import { openDatabase } from '../src/data/database.js';
import { registerMigration } from '../src/data/migrations.js';
import { SqliteOnboardingRepository } from '../src/data/sqlite-onboarding.repository.js';
import type { JobRecord } from '../src/domain/job.types.js';
import { STEP_NAMES, type Session } from '../src/domain/onboarding.types.js';

const dir = mkdtempSync(join(tmpdir(), 'bff-storage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fixture(id: string, createdAt: string): { session: Session; job: JobRecord } {
  const session: Session = {
    id,
    customer: { reference: 'r', displayName: 'D' },
    regions: { allowed: ['EU'] },
    kind: 'widget',
    createdAt,
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
  const job: JobRecord = {
    onboarding: {
      id,
      state: 'warming_up',
      customer: session.customer,
      phoneNumbers: [],
      steps: STEP_NAMES.map((name) => ({ name, status: 'pending', attempts: 0 })),
      createdAt,
      updatedAt: createdAt,
    },
    internal: { intents: {}, sealedBearerTokens: {}, pendingNumbers: [], expiresAt: session.expiresAt },
    version: 0,
  };
  return { session, job };
}

describe('openDatabase', () => {
  test('When a database is opened, then it is in WAL mode with foreign keys and migrations applied once', () => {
    const path = join(dir, 'a', 'nested', 'bff.db');
    const db = openDatabase(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok(Number(db.pragma('busy_timeout', { simple: true })) >= 1000);
    db.close();
    const again = openDatabase(path);
    assert.deepEqual((again.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: string }>).map((r) => r.id), ['001_core']);
    again.close();
  });

  test('When another module registers a migration, then it is applied after the core ones', () => {
    registerMigration({ id: '900_test_table', up: 'CREATE TABLE IF NOT EXISTS test_only (x INTEGER)' });
    const db = openDatabase(join(dir, 'b.db'), { migrations: [{ id: '901_extra', up: (d) => d.exec('CREATE TABLE extra (y TEXT)') }] });
    const ids = (db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);
    assert.deepEqual(ids, ['001_core', '900_test_table', '901_extra']);
    assert.throws(() => registerMigration({ id: '900_test_table', up: 'SELECT 1' }), /already registered/);
    db.close();
  });
});

describe('SqliteOnboardingRepository', () => {
  test('When jobs are saved, then they round-trip, are found by sender and page in creation order', async () => {
    const repo = new SqliteOnboardingRepository(openDatabase(join(dir, 'c.db')));
    for (let i = 0; i < 5; i++) {
      const { session, job } = fixture(`ses_${i}`, `2026-01-0${i + 1}T00:00:00.000Z`);
      await repo.insertSession(session, job);
    }
    const j = (await repo.getJob('ses_2'))!;
    j.onboarding.phoneNumbers.push({ phoneNumberId: '1', senderId: 'snd-1' });
    j.onboarding.state = 'completed';
    await repo.saveJob(j, false);
    assert.equal((await repo.findJobBySenderId('snd-1'))?.onboarding.id, 'ses_2');
    assert.equal((await repo.getJob('ses_2'))?.version, 2);
    assert.equal((await repo.getSession('ses_2'))?.customer.displayName, 'D');
    const page1 = await repo.listJobs({ pageSize: 2 });
    assert.deepEqual(page1.map((x) => x.onboarding.id), ['ses_4', 'ses_3']);
    const last = page1[1]!.onboarding;
    const page2 = await repo.listJobs({ pageSize: 2, after: { createdAt: last.createdAt, id: last.id } });
    assert.deepEqual(page2.map((x) => x.onboarding.id), ['ses_2', 'ses_1']);
    assert.deepEqual((await repo.listJobs({ pageSize: 9, state: 'completed' })).map((x) => x.onboarding.id), ['ses_2']);
    assert.equal((await repo.listActiveJobs()).length, 4);
    assert.equal((await repo.listExpiredJobs('2031-01-01T00:00:00.000Z', ['warming_up'])).length, 4);
    await repo.close();
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));
  test('When a secret is sealed, then it opens only with the same key and associated data', () => {
    const sealed = box.seal('bearer-token-value', 'ses_1:snd');
    assert.ok(!sealed.includes('bearer-token-value'));
    assert.notEqual(box.seal('bearer-token-value', 'ses_1:snd'), sealed, 'random IV');
    assert.equal(box.open(sealed, 'ses_1:snd'), 'bearer-token-value');
    assert.throws(() => box.open(sealed, 'ses_2:snd'));
    assert.throws(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed, 'ses_1:snd'));
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'), 'ses_1:snd'));
  });
  test('When the key is hex or base64, then both are accepted; other lengths are refused', () => {
    assert.doesNotThrow(() => new SecretBox('ab'.repeat(32)));
    assert.doesNotThrow(() => new SecretBox(Buffer.alloc(32).toString('base64')));
    assert.throws(() => new SecretBox('abc'));
  });
});
