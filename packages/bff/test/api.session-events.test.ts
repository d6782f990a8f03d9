/**
 * POST /v1/session/events (the signup funnel's milestones) on the real composition: session token auth, the strict
 * body, one stored report per session and milestone (the first), the per-session limit, and CORS for the element's
 * fire-and-forget `fetch(…, { keepalive: true })` from the ASP's page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { ALLOWED_ORIGIN, sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { asp, bearer } from './fixtures/api-client.js';

describe('POST /v1/session/events', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness({ http: { rateLimits: { perIp: 100_000, perSession: 100_000, perSessionEvents: 8 } } })));
  after(() => h.close());

  async function newSession(): Promise<{ id: string; token: string }> {
    return (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
  }
  const report = (token: string, body: unknown) =>
    request(h.app).post('/v1/session/events').set(bearer(token)).set('Origin', ALLOWED_ORIGIN).send(body as object);
  const stored = (id: string) => h.bundle.storage.sessionEvents.listOfSession(id);

  test('When the element reports milestones, then 204 and each is stored once, the first report kept', async () => {
    const { id, token } = await newSession();
    for (const body of [
      { milestone: 'loaded' },
      { milestone: 'start' },
      { milestone: 'cancelled', currentStep: 'WABA_PHONE_VERIFICATION' },
      { milestone: 'cancelled', currentStep: 'BUSINESS_INFO' },
      { milestone: 'loaded' },
    ]) {
      const res = await report(token, body);
      assert.equal(res.status, 204, JSON.stringify(res.body));
      assert.equal(res.text, '');
      assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
      doc(res);
    }
    const events = await stored(id);
    assert.deepEqual(events.map((e) => e.milestone), ['loaded', 'start', 'cancelled']);
    assert.equal(events.find((e) => e.milestone === 'cancelled')?.currentStep, 'WABA_PHONE_VERIFICATION', 'the first report wins');
    const meta = await report(token, { milestone: 'meta_error', errorCode: 2655075 });
    assert.equal(meta.status, 204);
    assert.equal((await stored(id)).find((e) => e.milestone === 'meta_error')?.errorCode, '2655075');
  });

  test('When the body is not a milestone report, then 400 naming the field and nothing is stored', async () => {
    const { id, token } = await newSession();
    for (const [body, field] of [
      [{}, 'milestone'],
      [{ milestone: 'clicked' }, 'milestone'],
      [{ milestone: 'loaded', extra: 1 }, 'extra'],
      [{ milestone: 'cancelled', currentStep: 'x'.repeat(65) }, 'currentStep'],
      [{ milestone: 'loaded', currentStep: 'BUSINESS_INFO' }, 'currentStep'],
      [{ milestone: 'start', errorCode: '1' }, 'errorCode'],
    ] as const) {
      const res = await report(token, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
      doc(res);
    }
    assert.deepEqual(await stored(id), []);
  });

  test('When the token is missing or wrong, then 401 and nothing is stored', async () => {
    const { id } = await newSession();
    const none = await request(h.app).post('/v1/session/events').send({ milestone: 'loaded' });
    assert.equal(none.status, 401);
    doc(none);
    const wrong = await request(h.app).post('/v1/session/events').set(bearer('not-a-token')).send({ milestone: 'loaded' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(await stored(id), []);
  });

  test('When a session reports more than its limit in a minute, then 429 rate_limited, and another session is not held back', async () => {
    const { token } = await newSession();
    const milestones = ['link_opened', 'loaded', 'sdk_blocked', 'sdk_timeout', 'start', 'popup_blocked', 'popup_closed', 'cancelled', 'meta_error'];
    const statuses: number[] = [];
    for (const milestone of milestones) statuses.push((await report(token, { milestone })).status);
    assert.deepEqual(statuses, [204, 204, 204, 204, 204, 204, 204, 204, 429]);
    const limited = await report(token, { milestone: 'finished' });
    assert.equal(limited.body.error.code, 'rate_limited');
    doc(limited);
    const other = await newSession();
    assert.equal((await report(other.token, { milestone: 'loaded' })).status, 204);
  });

  test('When the ASP page preflights the report, then 204 allowing POST with the Authorization and Content-Type headers', async () => {
    const res = await request(h.app)
      .options('/v1/session/events')
      .set('Origin', ALLOWED_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(res.headers['access-control-allow-methods']), /POST/);
    assert.match(String(res.headers['access-control-allow-headers']), /Authorization/i);
    assert.match(String(res.headers['access-control-allow-headers']), /Content-Type/i);
    const evil = await request(h.app).options('/v1/session/events').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    assert.equal(evil.status, 403);
  });
});
