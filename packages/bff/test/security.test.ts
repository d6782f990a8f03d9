/**
 * Security rules of the HTTP layer, one test (or a few) per rule. These rules live entirely in the
 * HTTP layer, so the in-memory engine is enough here; the rules that involve Sinch (strict schemas →
 * no Sinch call, nothing secret in logs or bodies) run on the real engine in security.sinch.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { TokenService, sessionAudience } from '../src/auth/tokens.js';
import { API_KEY, API_KEY_2, ALLOWED_ORIGIN, SESSION_SECRET, fakeHarness, sessionBody } from './fixtures/harness.js';
import { SecretScan, staticSecrets } from './fixtures/secret-scan.js';
import { rawClient, type RawClient } from './fixtures/raw-request.js';
import { assertDocumented } from './fixtures/openapi-check.js';

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

describe('session tokens', () => {
  const h = fakeHarness();
  let token = '';
  let sessionId = '';
  before(async () => {
    const res = await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201);
    ({ token, id: sessionId } = res.body);
  });
  after(() => h.close());

  test('When the token is valid, then GET /v1/session answers 200', async () => {
    assertDocumented(await request(h.app).get('/v1/session').set(auth(token)).expect(200));
  });

  test('When no token is sent, then 401 unauthorized', async () => {
    const res = assertDocumented(await request(h.app).get('/v1/session').expect(401));
    assert.equal(res.body.error.code, 'unauthorized');
  });

  test('When one character of the signature is changed, then 401 unauthorized', async () => {
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    const res = assertDocumented(await request(h.app).get('/v1/session').set(auth(tampered)).expect(401));
    assert.equal(res.body.error.code, 'unauthorized');
  });

  test('When the payload is swapped for another session id, then 401 (signature no longer matches)', async () => {
    const [head, , sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ typ: 'session', sub: 'ses_other', aud: sessionAudience('ses_other'), iss: 'whatsapp-signup-bff', exp: 9_999_999_999 })).toString('base64url');
    await request(h.app).get('/v1/session').set(auth(`${head}.${forged}.${sig}`)).expect(401);
  });

  test("When a token is bound to another session's audience, then 401 unauthorized", async () => {
    const other = await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const tokens = new TokenService(SESSION_SECRET);
    const crossed = await tokens.sign({ typ: 'session' }, sessionId, sessionAudience(other.body.id), new Date(Date.now() + 60_000));
    const res = await request(h.app).get('/v1/session').set(auth(crossed)).expect(401);
    assert.equal(res.body.error.code, 'unauthorized');
  });

  test('When a token is signed with another secret, then 401 unauthorized', async () => {
    const foreign = await new TokenService('another-secret-of-at-least-32-characters!!').mintSession(sessionId, new Date(Date.now() + 60_000));
    await request(h.app).get('/v1/session').set(auth(foreign)).expect(401);
  });

  test('When the token has expired, then 401 session_expired', async () => {
    const expired = await new TokenService(SESSION_SECRET).mintSession(sessionId, new Date(Date.now() - 1000));
    const res = assertDocumented(await request(h.app).get('/v1/session').set(auth(expired)).expect(401));
    assert.equal(res.body.error.code, 'session_expired');
  });

  test('When a link token is used as a session token, then 401 (typ differs)', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const linkToken = String(link.body.url).split('/signup/')[1]!;
    await request(h.app).get('/v1/session').set(auth(linkToken)).expect(401);
  });

  test('When an API key is used on a browser route, then 401', async () => {
    await request(h.app).get('/v1/session').set(auth(API_KEY)).expect(401);
  });

  test('When the session itself has expired, then 401 session_expired even with a live token', async () => {
    const created = await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const s = h.engine.sessions.get(created.body.id)!;
    h.engine.sessions.set(s.id, { ...s, expiresAt: new Date(Date.now() - 1).toISOString() });
    const res = await request(h.app).get('/v1/session').set(auth(created.body.token)).expect(401);
    assert.equal(res.body.error.code, 'session_expired');
  });
});

describe('API keys', () => {
  const h = fakeHarness();
  after(() => h.close());

  test('When the API key is missing, then 401 and the engine is not called', async () => {
    const res = assertDocumented(await request(h.app).post('/v1/sessions').send(sessionBody()).expect(401));
    assert.equal(res.body.error.code, 'unauthorized');
    assert.deepEqual(h.engine.calls, []);
  });

  test('When the API key is wrong, then 401 on every server route', async () => {
    const bad = auth('ak_test_primary_0123456789abcdeX');
    await request(h.app).post('/v1/sessions').set(bad).send(sessionBody()).expect(401);
    await request(h.app).post('/v1/signup-links').set(bad).send(sessionBody()).expect(401);
    await request(h.app).delete('/v1/signup-links/lnk_x').set(bad).expect(401);
    await request(h.app).get('/v1/onboardings').set(bad).expect(401);
    await request(h.app).get('/v1/onboardings/ses_x').set(bad).expect(401);
    await request(h.app).post('/v1/onboardings/ses_x/retry').set(bad).expect(401);
    await request(h.app).post('/v1/onboardings/ses_x/phone-numbers').set(bad).send({ phoneNumberId: '1' }).expect(401);
    assert.deepEqual(h.engine.calls, []);
  });

  test('When a prefix of a valid key or a key with another scheme is sent, then 401', async () => {
    await request(h.app).get('/v1/onboardings').set(auth(API_KEY.slice(0, -1))).expect(401);
    await request(h.app).get('/v1/onboardings').set('Authorization', `Basic ${API_KEY}`).expect(401);
  });

  test('When either of two rotated keys is sent, then both are accepted', async () => {
    await request(h.app).get('/v1/onboardings').set(auth(API_KEY)).expect(200);
    await request(h.app).get('/v1/onboardings').set(auth(API_KEY_2)).expect(200);
  });
});

describe('signup links', () => {
  const h = fakeHarness();
  after(() => h.close());
  const linkTokenOf = (url: string) => url.split('/signup/')[1]!;

  test('When a link is revoked before use, then opening it gives 410', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    assertDocumented(await request(h.app).delete(`/v1/signup-links/${link.body.id}`).set(auth(API_KEY)).expect(204));
    const page = await request(h.app).get(`/signup/${linkTokenOf(link.body.url)}`).expect(410);
    assert.match(page.text, /withdrawn/);
  });

  test('When a link is revoked after use, then the session token minted by its page stops working', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const page = await request(h.app).get(`/signup/${linkTokenOf(link.body.url)}`).expect(200);
    const token = /session="([^"]+)"/.exec(page.text)![1]!;
    await request(h.app).get('/v1/session').set(auth(token)).expect(200);
    await request(h.app).delete(`/v1/signup-links/${link.body.id}`).set(auth(API_KEY)).expect(204);
    await request(h.app).get('/v1/session').set(auth(token)).expect(401);
  });

  test('When an unknown link is revoked, then 404 not_found', async () => {
    const res = assertDocumented(await request(h.app).delete('/v1/signup-links/lnk_nope').set(auth(API_KEY)).expect(404));
    assert.equal(res.body.error.code, 'not_found');
  });

  test('When a link token is tampered with or is a session token, then 404', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const t = linkTokenOf(link.body.url);
    await request(h.app).get(`/signup/${t.slice(0, -3)}abc`).expect(404);
    const s = await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201);
    await request(h.app).get(`/signup/${s.body.token}`).expect(404);
  });

  test('When the ttl is over 3 days, then 400 naming ttl; the default is 24 h', async () => {
    const res = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody({ ttl: 3 * 86_400 + 1 })).expect(400);
    assert.equal(res.body.error.field, 'ttl');
    const sent = Date.now();
    const ok = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const created = Date.parse(ok.body.expiresAt) - 24 * 3600_000;
    assert.ok(created >= sent && created <= Date.now(), `expected expiresAt 24 h after the request, got ${ok.body.expiresAt}`);
  });

  test('When a link has expired, then its page answers 410', async () => {
    let now = Date.now();
    const h2 = fakeHarness({ now: () => now });
    const link = await request(h2.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody({ ttl: 60 })).expect(201);
    now += 61_000;
    await request(h2.app).get(`/signup/${linkTokenOf(link.body.url)}`).expect(410);
    await h2.close();
  });
});

describe('CORS', () => {
  const h = fakeHarness();
  let token = '';
  before(async () => {
    token = (await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.token;
  });
  after(() => h.close());

  test('When the origin is allowed, then the response names it in Access-Control-Allow-Origin', async () => {
    const res = await request(h.app).get('/v1/session').set(auth(token)).set('Origin', ALLOWED_ORIGIN).expect(200);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(res.headers.vary), /Origin/);
  });

  test('When an allowed origin sends a preflight, then 204 with the allowed methods and headers', async () => {
    const res = await request(h.app)
      .options('/v1/session/onboarding')
      .set('Origin', ALLOWED_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(res.headers['access-control-allow-headers']), /Authorization/);
    assert.match(String(res.headers['access-control-allow-methods']), /POST/);
  });

  test('When another origin calls or preflights, then 403 origin_not_allowed and no CORS header', async () => {
    for (const origin of ['https://evil.example', 'https://asp.example.evil.example', 'null']) {
      const res = await request(h.app).get('/v1/session').set(auth(token)).set('Origin', origin).expect(403);
      assert.equal(res.body.error.code, 'origin_not_allowed');
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      const pre = await request(h.app).options('/v1/session').set('Origin', origin).set('Access-Control-Request-Method', 'GET').expect(403);
      assert.equal(pre.headers['access-control-allow-origin'], undefined);
    }
    const post = await request(h.app)
      .post('/v1/session/abandon')
      .set(auth(token))
      .set('Origin', 'https://evil.example')
      .send({ kind: 'cancel' })
      .expect(403);
    assert.equal(post.body.error.code, 'origin_not_allowed');
    assert.deepEqual(h.engine.calls.filter((c) => c === 'abandon'), []);
  });

  test('When the hosted page (PUBLIC_URL origin) calls, then it is allowed', async () => {
    const res = await request(h.app).get('/v1/session').set(auth(token)).set('Origin', 'https://bff.example').expect(200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://bff.example');
  });
});

describe('helmet headers on every response', () => {
  const h = fakeHarness();
  after(() => h.close());

  test('When any route answers (2xx, 4xx, 413, 404), then the helmet headers are present', async () => {
    const responses = [
      await request(h.app).get('/healthz'),
      await request(h.app).get('/v1/openapi.json'),
      await request(h.app).get('/metrics'),
      await request(h.app).get('/nope'),
      await request(h.app).get('/v1/session'),
      await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send({ x: 1 }),
      await request(h.app).post('/v1/sessions').set(auth(API_KEY)).set('Content-Type', 'application/json').send(`{"a":"${'x'.repeat(17_000)}"}`),
      await request(h.app).get('/signup/not-a-token'),
      await request(h.app).get('/widget/whatsapp-signup.js'),
    ];
    for (const res of responses) {
      const where = `${res.status} ${(res as unknown as { req: { path: string } }).req.path}`;
      assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
      assert.match(String(res.headers['strict-transport-security']), /max-age=/, where);
      assert.ok(res.headers['content-security-policy'], where);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', where);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', where);
      assert.ok(res.headers['cross-origin-opener-policy'], where);
      assert.equal(res.headers['x-powered-by'], undefined, where);
      assert.ok(res.headers['x-request-id'], where);
    }
  });
});

describe('hosted page', () => {
  const h = fakeHarness();
  after(() => h.close());

  test('When the hosted page is served, then its CSP lets the FB SDK work and COOP allows popups', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const res = await request(h.app).get(new URL(link.body.url).pathname).expect(200);
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce);
    assert.match(csp, /script-src 'self' 'nonce-[^']+' https:\/\/connect\.facebook\.net(;|$)/);
    assert.match(csp, /frame-src https:\/\/\*\.facebook\.com https:\/\/www\.facebook\.com/);
    assert.match(csp, /connect-src 'self' https:\/\/\*\.facebook\.com https:\/\/graph\.facebook\.com/);
    assert.match(csp, /img-src 'self' data: https:\/\/\*\.facebook\.com https:\/\/\*\.fbcdn\.net/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin-allow-popups');
    assert.equal(res.headers['cache-control'], 'no-store');
    // Every inline script and style carries the nonce.
    const inline = [...res.text.matchAll(/<(script|style)(?![^>]*\bsrc=)([^>]*)>/g)];
    assert.ok(inline.length >= 2);
    for (const m of inline) assert.ok(m[2]!.includes(`nonce="${nonce}"`), m[0]);
    assert.match(res.text, /<whatsapp-signup endpoint="https:\/\/bff\.example" session="[^"]+">/);
    assert.match(res.text, /<script type="module" src="\/widget\/whatsapp-signup\.js[^"]*">/);
    // Each page gets a fresh nonce.
    const link2 = await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201);
    const res2 = await request(h.app).get(new URL(link2.body.url).pathname).expect(200);
    assert.notEqual(/'nonce-([^']+)'/.exec(String(res2.headers['content-security-policy']))?.[1], nonce);
  });

  test('When the customer name holds markup, then it is escaped', async () => {
    const link = await request(h.app)
      .post('/v1/signup-links')
      .set(auth(API_KEY))
      .send(sessionBody({ customer: { reference: 'r', displayName: '<script>alert(1)</script>' } }))
      .expect(201);
    const res = await request(h.app).get(new URL(link.body.url).pathname).expect(200);
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});

describe('body size', () => {
  const h = fakeHarness();
  after(() => h.close());

  test('When a JSON body is over 16 kB, then 413 payload_too_large and the engine is not called', async () => {
    const big = sessionBody({ customer: { reference: 'r', displayName: 'x', labels: { a: 'y'.repeat(255) } }, pad: 'z'.repeat(16 * 1024) });
    const res = assertDocumented(await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(big).expect(413));
    assert.equal(res.body.error.code, 'payload_too_large');
    assert.deepEqual(h.engine.calls, []);
  });

  test('When a browser body is over 16 kB, then 413 with the CORS header so the widget can read it', async () => {
    const token = (await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.token;
    const res = await request(h.app)
      .post('/v1/session/onboarding')
      .set(auth(token))
      .set('Origin', ALLOWED_ORIGIN)
      .send({ code: 'c'.repeat(17_000) })
      .expect(413);
    assert.equal(res.body.error.code, 'payload_too_large');
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
  });

  test('When a path parameter has a broken percent-encoding, then 400 invalid_request (not 500)', async () => {
    for (const path of ['/v1/onboardings/%E0%A4%A', '/v1/signup-links/%', '/signup/%ff%']) {
      const res = await request(h.app).get(path).set(auth(API_KEY));
      assert.equal(res.status, 400, path);
      assert.equal(res.body.error.field, 'path');
    }
  });

  test('When the JSON is malformed, then 400 invalid_request naming the body', async () => {
    const res = await request(h.app).post('/v1/sessions').set(auth(API_KEY)).set('Content-Type', 'application/json').send('{"customer":').expect(400);
    assert.equal(res.body.error.code, 'invalid_request');
    assert.equal(res.body.error.field, 'body');
  });
});

describe('rate limits', () => {
  test('When one IP exceeds its limit, then 429 rate_limited', async () => {
    const h = fakeHarness({ config: { rateLimits: { perIp: 5, perSession: 100 } } });
    for (let i = 0; i < 5; i++) await request(h.app).get('/v1/openapi.json').expect(200);
    const res = assertDocumented(await request(h.app).get('/v1/onboardings').set(auth(API_KEY)).expect(429));
    assert.equal(res.body.error.code, 'rate_limited');
    assert.ok(res.headers['retry-after']);
    await h.close();
  });

  test('When one session exceeds its limit, then 429 for it while another session still passes', async () => {
    const h = fakeHarness({ config: { rateLimits: { perIp: 1000, perSession: 3 } } });
    const a = (await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.token;
    const b = (await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.token;
    for (let i = 0; i < 3; i++) await request(h.app).get('/v1/session/onboarding').set(auth(a)).expect(200);
    const res = await request(h.app).get('/v1/session').set(auth(a)).set('Origin', ALLOWED_ORIGIN).expect(429);
    assert.equal(res.body.error.code, 'rate_limited');
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    await request(h.app).get('/v1/session').set(auth(b)).expect(200);
    await h.close();
  });
});

describe('log redaction: credentials never reach the access log, however the URL is spelled (issue 13)', () => {
  const h = fakeHarness();
  let client: RawClient;
  let port = 0;
  let sessionToken = '';
  let linkToken = '';
  before(async () => {
    client = await rawClient(h.app, h.logs);
    port = client.port;
    sessionToken = (await request(h.app).post('/v1/sessions').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.token;
    linkToken = String((await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.url).split('/signup/')[1]!;
  });
  after(async () => {
    await client.close();
    await h.close();
  });
  const send = (target: string, headers?: Record<string, string>) => client.get(target, headers);

  /** Fails naming the secret's kind (masked) when any of them is in the line: the suites' SecretScan. */
  function assertNotLogged(raw: string, secrets: Record<string, string>) {
    const scan = new SecretScan(staticSecrets(secrets));
    scan.add('log', raw);
    scan.check();
  }

  const streamCases: Array<[string, number]> = [
    ['access%5Ftoken', 200],
    ['access_%74oken', 200],
    ['%61ccess_token', 200],
    ['access_token', 200],
    ['ACCESS_TOKEN%00', 401],
  ];
  for (const [name, expected] of streamCases) {
    test(`When the event stream is opened with ?${name}=<session token>, then ${expected} and the log line holds the route but not the token`, async () => {
      const { status, line, raw } = await send(`/v1/session/onboarding/events?${name}=${encodeURIComponent(sessionToken)}`);
      assert.equal(status, expected);
      assertNotLogged(raw, { 'session token': sessionToken });
      assert.equal(line.req.method, 'GET');
      assert.equal(line.req.route, '/v1/session/onboarding/events');
      // Accepted: the decoded name is logged, its value never; refused for auth: no query at all.
      assert.equal(line.req.url, `/v1/session/onboarding/events${expected === 200 ? '?access_token=[REDACTED]' : ''}`);
    });
  }

  test('When a link token is sent under any spelling of /signup/, then the log line never holds it', async () => {
    const targets = [
      `/%73ignup/${linkToken}`,
      `//signup/${linkToken}`,
      `/%2573ignup/${linkToken}`,
      `/signup%2F${linkToken}`,
      `/SIGNUP/${linkToken}`,
      `/Signup/${linkToken}/`,
      `http://127.0.0.1:${port}/signup/${linkToken}`,
      `HTTP://bff.example//SignUp/${linkToken}?x=1`,
      `/signup/${linkToken}`,
    ];
    for (const target of targets) {
      const { raw } = await send(target);
      assertNotLogged(raw, { 'link token': linkToken });
    }
  });

  test('When the hosted page is opened by an odd spelling the router accepts, then the log names the route and status', async () => {
    const fresh = String((await request(h.app).post('/v1/signup-links').set(auth(API_KEY)).send(sessionBody()).expect(201)).body.url).split('/signup/')[1]!;
    const { status, line, raw } = await send(`/SIGNUP/${fresh}`);
    assert.equal(status, 200);
    assertNotLogged(raw, { 'link token': fresh });
    assert.equal(line.req.url, '/SIGNUP/[REDACTED]');
    assert.equal(line.req.route, '/signup/:token');
    assert.equal(line.res.statusCode, 200);
    assert.equal(typeof line.responseTime, 'number');
    assert.match(line.reqId, /^raw-/);
  });

  test('When an API key is sent in the query (?api_key=, ?key=, as a name) and refused, then 401 and the key is not logged', async () => {
    for (const q of [`api_key=${API_KEY}`, `key=${API_KEY}`, `apiKey=${encodeURIComponent(API_KEY)}`, API_KEY, `x=1&${API_KEY}=1`]) {
      const { status, line, raw } = await send(`/v1/onboardings?${q}`);
      assert.equal(status, 401, q);
      assertNotLogged(raw, { 'API key': API_KEY });
      assert.equal(line.req.url, '/v1/onboardings', 'a query refused for auth is not logged at all');
    }
  });

  test('When a token is pasted into another path, then the over-long segment is redacted', async () => {
    const { status, raw } = await send(`/v1/session/${sessionToken}`);
    assert.equal(status, 404);
    assertNotLogged(raw, { 'session token': sessionToken });
  });

  test('When a route takes ordinary query parameters, then their names are logged and their values are not', async () => {
    const { status, line } = await send('/v1/onboardings?state=completed&pageSize=5', auth(API_KEY));
    assert.equal(status, 200);
    assert.equal(line.req.url, '/v1/onboardings?state=[REDACTED]&pageSize=[REDACTED]');
    assert.equal(line.req.route, '/v1/onboardings');
  });
});
