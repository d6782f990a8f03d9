/**
 * GET /v1/session/onboarding/events over a real listening server (fetch reads the stream as the
 * widget does): first event at once, every change, the stream ends after a terminal state, when its link
 * is revoked and when its session expires; open streams are capped per session and per client.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { fakeHarness, sessionBody, type Harness } from './fixtures/harness.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { assertComponent, assertDocumented as doc } from './fixtures/openapi-check.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { DEFAULT_STREAM_LIMITS } from '../src/http/stream-registry.js';

interface SseEvent {
  id: string;
  event: string;
  data: { onboarding: { id: string; state: string; updatedAt: string } };
}

/** Reads an SSE response; `onEvent` sees each event as it arrives. Resolves when the server ends it. */
async function readSse(res: Response, onEvent: (e: SseEvent) => void = () => {}): Promise<{ events: SseEvent[]; comments: string[] }> {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const decoder = new TextDecoder();
  let buf = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (block.startsWith(':')) {
        comments.push(block);
        continue;
      }
      const fields = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      const e = { id: fields.id!, event: fields.event!, data: JSON.parse(fields.data!) };
      events.push(e);
      onEvent(e);
    }
  }
  return { events, comments };
}

describe('GET /v1/session/onboarding/events', () => {
  let h: RealHarness;
  let server: Server;
  let base = '';
  before(async () => {
    h = await realHarness();
    server = h.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await h.close();
  });

  test('When the widget subscribes, then the current state comes at once, then each change, and the stream ends after completed', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    const res = await fetch(`${base}/v1/session/onboarding/events`, { headers: bearer(token) });
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('content-type')), /^text\/event-stream/);
    assert.match(String(res.headers.get('cache-control')), /no-cache/);
    let submitted = false;
    let posted: Promise<unknown> = Promise.resolve();
    const { events } = await readSse(res, (e) => {
      // Submit only after the first event arrived: it must not wait for a change.
      if (!submitted) {
        submitted = true;
        assert.equal(e.data.onboarding.state, 'awaiting_signup');
        // (a supertest request only goes out once it is awaited)
        posted = request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode())).expect(202).then(() => undefined);
      }
    });
    await posted;
    assert.ok(events.length >= 3, `only ${events.length} events`);
    assert.equal(events.at(-1)!.data.onboarding.state, 'completed');
    assert.ok(events.some((e) => e.data.onboarding.state === 'running'));
    assert.deepEqual(events.map((e) => Number(e.id)), events.map((_, i) => i + 1), 'ids increase from 1');
    for (const e of events) {
      assert.equal(e.event, 'onboarding');
      assertComponent('OnboardingEnvelope', e.data);
      assert.equal(e.data.onboarding.id, id);
    }
    const stamps = events.map((e) => e.data.onboarding.updatedAt);
    assert.deepEqual([...stamps].sort(), stamps, 'never steps back in time');
  });

  test('When the job is already terminal, then one event is sent and the stream ends', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '5001', phoneNumberId: '5002' })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    const { events } = await readSse(await fetch(`${base}/v1/session/onboarding/events`, { headers: bearer(token) }));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.data.onboarding.state, 'completed');
  });

  test('When EventSource passes ?access_token=, then it is accepted and the token is redacted from the logs', async () => {
    const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const ctrl = new AbortController();
    const res = await fetch(`${base}/v1/session/onboarding/events?access_token=${encodeURIComponent(token)}`, { signal: ctrl.signal });
    assert.equal(res.status, 200);
    await readSse(res, () => ctrl.abort()).catch(() => undefined);
    // The access log line is written when the connection closes.
    for (let i = 0; i < 200 && !h.logs.some((l) => l.includes('access_token=[REDACTED]')); i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(h.logs.some((l) => l.includes('/v1/session/onboarding/events?access_token=[REDACTED]')));
    assert.ok(!h.logs.some((l) => l.includes(token)), 'the token never appears in a log line');
  });

  test('When the token is missing or wrong, then 401 JSON instead of a stream', async () => {
    doc(await request(h.app).get('/v1/session/onboarding/events').expect(401));
    doc(await request(h.app).get('/v1/session/onboarding/events?access_token=abc.def.ghi').expect(401));
  });
});

