/**
 * GET /v1/session/onboarding/events over a real listening server (fetch reads the stream as the
 * widget does): first event at once, every change, the stream ends after a terminal state.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { sessionBody } from './fixtures/harness.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { assertComponent, assertDocumented as doc } from './fixtures/openapi-check.js';

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
