/**
 * Number verification over HTTP (issue 10 item 3): the browser routes (session token) and the server API's two
 * operations, on the real engine and the Sinch sandbox, whose numbers marked with requireVerification get a
 * sender in PENDING_VERIFICATION. Every response is checked against the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { PhoneVerificationSetting } from '@whatsapp-signup/sandbox';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { VERIFICATION_RATE_LIMIT } from '../src/middleware/verification-rate-limit.js';
import type { Onboarding } from '../src/domain/onboarding.types.js';

let seq = 0;
const numberOf = (o: Onboarding, phoneNumberId: string) => o.phoneNumbers.find((p) => p.phoneNumberId === phoneNumberId)!;

describe('number verification (POST /v1/session/verification, …/verification/code, and the server API)', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());

  /** A session whose first number's sender waits in PENDING_VERIFICATION (the job awaiting_verification). */
  async function awaitingVerification(setting?: Partial<PhoneVerificationSetting>) {
    seq++;
    const phoneNumberId = String(300_000_000_000 + seq);
    h.sandbox.requireVerification(phoneNumberId, setting);
    const { id, token } = doc(await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    const body = signupBody(h.sandbox.mintCode(), { phoneNumberId, wabaId: String(400_000_000_000 + seq) });
    doc(await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(body).expect(202));
    const o = await waitForOnboarding(h.app, id, (x) => x.state === 'awaiting_verification' || x.state === 'failed' || x.state === 'completed');
    assert.equal(o.state, 'awaiting_verification', JSON.stringify(o.error));
    return { id, token, phoneNumberId, senderId: o.senderId! };
  }

  const start = (token: string, body: unknown) => request(h.app).post('/v1/session/verification').set(bearer(token)).send(body as object);
  const submit = (token: string, body: unknown) => request(h.app).post('/v1/session/verification/code').set(bearer(token)).send(body as object);
  const codeSent = (senderId: string) => h.sandbox.verificationCode(senderId)!.code;
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  test('When the sender is PENDING_VERIFICATION, then the onboarding is awaiting_verification and the number verification_required', async () => {
    const v = await awaitingVerification();
    const o = doc(await request(h.app).get('/v1/session/onboarding').set(bearer(v.token)).expect(200)).body.onboarding as Onboarding;
    assert.equal(o.state, 'awaiting_verification');
    const n = numberOf(o, v.phoneNumberId);
    assert.equal(n.status, 'verification_required');
    assert.equal(n.senderState, 'PENDING_VERIFICATION');
    assert.deepEqual(n.verification, {}, 'no code sent yet');
  });

  test('When the customer asks for an SMS and enters the right code, then 200 twice and the onboarding completes', async () => {
    // Arrange
    const v = await awaitingVerification();
    const before = Date.now();
    // Act
    const sent = doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'SMS' }).expect(200));
    // Assert: when it was sent and when a new one may be asked for
    const n = numberOf(sent.body.onboarding, v.phoneNumberId);
    assert.equal(n.verification?.method, 'SMS');
    const sentAt = Date.parse(n.verification!.codeSentAt!);
    assert.ok(sentAt >= before - 1000, 'codeSentAt is now');
    assert.equal(Date.parse(n.verification!.resendAvailableAt!) - sentAt, h.settings.engine.verification.resendCooldownMs);
    const code = codeSent(v.senderId);
    assert.equal(JSON.stringify(sent.body).includes(code), false, 'the code is never in a response');
    // Act: the right code
    const ok = doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code }).expect(200));
    assert.notEqual(ok.body.onboarding.state, 'awaiting_verification');
    assert.notEqual(numberOf(ok.body.onboarding, v.phoneNumberId).status, 'verification_required');
    assert.equal(numberOf(ok.body.onboarding, v.phoneNumberId).verification, undefined);
    const done = await waitForOnboarding(h.app, v.id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.equal(numberOf(done, v.phoneNumberId).senderState, 'ACTIVE');
    // The code is a secret of the customer's: never in a log line.
    assert.equal(h.logs.filter((l) => l.includes(code)).length, 0, 'the code was logged');
  });

  test('When the code is wrong, then 409 wrong_otp with a message, and the onboarding still waits for the code', async () => {
    const v = await awaitingVerification();
    doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'VOICE' }).expect(200));
    const res = doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: wrongFor(codeSent(v.senderId)) }).expect(409));
    assert.equal(res.body.error.code, 'wrong_otp');
    assert.match(res.body.error.message, /not the one sent/);
    const o = doc(await request(h.app).get('/v1/session/onboarding').set(bearer(v.token)).expect(200)).body.onboarding;
    assert.equal(o.state, 'awaiting_verification');
    // The right one still works.
    doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: codeSent(v.senderId) }).expect(200));
  });

  test('When too many wrong codes were entered, then 429 too_many_attempts, even for the right code', async () => {
    const v = await awaitingVerification();
    doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'SMS' }).expect(200));
    const right = codeSent(v.senderId);
    let res;
    for (let i = 0; i < 10; i++) {
      res = doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: wrongFor(right) }));
      if (res.status !== 409) break;
      assert.equal(res.body.error.code, 'wrong_otp');
    }
    assert.equal(res!.status, 429, 'locked after a few wrong codes');
    assert.equal(res!.body.error.code, 'too_many_attempts');
    const locked = doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: right }).expect(429));
    assert.equal(locked.body.error.code, 'too_many_attempts');
  });

  test('When a new code is asked for before resendAvailableAt, then 429 rate_limited naming the time, and Sinch is not asked', async () => {
    const v = await awaitingVerification();
    const first = doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'SMS' }).expect(200));
    const at = numberOf(first.body.onboarding, v.phoneNumberId).verification!.resendAvailableAt!;
    const registers = () => h.sandbox.inspect().requests.filter((r) => r.path.endsWith(`/senders/${v.senderId}/register`)).length;
    assert.equal(registers(), 1);
    const again = doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'VOICE' }).expect(429));
    assert.equal(again.body.error.code, 'rate_limited');
    assert.ok(again.body.error.message.includes(at), again.body.error.message);
    assert.equal(registers(), 1, 'no second register');
  });

  test('When the number is not waiting for a verification, then 409 verification_not_allowed; an unknown number is 404', async () => {
    // A number without verification: the onboarding completes without asking.
    seq++;
    const { id, token } = doc(await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await waitForOnboarding(h.app, id, (o) => o.state === 'awaiting_signup');
    const phoneNumberId = String(500_000_000_000 + seq);
    doc(await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { phoneNumberId, wabaId: String(600_000_000_000 + seq) })).expect(202));
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    const s = doc(await start(token, { phoneNumberId, method: 'SMS' }).expect(409));
    assert.equal(s.body.error.code, 'verification_not_allowed');
    const c = doc(await submit(token, { phoneNumberId, code: '123456' }).expect(409));
    assert.equal(c.body.error.code, 'verification_not_allowed');
    const unknown = doc(await start(token, { phoneNumberId: '999999999', method: 'SMS' }).expect(404));
    assert.equal(unknown.body.error.code, 'not_found');
    // A code before any was sent.
    const v = await awaitingVerification();
    const early = doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: '123456' }).expect(409));
    assert.equal(early.body.error.code, 'verification_not_allowed');
    assert.match(early.body.error.message, /ask for one first/);
  });

  test('When the number is registered on another WhatsApp account, then 409 already_registered', async () => {
    const v = await awaitingVerification({ registration: 'registered_elsewhere' });
    const res = doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'SMS' }).expect(409));
    assert.equal(res.body.error.code, 'already_registered');
    assert.match(res.body.error.message, /another WhatsApp account/);
  });

  test('When Meta verified the number already, then asking for a code verifies it at once and the onboarding completes', async () => {
    const v = await awaitingVerification({ registration: 'meta_verified' });
    const res = doc(await start(v.token, { phoneNumberId: v.phoneNumberId, method: 'SMS' }).expect(200));
    assert.notEqual(numberOf(res.body.onboarding, v.phoneNumberId).status, 'verification_required');
    const done = await waitForOnboarding(h.app, v.id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
  });

  test('When a body is not exactly the documented one, then 400 invalid_request naming the field, before any Sinch call', async () => {
    const v = await awaitingVerification();
    // The activation step polls the sender meanwhile: count only what a verification request would send.
    const verificationCalls = () => h.sandbox.inspect().requests.filter((r) => /\/(register|verify)$/.test(r.path)).length;
    const sinchBefore = verificationCalls();
    const cases: Array<[typeof start, unknown, string]> = [
      [start, { phoneNumberId: v.phoneNumberId }, 'method'],
      [start, { phoneNumberId: v.phoneNumberId, method: 'EMAIL' }, 'method'],
      [start, { method: 'SMS' }, 'phoneNumberId'],
      [start, { phoneNumberId: 'abc', method: 'SMS' }, 'phoneNumberId'],
      [start, { phoneNumberId: v.phoneNumberId, method: 'SMS', to: '+15550100' }, 'to'],
      [submit, { phoneNumberId: v.phoneNumberId, code: '12345' }, 'code'],
      [submit, { phoneNumberId: v.phoneNumberId, code: '1234567' }, 'code'],
      [submit, { phoneNumberId: v.phoneNumberId, code: '12a456' }, 'code'],
      [submit, { phoneNumberId: v.phoneNumberId }, 'code'],
    ];
    for (const [send, body, field] of cases) {
      const res = doc(await send(v.token, body).expect(400));
      assert.equal(res.body.error.code, 'invalid_request', JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(body));
      assert.match(res.body.error.message, new RegExp(field));
    }
    assert.equal(verificationCalls(), sinchBefore, 'nothing reached Sinch');
  });

  test('When one number gets too many verification requests, then 429 rate_limited', async () => {
    const v = await awaitingVerification();
    for (let i = 0; i < VERIFICATION_RATE_LIMIT.limit; i++) doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: 'x' }).expect(400));
    const res = doc(await submit(v.token, { phoneNumberId: v.phoneNumberId, code: '123456' }).expect(429));
    assert.equal(res.body.error.code, 'rate_limited');
  });

  test('When the ASP builds its own UI, then the server API verifies the same way (API key, number in the path)', async () => {
    const v = await awaitingVerification();
    const base = `/v1/onboardings/${v.id}/phone-numbers/${v.phoneNumberId}/verification`;
    doc(await request(h.app).post(base).send({ method: 'SMS' }).expect(401));
    const bad = doc(await request(h.app).post(base).set(asp).send({ method: 'SMS', phoneNumberId: v.phoneNumberId }).expect(400));
    assert.equal(bad.body.error.field, 'phoneNumberId', 'the number is in the path, not the body');
    const badPath = doc(await request(h.app).post(`/v1/onboardings/${v.id}/phone-numbers/x1/verification`).set(asp).send({ method: 'SMS' }).expect(400));
    assert.equal(badPath.body.error.field, 'phoneNumberId');
    const sent = doc(await request(h.app).post(base).set(asp).send({ method: 'SMS' }).expect(200));
    assert.equal(numberOf(sent.body.onboarding, v.phoneNumberId).verification?.method, 'SMS');
    const wrong = doc(await request(h.app).post(`${base}/code`).set(asp).send({ code: wrongFor(codeSent(v.senderId)) }).expect(409));
    assert.equal(wrong.body.error.code, 'wrong_otp');
    doc(await request(h.app).post(`${base}/code`).set(asp).send({ code: codeSent(v.senderId) }).expect(200));
    const done = await waitForOnboarding(h.app, v.id, (o) => o.state === 'completed' || o.state === 'failed');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    const missing = doc(await request(h.app).post(`/v1/onboardings/ses_nope/phone-numbers/${v.phoneNumberId}/verification`).set(asp).send({ method: 'SMS' }).expect(404));
    assert.equal(missing.body.error.code, 'not_found');
  });
});
