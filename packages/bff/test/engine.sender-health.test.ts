import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock, type Clock } from '../src/domain/clock.js';
import { isTerminal, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

const HEALTH_MS = 6 * 3_600_000;

/** The engine's clock; a sleep of the health poll's interval ends only when the test calls `tick()`. */
function gatedClock() {
  let waiting: Array<() => void> = [];
  const clock: Clock & { tick(): void; waiting(): number } = {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      ms !== HEALTH_MS
        ? systemClock.sleep(ms, signal)
        : new Promise<void>((resolve, reject) => {
            waiting.push(resolve);
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          }),
    tick: () => {
      const due = waiting;
      waiting = [];
      for (const r of due) r();
    },
    waiting: () => waiting.length,
  };
  return clock;
}

/** Polls `cond` every 10 ms, at most `max` times, then fails naming `what`. */
async function until(cond: () => Promise<boolean> | boolean, what: string, max = 3000): Promise<void> {
  for (let i = 0; !(await cond()); i++) {
    if (i >= max) throw new Error(`gave up after ${max} checks waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// No PUBLIC_URL: no Provisioning webhook, so Sinch's (the sandbox's) changes reach the BFF only by the health poll.
describe('Sender health poll of completed onboardings (SENDER_HEALTH_POLL_MS)', () => {
  let h: Harness;
  const clock = gatedClock();
  before(async () => {
    h = await startHarness({ clock, env: { SENDER_HEALTH_POLL_MS: String(HEALTH_MS), NOTIFY_URL: 'http://127.0.0.1:9/asp', NOTIFY_SECRET: 'notify-secret-for-tests' } });
  });
  after(() => h.close());

  test('When Sinch suspends a completed number, then the next health round records it and the ASP is told; the job stays completed', async () => {
    // Arrange
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    const done = await waitFor(h.engine, session.id, isTerminal);
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    h.sandbox.updateSender(done.senderId!, { state: 'SUSPENDED', qualityRating: 'RED' });
    await until(() => clock.waiting() === 1, 'the health poll waiting for its interval');
    // Act
    clock.tick();
    // Assert
    const suspended = await waitFor(h.engine, done.id, (o) => o.phoneNumbers[0]?.status === 'suspended', { what: 'the number suspended' });
    assert.deepEqual([suspended.state, suspended.senderState, suspended.phoneNumbers[0]?.qualityRating], ['completed', 'SUSPENDED', 'RED']);
    const types = async () => (await h.bundle.storage.outbox.all()).filter((e) => e.onboardingId === done.id).map((e) => (JSON.parse(e.body) as { type: string }).type);
    await until(async () => (await types()).includes('onboarding.number_suspended'), 'the number_suspended callback');
    assert.deepEqual((await types()).sort(), ['onboarding.completed', 'onboarding.number_suspended']);
  });
});
