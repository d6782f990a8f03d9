/**
 * Reconciliation from the documented sender DTO only (it has no WABA or phone number id): the subproject is
 * the onboarding's alone, creates are serialised per job, and another number's create whose outcome is
 * unknown is resolved before a new one, so the one sender nobody recorded is always the open create's.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { isTerminal, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

describe('Onboarding engine: senders reconciled by what the sender DTO carries', () => {
  let h: Harness;
  before(async () => {
    // A number's sender gives up on lasting lookup faults after 300 ms (its horizon is the app step's, 1 h by default).
    h = await startHarness({ env: { APP_RETRY_HORIZON_MS: '300' } });
  });
  afterEach(() => h.sandbox.faults.clear());
  after(() => h.close());

  test('When an added number gave up with its sender created but unknown, then the next number first adopts that sender and a lost response still finds its own', async () => {
    // Arrange: an onboarded WABA
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    await waitFor(h.engine, session.id, isTerminal);
    // Number A: its create lands but the answer is lost, and every lookup fails until the engine gives up.
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/whatsapp/senders$', rateLostResponse: 1, times: 1 });
    h.sandbox.faults.add({ api: 'provisioning', method: 'GET', path: '/whatsapp/senders$', rate5xx: 1 });
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: '88801', code: h.sandbox.mintCode() });
    await waitFor(h.engine, session.id, (o) => !!o.phoneNumbers.find((p) => p.phoneNumberId === '88801')?.error, { what: 'number A failed' });
    h.sandbox.faults.clear();
    // Act: number B, whose first create answer is lost too
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/whatsapp/senders$', rateLostResponse: 1, times: 1 });
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: '88802', code: h.sandbox.mintCode() });
    const done = await waitFor(h.engine, session.id, (o) => !!o.phoneNumbers.find((p) => p.phoneNumberId === '88802')?.senderId || !!o.phoneNumbers.find((p) => p.phoneNumberId === '88802')?.error, {
      what: 'number B settled',
    });
    // Assert: each number holds the sender Sinch made for it, none twice
    const senders = h.sandbox.inspect().senders.filter((s) => s.projectId === done.subprojectId);
    const senderOf = (pn: string) => senders.find((s) => s.phoneNumberId === pn)?.id;
    const b = done.phoneNumbers.find((p) => p.phoneNumberId === '88802')!;
    assert.equal(b.error, undefined, JSON.stringify(b.error));
    assert.equal(b.senderId, senderOf('88802'));
    assert.equal(done.phoneNumbers.find((p) => p.phoneNumberId === '88801')?.senderId, senderOf('88801'));
    assert.equal(senders.length, 3);
  });
});
