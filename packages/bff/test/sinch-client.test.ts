import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import {
  backoffDelay,
  createSinchClients,
  nodeFetchTransport,
  OAuth2TokenProvider,
  parseRetryAfter,
  parseSinchErrorBody,
  SinchApiError,
  SinchHttp,
  SinchTransportError,
  type Sleep,
  type Transport,
} from '../src/clients/sinch/index.js';
import { classifySinchError } from '../src/clients/sinch/classify.js';
import { loadConfig, sandboxEnv, sinchSettings } from '../src/config.js';

describe('classifySinchError: may SinchHttp send the request again', () => {
  const api = (status: number) => new SinchApiError('provisioning', 'POST', '/x', status, { dialect: 'unknown' });
  const noAnswer = new SinchTransportError('provisioning', 'POST', '/x', 'timeout');
  test('When there is no response, then a safe call is repeated but a creating POST is not (its outcome is unknown)', () => {
    assert.equal(classifySinchError(noAnswer).retryRequest, true);
    assert.equal(classifySinchError(noAnswer, { unsafe: true }).retryRequest, false);
  });
  test('When Sinch answers 429 or 5xx, then it retries; other statuses are final; a creating POST is repeated only after 429', () => {
    for (const status of [429, 500, 502, 503, 504]) assert.equal(classifySinchError(api(status)).retryRequest, true, String(status));
    for (const status of [400, 401, 403, 404, 409]) assert.equal(classifySinchError(api(status)).retryRequest, false, String(status));
    for (const status of [500, 503]) assert.equal(classifySinchError(api(status), { unsafe: true }).retryRequest, false, String(status));
    assert.equal(classifySinchError(api(429), { unsafe: true }).retryRequest, true);
  });
});

describe('backoffDelay', () => {
  test('When computing delays, then they are full-jitter, capped, and never shorter than Retry-After', () => {
    const p = { baseMs: 100, capMs: 1000 };
    assert.equal(backoffDelay(0, p, undefined, () => 0.999), 99);
    assert.equal(backoffDelay(10, p, undefined, () => 0.999), 999);
    assert.equal(backoffDelay(2, p, undefined, () => 0), 0);
    assert.equal(backoffDelay(0, p, 5000, () => 0.5), 5000);
  });
  test('When Retry-After is a date or seconds, then it is parsed to ms', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
});

describe('parseSinchErrorBody', () => {
  test('When the body is PAPI, then errorCode, message and resolution are kept', () => {
    assert.deepEqual(parseSinchErrorBody('{"errorCode":"invalid_facebook_token","message":"expired","resolution":"run ES again"}'), {
      dialect: 'papi',
      sinchCode: 'invalid_facebook_token',
      message: 'expired',
      resolution: 'run ES again',
    });
  });
  test('When the body is Google-style, then status and message are kept', () => {
    assert.deepEqual(parseSinchErrorBody('{"error":{"code":404,"message":"not found","status":"NOT_FOUND","details":[]}}'), {
      dialect: 'google',
      sinchCode: 'NOT_FOUND',
      message: 'not found',
    });
  });
  test('When the body is an expired-token problem or an OAuth error, then the code is extracted', () => {
    assert.deepEqual(
      parseSinchErrorBody('{"type":"https://developers.sinch.com/docs/errors/registry/access-token-expired","title":"Unauthorized","detail":"Token expired"}'),
      { dialect: 'problem', sinchCode: 'access-token-expired', message: 'Token expired' },
    );
    assert.deepEqual(parseSinchErrorBody('{"error":"invalid_client","error_description":"bad key"}'), {
      dialect: 'oauth',
      sinchCode: 'invalid_client',
      message: 'bad key',
    });
  });
  test('When the body is not JSON, then the dialect is unknown', () => {
    assert.deepEqual(parseSinchErrorBody('<html>502</html>'), { dialect: 'unknown' });
  });
});

describe('SinchHttp: a call that gets no answer (issue 10, the stall under hangs)', () => {
  /** A Sinch that never answers: each call stays open until its signal aborts. */
  function hangingTransport(calls: string[]): Transport {
    return (url, init) => {
      calls.push(`${init.method} ${new URL(url).pathname}`);
      return new Promise((_, reject) =>
        init.signal.addEventListener('abort', () => reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })), { once: true }),
      );
    };
  }
  const auth = { header: async () => 'Bearer t', invalidate() {} };

  test('When a read gets no answer, then it is cut when SINCH_TIMEOUT_MS has passed on the clock and the retry follows at once', async (t) => {
    // Arrange: the timers run on node:test's mock clock; the client's retry sleep is recorded, not slept.
    // Before the fix the timeout was AbortSignal.timeout() inside AbortSignal.any(), held only weakly: a GC
    // while the call hung lost it, and the job stayed silent (bench:faults saw calls open 50 s at 1 s timeouts).
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const calls: string[] = [];
    const sleeps: number[] = [];
    const http = new SinchHttp({ auth, transport: hangingTransport(calls), timeoutMs: 5000, retry: { maxRetries: 1, baseMs: 200, capMs: 1000 }, sleep: async (ms) => void sleeps.push(ms) });
    const outcome: { error?: unknown } = {};
    const call = http.request('subproject', 'GET', 'http://sinch.test/v1/projects/p/subprojects').catch((e: unknown) => (outcome.error = e));
    await settleMicrotasks();
    // Act + Assert: nothing moves before the timeout; the retry goes out as soon as it passes.
    t.mock.timers.tick(4999);
    await settleMicrotasks();
    assert.equal(calls.length, 1, 'still waiting for the first answer before the timeout');
    t.mock.timers.tick(1);
    await settleMicrotasks();
    assert.equal(calls.length, 2, 'the retry was sent once the timeout passed');
    assert.ok(sleeps.length === 1 && sleeps[0]! < 1000, `one backoff within its cap before the retry: ${sleeps.join(',')}`);
    t.mock.timers.tick(5000);
    for (let i = 0; i < 50 && outcome.error === undefined; i++) await settleMicrotasks();
    assert.ok(outcome.error instanceof SinchTransportError && outcome.error.kind === 'timeout', String(outcome.error));
    await call;
  });

  test('When a creating POST gets no answer, then it is cut at the timeout as an unknown outcome (not repeated)', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const calls: string[] = [];
    const http = new SinchHttp({ auth, transport: hangingTransport(calls), timeoutMs: 5000, sleep: async () => {} });
    const outcome: { error?: unknown } = {};
    const call = http.request('conversation', 'POST', 'http://sinch.test/v1/projects/p/webhooks', { body: {}, unsafe: true }).catch((e: unknown) => (outcome.error = e));
    await settleMicrotasks();
    t.mock.timers.tick(5000);
    for (let i = 0; i < 50 && outcome.error === undefined; i++) await settleMicrotasks();
    assert.ok(outcome.error instanceof SinchTransportError && outcome.error.kind === 'timeout', `cut at the timeout: ${String(outcome.error)}`);
    await call;
    assert.deepEqual(calls, ['POST /v1/projects/p/webhooks']);
  });
});

