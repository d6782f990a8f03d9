/**
 * Every Embedded Signup finish Meta documents (api-facts §8), through POST /v1/session/onboarding on the real
 * engine and the Sinch sandbox: the fields sent decide the path (a phone number id → sender; none →
 * awaiting_phone_number), never the event name; an unknown FINISH_* is accepted the same way and logged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { asp, bearer, waitForOnboarding } from './fixtures/api-client.js';

describe('POST /v1/session/onboarding: every documented finish', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  /** A new session, then the browser's submission of `fields` with a fresh code. */
  async function submit(fields: Record<string, string>) {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const res = await request(h.app)
      .post('/v1/session/onboarding')
      .set(bearer(token))
      .send({ code: h.sandbox.mintCode(), region: 'EU', ...fields });
    return { id, res };
  }

  // Warm-up may still run after the submission (state running): wait for where the job stops.
  const settled = (o: { state: string }) => ['awaiting_phone_number', 'completed', 'failed'].includes(o.state);
  const sendersOf = (wabaId: string) => h.sandbox.inspect().senders.filter((s) => s.wabaId === wabaId);

  test('When a coexistence finish carries only wabaId (no businessId, no phoneNumberId), then 202 and the job waits in awaiting_phone_number', async () => {
    const { id, res } = await submit({ event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '7101' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    doc(res);
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number', JSON.stringify(o.error));
    assert.equal(o.event, 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING');
    assert.equal(o.wabaId, '7101');
    assert.equal('businessId' in o, false, 'no business id invented');
    assert.equal('phoneNumberId' in o, false);
    await h.engine.idle();
    assert.equal(sendersOf('7101').length, 0, 'no sender without a number');
  });

  test('When FINISH_OBO_MIGRATION carries a phone number id, then the sender is created for it and the job completes', async () => {
    const { id, res } = await submit({ event: 'FINISH_OBO_MIGRATION', wabaId: '7201', phoneNumberId: '7202', businessId: '7203' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    doc(res);
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' || x.state === 'failed');
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.equal(o.event, 'FINISH_OBO_MIGRATION');
    assert.deepEqual(sendersOf('7201').map((s) => s.phoneNumberId), ['7202']);
  });

  test('When FINISH_GRANT_ONLY_API_ACCESS carries no phone number id, then it waits in awaiting_phone_number like WABA-only', async () => {
    const { id, res } = await submit({ event: 'FINISH_GRANT_ONLY_API_ACCESS', wabaId: '7301', businessId: '7302' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const o = await waitForOnboarding(h.app, id, settled);
    assert.equal(o.state, 'awaiting_phone_number');
    assert.equal(o.businessId, '7302');
  });

  test('When an unknown FINISH_FUTURE_THING arrives, then it is accepted the same way and logged by name', async () => {
    const { id, res } = await submit({ event: 'FINISH_FUTURE_THING', wabaId: '7401', phoneNumberId: '7402' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    doc(res);
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'completed' || x.state === 'failed');
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.equal(o.event, 'FINISH_FUTURE_THING');
    assert.deepEqual(sendersOf('7401').map((s) => s.phoneNumberId), ['7402']);
    const line = h.logs.find((l) => l.includes('unknown Embedded Signup finish event'));
    assert.ok(line, 'the unknown event is logged');
    assert.match(line, /"event":"FINISH_FUTURE_THING"/);
    assert.ok(!h.logs.some((l) => l.includes('unknown Embedded Signup finish event') && l.includes('"event":"FINISH_OBO_MIGRATION"')), 'a documented event is not called unknown');
  });

  test('When the event is not a finish (CANCEL, lower case, FINISH-) or wabaId is missing, then 400 naming the field', async () => {
    for (const [fields, field] of [
      [{ event: 'CANCEL', wabaId: '7501' }, 'event'],
      [{ event: 'finish_only_waba', wabaId: '7501' }, 'event'],
      [{ event: 'FINISHED', wabaId: '7501' }, 'event'],
      [{ event: 'FINISH' }, 'wabaId'],
    ] as const) {
      const { res } = await submit(fields as Record<string, string>);
      assert.equal(res.status, 400, `${JSON.stringify(fields)} → ${res.status}`);
      doc(res);
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
  });
});
