/**
 * GET /v1/funnel from a seeded run on the real composition (Sinch sandbox, SQLite file): sessions created over two
 * days (the engine's clock injected), milestones reported through POST /v1/session/events, onboardings completed
 * through the sandbox, one failed on an expired ES code, one on a number already in use, one cancelled at a step,
 * one left to expire → the exact stage counts and drop causes per day, and the same figures in /metrics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { systemClock, type Clock } from '../src/domain/clock.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';

const DAY = 86_400_000;
// Day 1 is tomorrow (UTC), 10:00: session tokens are checked against the real time, so the engine's clock runs ahead.
const DAY1 = Math.floor(Date.now() / DAY) * DAY + DAY;
const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('GET /v1/funnel', () => {
  let h: RealHarness;
  let offset = DAY1 + 10 * 3_600_000 - Date.now();
  const clock: Clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
  before(async () => (h = await realHarness({ clock })));
  after(() => h.close());

  async function session(): Promise<{ id: string; token: string }> {
    return (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ regions: { allowed: ['EU'] } })).expect(201)).body;
  }
  async function report(token: string, ...events: Array<string | Record<string, unknown>>) {
    for (const e of events) {
      const body = typeof e === 'string' ? { milestone: e } : e;
      assert.equal((await request(h.app).post('/v1/session/events').set(bearer(token)).send(body)).status, 204, JSON.stringify(body));
    }
  }
  async function submit(token: string, code: string, ids: Record<string, string>) {
    const res = await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(code, ids));
    assert.equal(res.status, 202, JSON.stringify(res.body));
  }
  const settled = (o: { state: string }) => o.state === 'completed' || o.state === 'failed';
  /** A customer who goes all the way: loaded, start, finished, the signup, the onboarding through the sandbox. */
  async function complete(n: number): Promise<string> {
    const s = await session();
    await report(s.token, 'loaded', 'start', 'finished');
    await submit(s.token, h.sandbox.mintCode(), { wabaId: `81${n}0`, phoneNumberId: `81${n}1` });
    const o = await waitForOnboarding(h.app, s.id, settled);
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    return s.id;
  }

  before(async () => {
    // Day 1: two complete, one cancels at a step, one fails on a stale ES code, one on a number in use, one has the
    // popup blocked, one the SDK blocked, one never loads the element and expires.
    await complete(1);
    await complete(2);
    const cancelled = await session();
    await report(cancelled.token, 'loaded', 'start', { milestone: 'cancelled', currentStep: 'WABA_PHONE_VERIFICATION' });
    await request(h.app).post('/v1/session/abandon').set(bearer(cancelled.token)).send({ kind: 'cancel', currentStep: 'WABA_PHONE_VERIFICATION' }).expect(200);

    const stale = await session();
    await report(stale.token, 'loaded', 'start', 'finished');
    const code = h.sandbox.mintCode();
    h.sandbox.clock.advance(31_000); // the ES code lives 30 s
    await submit(stale.token, code, { wabaId: '8130', phoneNumberId: '8131' });
    const failedStale = await waitForOnboarding(h.app, stale.id, settled);
    assert.equal(failedStale.error?.code, 'code_expired');

    const taken = await session();
    await report(taken.token, 'loaded', 'start', 'finished');
    await submit(taken.token, h.sandbox.mintCode(), { wabaId: '8140', phoneNumberId: '8111' }); // the first customer's number
    const failedTaken = await waitForOnboarding(h.app, taken.id, settled);
    assert.equal(failedTaken.error?.code, 'phone_number_in_use');

    await report((await session()).token, 'loaded', 'start', 'popup_blocked');
    await report((await session()).token, 'loaded', 'sdk_blocked');
    await session(); // never loaded
    await h.engine.idle();

    // Day 2: one completes, one has loaded the element and is still open. Day 1's unused sessions expire first.
    offset += DAY;
    assert.equal(await h.engine.sweepExpired(), 4, 'the cancelled, popup-blocked, SDK-blocked and unused sessions of day 1');
    await complete(5);
    await report((await session()).token, 'loaded');
    await h.engine.idle();
  });

  const stages = (created: number, loaded: number, opened: number, finished: number, sender: number, completed: number) => ({
    created,
    element_loaded: loaded,
    dialog_opened: opened,
    finished,
    sender_created: sender,
    completed,
  });
  const DAY1_DROPS = [
    { cause: 'sdk_blocked', count: 1 },
    { cause: 'popup_blocked', count: 1 },
    { cause: 'cancelled', detail: 'WABA_PHONE_VERIFICATION', count: 1 },
    { cause: 'code_expired', count: 1 },
    { cause: 'failed', detail: 'phone_number_in_use', count: 1 },
    { cause: 'expired_unused', count: 1 },
  ];

  test('When the funnel of the two days is read by day, then each day has its exact stage counts and drop causes', async () => {
    const res = await request(h.app).get(`/v1/funnel?from=${dateOf(DAY1)}&to=${dateOf(DAY1 + 2 * DAY)}&groupBy=day`).set(asp);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    doc(res);
    const f = res.body;
    assert.equal(f.groupBy, 'day');
    assert.deepEqual(f.stageOrder, ['created', 'element_loaded', 'dialog_opened', 'finished', 'sender_created', 'completed']);
    assert.deepEqual(
      f.periods.map((p: { start: string; end: string }) => [p.start, p.end]),
      [
        [new Date(DAY1).toISOString(), new Date(DAY1 + DAY).toISOString()],
        [new Date(DAY1 + DAY).toISOString(), new Date(DAY1 + 2 * DAY).toISOString()],
      ],
    );
    assert.deepEqual(f.periods[0].stages, stages(8, 7, 5, 4, 2, 2));
    assert.deepEqual(f.periods[0].drops, DAY1_DROPS);
    assert.deepEqual(f.periods[1].stages, stages(2, 2, 1, 1, 1, 1));
    assert.deepEqual(f.periods[1].drops, [], 'the open session has not dropped');
    assert.deepEqual(f.totals.stages, stages(10, 9, 6, 5, 3, 3));
    assert.deepEqual(f.totals.drops, DAY1_DROPS);
  });

  test('When grouped in total or by week, then the same sessions are counted once over the range', async () => {
    const total = doc(await request(h.app).get(`/v1/funnel?from=${dateOf(DAY1)}&to=${dateOf(DAY1 + 2 * DAY)}&groupBy=total`).set(asp).expect(200)).body;
    assert.equal(total.periods.length, 1);
    assert.deepEqual(total.periods[0].stages, stages(10, 9, 6, 5, 3, 3));
    const day2 = doc(await request(h.app).get(`/v1/funnel?from=${dateOf(DAY1 + DAY)}&to=${dateOf(DAY1 + 2 * DAY)}&groupBy=week`).set(asp).expect(200)).body;
    assert.deepEqual(day2.totals.stages, stages(2, 2, 1, 1, 1, 1));
  });

  test('When the query is wrong, then 400 naming the field; without an API key, 401', async () => {
    for (const [query, field] of [
      [`from=${dateOf(DAY1 + DAY)}&to=${dateOf(DAY1)}`, 'query.from'],
      ['from=2025-01-01&to=2026-01-03', 'query.from'],
      ['from=yesterday', 'query.from'],
      ['to=2026-02-30', 'query.to'],
      ['groupBy=month', 'query.groupBy'],
      ['days=7', 'query.days'],
    ] as const) {
      const res = await request(h.app).get(`/v1/funnel?${query}`).set(asp);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error.field, field, `${query}: ${JSON.stringify(res.body)}`);
      doc(res);
    }
    doc(await request(h.app).get('/v1/funnel').expect(401));
  });

  test('When Prometheus scrapes, then the funnel counters count each stage and cause as it was first reached', async () => {
    const text = (await request(h.app).get('/metrics').expect(200)).text;
    const value = (name: string, label: string) => Number(new RegExp(`^${name}\\{${label}\\} (\\d+)$`, 'm').exec(text)?.[1]);
    const got = Object.fromEntries(['created', 'element_loaded', 'dialog_opened', 'finished', 'sender_created', 'completed'].map((s) => [s, value('whatsapp_signup_funnel_sessions_total', `stage="${s}"`)]));
    // The popup-blocked session counted at dialog_opened when it reported start (the funnel, computed later, does not count it).
    assert.deepEqual(got, stages(10, 9, 7, 5, 3, 3));
    const drops = Object.fromEntries(
      ['sdk_blocked', 'sdk_timeout', 'popup_blocked', 'popup_closed', 'cancelled', 'meta_error', 'code_expired', 'failed', 'expired_unused'].map((c) => [c, value('whatsapp_signup_funnel_drops_total', `cause="${c}"`)]),
    );
    assert.deepEqual(drops, { sdk_blocked: 1, sdk_timeout: 0, popup_blocked: 1, popup_closed: 0, cancelled: 1, meta_error: 0, code_expired: 1, failed: 1, expired_unused: 1 });
  });
});
