/**
 * Every route of the BFF on the real OnboardingEngine and the Sinch sandbox (loopback), with a temp
 * SQLite file. Every response is checked against the OpenAPI document (assertDocumented).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';

describe('POST /v1/sessions', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When the ASP creates a session, then 201 {id, token, expiresAt} and warm-up starts at once', async () => {
    const sent = Date.now();
    const res = doc(await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ ttl: 900 })).expect(201));
    const answered = Date.now();
    assert.match(res.body.id, /^ses_/);
    assert.equal(res.body.token.split('.').length, 3);
    // Between the request and its answer, whatever the machine's speed: expiresAt = creation + 900 s.
    const created = Date.parse(res.body.expiresAt) - 900_000;
    assert.ok(created >= sent && created <= answered, `expiresAt ${res.body.expiresAt} is not 900 s after the request`);
    const o = await waitForOnboarding(h.app, res.body.id, (x) => x.state === 'awaiting_signup');
    assert.ok(o.subprojectId);
    const sub = h.sandbox.inspect().subprojects.find((s) => s.subprojectId === o.subprojectId);
    assert.ok(sub && Object.values(sub.labels).includes(res.body.id), 'subproject labelled with the session id');
  });

  test('When regions are omitted, then all three are allowed', async () => {
    const body = sessionBody();
    delete (body as { regions?: unknown }).regions;
    const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(body).expect(201)).body;
    const view = doc(await request(h.app).get('/v1/session').set(bearer(token)).expect(200));
    assert.deepEqual(view.body.regions.allowed.sort(), ['BR', 'EU', 'US']);
  });

  test('When the default region is not among the allowed ones, then 400 naming regions.default', async () => {
    const res = doc(
      await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ regions: { allowed: ['US'], default: 'EU' } })).expect(400),
    );
    assert.equal(res.body.error.field, 'regions.default');
  });
});

describe('signup links', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When the ASP creates a link, then 201 with a PUBLIC_URL link valid 24 h by default, and its page opens on its session', async () => {
    const res = doc(await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201));
    assert.match(res.body.id, /^lnk_/);
    assert.match(res.body.url, /^https:\/\/bff\.example\/signup\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3600_000;
    assert.ok(hours > 23.9 && hours <= 24);
    const session = await h.engine.getSession(res.body.sessionId);
    assert.equal(session?.kind, 'link');
    const page = await request(h.app).get(new URL(res.body.url).pathname).expect(200);
    const token = /session="([^"]+)"/.exec(page.text)![1]!;
    const view = doc(await request(h.app).get('/v1/session').set(bearer(token)).expect(200));
    assert.equal(view.body.session.id, res.body.sessionId);
    assert.equal(view.body.hostedUrl, null, 'already on the hosted page');
  });

  test('When a link with ttl 3 days is created, then it is accepted; DELETE revokes it (204)', async () => {
    const res = doc(await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody({ ttl: 3 * 86_400 })).expect(201));
    doc(await request(h.app).delete(`/v1/signup-links/${res.body.id}`).set(asp).expect(204));
    await request(h.app).get(new URL(res.body.url).pathname).expect(410);
  });
});

describe('browser flow: GET /v1/session, POST and GET /v1/session/onboarding', () => {
  let h: RealHarness;
  let token = '';
  let id = '';
  before(async () => {
    h = await realHarness();
    ({ token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body);
  });
  after(() => h.close());

  test('When the widget asks for its session, then it gets the Meta ids, regions, prefill, state and a hosted URL', async () => {
    const res = doc(await request(h.app).get('/v1/session').set(bearer(token)).expect(200));
    assert.deepEqual(res.body.meta, { appId: '1234567890', configId: '987654321', graphVersion: 'v25.0', solutionId: '555' });
    assert.deepEqual(res.body.regions, { allowed: ['EU', 'US'], default: 'EU' });
    assert.equal(res.body.prefill.business.name, 'Acme Shoes');
    assert.equal(res.body.featureType, '');
    assert.equal(res.body.onboarding.id, id);
    assert.match(res.body.hostedUrl, /^https:\/\/bff\.example\/signup\//);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('When the ES result is posted, then 202 with the job, and the job completes on the sandbox', async () => {
    const code = h.sandbox.mintCode();
    const res = doc(await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(code)).expect(202));
    assert.equal(res.body.onboarding.id, id);
    assert.equal(res.body.onboarding.wabaId, '104996122399160');
    const done = await waitForOnboarding(h.app, id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    const senders = h.sandbox.inspect().senders.filter((s) => s.wabaId === '104996122399160');
    assert.equal(senders.length, 1);
  });

  test('When the same result is posted again, then 202 with the same job and no second sender', async () => {
    const res = doc(await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode())).expect(202));
    assert.equal(res.body.onboarding.id, id);
    // A second sender would come from a runner the repeat started: count once every runner has finished.
    await h.engine.idle();
    assert.equal(h.sandbox.inspect().senders.filter((s) => s.wabaId === '104996122399160').length, 1);
  });

  test('When a different result is posted, then 409 signup_already_submitted', async () => {
    const res = doc(
      await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '999' })).expect(409),
    );
    assert.equal(res.body.error.code, 'signup_already_submitted');
  });

  test('When the widget polls its job, then GET /v1/session/onboarding returns it', async () => {
    const res = doc(await request(h.app).get('/v1/session/onboarding').set(bearer(token)).expect(200));
    assert.equal(res.body.onboarding.state, 'completed');
    assert.equal(res.body.onboarding.steps.length, 5);
  });
});

describe('POST /v1/session/abandon', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When the customer cancels, then the current step is recorded for the ASP', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const res = doc(await request(h.app).post('/v1/session/abandon').set(bearer(token)).send({ kind: 'cancel', currentStep: 'PHONE_NUMBER_SETUP' }).expect(200));
    assert.equal(res.body.onboarding.abandonment.kind, 'cancel');
    assert.equal(res.body.onboarding.abandonment.currentStep, 'PHONE_NUMBER_SETUP');
    const seen = doc(await request(h.app).get(`/v1/onboardings/${id}`).set(asp).expect(200));
    assert.equal(seen.body.onboarding.abandonment.currentStep, 'PHONE_NUMBER_SETUP');
  });

  test('When Meta reports an error, then message, code, error id and Meta session id are recorded', async () => {
    const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const res = doc(
      await request(h.app)
        .post('/v1/session/abandon')
        .set(bearer(token))
        .send({ kind: 'error', message: 'Something went wrong', code: 524126, errorId: '77', metaSessionId: 'f34b6950-1b8e' })
        .expect(200),
    );
    assert.deepEqual(
      { ...res.body.onboarding.abandonment, at: undefined },
      { kind: 'error', message: 'Something went wrong', code: '524126', errorId: '77', metaSessionId: 'f34b6950-1b8e', at: undefined },
    );
  });

  test('When the kind is unknown, then 400 naming kind', async () => {
    const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const res = doc(await request(h.app).post('/v1/session/abandon').set(bearer(token)).send({ kind: 'bored' }).expect(400));
    assert.equal(res.body.error.field, 'kind');
  });
});

describe('GET /v1/onboardings', () => {
  let h: RealHarness;
  const ids: string[] = [];
  before(async () => {
    h = await realHarness();
    for (let i = 0; i < 3; i++) ids.push((await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body.id);
    for (const id of ids) await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/abandon').set(bearer(token)).send({ kind: 'cancel' }).expect(200);
  });
  after(() => h.close());

  test('When paging with pageSize=2, then pages chain with nextPageToken and cover every job once', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = doc(await request(h.app).get('/v1/onboardings').query({ pageSize: 2, ...(pageToken ? { pageToken } : {}) }).set(asp).expect(200));
      assert.ok(res.body.items.length <= 2);
      seen.push(...res.body.items.map((o: { id: string }) => o.id));
      pageToken = res.body.nextPageToken;
      pages++;
    } while (pageToken);
    assert.equal(pages, 2);
    assert.equal(new Set(seen).size, 4);
    for (const id of ids) assert.ok(seen.includes(id));
  });

  test('When filtering by state, then only jobs in that state come back', async () => {
    const res = doc(await request(h.app).get('/v1/onboardings?state=awaiting_signup').set(asp).expect(200));
    assert.ok(res.body.items.length >= 3);
    for (const o of res.body.items) assert.equal(o.state, 'awaiting_signup');
    const none = doc(await request(h.app).get('/v1/onboardings?state=completed').set(asp).expect(200));
    assert.deepEqual(none.body.items, []);
  });

  test('When the state or pageSize is invalid, then 400 naming the query field', async () => {
    assert.equal(doc(await request(h.app).get('/v1/onboardings?state=done').set(asp).expect(400)).body.error.field, 'query.state');
    assert.equal(doc(await request(h.app).get('/v1/onboardings?pageSize=500').set(asp).expect(400)).body.error.field, 'query.pageSize');
    assert.equal(doc(await request(h.app).get('/v1/onboardings?pageSize=1&pageSize=2').set(asp).expect(400)).body.error.field, 'query.pageSize');
    assert.equal(doc(await request(h.app).get('/v1/onboardings?sort=asc').set(asp).expect(400)).body.error.field, 'query.sort');
  });

  test('When one onboarding is fetched, then 200; an unknown id gives 404 not_found', async () => {
    const res = doc(await request(h.app).get(`/v1/onboardings/${ids[0]}`).set(asp).expect(200));
    assert.equal(res.body.onboarding.id, ids[0]);
    assert.equal(doc(await request(h.app).get('/v1/onboardings/ses_unknown').set(asp).expect(404)).body.error.code, 'not_found');
  });
});

describe('POST /v1/onboardings/:id/retry', () => {
  let h: RealHarness;
  // The app step gives up on a lasting Sinch fault after 300 ms (instead of 1 h).
  before(async () => (h = await realHarness({ env: { APP_RETRY_HORIZON_MS: '300' } })));
  after(() => h.close());

  test('When the app step failed on Sinch 5xx, then retry resumes it and the job completes without duplicates', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rate5xx: 1 });
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '7001', phoneNumberId: '7002' })).expect(202);
    const failed = await waitForOnboarding(h.app, id, (o) => o.state === 'failed' || o.state === 'completed');
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error?.step, 'app');
    assert.equal(failed.error?.retryable, true);
    h.sandbox.faults.clear();
    const res = doc(await request(h.app).post(`/v1/onboardings/${id}/retry`).set(asp).expect(202));
    assert.equal(res.body.onboarding.id, id);
    const done = await waitForOnboarding(h.app, id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed');
    const snap = h.sandbox.inspect();
    assert.equal(snap.senders.filter((s) => s.wabaId === '7001').length, 1);
    assert.equal(snap.apps.filter((a) => a.projectId === done.subprojectId).length, 1);
  });

  test('When the job is not failed, then 409 not_retryable; unknown id → 404', async () => {
    const { id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    assert.equal(doc(await request(h.app).post(`/v1/onboardings/${id}/retry`).set(asp).expect(409)).body.error.code, 'not_retryable');
    doc(await request(h.app).post('/v1/onboardings/ses_nope/retry').set(asp).expect(404));
  });
});

describe('POST /v1/onboardings/:id/phone-numbers', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When a FINISH_ONLY_WABA job gets its number, then the same sender call runs and the job completes', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const body = signupBody(h.sandbox.mintCode(), { event: 'FINISH_ONLY_WABA', wabaId: '8001' });
    delete (body as { phoneNumberId?: string }).phoneNumberId;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(body).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_phone_number');
    const res = doc(await request(h.app).post(`/v1/onboardings/${id}/phone-numbers`).set(asp).send({ phoneNumberId: '8002' }).expect(202));
    assert.equal(res.body.onboarding.phoneNumberId, '8002');
    const done = await waitForOnboarding(h.app, id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.deepEqual(h.sandbox.inspect().senders.filter((s) => s.wabaId === '8001').map((s) => s.phoneNumberId), ['8002']);
  });

  test('When a completed job gets another number, then a second sender is created for the same WABA', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '9001', phoneNumberId: '9002' })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    doc(await request(h.app).post(`/v1/onboardings/${id}/phone-numbers`).set(asp).send({ phoneNumberId: '9003', metaLocalStorage: 'DE' }).expect(202));
    await waitForOnboarding(h.app, id, (o) => o.phoneNumbers.some((p) => p.phoneNumberId === '9003' && p.senderState === 'ACTIVE'));
    assert.deepEqual(h.sandbox.inspect().senders.filter((s) => s.wabaId === '9001').map((s) => s.phoneNumberId).sort(), ['9002', '9003']);
  });

  test('When the browser submits a region the session does not allow, then 400 naming region and no sender is created', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ regions: { allowed: ['EU'] } })).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    const before = h.sinchRequests();
    const body = { ...signupBody(h.sandbox.mintCode(), { wabaId: '9101', phoneNumberId: '9102' }), region: 'US' };
    const res = doc(await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(body).expect(400));
    assert.equal(res.body.error.field, 'region');
    assert.match(res.body.error.message, /EU/);
    await h.engine.idle();
    assert.equal(h.sinchRequests(), before);
    assert.equal((await request(h.app).get(`/v1/onboardings/${id}`).set(asp).expect(200)).body.onboarding.state, 'awaiting_signup');
  });

  test('When the phone number id is not numeric, then 400 naming phoneNumberId and no Sinch call', async () => {
    const { id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    const before = h.sinchRequests();
    const res = doc(await request(h.app).post(`/v1/onboardings/${id}/phone-numbers`).set(asp).send({ phoneNumberId: '12a' }).expect(400));
    assert.equal(res.body.error.field, 'phoneNumberId');
    await h.engine.idle();
    assert.equal(h.sinchRequests(), before);
  });
});

describe('public routes', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  test('When /healthz is called, then 200 {status: ok}', async () => {
    assert.deepEqual(doc(await request(h.app).get('/healthz').expect(200)).body, { status: 'ok' });
  });

  test('When /readyz is called with the DB open and Sinch reachable, then 200 with both checks ok', async () => {
    const res = doc(await request(h.app).get('/readyz').expect(200));
    assert.deepEqual(res.body, { status: 'ok', checks: { database: 'ok', sinch: 'ok' } });
  });

  test('When /metrics is scraped after a flow, then requests, onboardings by state, step latencies and Sinch calls appear', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '6001', phoneNumberId: '6002' })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    const res = await request(h.app).get('/metrics').expect(200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(res.text, /whatsapp_signup_http_requests_total\{method="POST",route="\/v1\/sessions",status="201"\} 1/);
    assert.match(res.text, /whatsapp_signup_onboardings\{state="completed"\} 1/);
    assert.match(res.text, /whatsapp_signup_onboarding_step_duration_seconds_count\{outcome="done",step="sender"\} 1/);
    // Two creates on the Provisioning API: the subproject's Provisioning webhook (PUBLIC_URL is set) and the sender.
    assert.match(res.text, /whatsapp_signup_sinch_calls_total\{api="provisioning",status="201"\} 2/);
    assert.match(res.text, /whatsapp_signup_sinch_calls_total\{api="auth",status="200"\} \d+/);
  });

  test('When an unknown route is called, then 404 {error: {code: not_found}} without echoing the path', async () => {
    const res = await request(h.app).get('/v1/nope/secret-looking-path').expect(404);
    assert.equal(res.body.error.code, 'not_found');
    assert.doesNotMatch(JSON.stringify(res.body), /secret-looking-path/);
  });
});

describe('readiness and request ids', () => {
  test('When no Sinch token can be had, then /readyz answers 503 naming the failed check, and 200 once Sinch is back', async () => {
    const h = await realHarness({ env: { SINCH_MAX_RETRIES: '0' } });
    try {
      h.sandbox.faults.add({ api: 'auth', rate5xx: 1 });
      const down = doc(await request(h.app).get('/readyz').expect(503));
      assert.deepEqual(down.body, { status: 'unavailable', checks: { database: 'ok', sinch: 'failed' } });
      h.sandbox.faults.clear();
      doc(await request(h.app).get('/readyz').expect(200));
    } finally {
      await h.close();
    }
  });

  test('When the database cannot answer, then /readyz answers 503 naming the database check', async () => {
    const h = await realHarness();
    try {
      doc(await request(h.app).get('/readyz').expect(200));
      h.db.close();
      const down = doc(await request(h.app).get('/readyz').expect(503));
      assert.deepEqual(down.body, { status: 'unavailable', checks: { database: 'failed', sinch: 'ok' } });
    } finally {
      await h.close();
    }
  });

  test('When the caller sends x-request-id, then it is echoed and logged; a malformed one is replaced', async () => {
    const h = await realHarness();
    try {
      const res = await request(h.app).get('/healthz').set('x-request-id', 'asp-trace-42').expect(200);
      assert.equal(res.headers['x-request-id'], 'asp-trace-42');
      assert.ok(h.logs.some((l) => l.includes('"reqId":"asp-trace-42"')));
      const bad = await request(h.app).get('/healthz').set('x-request-id', 'x'.repeat(300)).expect(200);
      assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    } finally {
      await h.close();
    }
  });
});
