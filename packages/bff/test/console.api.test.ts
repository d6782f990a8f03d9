/**
 * The operator console's server side (/console, src/console/) on the real BFF and the Sinch sandbox: accounts,
 * sessions (cookie attributes, idle timeout on an injected clock, sign-out), CSRF, the sign-in limits, the audit log,
 * each action through the same code as the server API (one Sinch create each), the callbacks' redelivery with its
 * attempt log, the list's filters, the page and its bundle. Responses are checked against console.schemas.ts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import type { z } from 'zod';
import { hashPassword } from '../src/console/passwords.js';
import { systemClock, type Clock } from '../src/domain/clock.js';
import {
  AuditListSchema,
  CallbackDeliverySchema,
  ConsoleOnboardingDetailSchema,
  ConsoleOnboardingListSchema,
  OperatorSessionSchema,
} from '../src/http/console.schemas.js';
import { FunnelResponseSchema } from '../src/http/schemas.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { sessionBody } from './fixtures/harness.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { staticSecrets } from './fixtures/secret-scan.js';

const OPERATOR = 'ops.alice';
const PASSWORD = 'correct-horse-battery-staple';
const OTHER = 'ops.bob';
const OTHER_PASSWORD = 'another-long-passphrase-2';
/** The BFF's own origin in realHarness (PUBLIC_URL). */
const ORIGIN = 'https://bff.example';

/** OPERATOR_ACCOUNTS with cheap hashes (N = 2^10: the format and the code path of production, a fraction of its cost). */
async function accounts(): Promise<string> {
  const cheap = { N: 1024, r: 8, p: 1 };
  return `${OPERATOR}:${await hashPassword(PASSWORD, cheap)},${OTHER}:${await hashPassword(OTHER_PASSWORD, cheap)}`;
}

const parse = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
  const r = schema.safeParse(body);
  assert.ok(r.success, `response does not match console.schemas.ts: ${r.success ? '' : r.error.message}\n${JSON.stringify(body)}`);
  return r.data;
};

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
}

/** Signs in from the console's own origin; the cookie's value joins the secret scan (allowed in Set-Cookie only). */
async function signIn(h: RealHarness, name = OPERATOR, password = PASSWORD): Promise<Signed> {
  const res = await request(h.app).post('/console/api/session').set('Origin', ORIGIN).send({ name, password }).expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('console_session='));
  assert.ok(setCookie, 'sign-in sets the console_session cookie');
  const value = setCookie.split(';')[0]!.slice('console_session='.length);
  h.scan.addSecrets(() => [{ kind: 'console session cookie', value, cookie: true }]);
  return { cookie: `console_session=${value}`, csrf: parse(OperatorSessionSchema, res.body).csrfToken, setCookie };
}

const as = (s: Signed) => ({ Cookie: s.cookie, 'X-CSRF-Token': s.csrf });

async function auditOf(app: Express, s: Signed) {
  return parse(AuditListSchema, (await request(app).get('/console/api/audit').set(as(s)).expect(200)).body).items;
}

/** The Sinch creates of senders and apps so far (from the sandbox's request log). */
function creates(h: RealHarness) {
  const reqs = h.sandbox.inspect().requests.filter((r) => r.method === 'POST');
  return { senders: reqs.filter((r) => /\/senders$/.test(r.path)).length, apps: reqs.filter((r) => /\/apps$/.test(r.path)).length };
}

async function withAccounts(opts: Parameters<typeof realHarness>[0] = {}): Promise<RealHarness> {
  const h = await realHarness({ ...opts, env: { OPERATOR_ACCOUNTS: await accounts(), ...opts.env } });
  h.scan.addSecrets(staticSecrets({ 'operator password': PASSWORD, 'operator password 2': OTHER_PASSWORD }));
  return h;
}

