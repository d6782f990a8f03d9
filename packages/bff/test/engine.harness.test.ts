import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sessionInput, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

describe('Engine harness: waitFor fails instead of hanging', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('When the awaited state never comes, then waitFor rejects naming what it waited for and the last state seen', async () => {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    // Nothing moves a warm job without a signup: 'completed' can never come.
    await assert.rejects(waitFor(h.engine, session.id, (o) => o.state === 'completed', { what: 'completion', maxChecks: 5 }), (e: Error) => {
      assert.match(e.message, /gave up after 5 checks waiting for completion/);
      assert.match(e.message, /last seen: awaiting_signup/);
      return true;
    });
  });

  test('When the onboarding does not exist, then waitFor rejects saying so (default name: the predicate)', async () => {
    await assert.rejects(waitFor(h.engine, 'ses_missing', (o) => o.state === 'completed', { maxChecks: 3 }), /waiting for .*completed.*; last seen: no such onboarding/);
  });
});
