import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NO_WEBHOOK_NOTE } from '../src/domain/steps/webhook.step.js';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

describe('Onboarding engine configuration switches', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      env: { SINCH_SOLUTION_ID: 'sol-123', WEBHOOK_TARGET: '', DELETE_EXPIRED_SUBPROJECTS: 'false', SINCH_CLAIMED_IDENTITY: 'phone_number_id' },
    });
  });
  after(() => h.close());

  async function run(over = {}, region: 'US' | 'EU' | 'BR' = 'EU', result = {}) {
    const { session } = await h.engine.createSession(sessionInput(over));
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), region, result));
    return waitFor(h.engine, session.id, isTerminal);
  }

  test('When SINCH_SOLUTION_ID is set, then warm-up assigns it to the new subproject once', async () => {
    const o = await run();
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(
      h.sandbox.inspect().solutionAssignments.filter((a) => a.projectId === o.subprojectId),
      [{ projectId: o.subprojectId, solutionId: 'sol-123' }],
    );
  });

  test('When no webhook target is configured, then the webhook step is done with a note and no webhook is created', async () => {
    const o = await run();
    assert.equal(o.state, 'completed');
    const step = o.steps.find((s) => s.name === 'webhook')!;
    assert.deepEqual({ status: step.status, note: step.note }, { status: 'done', note: NO_WEBHOOK_NOTE });
    assert.equal(o.webhookId, undefined);
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 0 });
  });

  test('When the session names its own webhook target, then that target is used', async () => {
    const o = await run({ webhookTarget: 'https://customer.example.com/hook' });
    assert.equal(h.sandbox.inspect().webhooks.find((w) => w.id === o.webhookId)?.target, 'https://customer.example.com/hook');
  });

  test('When SINCH_CLAIMED_IDENTITY=phone_number_id, then the app claims the phone number id', async () => {
    const o = await run();
    assert.equal(h.sandbox.inspect().apps.find((a) => a.id === o.appId)?.claimedIdentity, o.phoneNumberId);
  });

  test('When the phone number already has a sender elsewhere, then the job fails with phone_number_in_use', async () => {
    const first = await run({}, 'US');
    const second = await run({}, 'US', { phoneNumberId: first.phoneNumberId });
    assert.deepEqual(
      { state: second.state, code: second.error?.code, retryable: second.error?.retryable, sinch: second.error?.sinch?.code },
      { state: 'failed', code: 'phone_number_in_use', retryable: false, sinch: 'used_phone_number_id' },
    );
    assert.equal(resourcesOf(h.sandbox, second).senders, 0);
  });

  test('When DELETE_EXPIRED_SUBPROJECTS=false, then an expired session keeps its subproject', async () => {
    const { session } = await h.engine.createSession(sessionInput({ ttlSeconds: 0 }));
    const warm = await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.sweepExpired();
    await waitFor(h.engine, session.id, (o) => o.state === 'expired');
    await h.engine.idle();
    assert.equal(h.sandbox.inspect().subprojects.find((s) => s.subprojectId === warm.subprojectId)?.deleted, false);
  });
});

describe('Onboarding engine when a subproject never gets ready in time', () => {
  let h: Harness;
  before(async () => {
    // Polled 150 ms, then retried as a fault within warm-up's horizon (300 ms more) before the job fails.
    h = await startHarness({ sandbox: { subprojectReadyDelayMs: 600_000 }, env: { SUBPROJECT_READY_TIMEOUT_MS: '150', WARM_UP_RETRY_HORIZON_MS: '300' } });
  });
  after(() => h.close());

  test('When readiness times out, then warm-up fails retryable and retry() resumes from warm-up without a second subproject', async () => {
    // Arrange
    const { session } = await h.engine.createSession(sessionInput());
    const failed = await waitFor(h.engine, session.id, isTerminal);
    assert.deepEqual(
      { state: failed.state, step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable },
      { state: 'failed', step: 'warm_up', code: 'subproject_not_ready', retryable: true },
    );
    h.sandbox.clock.advance(600_000);
    // Act
    await h.engine.retry(session.id);
    const warm = await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup' || o.state === 'failed');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'BR'));
    const done = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.equal(warm.state, 'awaiting_signup');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });
});

describe('Onboarding engine with SINCH_SEND_AUTH_CODE=false', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { SINCH_SEND_AUTH_CODE: 'false' } });
  });
  after(() => h.close());

  test('When the code is not sent to Sinch, then even a dead code does not stop the sender step', async () => {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    const code = h.sandbox.mintCode();
    h.sandbox.clock.advance(31_000);
    await h.engine.submitSignup(session.id, signup(code, 'US'));
    const done = await waitFor(h.engine, session.id, isTerminal);
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
  });
});
