import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSinchSandbox } from '../src/index.js';
import { call, createSubproject, startHarness, type Harness, type Reply } from './helpers.js';

/** Polls until the predicate holds; fails after `tries` polls instead of hanging the suite. */
async function until(predicate: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`gave up waiting for ${what} after ${tries} polls`);
}

/** Tracks whether a promise has settled, without awaiting it. */
function settles<T>(p: Promise<T>): { readonly done: boolean; promise: Promise<T> } {
  const s = { done: false, promise: p };
  p.then(
    () => (s.done = true),
    () => (s.done = true),
  );
  return s;
}

describe('Fault injection', () => {
  let h: Harness;
  let project: string;
  before(async () => {
    h = await startHarness();
    project = await createSubproject(h);
  });
  after(() => h.sb.close());

  it('When a latency rule matches, then the answer waits for that latency and is logged as latency', async (t) => {
    // Arrange: the sandbox's timers run on a mock clock, so the latency passes only when the test moves it.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    h.sb.faults.add({ api: 'subproject', method: 'GET', latencyMs: 60_000, times: 1 });
    // Act
    const delayed = settles(call(h.sub(`/v1/subprojects/${project}`), { token: h.token }));
    const other = await call(h.prov(`/v1/projects/${project}/whatsapp/senders`), { token: h.token });
    const waitedWhileOtherAnswered = !delayed.done;
    // The clock may be moved before the delayed request reached the rule: move it again until it answers.
    for (let i = 0; i < 1000 && !delayed.done; i++) {
      t.mock.timers.tick(60_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Assert
    assert.equal(other.status, 200);
    assert.equal(waitedWhileOtherAnswered, true, 'the delayed answer was still pending when a later request was answered');
    assert.equal(delayed.done, true, 'the delayed answer came once the latency had passed');
    const r = await delayed.promise;
    assert.equal(r.status, 200);
    assert.deepEqual(
      h.sb.inspect().requests.slice(-2).map((x) => [x.api, x.fault]),
      [['provisioning', undefined], ['subproject', 'latency']],
    );
  });

  it('When a 429 rule matches, then each API answers 429 with Retry-After in its own dialect', async () => {
    // Arrange
    h.sb.faults.add({ rate429: 1, retryAfterSeconds: 7, times: 4 });
    // Act
    const auth = await call(h.sb.urls.auth, { basic: [h.sb.credentials.keyId, h.sb.credentials.keySecret], form: { grant_type: 'client_credentials' } });
    const sub = await call(h.sub(`/v1/subprojects/${project}`), { token: h.token });
    const prov = await call(h.prov(`/v1/projects/${project}/whatsapp/senders`), { token: h.token });
    const conv = await call(h.conv('br', `/v1/projects/${project}/apps`), { token: h.token });
    const afterRule = await call(h.sub(`/v1/subprojects/${project}`), { token: h.token });
    // Assert
    for (const r of [auth, sub, prov, conv]) {
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '7');
    }
    assert.equal(auth.body.error, 'too_many_requests');
    assert.equal(sub.body.error.status, 'RESOURCE_EXHAUSTED');
    assert.equal(prov.body.errorCode, 'too_many_requests');
    assert.equal(conv.body.error.status, 'RESOURCE_EXHAUSTED');
    assert.equal(afterRule.status, 200);
    assert.equal(h.sb.inspect().requests.filter((q) => q.fault === '429').length, 4);
  });

  it('When a 5xx rule matches only one path and method, then only those requests fail, in the dialect', async () => {
    h.sb.faults.add({ api: 'provisioning', method: 'GET', path: '/whatsapp/senders$', rate5xx: 1, times: 1 });
    const other = await call(h.prov(`/v1/projects/${project}/webhooks`), { token: h.token });
    const hit = await call(h.prov(`/v1/projects/${project}/whatsapp/senders`), { token: h.token });
    assert.equal(other.status, 200);
    assert.ok([500, 502, 503].includes(hit.status), String(hit.status));
    if (hit.status !== 502) assert.ok(hit.body.errorCode === 'internal_error' || hit.body.errorCode === 'service_unavailable');
    assert.equal(h.sb.inspect().requests.at(-1)?.fault, '5xx');
  });

  it('When a 5xx rule fires often, then it answers 500 and 503 in the API dialect and 502 as the gateway page in front of it', async () => {
    // Arrange
    h.sb.faults.add({ api: 'subproject', method: 'GET', rate5xx: 1, times: 30 });
    // Act
    const replies: Reply[] = [];
    for (let i = 0; i < 30; i++) replies.push(await call(h.sub(`/v1/subprojects/${project}`), { token: h.token }));
    // Assert
    const by = (status: number) => replies.filter((r) => r.status === status);
    assert.deepEqual([by(500).length > 0, by(502).length > 0, by(503).length > 0], [true, true, true], replies.map((r) => r.status).join(','));
    assert.equal(by(500).length + by(502).length + by(503).length, 30);
    assert.deepEqual(by(500)[0]!.body.error.status, 'INTERNAL');
    assert.deepEqual(by(503)[0]!.body.error.status, 'UNAVAILABLE');
    assert.match(by(502)[0]!.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(String(by(502)[0]!.body), /502 Bad Gateway/);
  });

  it('When the client gives up on a hanging request, then the sandbox logs it closed unanswered and answers the next one', async () => {
    // Arrange
    h.sb.clearRequests();
    h.sb.faults.add({ api: 'conversation', method: 'GET', rateHang: 1, times: 1 });
    const ac = new AbortController();
    const hung = call(h.conv('eu', `/v1/projects/${project}/apps`), { token: h.token, signal: ac.signal });
    await until(() => h.sb.inspect().requests.some((r) => r.fault === 'hang'), 'the hanging request in the log');
    // Act: the client's timeout.
    ac.abort();
    await assert.rejects(hung);
    const next = await call(h.conv('eu', `/v1/projects/${project}/apps`), { token: h.token });
    // Assert
    assert.equal(next.status, 200);
    assert.deepEqual(
      h.sb.inspect().requests.map((r) => [r.method, r.status, r.fault]),
      [['GET', 0, 'hang'], ['GET', 200, undefined]],
    );
  });

  it('When a lost-response rule matches, then the subproject is created but the connection drops', async () => {
    // Arrange
    h.sb.faults.add({ api: 'subproject', method: 'POST', rateLostResponse: 1, times: 1 });
    const before = h.sb.inspect().subprojects.length;
    // Act
    await assert.rejects(call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token, json: { displayName: 'Lost' } }));
    // Assert
    const snap = h.sb.inspect();
    assert.equal(snap.subprojects.length, before + 1);
    assert.equal(snap.subprojects.at(-1)?.displayName, 'Lost');
    assert.deepEqual({ status: snap.requests.at(-1)?.status, fault: snap.requests.at(-1)?.fault }, { status: 200, fault: 'lost' });
  });

  it('When rules are added and cleared over HTTP, then they apply and stop applying; a bad rule is refused', async () => {
    const added = await call(h.admin('/faults'), { json: { api: 'conversation', rate5xx: 1 } });
    const failing = await call(h.conv('us', `/v1/projects/${project}/apps`), { token: h.token });
    const cleared = await call(h.admin('/faults'), { method: 'DELETE' });
    const ok = await call(h.conv('us', `/v1/projects/${project}/apps`), { token: h.token });
    const bad = await call(h.admin('/faults'), { json: { rate429: 2 } });
    assert.equal(added.status, 201);
    assert.ok(failing.status >= 500);
    assert.equal(failing.body.error.code, failing.status);
    assert.equal(cleared.status, 204);
    assert.equal(ok.status, 200);
    assert.equal(bad.status, 400);
    assert.throws(() => h.sb.faults.add({ api: 'nope' as 'auth' }));
  });
});

