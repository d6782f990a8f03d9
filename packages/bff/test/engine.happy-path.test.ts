import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { REGIONS } from '../src/domain/onboarding.types.js';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

describe('Onboarding engine against the Sinch sandbox', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const region of REGIONS) {
    test(`When a signup in ${region} is submitted, then the job completes with exactly one subproject, sender, app and webhook`, async () => {
      // Arrange
      const { session, onboarding } = await h.engine.createSession(sessionInput());
      assert.equal(onboarding.state, 'warming_up');
      await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');

      // Act
      await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), region));
      const done = await waitFor(h.engine, session.id, isTerminal);

      // Assert
      assert.equal(done.state, 'completed', JSON.stringify(done.error));
      assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
      const snap = h.sandbox.inspect();
      const app = snap.apps.find((a) => a.id === done.appId)!;
      assert.equal(app.region, region.toLowerCase());
      assert.equal(app.claimedIdentity, done.senderId);
      const hook = snap.webhooks.find((w) => w.id === done.webhookId)!;
      assert.equal(hook.target_type, 'HTTP');
      assert.deepEqual(hook.triggers, ['MESSAGE_DELIVERY', 'MESSAGE_INBOUND']);
      const sp = snap.subprojects.find((s) => s.subprojectId === done.subprojectId)!;
      assert.equal(sp.labels.tier, 'gold');
      assert.equal(done.senderState, 'ACTIVE');
      // What the customer knows of the number comes from Sinch's sender DTO (countryCode + phoneNumber, details.displayName).
      const [entry] = done.phoneNumbers;
      assert.match(entry?.displayPhoneNumber ?? '', /^\+\d{1,3} \d{4,}$/);
      assert.equal(typeof entry?.verifiedName, 'string');
      assert.deepEqual(
        { n: done.phoneNumbers.length, id: entry?.phoneNumberId, status: entry?.status, senderId: entry?.senderId, senderState: entry?.senderState, appId: entry?.appId, webhookId: entry?.webhookId },
        { n: 1, id: done.phoneNumberId, status: 'active', senderId: done.senderId, senderState: 'ACTIVE', appId: done.appId, webhookId: done.webhookId },
      );
      assert.ok(done.steps.every((s) => s.status === 'done'));
      assert.ok(done.completedAt);
      assert.ok(await h.engine.getWebhookSecret(session.id));
    });
  }
});
