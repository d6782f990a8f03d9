/**
 * Security rules that involve Sinch, on the real engine and the sandbox:
 * - strict schemas: bad input → 400 naming the field, and not one Sinch request;
 * - nothing secret (Sinch key secret, OAuth token, sender bearer token, webhook secrets, ES code,
 *   SESSION_SECRET, ENCRYPTION_KEY, API keys) in any log line or response body of a whole flow.
 *   (Suite-wide, every harness's close() runs the same check: test/fixtures/secret-scan.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request, { type Response } from 'supertest';
import { realHarness, ENCRYPTION_KEY, type RealHarness } from './fixtures/real-harness.js';
import { API_KEY, API_KEY_2, SESSION_SECRET, WEBHOOK_SECRET, sessionBody } from './fixtures/harness.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { sinchSignature } from '../src/auth/webhook-signature.js';

describe('strict schemas: 400 naming the field and no Sinch call', () => {
  let h: RealHarness;
  let token = '';
  before(async () => {
    h = await realHarness();
    const created = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ regions: { allowed: ['EU', 'US'] } })).expect(201)).body;
    token = created.token;
    // Let warm-up finish so that any later Sinch request could only come from the input under test.
    await waitForOnboarding(h.app, created.id, (o) => o.state === 'awaiting_signup');
  });
  after(() => h.close());

  const base = () => signupBody('AQ-some-code');
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown field', { ...base(), extra: 1 }, 'extra'],
    ['a numeric wabaId', { ...base(), wabaId: 104996122399160 }, 'wabaId'],
    ['a non-numeric wabaId', { ...base(), wabaId: '10499a' }, 'wabaId'],
    ['a non-numeric phoneNumberId', { ...base(), phoneNumberId: '+4915112345678' }, 'phoneNumberId'],
    ['a non-numeric businessId', { ...base(), businessId: '27 29' }, 'businessId'],
    ['a wabaId with a path', { ...base(), wabaId: '1/../2' }, 'wabaId'],
    ['a region outside the session list', { ...base(), region: 'BR' }, 'region'],
    ['an unknown region', { ...base(), region: 'APAC' }, 'region'],
    ['a missing code', { ...base(), code: undefined }, 'code'],
    ['an empty code', { ...base(), code: '' }, 'code'],
    ['a code of the wrong type', { ...base(), code: ['a'] }, 'code'],
    ['an unknown event', { ...base(), event: 'CANCEL' }, 'event'],
    ['an unknown metaLocalStorage', { ...base(), metaLocalStorage: 'XX' }, 'metaLocalStorage'],
  ];
  for (const [what, body, field] of cases) {
    test(`When POST /v1/session/onboarding has ${what}, then 400 names "${field}" and Sinch is not called`, async () => {
      const before = h.sinchRequests();
      const res = doc(await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(body).expect(400));
      assert.equal(res.body.error.code, 'invalid_request');
      assert.equal(res.body.error.field, field);
      assert.match(res.body.error.message, new RegExp(field));
      assert.equal(h.sinchRequests(), before);
    });
  }

  const sessionCases: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown top-level field', sessionBody({ admin: true }), 'admin'],
    ['an unknown customer field', sessionBody({ customer: { reference: 'r', displayName: 'd', vip: true } }), 'customer.vip'],
    ['a missing displayName', sessionBody({ customer: { reference: 'r' } }), 'customer.displayName'],
    ['a region outside the enum', sessionBody({ regions: { allowed: ['EU', 'MARS'] } }), 'regions.allowed[1]'],
    ['an unknown featureType', sessionBody({ featureType: 'everything' }), 'featureType'],
    ['a non-URL webhookTarget', sessionBody({ webhookTarget: 'javascript:alert(1)' }), 'webhookTarget'],
    ['a ttl that is too long', sessionBody({ ttl: 10 ** 9 }), 'ttl'],
    ['a prefill with an unknown key', sessionBody({ prefill: { business: { name: 'x', ceo: 'y' } } }), 'prefill.business.ceo'],
    ['a prefill phone code as a string', sessionBody({ prefill: { business: { phone: { code: '1', number: '5551234' } } } }), 'prefill.business.phone.code'],
  ];
  for (const [what, body, field] of sessionCases) {
    test(`When POST /v1/sessions has ${what}, then 400 names "${field}" and no session or Sinch call is made`, async () => {
      const before = h.sinchRequests();
      const res = doc(await request(h.app).post('/v1/sessions').set(asp).send(body).expect(400));
      assert.equal(res.body.error.field, field);
      const link = doc(await request(h.app).post('/v1/signup-links').set(asp).send(body).expect(400));
      assert.equal(link.body.error.field, field);
      assert.equal(h.sinchRequests(), before);
    });
  }

  // JSON.parse keeps `__proto__` as an own key; an object literal would not, so the body is a raw string.
  const withLabels = (labels: string) => `{"customer":{"reference":"r","displayName":"d","labels":${labels}}}`;
  for (const labels of ['{"__proto__":"x"}', '{"plan":"gold","__proto__":"x"}', '{"__proto__":{"admin":"yes"}}']) {
    test(`When customer.labels is ${labels}, then 400 names customer.labels.__proto__ on both routes and Sinch is not called`, async () => {
      const before = h.sinchRequests();
      for (const route of ['/v1/sessions', '/v1/signup-links']) {
        const res = doc(await request(h.app).post(route).set(asp).set('Content-Type', 'application/json').send(withLabels(labels)).expect(400));
        assert.equal(res.body.error.code, 'invalid_request');
        assert.equal(res.body.error.field, 'customer.labels.__proto__', route);
      }
      assert.equal(h.sinchRequests(), before);
    });
  }

  test('When customer.labels has "constructor" and "prototype" keys, then they are ordinary labels, kept as sent', async () => {
    const res = doc(await request(h.app).post('/v1/sessions').set(asp).set('Content-Type', 'application/json').send(withLabels('{"constructor":"c","prototype":"p"}')).expect(201));
    const o = await waitForOnboarding(h.app, res.body.id, (x) => x.state === 'awaiting_signup');
    assert.deepEqual(o.customer.labels, { constructor: 'c', prototype: 'p' });
    const sub = h.sandbox.inspect().subprojects.find((s) => s.labels['wss-session'] === o.id);
    assert.equal(sub?.labels.constructor, 'c');
    assert.equal(sub?.labels.prototype, 'p');
  });

  test('When the body is not JSON at all, then 400 and no Sinch call', async () => {
    const before = h.sinchRequests();
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).set('Content-Type', 'text/plain').send('code=abc').expect(400);
    await request(h.app).post('/v1/sessions').set(asp).send([1, 2]).expect(400);
    assert.equal(h.sinchRequests(), before);
  });
});

describe('no secret in any log line or response body', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When a whole flow runs (sessions, hosted link, signup, SSE, webhook, errors, metrics), then no secret leaks', async () => {
    const bodies: string[] = [];
    const keep = (res: Response) => {
      bodies.push(res.text ?? '', JSON.stringify(res.headers));
      return res;
    };
    const codes: string[] = [];
    const mint = () => {
      const c = h.sandbox.mintCode();
      codes.push(c);
      return c;
    };

    // Widget session, full signup.
    const s = keep(await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    keep(await request(h.app).get('/v1/session').set(bearer(s.token)).expect(200));
    keep(await request(h.app).post('/v1/session/onboarding').set(bearer(s.token)).send(signupBody(mint())).expect(202));
    const done = await waitForOnboarding(h.app, s.id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed');
    keep(await request(h.app).get('/v1/session/onboarding/events').set(bearer(s.token)).expect(200));
    keep(await request(h.app).get(`/v1/onboardings/${s.id}`).set(asp).expect(200));
    keep(await request(h.app).get('/v1/onboardings').set(asp).expect(200));
    // Repeats and conflicts, with fresh codes.
    keep(await request(h.app).post('/v1/session/onboarding').set(bearer(s.token)).send(signupBody(mint())).expect(202));
    keep(await request(h.app).post('/v1/session/onboarding').set(bearer(s.token)).send(signupBody(mint(), { wabaId: '1' })).expect(409));
    keep(await request(h.app).post('/v1/session/onboarding').set(bearer(s.token)).send(signupBody(mint(), { region: 'BR' })).expect(400));
    // Hosted link flow and an expired code failing at Sinch.
    const link = keep(await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
    const page = keep(await request(h.app).get(new URL(link.url).pathname).expect(200));
    const linkSessionToken = /session="([^"]+)"/.exec(page.text)![1]!;
    await waitForOnboarding(h.app, link.sessionId, (o) => o.state === 'awaiting_signup');
    const stale = mint();
    h.sandbox.clock.advance(31_000);
    keep(await request(h.app).post('/v1/session/onboarding').set(bearer(linkSessionToken)).send(signupBody(stale, { wabaId: '4242', phoneNumberId: '4343' })).expect(202));
    const failed = await waitForOnboarding(h.app, link.sessionId, (o) => o.state === 'failed' || o.state === 'completed');
    keep(await request(h.app).get(`/v1/onboardings/${link.sessionId}`).set(asp).expect(200));
    assert.equal(failed.state, 'failed');
    // Provisioning webhook for the completed sender, and error paths.
    const raw = JSON.stringify({ type: 'WHATSAPP_SENDER_ACTIVE', payload: { id: done.senderId, state: 'ACTIVE' } });
    const ts = String(Math.floor(Date.now() / 1000));
    keep(await request(h.app).post('/v1/sinch/provisioning-events').set({
      'content-type': 'application/json',
      'x-sinch-webhook-signature': sinchSignature(WEBHOOK_SECRET, raw, 'n-1', ts),
      'x-sinch-webhook-signature-nonce': 'n-1',
      'x-sinch-webhook-signature-timestamp': ts,
    }).send(raw).expect(200));
    keep(await request(h.app).post('/v1/sinch/provisioning-events').set({ 'content-type': 'application/json', 'x-sinch-webhook-signature': 'x', 'x-sinch-webhook-signature-nonce': 'n', 'x-sinch-webhook-signature-timestamp': ts }).send(raw).expect(401));
    keep(await request(h.app).get('/v1/session').set(bearer(`${s.token}x`)).expect(401));
    keep(await request(h.app).post('/v1/sessions').set(bearer('wrong')).send({}).expect(401));
    keep(await request(h.app).get('/metrics').expect(200));
    keep(await request(h.app).get('/readyz').expect(200));

    // What must never appear.
    const snap = h.sandbox.inspect();
    const sub = done.subprojectId!;
    const basic = `Basic ${Buffer.from(`${h.sandbox.credentials.keyId}:${h.sandbox.credentials.keySecret}`).toString('base64')}`;
    const sender = (await (await fetch(`${h.sandbox.urls.provisioning}/v1/projects/${sub}/whatsapp/senders/${done.senderId}`, { headers: { authorization: basic } })).json()) as { bearerToken?: string };
    const webhook = (await (await fetch(`${h.sandbox.urls.conversation.replace('{region}', 'eu')}/v1/projects/${sub}/webhooks/${done.webhookId}`, { headers: { authorization: basic } })).json()) as { secret?: string };
    const oauth = (await h.bundle.sinch.auth.header()).replace(/^Bearer /i, '');
    assert.ok(sender.bearerToken && sender.bearerToken.length >= 8, 'sandbox exposes the sender bearer token to compare against');
    assert.ok(webhook.secret && webhook.secret.length >= 8, 'sandbox exposes the webhook secret to compare against');
    assert.ok(snap.webhooks.length >= 1);
    const secrets: Record<string, string> = {
      'Sinch key secret': h.sandbox.credentials.keySecret,
      'OAuth token': oauth,
      'sender bearer token': sender.bearerToken,
      'Conversation webhook secret': webhook.secret,
      'provisioning webhook secret': WEBHOOK_SECRET,
      SESSION_SECRET,
      ENCRYPTION_KEY,
      'API key': API_KEY,
      'API key 2': API_KEY_2,
      ...Object.fromEntries(codes.map((c, i) => [`ES code #${i + 1}`, c])),
    };
    const logs = h.logs.join('\n');
    const responses = bodies.join('\n');
    assert.ok(h.logs.length > 50, `expected a real log, got ${h.logs.length} lines`);
    for (const [name, value] of Object.entries(secrets)) {
      assert.ok(!logs.includes(value), `${name} appears in the logs`);
      assert.ok(!responses.includes(value), `${name} appears in a response`);
    }
  });
});