describe('Fault injection determinism and hangs', () => {
  it('When two sandboxes share a seed, then a 50% rule hits the same requests', async () => {
    const run = async () => {
      const h = await startHarness({ seed: { rng: 42 } });
      try {
        h.sb.faults.add({ api: 'subproject', rate429: 0.5 });
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token })).status);
        return statuses;
      } finally {
        await h.sb.close();
      }
    };
    const a = await run();
    const b = await run();
    assert.deepEqual(a, b);
    assert.ok(a.includes(429) && a.includes(200), a.join(','));
  });

  it('When the seed is set again over HTTP, then the same requests meet the same faults; a bad seed is refused', async () => {
    const h = await startHarness();
    try {
      const run = async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token })).status);
        return statuses;
      };
      const seeded = await call(h.admin('/faults/seed'), { json: { seed: 7 } });
      h.sb.faults.add({ api: 'subproject', rate429: 0.3, rate5xx: 0.3 });
      const a = await run();
      h.sb.faults.seed(7);
      const b = await run();
      h.sb.faults.seed(8);
      const c = await run();
      const bad = await call(h.admin('/faults/seed'), { json: { seed: -1 } });
      assert.equal(seeded.status, 200);
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
      assert.ok(a.includes(200) && a.some((s) => s >= 500) && a.includes(429), a.join(','));
      assert.equal(bad.status, 400);
    } finally {
      await h.sb.close();
    }
  });

  it('When a request hangs, then it never gets an answer and close() still finishes', async () => {
    // Arrange
    const sb = await startSinchSandbox();
    sb.faults.add({ api: 'provisioning', rateHang: 1 });
    const basic = Buffer.from(`${sb.credentials.keyId}:${sb.credentials.keySecret}`).toString('base64');
    // Act
    const pending = fetch(`${sb.urls.provisioning}/v1/projects/${sb.credentials.projectId}/whatsapp/senders`, { headers: { authorization: `Basic ${basic}` } });
    await until(() => sb.inspect().requests.some((r) => r.fault === 'hang'), 'the hanging request in the log');
    const settled = { done: false };
    void pending.then(
      () => (settled.done = true),
      () => (settled.done = true),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const answeredBeforeClose = settled.done;
    await sb.close();
    // Assert
    assert.equal(answeredBeforeClose, false);
    await assert.rejects(pending);
    assert.deepEqual(
      sb.inspect().requests.map((r) => [r.api, r.status, r.fault]),
      [['provisioning', 0, 'hang']],
    );
  });
});
