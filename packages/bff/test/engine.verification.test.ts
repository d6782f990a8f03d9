/**
 * The engine with a number that needs verification (issue 10 item 3): the job waits for the customer's code
 * (awaiting_verification) on its own window instead of the activation timeout, fails with verification_timeout
 * when the window passes (a retry asks again), and after a right code follows activation with a fresh timeout.
 * The engine's clock is the wall clock plus an offset the tests move; the sandbox's clock moves the sender.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Clock } from '../src/domain/clock.js';
import { sleep } from '../src/lib/sleep.js';
import { isTerminal, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

const SENDER_DELAY = 60_000;
const ACTIVATION_TIMEOUT = 2_000;
const VERIFICATION_TIMEOUT = 120_000;

describe('Onboarding engine: number verification', () => {
  let h: Harness;
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset, sleep };
  before(async () => {
    h = await startHarness({
      clock,
      sandbox: { senderActivationDelayMs: SENDER_DELAY },
      env: { ACTIVATION_TIMEOUT_MS: String(ACTIVATION_TIMEOUT), VERIFICATION_TIMEOUT_MS: String(VERIFICATION_TIMEOUT), VERIFICATION_RESEND_COOLDOWN_MS: '30000' },
    });
  });
  after(() => h.close());

  /** A job whose first number's sender is PENDING_VERIFICATION. */
  async function awaiting() {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    const result = signup(h.sandbox.mintCode(), 'EU');
    h.sandbox.requireVerification(result.phoneNumberId!);
    await h.engine.submitSignup(session.id, result);
    await waitFor(h.engine, session.id, (o) => o.steps.some((s) => s.name === 'activation' && s.status === 'waiting'), { what: 'activation waiting' });
    h.sandbox.clock.advance(SENDER_DELAY);
    const o = await waitFor(h.engine, session.id, (x) => x.state === 'awaiting_verification' || isTerminal(x), { what: 'awaiting_verification' });
    assert.equal(o.state, 'awaiting_verification', JSON.stringify(o.error));
    return { id: session.id, phoneNumberId: result.phoneNumberId!, senderId: o.senderId! };
  }

  /** Waits until the engine polled this sender `n` more times (proof that time was looked at, without sleeping). */
  async function polls(senderId: string, n: number) {
    const count = () => h.sandbox.inspect().requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/senders/${senderId}`)).length;
    const from = count();
    for (let i = 0; i < 2000 && count() < from + n; i++) await sleep(5);
    assert.ok(count() >= from + n, `the engine polled the sender ${count() - from} times, expected ${n}`);
  }

  test('When the customer takes longer than the activation timeout to enter the code, then the job keeps waiting for it, and a right code completes it', async () => {
    // Arrange
    const v = await awaiting();
    // Act: past the activation timeout, within the verification window
    offset += ACTIVATION_TIMEOUT * 3;
    await polls(v.senderId, 3);
    // Assert
    const waiting = (await h.engine.getOnboarding(v.id))!;
    assert.equal(waiting.state, 'awaiting_verification', JSON.stringify(waiting.error));
    assert.equal(waiting.phoneNumbers[0]!.status, 'verification_required');
    // Act: the code, then the sender needs its time again: the activation timeout counts from the code
    await h.engine.startVerification(v.id, { phoneNumberId: v.phoneNumberId, method: 'SMS' });
    const verified = await h.engine.submitVerificationCode(v.id, { phoneNumberId: v.phoneNumberId, code: h.sandbox.verificationCode(v.senderId)!.code });
    assert.equal(verified.state, 'running', JSON.stringify(verified.error));
    assert.equal(verified.phoneNumbers[0]!.status, 'pending');
    assert.equal(verified.phoneNumbers[0]!.senderState, 'IN_PROGRESS');
    await polls(v.senderId, 3);
    const following = (await h.engine.getOnboarding(v.id))!;
    assert.equal(following.state, 'running', `not an activation_timeout counted from the first wait: ${JSON.stringify(following.error)}`);
    h.sandbox.clock.advance(SENDER_DELAY);
    const done = await waitFor(h.engine, v.id, isTerminal);
    // Assert
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.equal(done.phoneNumbers[0]!.status, 'active');
  });

  test('When the verification window passes, then the job fails with verification_timeout (retryable); a retry asks again and the code completes it', async () => {
    const v = await awaiting();
    offset += VERIFICATION_TIMEOUT + 1;
    const failed = await waitFor(h.engine, v.id, isTerminal);
    assert.equal(failed.state, 'failed');
    assert.deepEqual({ step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable }, { step: 'activation', code: 'verification_timeout', retryable: true });
    // Retry: a fresh window
    await h.engine.retry(v.id);
    const again = await waitFor(h.engine, v.id, (o) => o.state === 'awaiting_verification' || isTerminal(o));
    assert.equal(again.state, 'awaiting_verification', JSON.stringify(again.error));
    await polls(v.senderId, 2);
    assert.equal((await h.engine.getOnboarding(v.id))!.state, 'awaiting_verification');
    await h.engine.startVerification(v.id, { phoneNumberId: v.phoneNumberId, method: 'VOICE' });
    await h.engine.submitVerificationCode(v.id, { phoneNumberId: v.phoneNumberId, code: h.sandbox.verificationCode(v.senderId)!.code });
    h.sandbox.clock.advance(SENDER_DELAY);
    const done = await waitFor(h.engine, v.id, isTerminal);
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
  });

  test('When the resend cool-down has passed, then a new code can be asked for (the first one no longer works)', async () => {
    const v = await awaiting();
    await h.engine.startVerification(v.id, { phoneNumberId: v.phoneNumberId, method: 'SMS' });
    const first = h.sandbox.verificationCode(v.senderId)!.code;
    await assert.rejects(h.engine.startVerification(v.id, { phoneNumberId: v.phoneNumberId, method: 'VOICE' }), { code: 'rate_limited', status: 429 });
    offset += 30_000;
    h.sandbox.clock.advance(30_000);
    const o = await h.engine.startVerification(v.id, { phoneNumberId: v.phoneNumberId, method: 'VOICE' });
    assert.equal(o.phoneNumbers[0]!.verification?.method, 'VOICE');
    const second = h.sandbox.verificationCode(v.senderId)!;
    assert.equal(second.method, 'VOICE');
    if (second.code !== first) {
      await assert.rejects(h.engine.submitVerificationCode(v.id, { phoneNumberId: v.phoneNumberId, code: first }), { code: 'wrong_otp', status: 409 });
    }
    await h.engine.submitVerificationCode(v.id, { phoneNumberId: v.phoneNumberId, code: second.code });
    h.sandbox.clock.advance(SENDER_DELAY);
    assert.equal((await waitFor(h.engine, v.id, isTerminal)).state, 'completed');
  });

  test('When a number added after completion needs verification, then only that number is verification_required (the job stays completed) until its code', async () => {
    // Arrange: a completed onboarding
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    await waitFor(h.engine, session.id, (o) => o.steps.some((s) => s.name === 'activation' && s.status === 'waiting'));
    h.sandbox.clock.advance(SENDER_DELAY);
    await waitFor(h.engine, session.id, (o) => o.state === 'completed');
    // Act: a second number that needs verification
    const extra = String(Date.now() % 1e12 + 7e12);
    h.sandbox.requireVerification(extra);
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: extra });
    await waitFor(h.engine, session.id, (o) => o.phoneNumbers.some((p) => p.phoneNumberId === extra && p.senderId));
    h.sandbox.clock.advance(SENDER_DELAY);
    const asked = await waitFor(h.engine, session.id, (o) => o.phoneNumbers.some((p) => p.phoneNumberId === extra && p.status === 'verification_required'));
    // Assert
    assert.equal(asked.state, 'completed');
    const senderId = asked.phoneNumbers.find((p) => p.phoneNumberId === extra)!.senderId!;
    await h.engine.startVerification(session.id, { phoneNumberId: extra, method: 'SMS' });
    await h.engine.submitVerificationCode(session.id, { phoneNumberId: extra, code: h.sandbox.verificationCode(senderId)!.code });
    h.sandbox.clock.advance(SENDER_DELAY);
    const done = await waitFor(h.engine, session.id, (o) => o.phoneNumbers.some((p) => p.phoneNumberId === extra && p.senderState === 'ACTIVE'));
    assert.equal(done.phoneNumbers.find((p) => p.phoneNumberId === extra)!.status, 'active');
    assert.equal(done.state, 'completed');
  });
});
