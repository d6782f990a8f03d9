import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

const HOUR = 3_600_000;

/**
 * Sinch has no idempotency keys: a create cut by our client timeout (1 s here) that lands later (the sandbox
 * holds it 2.5 s) comes after the retry's lookup found nothing, so the retry creates a second resource.
 * The sweep deletes the extra one and keeps the recorded one. Senders stay IN_PROGRESS until the test moves
 * the sandbox's clock, so the job cannot complete before the late create has landed.
 */
describe('Onboarding engine when a cut create lands after the retry created the resource', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ sandbox: { senderActivationDelayMs: HOUR } });
  });
  afterEach(() => h.sandbox.faults.clear());
  after(() => h.close());

  /** Runs an onboarding up to activation, waits until `landed` holds (the late create is in), then activates it. */
  async function onboard(landed: (id: string) => boolean) {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
    await waitFor(h.engine, session.id, (o) => o.steps.find((s) => s.name === 'activation')?.status === 'waiting' && landed(o.id), {
      what: 'activation waiting and the late create landed',
    });
    h.sandbox.clock.advance(HOUR + 1);
    return waitFor(h.engine, session.id, isTerminal);
  }
  const deletes = (path: RegExp) => h.sandbox.inspect().requests.filter((r) => r.method === 'DELETE' && path.test(r.path) && r.status < 300).length;

  test('When a cut create-app lands late, then the onboarding completes with one app: the one it recorded', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', latencyMs: 2500, times: 1 });
    let project = '';
    const landed = (id: string) => {
      project ||= h.sandbox.inspect().subprojects.find((s) => s.labels['wss-session'] === id)?.subprojectId ?? '';
      return h.sandbox.inspect().apps.filter((a) => a.projectId === project).length === 2 || deletes(/\/apps\//) > 0;
    };
    // Act
    const o = await onboard(landed);
    // Assert
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
    assert.deepEqual(h.sandbox.inspect().apps.filter((a) => a.projectId === o.subprojectId).map((a) => a.id), [o.appId]);
    assert.equal(deletes(/\/apps\//), 1, 'the late app was deleted');
  });

  test('When a cut create-subproject lands late, then the onboarding completes with one subproject: the one it recorded', async () => {
    // Arrange
    h.sandbox.faults.add({ api: 'subproject', method: 'POST', latencyMs: 2500, times: 1 });
    const ours = (id: string) => h.sandbox.inspect().subprojects.filter((s) => s.labels['wss-session'] === id && !s.deleted);
    const landed = (id: string) => ours(id).length === 2 || deletes(/\/subprojects\//) > 0;
    // Act
    const o = await onboard(landed);
    // Assert
    assert.equal(o.state, 'completed', JSON.stringify(o.error));
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
    assert.deepEqual(ours(o.id).map((s) => s.subprojectId), [o.subprojectId]);
    assert.equal(deletes(/\/subprojects\//), 1, 'the late subproject was deleted');
  });
});
