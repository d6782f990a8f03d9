import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const PROD = {
  SINCH_PROJECT_ID: 'p',
  SINCH_KEY_ID: 'k',
  SINCH_KEY_SECRET: 's',
  SESSION_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

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
    const e = configError({ SESSION_SECRET: PROD.SESSION_SECRET, ENCRYPTION_KEY: PROD.ENCRYPTION_KEY });
    assert.deepEqual(e.variables, ['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET']);
    assert.match(e.message, /SINCH_PROJECT_ID: required; SINCH_KEY_ID: required; SINCH_KEY_SECRET: required/);
    assert.match(e.message, /SANDBOX=1/);
  });

  test('When SANDBOX=1, then missing credentials and secrets are accepted (secrets random per process)', () => {
    const a = loadConfig({ SANDBOX: '1' });
    const b = loadConfig({ SANDBOX: '1' });
    assert.equal(a.SANDBOX, true);
    assert.equal(a.SINCH_PROJECT_ID, undefined);
    assert.ok(a.SESSION_SECRET && a.SESSION_SECRET.length >= 32);
    assert.notEqual(a.ENCRYPTION_KEY, b.ENCRYPTION_KEY);
  });

  test('When values are malformed, then every bad variable is named', () => {
    const e = configError({ ...PROD, PORT: 'eighty', ENCRYPTION_KEY: 'short', SESSION_SECRET: 'tiny', SINCH_AUTH_URL: 'not a url', SINCH_AUTH_MODE: 'jwt' });
    assert.deepEqual(new Set(e.variables), new Set(['PORT', 'ENCRYPTION_KEY', 'SESSION_SECRET', 'SINCH_AUTH_URL', 'SINCH_AUTH_MODE']));
    for (const v of e.variables) assert.match(e.message, new RegExp(`${v}: `));
  });

  test('When the values are valid, then defaults apply, lists split, booleans parse, and the result is frozen', () => {
    const c = loadConfig({ ...PROD, UNRELATED_VAR: 'ignored', BFF_API_KEYS: 'a, b,,c', DELETE_EXPIRED_SUBPROJECTS: 'false', ENCRYPTION_KEY: 'ab'.repeat(32) });
    assert.equal(c.PORT, 8080);
    assert.equal(c.SINCH_AUTH_URL, 'https://auth.sinch.com/oauth2/token');
    assert.equal(c.SINCH_CONVERSATION_URL, 'https://{region}.conversation.api.sinch.com');
    assert.equal(c.SINCH_AUTH_MODE, 'oauth2');
    assert.equal(c.SINCH_TIMEOUT_MS, 10_000);
    assert.equal(c.META_GRAPH_VERSION, 'v25.0');
    assert.deepEqual(c.BFF_API_KEYS, ['a', 'b', 'c']);
    assert.deepEqual(c.WEBHOOK_TRIGGERS, ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND']);
    assert.equal(c.WEBHOOK_TARGET_TYPE, 'HTTP');
    assert.equal(c.DELETE_EXPIRED_SUBPROJECTS, false);
    assert.equal(c.SINCH_SEND_AUTH_CODE, true);
    assert.equal(c.SINCH_CLAIMED_IDENTITY, 'sender_id');
    assert.equal(c.SUBPROJECT_READY_TIMEOUT_MS, 120_000);
    assert.ok(Object.isFrozen(c));
    assert.equal('UNRELATED_VAR' in c, false);
  });

  test('When NOTIFY_URL is set without NOTIFY_SECRET, then NOTIFY_SECRET is named', () => {
    assert.deepEqual(configError({ ...PROD, NOTIFY_URL: 'https://asp.example.com/cb' }).variables, ['NOTIFY_SECRET']);
  });

  test('When a boolean is not a boolean, then the variable is named', () => {
    assert.deepEqual(configError({ ...PROD, SANDBOX: 'maybe' }).variables, ['SANDBOX']);
  });
});
