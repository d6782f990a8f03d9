import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSender, createSubproject, startHarness, startReceiver, type Harness } from './helpers.js';

/** Every sender state a test can reach (api-facts §8 "Sender lifecycle"), over HTTP and in code, with its callback. */
describe('Sender states reachable from tests', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ senderActivationDelayMs: 1_000 });
  });
  after(() => h.sb.close());

  /** A subproject with an ALL webhook and one sender; `events()` reads the callbacks received so far. */
  async function watched() {
    const receiver = await startReceiver();
    const p = await createSubproject(h);
    await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: receiver.url, secret: 's', triggers: ['ALL'] } });
    const sender = await createSender(h, p);
    const get = () => call(h.prov(`/v1/projects/${p}/whatsapp/senders/${sender.id}`), { token: h.token });
    const change = (json: unknown) => call(h.admin(`/senders/${sender.id}/changes`), { json });
    return { receiver, p, sender, get, change, next: async () => JSON.parse((await receiver.next()).rawBody) };
  }

  it('When a sender goes ACTIVE, then SUSPENDED, then INACTIVE, then each read shows it and INACTIVE is announced', async () => {
    const w = await watched();
    try {
      // Act + Assert
      h.sb.clock.advance(1_000);
      assert.equal((await w.next()).type, 'WHATSAPP_SENDER_ACTIVE');
      const suspended = await w.change({ state: 'SUSPENDED' });
      assert.equal(suspended.status, 200);
      assert.equal(suspended.body.state, 'SUSPENDED');
      assert.equal((await w.get()).body.state, 'SUSPENDED');
      const inactive = await w.change({ state: 'INACTIVE', comment: 'Number deleted in Meta' });
      // SUSPENDED has no trigger in the documented list, so the next callback is INACTIVE's.
      const event = await w.next();
      assert.equal(inactive.body.state, 'INACTIVE');
      assert.equal(event.type, 'WHATSAPP_SENDER_INACTIVE');
      assert.equal(event.payload.state, 'INACTIVE');
      assert.equal(event.comment, 'Number deleted in Meta');
      assert.equal(w.receiver.calls.length, 2);
      assert.deepEqual(h.sb.inspect().senders.find((s) => s.id === w.sender.id)?.state, 'INACTIVE');
    } finally {
      await w.receiver.close();
    }
  });

  it('When a sender is failed with an errorCode and reason, then it is ERROR with both in changes, announced as WHATSAPP_SENDER_ERROR', async () => {
    const w = await watched();
    try {
      const r = await w.change({ state: 'ERROR', errorCode: 'WABA_CONNECTED_TO_ANOTHER_PROJECT', errorReason: 'The WABA belongs to another project.' });
      const event = await w.next();
      assert.equal(r.status, 200);
      assert.equal(r.body.state, 'ERROR');
      assert.deepEqual(r.body.changes, { status: 'ERROR', errorCode: 'WABA_CONNECTED_TO_ANOTHER_PROJECT', errorReason: 'The WABA belongs to another project.' });
      assert.equal(event.type, 'WHATSAPP_SENDER_ERROR');
      assert.deepEqual(event.payload.changes, r.body.changes);
      // Failed while IN_PROGRESS: the planned activation never comes, and nothing is announced for it.
      h.sb.clock.advance(5_000);
      assert.equal((await w.get()).body.state, 'ERROR');
      await w.change({ qualityRating: 'RED' });
      assert.equal((await w.next()).type, 'WHATSAPP_SENDER_QUALITY_RATING_CHANGED');
      assert.deepEqual(w.receiver.calls.map((c) => JSON.parse(c.rawBody).type), ['WHATSAPP_SENDER_ERROR', 'WHATSAPP_SENDER_QUALITY_RATING_CHANGED']);
    } finally {
      await w.receiver.close();
    }
  });

  it('When the pending change is rejected, then changes.status is REJECTED and WHATSAPP_SENDER_REJECTED is sent', async () => {
    const w = await watched();
    try {
      const r = await w.change({ changesStatus: 'REJECTED', errorReason: 'Display name does not follow the guidelines.' });
      const event = await w.next();
      assert.equal(r.body.changes.status, 'REJECTED');
      assert.equal(r.body.changes.errorReason, 'Display name does not follow the guidelines.');
      assert.equal(r.body.state, 'IN_PROGRESS');
      assert.equal(event.type, 'WHATSAPP_SENDER_REJECTED');
      assert.equal(event.payload.changes.status, 'REJECTED');
    } finally {
      await w.receiver.close();
    }
  });

  it('When the quality rating and the display name change, then the DTO shows them and each has its callback', async () => {
    const w = await watched();
    try {
      h.sb.clock.advance(1_000);
      const active = await w.next();
      assert.equal(active.payload.qualityRating, 'GREEN');
      await w.change({ qualityRating: 'YELLOW' });
      const quality = await w.next();
      h.sb.updateSender(w.sender.id, { displayName: 'Acme Support' });
      const name = await w.next();
      const now = await w.get();
      assert.equal(quality.type, 'WHATSAPP_SENDER_QUALITY_RATING_CHANGED');
      assert.equal(quality.payload.qualityRating, 'YELLOW');
      assert.equal(name.type, 'WHATSAPP_SENDER_DISPLAY_NAME_UPDATED');
      assert.equal(name.payload.details.displayName, 'Acme Support');
      assert.equal(name.payload.qualityRating, 'YELLOW', 'a payload is the sender as it was after its step');
      assert.equal(now.body.state, 'ACTIVE');
      assert.equal(now.body.details.displayName, 'Acme Support');
    } finally {
      await w.receiver.close();
    }
  });

  it('When a number is planned to need verification, then its sender turns PENDING_VERIFICATION at the activation delay, not ACTIVE', async () => {
    const receiver = await startReceiver();
    const p = await createSubproject(h);
    await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: receiver.url, secret: 's', triggers: ['WHATSAPP_SENDER_PENDING_VERIFICATION', 'WHATSAPP_SENDER_ACTIVE'] } });
    try {
      const plan = await call(h.admin('/senders/plans'), { json: { phoneNumberId: 'pn-verify-1', state: 'PENDING_VERIFICATION' } });
      h.sb.planSender('pn-verify-2', { state: 'PENDING_VERIFICATION' });
      const a = await createSender(h, p, { phoneNumberId: 'pn-verify-1' });
      const b = await createSender(h, p, { phoneNumberId: 'pn-verify-2' });
      const plain = await createSender(h, p);
      h.sb.clock.advance(1_000);
      const events = [await receiver.next(), await receiver.next(), await receiver.next()].map((c) => JSON.parse(c.rawBody));
      const typeOf = (id: string) => events.find((e) => e.payload.id === id)?.type;
      assert.equal(plan.status, 201);
      assert.equal(typeOf(a.id), 'WHATSAPP_SENDER_PENDING_VERIFICATION');
      assert.equal(typeOf(b.id), 'WHATSAPP_SENDER_PENDING_VERIFICATION');
      assert.equal(typeOf(plain.id), 'WHATSAPP_SENDER_ACTIVE');
      const read = await call(h.prov(`/v1/projects/${p}/whatsapp/senders/${a.id}`), { token: h.token });
      assert.equal(read.body.state, 'PENDING_VERIFICATION');
      assert.equal(read.body.changes, undefined);
      const pending = await call(h.prov(`/v1/projects/${p}/whatsapp/senders?filterStates=PENDING_VERIFICATION`), { token: h.token });
      assert.deepEqual(pending.body.senders.map((s: { id: string }) => s.id).sort(), [a.id, b.id].sort());
    } finally {
      h.sb.clearSenderPlans();
      await receiver.close();
    }
  });

  it('When a change is invalid or names an unknown sender, then 400 / 404 and nothing changes', async () => {
    const w = await watched();
    try {
      const cases: Array<[unknown, RegExp]> = [
        [{}, /at least one field/],
        [{ state: 'DELETED' }, /state/],
        [{ state: 'ERROR', errorCode: 'NOT_A_CODE' }, /errorCode/],
        [{ state: 'SUSPENDED', errorCode: 'UNKNOWN_ERROR' }, /errorCode and errorReason need/],
        [{ qualityRating: 'BLUE' }, /qualityRating/],
        [{ colour: 'red' }, /colour/],
      ];
      for (const [json, message] of cases) {
        const r = await w.change(json);
        assert.equal(r.status, 400, JSON.stringify(json));
        assert.match(r.body.error.message, message);
      }
      const badPlan = await call(h.admin('/senders/plans'), { json: { state: 'PENDING_VERIFICATION' } });
      const unknown = await call(h.admin('/senders/00000000-0000-4000-8000-000000000000/changes'), { json: { state: 'ACTIVE' } });
      assert.equal(badPlan.status, 400);
      assert.equal(unknown.status, 404);
      assert.throws(() => h.sb.updateSender(w.sender.id, { state: 'NOPE' as 'ACTIVE' }), /state/);
      assert.equal((await w.get()).body.state, 'IN_PROGRESS');
      assert.equal(w.receiver.calls.length, 0);
    } finally {
      await w.receiver.close();
    }
  });
});