describe('operator console without OPERATOR_ACCOUNTS', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When no account is configured, then the page, the bundle and every API path answer 404', async () => {
    for (const [method, path] of [
      ['get', '/console'],
      ['get', '/console/onboardings'],
      ['get', '/console/console.js'],
      ['post', '/console/api/session'],
      ['get', '/console/api/session'],
      ['get', '/console/api/onboardings'],
    ] as const) {
      const res = await request(h.app)[method](path).set('Origin', ORIGIN).send(method === 'post' ? { name: OPERATOR, password: PASSWORD } : undefined);
      assert.equal(res.status, 404, `${method.toUpperCase()} ${path}`);
      assert.equal(res.body.error.code, 'not_found');
    }
  });
});

describe('operator console: sign-in, session, CSRF, sign-out', () => {
  let h: RealHarness;
  before(async () => (h = await withAccounts()));
  after(() => h.close());

  test('When an operator signs in, then 200 with the CSRF token and an HttpOnly, SameSite=Strict, Secure cookie on /console', async () => {
    const s = await signIn(h);
    const attrs = s.setCookie.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), s.setCookie);
    assert.ok(attrs.includes('samesite=strict'), s.setCookie);
    assert.ok(attrs.includes('path=/console'), s.setCookie);
    assert.ok(attrs.includes('secure'), `PUBLIC_URL is https: ${s.setCookie}`);
    const me = parse(OperatorSessionSchema, (await request(h.app).get('/console/api/session').set('Cookie', s.cookie).expect(200)).body);
    assert.deepEqual(me.operator, { name: OPERATOR });
    assert.equal(me.csrfToken, s.csrf);
    // Only the cookie's hash is stored.
    const rows = h.db.prepare('SELECT id_hash FROM operator_sessions').all() as Array<{ id_hash: string }>;
    assert.ok(rows.length > 0 && rows.every((r) => !s.cookie.includes(r.id_hash)));
    const entry = (await auditOf(h.app, s)).find((e) => e.action === 'sign_in');
    assert.deepEqual(entry && { operator: entry.operator, outcome: entry.outcome }, { operator: OPERATOR, outcome: 'ok' });
  });

  test('When the name is unknown or the password wrong, then the same 401 sign_in_failed, no cookie, and both are audited', async () => {
    const wrongPassword = await request(h.app).post('/console/api/session').set('Origin', ORIGIN).send({ name: OTHER, password: 'not-the-password' });
    const unknownName = await request(h.app).post('/console/api/session').set('Origin', ORIGIN).send({ name: 'ops.mallory', password: 'not-the-password' });
    for (const res of [wrongPassword, unknownName]) {
      assert.equal(res.status, 401);
      assert.equal(res.headers['set-cookie'], undefined);
    }
    assert.deepEqual(wrongPassword.body, unknownName.body);
    assert.equal(wrongPassword.body.error.code, 'sign_in_failed');
    const s = await signIn(h);
    const failed = (await auditOf(h.app, s)).filter((e) => e.action === 'sign_in_failed').slice(0, 2);
    // Newest first; an unknown name is not written down (it may be a password typed into the wrong field).
    assert.deepEqual(failed.map((e) => [e.operator, e.outcome, e.detail]), [
      ['(unknown)', 'error', 'sign_in_failed'],
      [OTHER, 'error', 'sign_in_failed'],
    ]);
  });

  test('When sign-in comes from another origin or names none, then 403 csrf_invalid and no session', async () => {
    const body = { name: OPERATOR, password: PASSWORD };
    for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, {}]) {
      const res = await request(h.app).post('/console/api/session').set(headers).send(body).expect(403);
      assert.equal(res.body.error.code, 'csrf_invalid', JSON.stringify(headers));
      assert.equal(res.headers['set-cookie'], undefined);
    }
    await request(h.app).post('/console/api/session').set('Sec-Fetch-Site', 'same-origin').send(body).expect(200);
  });

  test('When an action comes without the session’s X-CSRF-Token, then 403 csrf_invalid and nothing is done', async () => {
    const s = await signIn(h);
    const { body: link } = await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    for (const headers of [{ Cookie: s.cookie }, { Cookie: s.cookie, 'X-CSRF-Token': `${s.csrf.slice(0, -2)}xx` }]) {
      const res = await request(h.app).post(`/console/api/signup-links/${link.id}/revoke`).set(headers).send({}).expect(403);
      assert.equal(res.body.error.code, 'csrf_invalid');
    }
    assert.equal((await h.bundle.storage.links.get(link.id))?.revokedAt, undefined);
    assert.equal((await auditOf(h.app, s)).some((e) => e.action === 'revoke_link'), false);
  });

  test('When the operator signs out, then 204, the cookie is cleared, the session is gone and the sign-out is audited', async () => {
    const s = await signIn(h, OTHER, OTHER_PASSWORD);
    assert.equal((await request(h.app).delete('/console/api/session').set('Cookie', s.cookie).expect(403)).body.error.code, 'csrf_invalid');
    const out = await request(h.app).delete('/console/api/session').set(as(s)).expect(204);
    assert.match(String(out.headers['set-cookie']), /console_session=;.*Expires=Thu, 01 Jan 1970/);
    assert.equal((await request(h.app).get('/console/api/session').set('Cookie', s.cookie).expect(401)).body.error.code, 'unauthorized');
    const mine = await signIn(h);
    const entry = (await auditOf(h.app, mine)).find((e) => e.action === 'sign_out');
    assert.deepEqual(entry && [entry.operator, entry.outcome], [OTHER, 'ok']);
  });

  test('When the audit log is longer than a page, then pages of 50 come newest first and the token leads to the rest', async () => {
    const s = await signIn(h);
    for (let i = 0; i < 60; i++) {
      const at = new Date(Date.parse('2020-01-01T00:00:00.000Z') + i * 1000).toISOString();
      await h.bundle.storage.operators.insertAudit({ id: `aud_old_${String(i).padStart(2, '0')}`, at, operator: OPERATOR, action: 'revoke_link', target: `lnk_${i}`, outcome: 'ok' });
    }
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const body = parse(AuditListSchema, (await request(h.app).get(`/console/api/audit${token ? `?pageToken=${token}` : ''}`).set(as(s)).expect(200)).body);
      assert.ok(body.items.length <= 50);
      seen.push(...body.items.map((e) => e.at));
      token = body.nextPageToken;
      if (!token) break;
    }
    assert.deepEqual(seen, [...seen].sort().reverse(), 'newest first across pages');
    const old = seen.filter((at) => at.startsWith('2020-'));
    assert.deepEqual([old.length, new Set(old).size], [60, 60], 'every entry once');
    assert.equal((await request(h.app).get('/console/api/audit?pageToken=nonsense').set(as(s)).expect(400)).body.error.field, 'pageToken');
  });

  test('When no cookie or a made-up one is sent, then every API route but sign-in answers 401', async () => {
    for (const cookie of [undefined, 'console_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const req = request(h.app).get('/console/api/onboardings');
      const res = await (cookie ? req.set('Cookie', cookie) : req).expect(401);
      assert.equal(res.body.error.code, 'unauthorized');
    }
  });
});

