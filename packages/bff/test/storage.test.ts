import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SecretBox } from '../src/crypto/secret-box.js';
import { openDatabase, type Database } from '../src/data/database.js';
import { migrations } from '../src/data/migrations.js';
import { sqliteStorage } from '../src/data/storage.js';
import { createLegacyDatabase } from './storage/legacy-schema.js';
import { sessionFixture } from './storage/repository-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'bff-storage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const appliedIds = (db: Database) =>
  (db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);

/** Tables and indexes with their DDL, whitespace-normalised (SQLite stores the text as written, minus IF NOT EXISTS). */
const schemaOf = (db: Database) =>
  (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{
    type: string;
    name: string;
    sql: string | null;
  }>).map((r) => ({ ...r, sql: r.sql?.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')') }));

describe('openDatabase', () => {
  test('When a database is opened, then it is in WAL mode with foreign keys and migrations applied once', () => {
    const path = join(dir, 'a', 'nested', 'bff.db');
    const db = openDatabase(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok(Number(db.pragma('busy_timeout', { simple: true })) >= 1000);
    db.close();
    const again = openDatabase(path);
    assert.deepEqual(appliedIds(again), migrations().map((m) => m.id));
    again.close();
  });

  test('When a database is opened, then the migrations alone have created every table the repositories use', () => {
    const db = openDatabase(join(dir, 'tables.db'));
    const tables = () => schemaOf(db).filter((r) => r.type === 'table').map((r) => r.name);
    const before = tables();
    assert.deepEqual(before, [
      'http_notify_attempts',
      'http_notify_outbox',
      'http_signup_links',
      'http_webhook_nonces',
      'onboarding_jobs',
      'onboarding_senders',
      'operator_audit',
      'operator_sessions',
      'schema_migrations',
      'session_events',
      'sessions',
    ]);
    sqliteStorage(db);
    assert.deepEqual(tables(), before, 'building the repositories changes no schema');
    db.close();
  });

  test('When extra migrations are passed, then they run after the schema’s own, and a repeated id is refused', () => {
    const extra = [
      { id: '900_test_table', sqlite: 'CREATE TABLE test_only (x INTEGER)', postgres: 'CREATE TABLE test_only (x INTEGER)' },
      { id: '901_extra', sqlite: (d: Database) => void d.exec('CREATE TABLE extra (y TEXT)'), postgres: 'CREATE TABLE extra (y TEXT)' },
    ];
    const db = openDatabase(join(dir, 'b.db'), { migrations: extra });
    assert.deepEqual(appliedIds(db), [...migrations().map((m) => m.id), '900_test_table', '901_extra']);
    db.close();
    assert.throws(() => openDatabase(join(dir, 'b2.db'), { migrations: [{ id: '001_core', sqlite: 'SELECT 1', postgres: 'SELECT 1' }] }), /001_core is listed twice/);
    const plain = openDatabase(join(dir, 'b3.db'));
    assert.deepEqual(appliedIds(plain), migrations().map((m) => m.id), 'another database does not see the extra migrations');
    plain.close();
  });

  test('When a database made by the previous release is opened, then it migrates cleanly and keeps its rows', async () => {
    // The previous release: 001_core, then tables created by the repositories' constructors.
    const path = join(dir, 'legacy.db');
    const { session, job } = sessionFixture('ses_legacy');
    createLegacyDatabase(path, (db) => {
      db.prepare('INSERT INTO sessions (id, kind, created_at, expires_at, session_json) VALUES (?, ?, ?, ?, ?)').run(
        session.id, session.kind, session.createdAt, session.expiresAt, JSON.stringify(session),
      );
      db.prepare(
        `INSERT INTO onboarding_jobs (id, state, active, created_at, updated_at, expires_at, version, onboarding_json, internal_json)
         VALUES (?, ?, 1, ?, ?, ?, 1, ?, ?)`,
      ).run(session.id, job.onboarding.state, session.createdAt, session.createdAt, session.expiresAt, JSON.stringify(job.onboarding), JSON.stringify(job.internal));
      db.prepare('INSERT INTO http_signup_links (id, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
        'lnk_legacy', session.id, session.createdAt, session.expiresAt,
      );
      db.prepare('INSERT INTO http_webhook_nonces (nonce, expires_at) VALUES (?, ?)').run('nonce-legacy', 9_000);
      db.prepare('INSERT INTO http_notify_outbox (id, onboarding_id, state, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        'evt_legacy', session.id, 'completed', '{}', 100, session.createdAt,
      );
    });

    const db = openDatabase(path);
    assert.deepEqual(appliedIds(db), migrations().map((m) => m.id));
    const fresh = openDatabase(join(dir, 'fresh.db'));
    assert.deepEqual(schemaOf(db), schemaOf(fresh), 'the migrated schema is the one a new database gets');
    fresh.close();

    const s = sqliteStorage(db);
    assert.deepEqual(await s.onboarding.getSession('ses_legacy'), session);
    assert.equal((await s.onboarding.getJob('ses_legacy'))?.version, 1);
    assert.equal((await s.links.unusedLinkOf('ses_legacy'))?.id, 'lnk_legacy');
    assert.equal(await s.nonces.remember('nonce-legacy', 9_000, 1_000), false, 'a nonce seen before the upgrade is still a replay');
    assert.deepEqual((await s.outbox.due(100)).map((e) => e.id), ['evt_legacy']);
    const next = sessionFixture('ses_after');
    await s.onboarding.insertSession(next.session, next.job, { id: 'lnk_after', sessionId: 'ses_after', createdAt: next.session.createdAt, expiresAt: next.session.expiresAt });
    assert.equal((await s.links.get('lnk_after'))?.sessionId, 'ses_after');
    db.close();
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
