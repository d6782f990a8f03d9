/**
 * A finish that names no phone number (coexistence, WABA-only) and a finish that names several, through the
 * browser routes on the real engine, the Sinch sandbox and the Meta sandbox's Graph (issue 9 items 2 and 3):
 * - META_SYSTEM_USER_TOKEN: the numbers are listed with it, and the ES code still reaches Sinch;
 * - META_APP_SECRET: the code is exchanged for the customer's business token, the sender is created without it;
 * - neither: awaiting_phone_number at once.
 * One number → onboarded; several → the customer picks (POST /v1/session/phone-numbers); none → the ASP's
 * callback gets one onboarding.action_required naming what is missing. wabaIds[] naming another WABA → 422.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { DEFAULT_META } from '@whatsapp-signup/sandbox';
import type { Onboarding } from '../src/domain/onboarding.types.js';
import { asp, bearer, waitForOnboarding } from './fixtures/api-client.js';
import { sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';

const NOTIFY_SECRET = 'notify-secret-for-number-tests-0123456789';
const APP_ID = '1234567890';

/** The ASP's callback endpoint: every event body it received. */
class Callbacks {
  readonly events: Array<{ type: string; data: { onboarding: Onboarding; action?: any } }> = [];
  #server: Server | undefined;
  url = '';
  async start() {
    this.#server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        this.events.push(JSON.parse(body));
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/asp/events`;
  }
  of(id: string, type: string) {
    return this.events.filter((e) => e.type === type && e.data.onboarding.id === id);
  }
  /** Polls (bounded) until an event of `type` for `id` arrived. */
  async wait(id: string, type: string) {
    for (let i = 0; i < 2000; i++) {
      const found = this.of(id, type);
      if (found.length > 0) return found[0]!;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`no ${type} callback for ${id}; got ${JSON.stringify(this.events.map((e) => e.type))}`);
  }
  close() {
    return new Promise<void>((r) => (this.#server ? this.#server.close(() => r()) : r()));
  }
}

/** The route tests' BFF with a number lookup configured by `env` and its callbacks going to `cb`. */
function harness(cb: Callbacks, env: Record<string, string> = {}) {
  return realHarness({
    sandbox: { meta: { appId: APP_ID } },
    env: { META_APP_ID: APP_ID, NOTIFY_URL: cb.url, NOTIFY_SECRET, ...env },
  });
}

/** A new session (its token) and a submission of `fields` with a code minted for `wabaId`'s signup. */
async function submit(h: RealHarness, fields: Record<string, unknown>) {
  const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
  const code = h.sandbox.mintCode({ wabaId: String(fields.wabaId) });
  const res = await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send({ code, region: 'EU', ...fields });
  return { id, token, code, res };
}

const settled = (o: Onboarding) => ['awaiting_phone_number', 'awaiting_phone_number_choice', 'completed', 'failed'].includes(o.state);
const sendersOf = (h: RealHarness, wabaId: string) => h.sandbox.inspect().senders.filter((s) => s.wabaId === wabaId);
const senderStep = (o: Onboarding) => o.steps.find((s) => s.name === 'sender')!;

/** Exchanging the code at Graph now: a refusal with 36009 means it was already used (by Sinch). */
async function graphExchange(h: RealHarness, code: string) {
  const q = new URLSearchParams({ client_id: APP_ID, client_secret: DEFAULT_META.appSecret, code });
  const res = await fetch(`${h.sandbox.urls.graph}/v25.0/oauth/access_token?${q}`);
  const body = (await res.json()) as { access_token?: string; error?: { code: number; error_subcode?: number } };
  // The business token (when one was issued) is a secret the scan hunts; nothing here prints it.
  return body.error ? { error: body.error } : { ok: true };
}

const cb = new Callbacks();
before(() => cb.start());
after(() => cb.close());

describe('number lookup with META_SYSTEM_USER_TOKEN', () => {
  let h: RealHarness;
  before(async () => (h = await harness(cb, { META_SYSTEM_USER_TOKEN: DEFAULT_META.systemUserToken, META_ES_VERSION: 'v4' })));
  after(() => h.close());

  test('When a coexistence finish carries only wabaId and the WABA has one number, then it is onboarded with the ES code sent to Sinch', async () => {
    const [n] = h.sandbox.meta.setNumbers('810000000000001', [{ id: '391000000000001', display_phone_number: '+1 631-555-0142', verified_name: 'Acme Bakery' }]);
    const { id, code, res } = await submit(h, { event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '810000000000001' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    doc(res);
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' || x.state === 'failed');
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.equal(o.phoneNumberId, n!.id);
    assert.deepEqual(
      o.phoneNumbers.map((p) => [p.phoneNumberId, p.displayPhoneNumber, p.verifiedName]),
      [[n!.id, '+1 631-555-0142', 'Acme Bakery']],
      'what the customer knows, from the Graph lookup',
    );
    assert.deepEqual(sendersOf(h, '810000000000001').map((s) => s.phoneNumberId), [n!.id]);
    // The code went to Sinch as authenticationCode: it is spent, so Graph refuses it as used.
    assert.equal((await graphExchange(h, code)).error?.error_subcode, 36009);
    assert.ok(h.sandbox.inspect().requests.some((r) => r.api === 'graph' && /\/810000000000001\/phone_numbers$/.test(r.path)));
    assert.ok(!h.sandbox.inspect().requests.some((r) => r.api === 'graph' && r.path.endsWith('/oauth/access_token') && r.status === 200), 'no code exchange');
  });

  test('When the WABA has several numbers, then awaiting_phone_number_choice lists them; the pick (ids offered only) onboards each with its own sender', async () => {
    const numbers = h.sandbox.meta.setNumbers('810000000000002', 3);
    const { id, token, res } = await submit(h, { event: 'FINISH_ONLY_WABA', wabaId: '810000000000002' });
    assert.equal(res.status, 202);
    const waiting = await waitForOnboarding(h.app, id, settled);
    assert.equal(waiting.state, 'awaiting_phone_number_choice');
    assert.deepEqual(
      waiting.phoneNumberChoices,
      numbers.map((n) => ({ phoneNumberId: n.id, displayPhoneNumber: n.display_phone_number, verifiedName: n.verified_name })),
    );
    assert.equal(sendersOf(h, '810000000000002').length, 0, 'nothing created before the pick');

    const bad = await request(h.app).post('/v1/session/phone-numbers').set(bearer(token)).send({ phoneNumberIds: [numbers[0]!.id, '399999999999999'] });
    assert.equal(bad.status, 400);
    doc(bad);
    assert.equal(bad.body.error.field, 'phoneNumberIds');
    assert.match(bad.body.error.message, /399999999999999/);
    assert.equal((await request(h.app).post('/v1/session/phone-numbers').set(bearer(token)).send({})).body.error.field, 'phoneNumberIds');

    const pick = [numbers[2]!.id, numbers[0]!.id];
    const ok = await request(h.app).post('/v1/session/phone-numbers').set(bearer(token)).send({ phoneNumberIds: pick });
    assert.equal(ok.status, 202, JSON.stringify(ok.body));
    doc(ok);
    assert.equal(ok.body.onboarding.phoneNumberChoices, undefined);
    const again = await request(h.app).post('/v1/session/phone-numbers').set(bearer(token)).send({ phoneNumberIds: pick });
    assert.equal(again.status, 202, 'the same pick again (a double click) is accepted');

    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' && x.phoneNumbers.every((p) => p.senderId));
    assert.equal(o.phoneNumberId, pick[0]);
    assert.deepEqual(o.phoneNumbers.map((p) => p.phoneNumberId), pick);
    assert.deepEqual(o.phoneNumbers.map((p) => p.verifiedName), [numbers[2]!.verified_name, numbers[0]!.verified_name]);
    await h.engine.idle();
    assert.deepEqual(sendersOf(h, '810000000000002').map((s) => s.phoneNumberId).sort(), [...pick].sort(), 'one sender per picked number, none for the other');
    assert.equal(new Set(o.phoneNumbers.map((p) => p.senderId)).size, 2);
  });

  test('When no numbers are offered, then the pick answers 409 invalid_state', async () => {
    h.sandbox.meta.setNumbers('810000000000003', 1);
    const { id, token } = await submit(h, { event: 'FINISH_ONLY_WABA', wabaId: '810000000000003' });
    await waitForOnboarding(h.app, id, settled);
    const res = await request(h.app).post('/v1/session/phone-numbers').set(bearer(token)).send({ phoneNumberIds: ['391234567890123'] });
    assert.equal(res.status, 409);
    doc(res);
    assert.equal(res.body.error.code, 'invalid_state');
  });

  test('When the WABA has no number, then awaiting_phone_number, and the callback gets one onboarding.action_required naming the phone number id', async () => {
    h.sandbox.meta.setNumbers('810000000000004', 0);
    const { id } = await submit(h, { event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '810000000000004' });
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number');
    assert.match(senderStep(o).note ?? '', /no phone number/);
    const event = await cb.wait(id, 'onboarding.action_required');
    assert.equal(event.data.action.missing, 'phone_number_id');
    assert.equal(event.data.action.request.path, `/v1/onboardings/${id}/phone-numbers`);
    assert.match(event.data.action.detail, /Meta lists no phone number/);
    // A restart looks for onboardings without their event: none is sent twice.
    await h.restart();
    await h.bundle.notifier!.flush();
    assert.equal(cb.of(id, 'onboarding.action_required').length, 1, 'received once');
    // Any later change while it waits (here: the same onboarding, a newer copy) is not a second event.
    const current = (await request(h.app).get(`/v1/onboardings/${id}`).set(asp).expect(200)).body.onboarding as Onboarding;
    assert.equal(await h.bundle.notifier!.enqueue({ ...current, updatedAt: new Date(Date.parse(current.updatedAt) + 1000).toISOString() }), false);
    // The ASP adds the number: the job goes on and completes.
    assert.equal((await request(h.app).post(`/v1/onboardings/${id}/phone-numbers`).set(asp).send({ phoneNumberId: '391000000000044' })).status, 202);
    const done = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' || x.state === 'failed');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.equal(senderStep(done).note, undefined, 'no longer waiting');
    await cb.wait(id, 'onboarding.completed');
    assert.equal(cb.of(id, 'onboarding.action_required').length, 1);
  });

  test('When Graph refuses the token for this WABA (100/33), then awaiting_phone_number with the reason, and action_required', async () => {
    const { id } = await submit(h, { event: 'FINISH_ONLY_WABA', wabaId: '810000000000999' });
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number');
    assert.match(senderStep(o).note ?? '', /waba_not_readable/);
    assert.match((await cb.wait(id, 'onboarding.action_required')).data.action.detail, /lookup failed/);
  });

  test('When a finish names a number Sinch shows, then its display number and name come from the sender DTO; META_ES_VERSION reaches the session view', async () => {
    h.sandbox.meta.setNumbers('810000000000005', [{ id: '391000000000055', display_phone_number: '+48 512-345-678', verified_name: 'Sklep Ania' }]);
    const { id, token } = await submit(h, { event: 'FINISH', wabaId: '810000000000005', phoneNumberId: '391000000000055', businessId: '5100' });
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' || x.state === 'failed');
    assert.deepEqual([o.phoneNumbers[0]!.displayPhoneNumber, o.phoneNumbers[0]!.verifiedName], ['+48 512345678', 'Sklep Ania']);
    assert.ok(!h.sandbox.inspect().requests.some((r) => r.api === 'graph' && r.path.includes('810000000000005')), 'no lookup when Meta named the number');
    const view = doc(await request(h.app).get('/v1/session').set(bearer(token)).expect(200));
    assert.equal(view.body.meta.esVersion, 'v4');
  });
});

describe('number lookup with META_APP_SECRET (no system-user token)', () => {
  let h: RealHarness;
  before(async () => (h = await harness(cb, { META_APP_SECRET: DEFAULT_META.appSecret })));
  after(() => h.close());

  test('When a coexistence finish carries only wabaId, then the code is exchanged, the number listed with the business token, and the sender created without authenticationCode', async () => {
    const [n] = h.sandbox.meta.setNumbers('820000000000001', 1);
    const { id, code } = await submit(h, { event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '820000000000001' });
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' || x.state === 'failed');
    // Had the spent code been sent as authenticationCode, Sinch would have refused it (invalid_facebook_token).
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(sendersOf(h, '820000000000001').map((s) => s.phoneNumberId), [n!.id]);
    assert.equal(o.phoneNumbers[0]!.displayPhoneNumber, n!.display_phone_number);
    assert.equal((await graphExchange(h, code)).error?.error_subcode, 36009, 'the BFF exchanged it');
    const exchanges = h.sandbox.inspect().requests.filter((r) => r.api === 'graph' && r.path.endsWith('/oauth/access_token'));
    assert.equal(exchanges.filter((r) => r.status === 200).length, 1, 'one exchange');
    assert.ok(h.sandbox.issuedSecrets().some((s) => s.kind === 'Meta business token'), 'a business token was issued (the secret scan hunts it in every log line and response)');
    assert.ok(!JSON.stringify(o).includes('EAAG'), 'no token in the onboarding');
  });

  test('When the code is dead before the exchange (sandbox clock +30 s), then awaiting_phone_number with code_invalid and action_required; nothing is retried', async () => {
    h.sandbox.meta.setNumbers('820000000000002', 1);
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (x) => x.state === 'awaiting_signup');
    const code = h.sandbox.mintCode({ wabaId: '820000000000002' });
    h.sandbox.clock.advance(30_000);
    const before = h.sandbox.inspect().requests.filter((r) => r.api === 'graph').length;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send({ code, event: 'FINISH_ONLY_WABA', wabaId: '820000000000002', region: 'EU' }).expect(202);
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number');
    assert.match(senderStep(o).note ?? '', /code_invalid/);
    assert.equal(h.sandbox.inspect().requests.filter((r) => r.api === 'graph').length - before, 1, 'one exchange attempt, no listing, no repeat');
    await cb.wait(id, 'onboarding.action_required');
  });

  test('When Graph is down during the exchange (5xx), then the exchange is not repeated (the code may be spent)', async () => {
    h.sandbox.meta.setNumbers('820000000000003', 1);
    const exchanges = () => h.sandbox.inspect().requests.filter((r) => r.api === 'graph' && r.path.endsWith('/oauth/access_token')).length;
    const before = exchanges();
    h.sandbox.faults.add({ api: 'graph', path: '/oauth/access_token$', rate5xx: 1, times: 1 });
    const { id } = await submit(h, { event: 'FINISH_ONLY_WABA', wabaId: '820000000000003' });
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number');
    assert.match(senderStep(o).note ?? '', /unavailable/);
    assert.equal(exchanges() - before, 1, 'one exchange, not repeated');
  });
});

describe('no number lookup configured; several numbers and several WABAs in one signup', () => {
  let h: RealHarness;
  before(async () => (h = await harness(cb)));
  after(() => h.close());

  test('When a coexistence finish carries only wabaId, then awaiting_phone_number at once, no Graph call, and one action_required', async () => {
    const { id } = await submit(h, { event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '830000000000001' });
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number');
    assert.match(senderStep(o).note ?? '', /no number lookup is configured/);
    const event = await cb.wait(id, 'onboarding.action_required');
    assert.equal(event.data.onboarding.state, 'awaiting_phone_number');
    assert.equal(h.sandbox.inspect().requests.filter((r) => r.api === 'graph').length, 0);
    const view = (await request(h.app).get('/v1/session').set(bearer((await request(h.app).post('/v1/sessions').set(asp).send(sessionBody())).body.token))).body;
    assert.equal('esVersion' in view.meta, false, 'META_ES_VERSION unset: no esVersion');
  });

  test('When phoneNumberIds[] names three numbers, then each gets an entry and a sender, only the first with the ES code', async () => {
    const ids = ['393000000000001', '393000000000002', '393000000000003'];
    const { id, res } = await submit(h, { event: 'FINISH', wabaId: '830000000000002', phoneNumberId: ids[0], phoneNumberIds: ids, wabaIds: ['830000000000002'], businessId: '5200' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    doc(res);
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'failed' || (x.state === 'completed' && x.phoneNumbers.every((p) => p.senderId || p.error)));
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(o.phoneNumbers.map((p) => [p.phoneNumberId, !!p.senderId, p.error]), ids.map((x) => [x, true, undefined]));
    await h.engine.idle();
    assert.deepEqual(sendersOf(h, '830000000000002').map((s) => s.phoneNumberId).sort(), ids);
  });

  test('When only the session-info array names the numbers (no phoneNumberId), then the first is the job number', async () => {
    const ids = ['393000000000011', '393000000000012'];
    const { id } = await submit(h, { event: 'FINISH', wabaId: '830000000000003', phoneNumberIds: ids });
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'failed' || (x.state === 'completed' && x.phoneNumbers.every((p) => p.senderId)));
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.equal(o.phoneNumberId, ids[0]);
    assert.deepEqual(o.phoneNumbers.map((p) => p.phoneNumberId), ids);
  });

  test('When wabaIds[] names another WABA, then 422 multiple_wabas naming it, and nothing reaches Sinch', async () => {
    const senderCalls = () => h.sandbox.inspect().requests.filter((r) => r.api === 'provisioning' && r.method === 'POST' && r.path.endsWith('/senders')).length;
    const before = senderCalls();
    const { id, code, res } = await submit(h, { event: 'FINISH', wabaId: '830000000000004', phoneNumberId: '393000000000041', wabaIds: ['830000000000004', '830000000000099'] });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    doc(res);
    assert.equal(res.body.error.code, 'multiple_wabas');
    assert.equal(res.body.error.field, 'wabaIds');
    assert.match(res.body.error.message, /830000000000099/);
    await h.engine.idle();
    const o = (await request(h.app).get(`/v1/onboardings/${id}`).set(asp).expect(200)).body.onboarding as Onboarding;
    assert.equal(o.wabaId, undefined, 'nothing stored');
    assert.equal(senderCalls(), before, 'no sender call');
    assert.deepEqual(await graphExchange(h, code), { ok: true }, 'the code was never used: Graph still exchanges it');
  });
});