describe('operator console: the idle timeout (injected clock)', () => {
  let h: RealHarness;
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
  before(async () => (h = await withAccounts({ env: { CONSOLE_IDLE_TIMEOUT_MS: '900000' }, clock })));
  after(() => h.close());

  test('When requests keep coming within 15 min the session lives on; 15 min without one ends it', async () => {
    const s = await signIn(h);
    offset = 14 * 60_000;
    const moved = parse(OperatorSessionSchema, (await request(h.app).get('/console/api/session').set('Cookie', s.cookie).expect(200)).body);
    assert.ok(Date.parse(moved.idleExpiresAt) >= clock.now() + 899_000, 'each request moves the idle expiry');
    offset = 28 * 60_000;
    await request(h.app).get('/console/api/onboardings').set('Cookie', s.cookie).expect(200);
    offset = 28 * 60_000 + 900_001;
    assert.equal((await request(h.app).get('/console/api/session').set('Cookie', s.cookie).expect(401)).body.error.code, 'unauthorized');
    offset = 0;
    assert.equal((await request(h.app).get('/console/api/session').set('Cookie', s.cookie).expect(401)).body.error.code, 'unauthorized', 'an idle session is deleted');
  });
});

describe('operator console: sign-in rate limits', () => {
  let h: RealHarness;
  before(async () => (h = await withAccounts({ http: { rateLimits: { perIp: 100_000, perSession: 100_000, signInPerName: 3, signInPerIp: 5 } } })));
  after(() => h.close());

  test('When a name fails too often, then 429 for it even with the right password, while the IP still has room for another name', async () => {
    const tryIn = (name: string, password: string) => request(h.app).post('/console/api/session').set('Origin', ORIGIN).send({ name, password });
    for (let i = 0; i < 3; i++) assert.equal((await tryIn(OPERATOR, 'wrong-password')).status, 401);
    const limited = await tryIn(OPERATOR, PASSWORD);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    // A success does not count against the IP: the other operator signs in, then the IP's failures run out.
    assert.equal((await tryIn(OTHER, OTHER_PASSWORD)).status, 200);
    assert.equal((await tryIn(OTHER, 'wrong-password')).status, 401);
    assert.equal((await tryIn(OTHER, OTHER_PASSWORD)).status, 429, 'five failures from one IP');
    const audit = await h.bundle.storage.operators.listAudit({ pageSize: 20 });
    assert.deepEqual(
      audit.filter((e) => e.detail === 'rate_limited').map((e) => [e.operator, e.action, e.outcome]),
      [
        [OTHER, 'sign_in_failed', 'error'],
        [OPERATOR, 'sign_in_failed', 'error'],
      ],
      'a refused attempt is audited too',
    );
  });
});

