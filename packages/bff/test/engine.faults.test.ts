import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { SandboxApi } from '@whatsapp-signup/sandbox';
import { systemClock } from '../src/domain/clock.js';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

const APIS: SandboxApi[] = ['subproject', 'provisioning', 'conversation'];
const HOUR = 3_600_000;

/** The engine's clock, moved forward by the tests (its sleeps are real and short: FAST_TIMING). */
function offsetClock() {
  const c = { offset: 0, now: () => Date.now() + c.offset, sleep: systemClock.sleep };
  return c;
}

const stepOf = (o: { steps: Array<{ name: string; attempts: number; status: string }> }, name: string) => o.steps.find((s) => s.name === name)!;

describe('Onboarding engine under upstream faults', () => {
  let h: Harness;
  const clock = offsetClock();
  before(async () => {
    h = await startHarness({ clock });
  });
  afterEach(() => h.sandbox.faults.clear());
  after(() => h.close());

  async function onboard(region: 'US' | 'EU' | 'BR' = 'EU') {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), region));
    return waitFor(h.engine, session.id, isTerminal);
  }

  test('When half the calls get 429 with Retry-After, then every job still completes with exactly one of each resource', async () => {
    // Arrange
    h.sandbox.faults.add({ rate429: 0.5, retryAfterSeconds: 0 });
    // Act
    const done = await Promise.all([onboard('US'), onboard('EU'), onboard('BR')]);
    // Assert
    for (const o of done) {
      assert.equal(o.state, 'completed', JSON.stringify(o.error));
      assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
    }
    assert.ok(h.sandbox.inspect().requests.some((r) => r.fault === '429'));
  });

  test('When every API answers a burst of 5xx, then the job completes with exactly one of each resource', async () => {
    // Arrange: creating POSTs are not blindly repeated after a 5xx; the engine looks up first.
    for (const api of APIS) h.sandbox.faults.add({ api, rate5xx: 1, times: 2 });
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/senders$', rate5xx: 1, times: 2 });
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', rate5xx: 1, times: 3 });
    // Act
    const o = await onboard();
    // Assert
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
    assert.ok(h.sandbox.inspect().requests.filter((r) => r.fault === '5xx').length >= 6);
  });

  test('When create-sender hangs, then the call times out, the engine looks the sender up and creates it once', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/whatsapp/senders$', rateHang: 1, times: 1 });
    h.sandbox.faults.add({ api: 'provisioning', method: 'GET', path: '/whatsapp/senders/', rateHang: 1, times: 1 });
    // Act
    const o = await onboard('US');
    // Assert
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
    assert.equal(h.sandbox.inspect().requests.filter((r) => r.fault === 'hang').length, 2);
  });

  test('When the responses of every creating call are lost after the write, then nothing is created twice', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'subproject', method: 'POST', rateLostResponse: 1, times: 1 });
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/whatsapp/senders$', rateLostResponse: 1, times: 1 });
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rateLostResponse: 1, times: 1 });
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/webhooks$', rateLostResponse: 1, times: 1 });
    // Act
    const o = await onboard('BR');
    // Assert
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
    assert.equal(h.sandbox.inspect().requests.filter((r) => r.fault === 'lost').length, 4);
  });

  test('When the app step keeps failing with 5xx past the old attempt limit, then it keeps retrying, fails only once its 1 h horizon has passed, and retry() resumes from it', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rate5xx: 1 });
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    // Act 1: more attempts than the engine used to allow (5), all within the horizon.
    const retrying = await waitFor(h.engine, session.id, (o) => stepOf(o, 'app').attempts >= 8 || isTerminal(o), { what: '8 attempts of the app step' });
    assert.equal(retrying.state, 'running', JSON.stringify(retrying.error));
    // Act 2: the horizon (APP_RETRY_HORIZON_MS, default 1 h) passes on the engine's clock.
    clock.offset += HOUR;
    const failed = await waitFor(h.engine, session.id, isTerminal);
    assert.equal(failed.state, 'failed');
    assert.deepEqual(
      { step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable },
      { step: 'app', code: 'sinch_unavailable', retryable: true },
    );
    const senderAttempts = failed.steps.find((s) => s.name === 'sender')!.attempts;
    h.sandbox.faults.clear();
    // Act
    await h.engine.retry(failed.id);
    const done = await waitFor(h.engine, failed.id, isTerminal);
    // Assert
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.equal(done.steps.find((s) => s.name === 'sender')!.attempts, senderAttempts);
    assert.equal(done.senderId, failed.senderId);
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });

  test('When Sinch refuses for good (an expired ES code), then the job fails at once without retrying', async () => {
    // Arrange: the sandbox's clock passes the code's life before the code reaches Sinch.
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    const code = h.sandbox.mintCode();
    h.sandbox.clock.advance(31_000);
    h.sandbox.clearRequests();
    // Act
    await h.engine.submitSignup(session.id, signup(code, 'EU'));
    const o = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.deepEqual({ state: o.state, code: o.error?.code, retryable: o.error?.retryable }, { state: 'failed', code: 'code_expired', retryable: false });
    assert.equal(stepOf(o, 'sender').attempts, 1);
    assert.equal(h.sandbox.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/whatsapp/senders')).length, 1);
  });

  test('When create-sender keeps getting 429 until the ES code has expired, then the job fails code_expired (the element offers a new login) and a new login completes it', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/whatsapp/senders$', rate429: 1, retryAfterSeconds: 0 });
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    const first = signup(h.sandbox.mintCode(), 'BR');
    await h.engine.submitSignup(session.id, first);
    await waitFor(h.engine, session.id, (o) => stepOf(o, 'sender').attempts >= 3 || isTerminal(o), { what: '3 attempts of the sender step' });
    // Act: the code's 30 s pass on the engine's clock (Sinch never took it: 429 is "not acted on").
    clock.offset += 31_000;
    const expired = await waitFor(h.engine, session.id, isTerminal);
    const postsAfter = h.sandbox.inspect().requests.filter((r) => r.method === 'POST' && r.path.endsWith('/whatsapp/senders')).length;
    h.sandbox.faults.clear();
    await h.engine.submitSignup(session.id, { ...first, code: h.sandbox.mintCode() });
    const done = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.deepEqual({ step: expired.error?.step, code: expired.error?.code, retryable: expired.error?.retryable }, { step: 'sender', code: 'code_expired', retryable: false });
    assert.ok(postsAfter >= 3, `create-sender was retried while the code lived (${postsAfter} calls)`);
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });

  test('When retry() is called on a job that has not failed, then it is refused with not_retryable', async () => {
    const o = await onboard('EU');
    await assert.rejects(h.engine.retry(o.id), { code: 'not_retryable', status: 409 });
  });
});

describe('Onboarding engine: the retry horizon across a restart', () => {
  let h: Harness;
  const clock = offsetClock();
  before(async () => {
    h = await startHarness({ clock });
  });
  after(() => h.close());

  test('When the engine restarts while a step retries, then its horizon still counts from the first failure', async () => {
    // Arrange: the webhook step fails with 5xx on every attempt.
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/webhooks$', rate5xx: 1 });
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
    await waitFor(h.engine, session.id, (o) => stepOf(o, 'webhook').attempts >= 2 || isTerminal(o), { what: '2 attempts of the webhook step' });
    // Act: 60 % of the horizon passes, the engine restarts, another 60 % passes.
    clock.offset += 0.6 * HOUR;
    await h.restart();
    clock.offset += 0.6 * HOUR;
    // Assert: 120 % since the first failure → failed (a window opened again at the restart would be at 60 %).
    const o = await waitFor(h.engine, session.id, isTerminal);
    assert.deepEqual(
      { state: o.state, step: o.error?.step, code: o.error?.code, retryable: o.error?.retryable },
      { state: 'failed', step: 'webhook', code: 'sinch_unavailable', retryable: true },
    );
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 0 });
  });
});
