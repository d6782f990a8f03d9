/**
 * Sender callbacks end to end on loopback: the BFF listens, PUBLIC_URL points at it, warm-up registers the
 * subproject's Provisioning webhook in the sandbox, and the sandbox's signed callbacks (with that subproject's
 * secret) finish activation while polling, the fallback, is far too slow to.
 */
import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isTerminal, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

describe('Provisioning callbacks from the sandbox to the listening BFF', () => {
  let h: Harness;
  let server: Server;
  let base: string;
  before(async () => {
    // The BFF's address must be known before its configuration (PUBLIC_URL): listen first, hand over the app after.
    let forward: RequestListener | undefined;
    server = createServer((req, res) => (forward ? forward(req, res) : res.writeHead(503).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startHarness({
      env: { PUBLIC_URL: base },
      sandbox: { senderActivationDelayMs: 60_000 },
      // One activation poll, then none for hours: only a callback can finish in time.
      timing: { activation: { baseMs: 3_600_000, capMs: 3_600_000 } },
    });
    forward = h.app;
  });
  after(async () => {
    await h.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  test('When the sender turns ACTIVE, then the signed WHATSAPP_SENDER_ACTIVE callback completes the onboarding at once', async () => {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
    const waiting = await waitFor(h.engine, session.id, (o) => o.steps[4]!.status === 'waiting');
    const getsBefore = h.sandbox.inspect().requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/senders/${waiting.senderId}`)).length;
    // Act: Sinch activates the sender; the sandbox calls back.
    h.sandbox.clock.advance(60_000);
    const done = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    // The sandbox records a delivery once the BFF has answered it (after the job completed).
    const deliveries = () => (h.sandbox.inspect().webhookDeliveries ?? []).filter((d) => d.senderId === waiting.senderId && d.type === 'WHATSAPP_SENDER_ACTIVE');
    for (let i = 0; deliveries().length === 0; i++) {
      if (i >= 3000) throw new Error('the sandbox never recorded its callback');
      await new Promise((r) => setTimeout(r, 10));
    }
    const snap = h.sandbox.inspect();
    const delivered = deliveries();
    assert.deepEqual(
      delivered.map((d) => [d.target, d.status]),
      [[`${base}/v1/sinch/provisioning-events`, 200]],
      'one signed callback, accepted by the BFF',
    );
    const gets = snap.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/senders/${waiting.senderId}`)).length;
    assert.ok(gets - getsBefore <= 1, `one GET after the wake at most (saw ${gets - getsBefore})`);
  });

  test('When Sinch changes a completed number (quality, then INACTIVE), then its callbacks update the number at once and the job stays completed', async () => {
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    await waitFor(h.engine, session.id, (o) => o.steps[4]!.status === 'waiting');
    h.sandbox.clock.advance(60_000);
    const done = await waitFor(h.engine, session.id, isTerminal);
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    // Act: no poll runs after completion; only the callbacks can tell.
    h.sandbox.updateSender(done.senderId!, { qualityRating: 'RED' });
    const red = await waitFor(h.engine, session.id, (o) => o.phoneNumbers[0]?.qualityRating === 'RED');
    assert.equal(red.phoneNumbers[0]?.status, 'active');
    h.sandbox.updateSender(done.senderId!, { state: 'INACTIVE' });
    const inactive = await waitFor(h.engine, session.id, (o) => o.phoneNumbers[0]?.status === 'inactive');
    assert.deepEqual([inactive.state, inactive.senderState], ['completed', 'INACTIVE']);
  });
});