describe('operator console: actions go through the server API’s code', () => {
  let h: RealHarness;
  let s: Signed;
  // The app step gives up on a lasting Sinch fault after 300 ms (instead of 1 h).
  before(async () => {
    h = await withAccounts({ env: { APP_RETRY_HORIZON_MS: '300' } });
    s = await signIn(h);
  });
  after(() => h.close());

  /** An onboarding whose app step failed on Sinch 5xx (retryable). */
  async function failedAtApp(wabaId: string, phoneNumberId: string): Promise<string> {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rate5xx: 1 });
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId, phoneNumberId })).expect(202);
    const failed = await waitForOnboarding(h.app, id, (o) => o.state === 'failed' || o.state === 'completed');
    h.sandbox.faults.clear();
    assert.equal(failed.error?.step, 'app');
    return id;
  }

  test('When an operator retries a failed onboarding, then it completes like one retried by the API: one app each, and the retry is audited', async () => {
    const byApi = await failedAtApp('7101', '7102');
    const byConsole = await failedAtApp('7201', '7202');
    const before = creates(h);
    await request(h.app).post(`/v1/onboardings/${byApi}/retry`).set(asp).expect(202);
    const res = await request(h.app).post(`/console/api/onboardings/${byConsole}/retry`).set(as(s)).send({}).expect(200);
    assert.equal(res.body.onboarding.id, byConsole);
    const [a, c] = await Promise.all([byApi, byConsole].map((id) => waitForOnboarding(h.app, id, (o) => o.state === 'completed' || o.state === 'failed')));
    assert.deepEqual([a!.state, c!.state], ['completed', 'completed']);
    assert.deepEqual(creates(h), { senders: before.senders, apps: before.apps + 2 }, 'one app create per retry, no sender again');
    const entry = (await auditOf(h.app, s)).find((e) => e.action === 'retry_onboarding');
    assert.deepEqual(entry && [entry.operator, entry.target, entry.outcome], [OPERATOR, byConsole, 'ok']);
  });

  test('When the onboarding is not failed, then the same 409 not_retryable as the API, audited as an error', async () => {
    const { id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const api = await request(h.app).post(`/v1/onboardings/${id}/retry`).set(asp).expect(409);
    const con = await request(h.app).post(`/console/api/onboardings/${id}/retry`).set(as(s)).send({}).expect(409);
    assert.deepEqual(con.body, api.body);
    const entry = (await auditOf(h.app, s)).find((e) => e.action === 'retry_onboarding');
    assert.deepEqual(entry && [entry.target, entry.outcome, entry.detail], [id, 'error', 'not_retryable']);
  });

  test('When an operator adds a phone number, then exactly one sender is created for it, as through the API', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '7301', phoneNumberId: '7302' })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    const before = creates(h);
    const res = await request(h.app).post(`/console/api/onboardings/${id}/phone-numbers`).set(as(s)).send({ phoneNumberId: '7303' }).expect(200);
    assert.ok(res.body.onboarding.phoneNumbers.some((p: { phoneNumberId: string }) => p.phoneNumberId === '7303'));
    await request(h.app).post(`/v1/onboardings/${id}/phone-numbers`).set(asp).send({ phoneNumberId: '7304' }).expect(202);
    await waitForOnboarding(h.app, id, (o) => ['7303', '7304'].every((n) => o.phoneNumbers.some((p) => p.phoneNumberId === n && p.senderState === 'ACTIVE')));
    assert.deepEqual(h.sandbox.inspect().senders.filter((x) => x.wabaId === '7301').map((x) => x.phoneNumberId).sort(), ['7302', '7303', '7304']);
    assert.equal(creates(h).senders - before.senders, 2, 'one create-sender per added number');
    const entry = (await auditOf(h.app, s)).find((e) => e.action === 'add_phone_number');
    assert.deepEqual(entry && [entry.target, entry.outcome], [id, 'ok']);
  });

  test('When an operator revokes a link, then its page says withdrawn, as after the API’s revoke; an unknown link is a 404 in both', async () => {
    const byConsole = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
    const byApi = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post(`/console/api/signup-links/${byConsole.id}/revoke`).set(as(s)).send({}).expect(204);
    await request(h.app).delete(`/v1/signup-links/${byApi.id}`).set(asp).expect(204);
    for (const link of [byConsole, byApi]) {
      const page = await request(h.app).get(new URL(link.url).pathname).expect(410);
      assert.match(page.text, /This link was withdrawn/);
    }
    const unknownApi = await request(h.app).delete('/v1/signup-links/lnk_nope').set(asp).expect(404);
    const unknownConsole = await request(h.app).post('/console/api/signup-links/lnk_nope/revoke').set(as(s)).send({}).expect(404);
    assert.deepEqual(unknownConsole.body, unknownApi.body);
    const entries = (await auditOf(h.app, s)).filter((e) => e.action === 'revoke_link').slice(0, 2);
    assert.deepEqual(entries.map((e) => [e.target, e.outcome, e.detail]), [
      ['lnk_nope', 'error', 'not_found'],
      [byConsole.id, 'ok', undefined],
    ]);
    const detail = parse(ConsoleOnboardingDetailSchema, (await request(h.app).get(`/console/api/onboardings/${byConsole.sessionId}`).set(as(s)).expect(200)).body);
    assert.deepEqual(detail.link && [detail.link.id, detail.link.state], [byConsole.id, 'revoked']);
  });
});

