import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_WRONG_CODES, REGISTER_INTERVAL_MS } from '../src/routes/sender-verification.js';
import { call, createSender, createSubproject, startHarness, type Harness } from './helpers.js';

const DELAY = 10_000;

describe('POST …/senders/{id}/register and …/verify (number verification)', () => {
  let h: Harness;
  let project: string;
  before(async () => {
    h = await startHarness({ senderActivationDelayMs: DELAY });
    project = await createSubproject(h);
  });
  after(() => h.sb.close());

  const url = (id: string, op: string) => h.prov(`/v1/projects/${project}/whatsapp/senders/${id}/${op}`);
  const register = (id: string, json: unknown = { method: 'SMS' }) => call(url(id, 'register'), { token: h.token, json });
  const verify = (id: string, json: unknown) => call(url(id, 'verify'), { token: h.token, json });
  const stateOf = async (id: string) => (await call(h.prov(`/v1/projects/${project}/whatsapp/senders/${id}`), { token: h.token })).body.state;

  /** A sender of a number that needs verification, moved on to PENDING_VERIFICATION. */
  async function pendingSender(setting?: Parameters<Harness['sb']['requireVerification']>[1]): Promise<string> {
    const phoneNumberId = `pn-verify-${Math.random().toString(36).slice(2)}`;
    h.sb.requireVerification(phoneNumberId, setting);
    const s = await createSender(h, project, { phoneNumberId });
    h.sb.clock.advance(DELAY);
    assert.equal(await stateOf(s.id), 'PENDING_VERIFICATION');
    return s.id;
  }

  it('When a number needs verification, then its sender goes IN_PROGRESS → PENDING_VERIFICATION, and a right SMS code → IN_PROGRESS → ACTIVE', async () => {
    // Arrange
    const phoneNumberId = `pn-verify-${Math.random().toString(36).slice(2)}`;
    h.sb.requireVerification(phoneNumberId);
    const s = await createSender(h, project, { phoneNumberId });
    assert.equal(await stateOf(s.id), 'IN_PROGRESS');
    h.sb.clock.advance(DELAY);
    assert.equal(await stateOf(s.id), 'PENDING_VERIFICATION');
    // Act
    const reg = await register(s.id, { method: 'SMS' });
    // Assert
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    assert.deepEqual(reg.body, { id: s.id, method: 'SMS', accepted: true, verificationCodeSent: true });
    const sent = h.sb.verificationCode(s.id)!;
    assert.match(sent.code, /^\d{6}$/);
    assert.equal(sent.method, 'SMS');
    assert.equal(JSON.stringify(reg.body).includes(sent.code), false, 'the code is never in a Sinch response');
    const ok = await verify(s.id, { code: sent.code });
    assert.equal(ok.status, 204);
    assert.equal(await stateOf(s.id), 'IN_PROGRESS');
    h.sb.clock.advance(DELAY);
    assert.equal(await stateOf(s.id), 'ACTIVE');
  });

  it('When the test hook is asked over HTTP, then it returns the code sent (and 404 before any)', async () => {
    const id = await pendingSender();
    const before = await call(h.admin(`/senders/${id}/verification-code`));
    assert.equal(before.status, 404);
    await register(id, { method: 'VOICE' });
    const r = await call(h.admin(`/senders/${id}/verification-code`));
    assert.equal(r.status, 200);
    assert.equal(r.body.method, 'VOICE');
    assert.equal(r.body.code, h.sb.verificationCode(id)!.code);
  });

  it('When the phone number is marked over HTTP, then its new sender waits in PENDING_VERIFICATION', async () => {
    const phoneNumberId = `pn-http-${Math.random().toString(36).slice(2)}`;
    const put = await call(h.admin(`/phone-numbers/${phoneNumberId}/verification`), { method: 'PUT', json: {} });
    assert.equal(put.status, 200);
    const s = await createSender(h, project, { phoneNumberId });
    h.sb.clock.advance(DELAY * 5);
    assert.equal(await stateOf(s.id), 'PENDING_VERIFICATION');
  });

  it('When the code is wrong, then 409 wrong_otp; after too many wrong codes register and verify answer 429 too_many_invalid_verification_codes', async () => {
    const id = await pendingSender();
    await register(id);
    const right = h.sb.verificationCode(id)!.code;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_WRONG_CODES; i++) {
      const r = await verify(id, { code: wrong });
      assert.equal(r.status, 409);
      assert.equal(r.body.errorCode, 'wrong_otp');
      assert.equal(typeof r.body.resolution, 'string');
    }
    const locked = await verify(id, { code: right });
    assert.equal(locked.status, 429);
    assert.equal(locked.body.errorCode, 'too_many_invalid_verification_codes');
    h.sb.clock.advance(REGISTER_INTERVAL_MS);
    const again = await register(id);
    assert.equal(again.status, 429);
    assert.equal(again.body.errorCode, 'too_many_invalid_verification_codes');
    assert.equal(await stateOf(id), 'PENDING_VERIFICATION');
  });

  it('When a new code is asked too soon, then 429 sender-register-too-many-requests; later a new code replaces the old one', async () => {
    const id = await pendingSender();
    await register(id);
    const first = h.sb.verificationCode(id)!.code;
    const soon = await register(id);
    assert.equal(soon.status, 429);
    assert.equal(soon.body.errorCode, 'sender-register-too-many-requests');
    h.sb.clock.advance(REGISTER_INTERVAL_MS);
    assert.equal((await register(id, { method: 'VOICE' })).status, 200);
    const second = h.sb.verificationCode(id)!;
    assert.equal(second.method, 'VOICE');
    if (second.code !== first) assert.equal((await verify(id, { code: first })).body.errorCode, 'wrong_otp');
    assert.equal((await verify(id, { code: second.code })).status, 204);
  });

  it('When the sender is not PENDING_VERIFICATION, then 409 not_allowed_register and not_allowed_verify', async () => {
    const s = await createSender(h, project);
    const reg = await register(s.id);
    assert.equal(reg.status, 409);
    assert.equal(reg.body.errorCode, 'not_allowed_register');
    h.sb.clock.advance(DELAY);
    assert.equal(await stateOf(s.id), 'ACTIVE');
    const ver = await verify(s.id, { code: '123456' });
    assert.equal(ver.status, 409);
    assert.equal(ver.body.errorCode, 'not_allowed_verify');
  });

  it('When a body is invalid, then 400 invalid_input naming the field; an unknown sender is 404 sender_not_found', async () => {
    const id = await pendingSender();
    const cases: Array<[string, unknown, RegExp]> = [
      ['register', {}, /method/],
      ['register', { method: 'EMAIL' }, /method/],
      ['register', { method: 'SMS', phone: '1' }, /property phone should not exist/],
      ['verify', { code: '12345' }, /code/],
      ['verify', { code: '1234567' }, /code/],
      ['verify', {}, /code is required/],
    ];
    for (const [op, body, field] of cases) {
      const r = op === 'register' ? await register(id, body) : await verify(id, body);
      assert.equal(r.status, 400, `${op} ${JSON.stringify(body)}`);
      assert.equal(r.body.errorCode, 'invalid_input');
      assert.ok(r.body.additionalInformation.validationErrors.some((e: string) => field.test(e)), `${field} in ${JSON.stringify(r.body)}`);
    }
    const unknown = await register('7c1f5a52-0c5e-4d7e-9a43-3c2b1c0f9e11');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.errorCode, 'sender_not_found');
  });

  it('When Meta verified the number already, then register answers verificationCodeSent false and verify without a code passes', async () => {
    const id = await pendingSender({ registration: 'meta_verified' });
    const r = await register(id);
    assert.equal(r.status, 200);
    assert.equal(r.body.verificationCodeSent, false);
    assert.equal(h.sb.verificationCode(id), undefined);
    assert.equal((await verify(id, {})).status, 204);
    h.sb.clock.advance(DELAY);
    assert.equal(await stateOf(id), 'ACTIVE');
  });

  it('When the number is registered on another WhatsApp account, then register answers 429 sender-already-registered', async () => {
    const id = await pendingSender({ registration: 'registered_elsewhere' });
    const r = await register(id);
    assert.equal(r.status, 429);
    assert.equal(r.body.errorCode, 'sender-already-registered');
  });

  it('When the request has no credentials, then 401 in the PAPI dialect', async () => {
    const id = await pendingSender();
    const r = await call(url(id, 'register'), { json: { method: 'SMS' } });
    assert.equal(r.status, 401);
    assert.equal(r.body.errorCode, 'unauthorized_error');
  });
});
