import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { SandboxApi } from '@whatsapp-signup/sandbox';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

const APIS: SandboxApi[] = ['subproject', 'provisioning', 'conversation'];

describe('Onboarding engine under upstream faults', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
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

  test('When an app step keeps failing with 5xx, then the job fails retryable at that step and retry() resumes from it', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rate5xx: 1 });
    const failed = await onboard('US');
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

  test('When retry() is called on a job that has not failed, then it is refused with not_retryable', async () => {
    const o = await onboard('EU');
    await assert.rejects(h.engine.retry(o.id), { code: 'not_retryable', status: 409 });
  });
});