/** A loopback ASP server: answers `failing` with 500, the rest 204, and keeps each callback's event id. */
class Receiver {
  readonly received: Array<{ headers: IncomingHttpHeaders; status: number }> = [];
  failing = false;
  url = '';
  #server: Server | undefined;
  async start() {
    this.#server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const status = this.failing ? 500 : 204;
        this.received.push({ headers: req.headers, status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/asp/events`;
  }
  ids = () => this.received.map((r) => String(r.headers['x-whatsapp-signup-event-id']));
  close = () => new Promise<void>((r) => this.#server?.close(() => r()));
}

describe('operator console: callbacks and their redelivery', () => {
  const receiver = new Receiver();
  let h: RealHarness;
  let s: Signed;
  before(async () => {
    await receiver.start();
    h = await withAccounts({ env: { NOTIFY_URL: receiver.url, NOTIFY_SECRET: 'notify-secret-console-0123456789' } });
    s = await signIn(h);
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  async function completed(wabaId: string): Promise<string> {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId, phoneNumberId: `${wabaId}2` })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    return id;
  }

  /** The onboarding's callbacks from the console until `done` holds (bounded polling). */
  async function callbacksOf(id: string, done: (c: z.output<typeof CallbackDeliverySchema>[]) => boolean) {
    let last: unknown;
    for (let i = 0; i < 2000; i++) {
      const detail = parse(ConsoleOnboardingDetailSchema, (await request(h.app).get(`/console/api/onboardings/${id}`).set(as(s)).expect(200)).body);
      if (done(detail.callbacks)) return detail.callbacks;
      last = detail.callbacks;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`the callbacks of ${id} never got there; last: ${JSON.stringify(last)}`);
  }

  test('When an operator redelivers a delivered callback, then the ASP gets it again with the same event id, and both attempts are logged', async () => {
    const id = await completed('7401');
    const [first] = await callbacksOf(id, (cs) => cs.some((c) => c.type === 'onboarding.completed' && c.deliveredAt !== undefined));
    assert.ok(first);
    assert.equal(first.attemptLog.length, 1);
    assert.equal(first.attemptLog[0]!.status, 204);
    const sent = receiver.received.length;
    const res = await request(h.app).post(`/console/api/callbacks/${first.id}/redeliver`).set(as(s)).send({}).expect(200);
    assert.equal(parse(CallbackDeliverySchema, res.body.callback).id, first.id);
    const [again] = await callbacksOf(id, (cs) => cs[0]?.attemptLog.length === 2 && cs[0].deliveredAt !== undefined);
    assert.equal(receiver.ids()[sent], first.id, 'the same event id');
    assert.deepEqual(again!.attemptLog.map((a) => a.status), [204, 204]);
    assert.equal(again!.attempts, 2);
    const entry = (await auditOf(h.app, s)).find((e) => e.action === 'redeliver_callback');
    assert.deepEqual(entry && [entry.target, entry.outcome], [first.id, 'ok']);
    assert.equal((await request(h.app).post('/console/api/callbacks/evt_nope/redeliver').set(as(s)).send({}).expect(404)).body.error.code, 'not_found');
  });

  test('When the ASP answers 500, then the callback is listed as failing with its attempts until a redelivery gets through', async () => {
    receiver.failing = true;
    const id = await completed('7501');
    const failing = await (async () => {
      for (let i = 0; i < 2000; i++) {
        const items = ((await request(h.app).get('/console/api/callbacks?failing=true').set(as(s)).expect(200)).body.items as unknown[]).map((c) =>
          parse(CallbackDeliverySchema, c),
        );
        const mine = items.find((c) => c.onboardingId === id);
        if (mine) return mine;
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.fail('the failing callback was never listed');
    })();
    assert.equal(failing.deliveredAt, undefined);
    assert.equal(failing.lastStatus, 500);
    assert.equal(failing.attemptLog[0]?.error, 'HTTP 500');
    receiver.failing = false;
    await request(h.app).post(`/console/api/callbacks/${failing.id}/redeliver`).set(as(s)).send({}).expect(200);
    await callbacksOf(id, (cs) => cs.some((c) => c.id === failing.id && c.deliveredAt !== undefined));
    const now = (await request(h.app).get('/console/api/callbacks?failing=true').set(as(s)).expect(200)).body.items as Array<{ id: string }>;
    assert.equal(now.some((c) => c.id === failing.id), false, 'delivered: no longer failing');
  });
});

describe('operator console: the onboardings list', () => {
  let h: RealHarness;
  let s: Signed;
  before(async () => {
    h = await withAccounts();
    s = await signIn(h);
    for (const [reference, displayName] of [
      ['ACME-001', 'Acme Shoes'],
      ['acme-002', 'Acme Hats'],
      ['zed-003', 'Zed Bikes'],
    ] as const) {
      await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ customer: { reference, displayName } })).expect(201);
    }
    // One onboarding completes in the US; the others wait for their signup.
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ customer: { reference: 'us-004', displayName: 'Usa Bikes' } })).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '7601', phoneNumberId: '7602', region: 'US' })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
  });
  after(() => h.close());

  const list = async (query: string) =>
    parse(ConsoleOnboardingListSchema, (await request(h.app).get(`/console/api/onboardings?${query}`).set(as(s)).expect(200)).body);
  const refs = async (query: string) => (await list(query)).items.map((o) => o.customer.reference).sort();

  test('When filtered by customer text, state, region and day, then only the matching onboardings are listed', async () => {
    assert.deepEqual(await refs('q=acme'), ['ACME-001', 'acme-002'], 'reference or name, any case');
    assert.deepEqual(await refs('q=BIKES'), ['us-004', 'zed-003']);
    assert.deepEqual(await refs('q=bikes&region=US'), ['us-004']);
    assert.deepEqual(await refs('state=completed'), ['us-004']);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual(await refs(`q=acme&from=${today}&to=${today}`), ['ACME-001', 'acme-002']);
    assert.deepEqual(await refs(`q=acme&from=${tomorrow}`), []);
    assert.deepEqual(await refs(`q=acme&to=${yesterday}`), []);
  });

  test('When paged, then each page is newest first and the token leads to the rest under the same filter', async () => {
    const first = await list('q=acme&pageSize=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.nextPageToken);
    const second = await list(`q=acme&pageSize=1&pageToken=${first.nextPageToken}`);
    assert.deepEqual([...first.items, ...second.items].map((o) => o.customer.reference), ['acme-002', 'ACME-001']);
    assert.equal(second.nextPageToken, undefined);
  });

  test('When the funnel of the last 7 or 30 days is read, then it is GET /v1/funnel’s by day over those days', async () => {
    for (const days of [7, 30]) {
      const con = parse(FunnelResponseSchema, (await request(h.app).get(`/console/api/funnel?days=${days}`).set(as(s)).expect(200)).body);
      assert.equal(con.groupBy, 'day');
      assert.equal(con.periods.length, days);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(con.periods.at(-1)!.start.slice(0, 10), today, 'the last period is today');
      const api = (await request(h.app).get(`/v1/funnel?from=${con.from}&to=${con.to}&groupBy=day`).set(asp).expect(200)).body;
      assert.deepEqual(con, api);
    }
    const week = parse(FunnelResponseSchema, (await request(h.app).get('/console/api/funnel').set(as(s)).expect(200)).body);
    assert.equal(week.totals.stages.created, 4, 'the four sessions of this suite');
    assert.equal(week.totals.stages.completed, 1);
    assert.equal((await request(h.app).get('/console/api/funnel?days=9').set(as(s)).expect(400)).body.error.field, 'query.days');
  });

  test('When a filter is malformed, then 400 naming it', async () => {
    for (const [query, field] of [
      ['from=2026-13', 'query.from'],
      ['region=XX', 'query.region'],
      ['pageSize=0', 'query.pageSize'],
      ['sort=name', 'query'],
    ]) {
      const res = await request(h.app).get(`/console/api/onboardings?${query}`).set(as(s)).expect(400);
      assert.ok(String(res.body.error.field).startsWith(field!), `${query}: ${JSON.stringify(res.body)}`);
    }
  });
});

describe('operator console: the page and its bundle', () => {
  let h: RealHarness;
  const dir = mkdtempSync(join(tmpdir(), 'console-bundle-'));
  const bundle = join(dir, 'console.js');
  before(async () => (h = await withAccounts({ consoleFile: bundle })));
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('When /console is opened, then an HTML shell with a nonce CSP that forbids framing, the element and its module', async () => {
    for (const path of ['/console', '/console/onboardings/ses_1']) {
      const res = await request(h.app).get(path).expect(200);
      assert.match(String(res.headers['content-type']), /text\/html/);
      const csp = String(res.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.match(csp, /script-src 'self' 'nonce-[^']+'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(res.text, /<operator-console>/);
      assert.match(res.text, /<script type="module" nonce="[^"]+" src="\/console\/console\.js/);
      // Every inline script carries the nonce.
      for (const tag of res.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    }
  });

  test('When the console is not built, then /console/console.js is a 404 naming the build command; once built it is served', async () => {
    const missing = await request(h.app).get('/console/console.js').expect(404);
    assert.match(missing.body.error.message, /npm run build -w @whatsapp-signup\/console/);
    writeFileSync(bundle, 'customElements.define("operator-console", class extends HTMLElement {});\n');
    const res = await request(h.app).get('/console/console.js').expect(200);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(res.text, /operator-console/);
    const page = await request(h.app).get('/console').expect(200);
    assert.match(page.text, /src="\/console\/console\.js\?v=[^"]+"/);
  });
});