/** The HTTP layer over the fake engine on a loopback port: the stream's own rules need no Sinch. */
async function listening(h: Harness) {
  const server = h.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await h.close();
    },
  };
}

/** An open stream: its first event, everything it delivered once it ends, and whether it has ended. */
async function openStream(base: string, token: string) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}/v1/session/onboarding/events`, { headers: bearer(token), signal: ctrl.signal });
  assert.equal(res.status, 200);
  let firstSeen!: (e: SseEvent) => void;
  const first = new Promise<SseEvent>((r) => (firstSeen = r));
  const s = { ended: false, first, done: Promise.resolve<SseEvent[]>([]), abort: () => ctrl.abort() };
  s.done = readSse(res, (e) => firstSeen(e))
    .then((r) => r.events, () => [] as SseEvent[])
    .finally(() => (s.ended = true));
  return s;
}

/**
 * A stream request that must be refused with 429 too_many_streams (fetch, not supertest: a stream accepted
 * by mistake never ends, so its body is cancelled instead of awaited).
 */
async function assertRefused(base: string, token: string): Promise<void> {
  const res = await fetch(`${base}/v1/session/onboarding/events`, { headers: bearer(token) });
  if (res.status !== 429) await res.body?.cancel();
  assert.equal(res.status, 429, 'one stream more than the cap was accepted');
  const body = await res.json();
  assertComponent('SessionError', body);
  assert.equal((body as { error: { code: string } }).error.code, 'too_many_streams');
}

/** Waits (bounded, without a wall-clock limit in the assertion) until `cond` holds. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), what);
}

describe('when a stream ends besides a terminal state', () => {
  test('When its signup link is revoked, then the open stream ends at once and a reconnect gets 401 unauthorized', async () => {
    const h = fakeHarness();
    const srv = await listening(h);
    try {
      const link = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
      const page = await request(h.app).get(new URL(link.url).pathname).expect(200);
      const token = /session="([^"]+)"/.exec(page.text)![1]!;
      const stream = await openStream(srv.base, token);
      assert.equal((await stream.first).data.onboarding.state, 'awaiting_signup');
      await request(h.app).delete(`/v1/signup-links/${link.id}`).set(asp).expect(204);
      // Changes after the revocation (the last one terminal, so a stream that survived it still ends).
      h.engine.update(link.sessionId, { state: 'running' });
      h.engine.update(link.sessionId, { state: 'completed' });
      const events = await stream.done;
      assert.deepEqual(events.map((e) => e.data.onboarding.state), ['awaiting_signup'], 'no event after the revocation');
      const again = doc(await request(srv.base).get('/v1/session/onboarding/events').set(bearer(token)).expect(401));
      assert.equal(again.body.error.code, 'unauthorized');
    } finally {
      await srv.close();
    }
  });

  test('When the session expires, then its open stream ends at expiresAt with no event, and a reconnect gets 401 session_expired', async () => {
    let now = Date.now();
    const h = fakeHarness({ now: () => now });
    const srv = await listening(h);
    try {
      const s = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ ttl: 60 })).expect(201)).body;
      // The BFF's clock: 30 ms before the session ends (the token itself lives on in real time).
      now = Date.parse(s.expiresAt) - 30;
      const stream = await openStream(srv.base, s.token);
      await stream.first;
      await until(() => stream.ended, 'the stream was still open after its session expired');
      assert.equal((await stream.done).length, 1, 'only the first event: nothing happened, the stream still ended');
      now = Date.parse(s.expiresAt);
      const again = doc(await request(srv.base).get('/v1/session/onboarding/events').set(bearer(s.token)).expect(401));
      assert.equal(again.body.error.code, 'session_expired');
    } finally {
      await srv.close();
    }
  });
});

describe('when a stream outlives its token', () => {
  test("When the hosted page's token expires before its session, then the page's open stream ends at the token's expiry", async () => {
    let now = Date.now();
    const h = fakeHarness({ now: () => now });
    const srv = await listening(h);
    try {
      const link = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
      const token = /session="([^"]+)"/.exec((await request(h.app).get(new URL(link.url).pathname).expect(200)).text)![1]!;
      const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
      assert.ok(exp < Date.parse(link.expiresAt), 'the page token lives shorter than the 24 h link');
      // The BFF's clock: 30 ms before the token expires; the session has most of a day left.
      now = exp - 30;
      const stream = await openStream(srv.base, token);
      await stream.first;
      await until(() => stream.ended, "the stream was still open after its token expired");
      assert.equal((await stream.done).length, 1);
    } finally {
      await srv.close();
    }
  });
});

describe('open streams are capped', () => {
  test('When a session holds its most streams, then one more gets 429 too_many_streams; a closed one frees its slot', async () => {
    const h = fakeHarness({ config: { streamLimits: { perSession: 2, perIp: 100 } } });
    const srv = await listening(h);
    try {
      const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
      const open = [await openStream(srv.base, token), await openStream(srv.base, token)];
      await assertRefused(srv.base, token);
      const other = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body.token;
      const elsewhere = await openStream(srv.base, other);
      open[0]!.abort();
      // The server hears of the close asynchronously: the slot is free once a new stream is accepted.
      let accepted = false;
      for (let i = 0; i < 500 && !accepted; i++) {
        const res = await fetch(`${srv.base}/v1/session/onboarding/events`, { headers: bearer(token) });
        if (res.status === 200) {
          await res.body?.cancel();
          accepted = true;
        } else {
          assert.equal(res.status, 429);
          await res.body?.cancel();
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      assert.ok(accepted, 'a closed stream never freed its slot');
      open[1]!.abort();
      elsewhere.abort();
    } finally {
      await srv.close();
    }
  });

  test('When one client holds its most streams, then one more from it gets 429 too_many_streams, whatever the session', async () => {
    const h = fakeHarness({ config: { streamLimits: { perSession: 100, perIp: 3 } } });
    const srv = await listening(h);
    try {
      const tokens: string[] = [];
      for (let i = 0; i < 4; i++) tokens.push((await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body.token);
      const open = [await openStream(srv.base, tokens[0]!), await openStream(srv.base, tokens[0]!), await openStream(srv.base, tokens[1]!)];
      for (const t of [tokens[0]!, tokens[3]!]) await assertRefused(srv.base, t);
      for (const s of open) s.abort();
    } finally {
      await srv.close();
    }
  });

  test('When 110 streams open in parallel on one session, then only the cap is accepted and the rest get 429', async () => {
    const h = fakeHarness({ config: { streamLimits: { perSession: 5, perIp: 1000 } } });
    const srv = await listening(h);
    try {
      const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
      const ctrl = new AbortController();
      const all = await Promise.all(
        Array.from({ length: 110 }, () => fetch(`${srv.base}/v1/session/onboarding/events`, { headers: bearer(token), signal: ctrl.signal })),
      );
      const statuses = all.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 200).length, 5);
      assert.equal(statuses.filter((s) => s === 429).length, 105);
      ctrl.abort();
    } finally {
      await srv.close();
    }
  });
});

describe('stream caps from the environment', () => {
  test('When SSE_MAX_STREAMS_PER_SESSION / _PER_IP are set, then the http section carries them; unset, the defaults; 0 is refused by name', () => {
    const env = { SANDBOX: '1' };
    assert.deepEqual(loadConfig(env).http.streamLimits, DEFAULT_STREAM_LIMITS);
    assert.deepEqual(loadConfig({ ...env, SSE_MAX_STREAMS_PER_SESSION: '2', SSE_MAX_STREAMS_PER_IP: '7' }).http.streamLimits, { perSession: 2, perIp: 7 });
    for (const name of ['SSE_MAX_STREAMS_PER_SESSION', 'SSE_MAX_STREAMS_PER_IP']) {
      assert.throws(() => loadConfig({ ...env, [name]: '0' }), (e: unknown) => e instanceof ConfigError && e.variables.includes(name));
      assert.throws(() => loadConfig({ ...env, [name]: 'many' }), (e: unknown) => e instanceof ConfigError && e.variables.includes(name));
    }
  });

  test('When the BFF is composed with SSE_MAX_STREAMS_PER_SESSION=1, then a second stream of a session gets 429', async () => {
    const h = await realHarness({ env: { SSE_MAX_STREAMS_PER_SESSION: '1' } });
    const server = h.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
      const first = await openStream(base, token);
      await first.first;
      await assertRefused(base, token);
      first.abort();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await h.close();
    }
  });
});