/** Lets pending promise reactions run (a few turns of the microtask queue and one of the event loop). */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise<void>((r) => setImmediate(r));
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('nodeFetchTransport (the default transport)', () => {
  test('When the caller aborted before a POST is sent, then it rejects with that reason and nothing is thrown uncaught', async () => {
    // node-fetch 3 alone destroys the body stream with an unheard error here, which crashes the process
    // (node:test reports it as an uncaughtException of this test).
    const ac = new AbortController();
    const reason = new Error('engine stopped');
    ac.abort(reason);
    const sent = nodeFetchTransport()('http://127.0.0.1:9/v1/projects/p/subprojects', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'x' }),
      signal: ac.signal,
    });
    await assert.rejects(sent, (e) => e === reason);
    await new Promise<void>((r) => setImmediate(r));
  });
});

describe('Sinch client against the sandbox', () => {
  let sb: SinchSandbox;
  const sleeps: number[] = [];
  const recordingSleep: Sleep = async (ms) => void sleeps.push(ms);
  before(async () => {
    sb = await startSinchSandbox({ tokenTtlSeconds: 3600 });
  });
  after(() => sb.close());
  const clients = (env: Record<string, string> = {}) =>
    createSinchClients(sinchSettings(loadConfig({ ...sandboxEnv(sb), SINCH_TIMEOUT_MS: '300', ...env })), { sleep: recordingSleep, retry: { baseMs: 1, capMs: 5 } });

  test('When fifty calls start at once, then one token request serves them all and the token is cached', async () => {
    // Arrange: nothing hangs here, so no 300 ms timeout: on a loaded machine it turned a slow token request into a second fetch.
    const c = clients({ SINCH_TIMEOUT_MS: '60000' });
    sb.clearRequests();
    // Act
    await Promise.all(Array.from({ length: 50 }, () => c.subprojects.list({ pageSize: 1 })));
    await c.subprojects.list({ pageSize: 1 });
    // Assert
    assert.equal((c.auth as OAuth2TokenProvider).fetches, 1);
    assert.equal(sb.inspect().requests.filter((r) => r.api === 'auth').length, 1);
  });

  test('When the cached token is refused with 401, then it is refreshed once and the call repeated', async () => {
    // Arrange: the sandbox's clock jumps past the token's life; our cache still believes it is fresh.
    const short = await startSinchSandbox({ tokenTtlSeconds: 3600 });
    try {
      const c = createSinchClients(sinchSettings(loadConfig({ ...sandboxEnv(short) })), { retry: { baseMs: 1, capMs: 5 } });
      await c.subprojects.list({ pageSize: 1 });
      short.clock.advance(3_601_000);
      // Act
      const page = await c.subprojects.list({ pageSize: 1 });
      // Assert
      assert.ok(Array.isArray(page.subprojects));
      assert.equal((c.auth as OAuth2TokenProvider).fetches, 2);
      assert.equal(c.http.stats.reauths, 1);
    } finally {
      await short.close();
    }
  });

  test('When a token nears expiry, then it is refreshed before use', async () => {
    let now = 0;
    const p = new OAuth2TokenProvider({ authUrl: sb.urls.auth, keyId: sb.credentials.keyId, keySecret: sb.credentials.keySecret, now: () => now });
    const first = await p.header();
    now = 3_600_000 - 61_000;
    assert.equal(await p.header(), first);
    now = 3_600_000 - 59_000;
    const second = await p.header();
    assert.equal(p.fetches, 2);
    assert.notEqual(second, '');
  });

  test('When Sinch answers 429 with Retry-After, then the client waits at least that long and succeeds', async () => {
    // Arrange
    const c = clients();
    await c.subprojects.list({ pageSize: 1 });
    sleeps.length = 0;
    sb.faults.add({ api: 'subproject', rate429: 1, retryAfterSeconds: 2, times: 2 });
    // Act
    await c.subprojects.list({ pageSize: 1 });
    // Assert
    assert.deepEqual(sleeps, [2000, 2000]);
    sb.faults.clear();
  });

  test('When a Retry-After is longer than the client will wait, then the 429 surfaces as a SinchApiError', async () => {
    const c = clients();
    sb.faults.add({ api: 'subproject', rate429: 1, retryAfterSeconds: 120, times: 1 });
    await assert.rejects(c.subprojects.list({ pageSize: 1 }), (e: unknown) => e instanceof SinchApiError && e.httpStatus === 429 && e.retryAfterMs === 120_000);
    sb.faults.clear();
  });

  test('When the PAPI and Google dialects come back, then both parse into SinchApiError with code and message', async () => {
    const c = clients();
    await assert.rejects(c.provisioning.getSender('no-such-project', 'x'), (e: unknown) => {
      assert.ok(e instanceof SinchApiError);
      assert.equal(e.dialect, 'papi');
      assert.equal(e.httpStatus, 404);
      assert.equal(e.sinchCode, 'project_not_found');
      return true;
    });
    await assert.rejects(c.subprojects.get('01NOSUCHSUBPROJECT0000000000'), (e: unknown) => {
      assert.ok(e instanceof SinchApiError);
      assert.equal(e.dialect, 'google');
      assert.equal(e.httpStatus, 404);
      assert.equal(e.sinchCode, 'NOT_FOUND');
      return true;
    });
  });

  test('When a creating POST times out, then it is not repeated and surfaces as an unknown outcome', async () => {
    const c = clients();
    sb.clearRequests();
    sb.faults.add({ api: 'subproject', method: 'POST', rateHang: 1, times: 1 });
    await assert.rejects(c.subprojects.create({ displayName: 'x' }), (e: unknown) => e instanceof SinchTransportError && e.kind === 'timeout');
    assert.equal(sb.inspect().requests.filter((r) => r.api === 'subproject' && r.method === 'POST').length, 1);
    sb.faults.clear();
  });

  test('When a read hangs, then it times out and is retried', async () => {
    const c = clients();
    sb.faults.add({ api: 'subproject', method: 'GET', rateHang: 1, times: 1 });
    const page = await c.subprojects.list({ pageSize: 1 });
    assert.ok(Array.isArray(page.subprojects));
    assert.equal(c.http.stats.retries, 1);
    sb.faults.clear();
  });

  test('When the basic auth mode is chosen, then calls carry Basic credentials and no token is fetched', async () => {
    const c = clients({ SINCH_AUTH_MODE: 'basic' });
    sb.clearRequests();
    await c.subprojects.list({ pageSize: 1 });
    assert.equal(sb.inspect().requests.filter((r) => r.api === 'auth').length, 0);
  });

  test('When node-fetch is the transport, then the client works the same', async () => {
    const c = createSinchClients(sinchSettings(loadConfig({ ...sandboxEnv(sb) })), { transport: nodeFetchTransport() });
    const page = await c.subprojects.list({ pageSize: 1 });
    assert.ok(Array.isArray(page.subprojects));
  });
});
