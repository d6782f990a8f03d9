import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { PROD_ENV } from './fixtures/production-env.js';

const PROD = PROD_ENV;

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  test('When Sinch credentials are missing outside sandbox mode, then the error names each missing variable', () => {
    const e = configError({ SESSION_SECRET: PROD.SESSION_SECRET, ENCRYPTION_KEY: PROD.ENCRYPTION_KEY, PUBLIC_URL: PROD.PUBLIC_URL });
    assert.deepEqual(e.variables, ['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET']);
    assert.match(e.message, /SINCH_PROJECT_ID: required; SINCH_KEY_ID: required; SINCH_KEY_SECRET: required/);
    assert.match(e.message, /SANDBOX=1/);
  });

  test('When SANDBOX=1, then missing credentials and secrets are accepted (secrets random per process)', () => {
    const a = loadConfig({ SANDBOX: '1' });
    const b = loadConfig({ SANDBOX: '1' });
    assert.equal(a.sandbox, true);
    assert.equal(a.sinch.credentials, undefined);
    assert.ok(a.http.sessionSecret.length >= 32);
    assert.notEqual(a.http.sessionSecret, b.http.sessionSecret);
    assert.notEqual(a.crypto.encryptionKey, b.crypto.encryptionKey);
  });

  test('When values are malformed, then every bad variable is named', () => {
    const e = configError({ ...PROD, PORT: 'eighty', ENCRYPTION_KEY: 'short', SESSION_SECRET: 'tiny', SINCH_AUTH_URL: 'not a url', SINCH_AUTH_MODE: 'jwt' });
    assert.deepEqual(new Set(e.variables), new Set(['PORT', 'ENCRYPTION_KEY', 'SESSION_SECRET', 'SINCH_AUTH_URL', 'SINCH_AUTH_MODE']));
    for (const v of e.variables) assert.match(e.message, new RegExp(`${v}: `));
  });

  test('When the values are valid, then defaults apply, lists split, booleans parse, and the result is frozen', () => {
    const c = loadConfig({ ...PROD, UNRELATED_VAR: 'ignored', BFF_API_KEYS: 'a, b,,c', DELETE_EXPIRED_SUBPROJECTS: 'false', ENCRYPTION_KEY: 'ab'.repeat(32) });
    assert.equal(c.http.port, 8080);
    assert.equal(c.sinch.urls.auth, 'https://auth.sinch.com/oauth2/token');
    assert.equal(c.sinch.urls.conversation, 'https://{region}.conversation.api.sinch.com');
    assert.equal(c.sinch.authMode, 'oauth2');
    assert.equal(c.sinch.timeoutMs, 10_000);
    assert.equal(c.engine.sinchRequestTimeoutMs, 10_000);
    assert.deepEqual(c.sinch.credentials, { projectId: 'p', keyId: 'k', keySecret: 's' });
    assert.equal(c.http.meta.graphVersion, 'v25.0');
    assert.deepEqual(c.http.apiKeys, ['a', 'b', 'c']);
    assert.deepEqual(c.engine.webhook.triggers, ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND']);
    assert.equal(c.engine.webhook.targetType, 'HTTP');
    assert.equal(c.engine.deleteExpiredSubprojects, false);
    assert.equal(c.engine.unconfirmed.sendAuthCode, true);
    assert.equal(c.engine.unconfirmed.claimedIdentity, 'sender_id');
    assert.equal(c.engine.subprojectReadyTimeoutMs, 120_000);
    assert.deepEqual(c.storage, { engine: 'sqlite', databasePath: './.data/bff.db' });
    assert.equal(c.log.level, 'info');
    assert.equal(c.notify, undefined);
    assert.ok(Object.isFrozen(c));
    for (const section of [c.http, c.http.meta, c.sinch, c.sinch.urls, c.engine, c.engine.webhook, c.engine.unconfirmed, c.storage]) assert.ok(Object.isFrozen(section));
    assert.equal(JSON.stringify(c).includes('UNRELATED_VAR'), false);
  });

  test('When NOTIFY_URL is set without NOTIFY_SECRET, then NOTIFY_SECRET is named', () => {
    assert.deepEqual(configError({ ...PROD, NOTIFY_URL: 'https://asp.example.com/cb' }).variables, ['NOTIFY_SECRET']);
    assert.deepEqual(loadConfig({ ...PROD, NOTIFY_URL: 'https://asp.example.com/cb', NOTIFY_SECRET: 'n' }).notify, { url: 'https://asp.example.com/cb', secret: 'n' });
  });

  test('When SESSION_SECRET is missing outside sandbox mode, then the parse names it (ConfigError, not a later plain Error)', () => {
    const { SESSION_SECRET: _, ...rest } = PROD;
    const e = configError(rest);
    assert.deepEqual(e.variables, ['SESSION_SECRET']);
    assert.match(e.message, /SESSION_SECRET: required/);
    assert.doesNotMatch(e.message, /SANDBOX=1/);
  });

  test('When PUBLIC_URL is missing outside sandbox mode, then the parse names it (the Host header would otherwise decide the links)', () => {
    const { PUBLIC_URL: _, ...rest } = PROD;
    const e = configError(rest);
    assert.deepEqual(e.variables, ['PUBLIC_URL']);
    assert.match(e.message, /PUBLIC_URL: required/);
    assert.equal(loadConfig({ SANDBOX: '1' }).http.publicUrl, undefined);
  });

  test('When HOST is unset, then sandbox mode listens on 127.0.0.1 and production on 0.0.0.0; a set HOST wins, a malformed one is named', () => {
    assert.equal(loadConfig({ SANDBOX: '1' }).http.host, '127.0.0.1');
    assert.equal(loadConfig(PROD).http.host, '0.0.0.0');
    assert.equal(loadConfig({ SANDBOX: '1', HOST: '0.0.0.0' }).http.host, '0.0.0.0');
    assert.equal(loadConfig({ ...PROD, HOST: '::1' }).http.host, '::1');
    assert.equal(loadConfig({ ...PROD, HOST: 'localhost' }).http.host, 'localhost');
    for (const bad of ['http://0.0.0.0', '127.0.0.1:8080', 'two words']) {
      const e = configError({ ...PROD, HOST: bad });
      assert.deepEqual(e.variables, ['HOST'], bad);
      assert.match(e.message, /HOST: expected an IP address or a host name/);
    }
  });

  test('When sandbox mode is given only part of a Sinch key, then the missing parts are named', () => {
    assert.deepEqual(configError({ SANDBOX: '1', SINCH_KEY_ID: 'k' }).variables, ['SINCH_PROJECT_ID', 'SINCH_KEY_SECRET']);
  });

  test('When values are set, then each lands in its section (the engine and HTTP settings)', () => {
    const c = loadConfig({
      ...PROD,
      PUBLIC_URL: 'https://bff.example',
      SINCH_SOLUTION_ID: 'sol',
      WEBHOOK_TARGET: 'https://asp.example/hook',
      SINCH_CLAIMED_IDENTITY: 'phone_number_id',
      ACTIVATION_TIMEOUT_MS: '5000',
      META_APP_ID: '1',
      META_CONFIG_ID: '2',
      PROVISIONING_WEBHOOK_SECRET: 'whsec',
      TRUST_PROXY: '2',
      LOG_LEVEL: 'warn',
      DATABASE_PATH: '/tmp/x.db',
    });
    assert.equal(c.http.publicUrl, 'https://bff.example');
    assert.deepEqual(c.http.meta, { appId: '1', configId: '2', graphVersion: 'v25.0', solutionId: 'sol' });
    assert.equal(c.http.provisioningWebhookSecret, 'whsec');
    assert.equal(c.http.trustProxy, 2);
    assert.equal(c.http.sessionSecret, PROD.SESSION_SECRET);
    assert.equal(c.crypto.encryptionKey, PROD.ENCRYPTION_KEY);
    assert.equal(c.engine.solutionId, 'sol');
    assert.equal(c.engine.webhook.target, 'https://asp.example/hook');
    assert.equal(c.engine.unconfirmed.claimedIdentity, 'phone_number_id');
    assert.equal(c.engine.activationTimeoutMs, 5000);
    assert.equal(c.log.level, 'warn');
    assert.deepEqual(c.storage, { engine: 'sqlite', databasePath: '/tmp/x.db' });
  });

  test('When DATABASE_URL names a PostgreSQL database, then it is the storage, with pool size and statement timeout; otherwise the SQLite file', () => {
    const url = 'postgres://bff:pw@db.internal:5432/bff';
    assert.deepEqual(loadConfig({ ...PROD, DATABASE_URL: url, DATABASE_PATH: '/tmp/ignored.db' }).storage, {
      engine: 'postgres',
      databaseUrl: url,
      poolSize: 10,
      statementTimeoutMs: 10_000,
    });
    const tuned = loadConfig({ ...PROD, DATABASE_URL: 'postgresql://db/bff', DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT_MS: '0' }).storage;
    assert.deepEqual(tuned, { engine: 'postgres', databaseUrl: 'postgresql://db/bff', poolSize: 25, statementTimeoutMs: 0 });
    assert.deepEqual(loadConfig({ ...PROD, DATABASE_POOL_SIZE: '25' }).storage, { engine: 'sqlite', databasePath: './.data/bff.db' });
    const e = configError({ ...PROD, DATABASE_URL: 'mysql://db/bff', DATABASE_POOL_SIZE: '0', DATABASE_STATEMENT_TIMEOUT_MS: '-1' });
    assert.deepEqual(new Set(e.variables), new Set(['DATABASE_URL', 'DATABASE_POOL_SIZE', 'DATABASE_STATEMENT_TIMEOUT_MS']));
    assert.match(e.message, /DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  test('When a boolean is not a boolean, then the variable is named', () => {
    assert.deepEqual(configError({ ...PROD, SANDBOX: 'maybe' }).variables, ['SANDBOX']);
  });
});
