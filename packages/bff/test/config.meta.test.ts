/** The configuration's `meta` section (issue 9): Graph URL and version, the two secrets, META_ES_VERSION. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, DEFAULT_GRAPH_URL, loadConfig, metaSettings, sandboxEnv, withSinchSandbox } from '../src/config.js';
import { PROD_ENV } from './fixtures/production-env.js';

const PROD = PROD_ENV;
const SANDBOX = {
  urls: { auth: 'http://127.0.0.1:1/auth/oauth2/token', subproject: 'http://127.0.0.1:1/subproject', provisioning: 'http://127.0.0.1:1/provisioning', conversation: 'http://127.0.0.1:1/conversation/{region}', graph: 'http://127.0.0.1:1/graph' },
  credentials: { projectId: 'p', keyId: 'k', keySecret: 's' },
};

describe('loadConfig: the meta section', () => {
  test('When nothing is set, then Meta\'s Graph at the SDK\'s version, a 10 s timeout, no secrets and no ES version', () => {
    const c = loadConfig(PROD);
    assert.deepEqual(metaSettings(c), { graphUrl: DEFAULT_GRAPH_URL, graphVersion: 'v25.0', timeoutMs: 10_000 });
    assert.equal(DEFAULT_GRAPH_URL, 'https://graph.facebook.com');
    assert.equal('esVersion' in c.http.meta, false);
    assert.ok(Object.isFrozen(c.meta));
  });

  test('When every variable is set, then each lands in the meta section (and META_ES_VERSION in the session view\'s)', () => {
    const c = loadConfig({ ...PROD, META_APP_ID: '42', META_APP_SECRET: 'app-secret-123456', META_SYSTEM_USER_TOKEN: 'EAAG-system-token', META_GRAPH_URL: 'https://graph.example', META_GRAPH_VERSION: 'v26.0', META_GRAPH_TIMEOUT_MS: '2500', META_ES_VERSION: 'v4' });
    assert.deepEqual(metaSettings(c), { graphUrl: 'https://graph.example', graphVersion: 'v26.0', timeoutMs: 2500, appId: '42', appSecret: 'app-secret-123456', systemUserToken: 'EAAG-system-token' });
    assert.equal(c.http.meta.esVersion, 'v4');
    assert.equal(c.http.meta.graphVersion, 'v26.0', 'one version for the SDK and the BFF');
  });

  test('When META_APP_SECRET comes without META_APP_ID, or values are malformed, then the variables are named', () => {
    const missing = (() => {
      try {
        loadConfig({ ...PROD, META_APP_SECRET: 'app-secret-123456' });
      } catch (e) {
        return e;
      }
    })();
    assert.ok(missing instanceof ConfigError);
    assert.deepEqual(missing.variables, ['META_APP_ID']);
    assert.doesNotMatch(missing.message, /app-secret-123456/, 'the secret is never quoted');
    try {
      loadConfig({ ...PROD, META_ES_VERSION: 'v5', META_GRAPH_URL: 'graph.facebook.com', META_GRAPH_TIMEOUT_MS: '0' });
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(new Set(e.variables), new Set(['META_ES_VERSION', 'META_GRAPH_URL', 'META_GRAPH_TIMEOUT_MS']));
    }
  });

  test('When pointed at a sandbox, then its Graph is used unless META_GRAPH_URL names one; sandboxEnv carries it', () => {
    assert.equal(metaSettings(withSinchSandbox(loadConfig({ SANDBOX: '1' }), SANDBOX)).graphUrl, 'http://127.0.0.1:1/graph');
    assert.equal(metaSettings(withSinchSandbox(loadConfig({ SANDBOX: '1', META_GRAPH_URL: 'https://graph.example' }), SANDBOX)).graphUrl, 'https://graph.example');
    const env = sandboxEnv(SANDBOX);
    assert.equal(env.META_GRAPH_URL, 'http://127.0.0.1:1/graph');
    assert.equal(metaSettings(loadConfig(env)).graphUrl, 'http://127.0.0.1:1/graph');
    assert.equal('graph' in withSinchSandbox(loadConfig({ SANDBOX: '1' }), SANDBOX).sinch.urls, false, 'not a Sinch URL');
  });
});
