import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { computeSignature } from '../src/index.js';
import { call, createSender, createSubproject, startHarness, startReceiver, type Harness } from './helpers.js';

describe('Provisioning webhooks', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ senderActivationDelayMs: 5_000 });
  });
  after(() => h.sb.close());

  it('When a webhook is registered, then 201 {id, projectId, target, triggers} without the secret', async () => {
    const p = await createSubproject(h);
    const r = await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: 'https://example.com/a', secret: 's', triggers: ['WHATSAPP_SENDER_ACTIVE'] } });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.body).sort(), ['id', 'projectId', 'target', 'triggers']);
    assert.equal(r.body.projectId, p);
    const list = await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token });
    const one = await call(h.prov(`/v1/projects/${p}/webhooks/${r.body.id}`), { token: h.token });
    const del = await call(h.prov(`/v1/projects/${p}/webhooks/${r.body.id}`), { method: 'DELETE', token: h.token });
    const gone = await call(h.prov(`/v1/projects/${p}/webhooks/${r.body.id}`), { token: h.token });
    assert.equal(list.body.webhooks.length, 1);
    assert.equal(one.body.target, 'https://example.com/a');
    assert.equal(del.status, 204);
    assert.equal(gone.status, 404);
  });

  it('When the body is invalid, the target repeats or the project has 15, then 400 / 409 webhook_exists / 424 webhook_limit_reached', async () => {
    const p = await createSubproject(h);
    const url = h.prov(`/v1/projects/${p}/webhooks`);
    const mixed = await call(url, { token: h.token, json: { target: 'https://example.com/x', secret: 's', triggers: ['ALL', 'WHATSAPP_SENDER_ACTIVE'] } });
    const noSecret = await call(url, { token: h.token, json: { target: 'https://example.com/x', triggers: ['ALL'] } });
    const badTrigger = await call(url, { token: h.token, json: { target: 'https://example.com/x', secret: 's', triggers: ['MESSAGE_INBOUND'] } });
    const longTarget = await call(url, { token: h.token, json: { target: `https://example.com/${'a'.repeat(740)}`, secret: 's', triggers: ['ALL'] } });
    for (const r of [mixed, noSecret, badTrigger, longTarget]) {
      assert.equal(r.status, 400);
      assert.equal(r.body.errorCode, 'invalid_input');
    }
    for (let i = 0; i < 15; i++) {
      const r = await call(url, { token: h.token, json: { target: `https://example.com/${i}`, secret: 's', triggers: ['ALL'] } });
      assert.equal(r.status, 201);
    }
    const dup = await call(url, { token: h.token, json: { target: 'https://example.com/3', secret: 's', triggers: ['ALL'] } });
    const sixteenth = await call(url, { token: h.token, json: { target: 'https://example.com/15', secret: 's', triggers: ['ALL'] } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errorCode, 'webhook_exists');
    assert.equal(sixteenth.status, 424);
    assert.equal(sixteenth.body.errorCode, 'webhook_limit_reached');
  });

  it('When a sender turns ACTIVE, then a callback signed per api-facts §4 is delivered without anyone polling', async () => {
    // Arrange
    const receiver = await startReceiver();
    const p = await createSubproject(h);
    const secret = 'whsec-test';
    await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: receiver.url, secret, triggers: ['WHATSAPP_SENDER_ACTIVE', 'WHATSAPP_SENDER_ERROR'] } });
    const sender = await createSender(h, p);
    try {
      // Act
      h.sb.clock.advance(5_000);
      const got = await receiver.next();
      // Assert
      const nonce = String(got.headers['x-sinch-webhook-signature-nonce']);
      const timestamp = String(got.headers['x-sinch-webhook-signature-timestamp']);
      assert.equal(got.headers['x-sinch-webhook-signature-algorithm'], 'HmacSHA256');
      assert.match(timestamp, /^\d{10}$/);
      assert.equal(got.headers['x-sinch-webhook-signature'], computeSignature(secret, got.rawBody, nonce, timestamp));
      const body = JSON.parse(got.rawBody);
      assert.equal(body.type, 'WHATSAPP_SENDER_ACTIVE');
      assert.equal(body.payload.id, sender.id);
      assert.equal(body.payload.state, 'ACTIVE');
    } finally {
      await receiver.close();
    }
  });

  it('When the receiver answers 500 first, then the ERROR callback is retried until it gets 2xx', async () => {
    // Arrange
    const receiver = await startReceiver([500, 200]);
    const p = await createSubproject(h);
    await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: receiver.url, secret: 's', triggers: ['ALL'] } });
    const sender = await createSender(h, p);
    try {
      // Act
      h.sb.failSender(sender.id, 'NO_VERIFIED_PHONE_NUMBER');
      const first = await receiver.next();
      const second = await receiver.next();
      // Assert
      assert.equal(JSON.parse(first.rawBody).type, 'WHATSAPP_SENDER_ERROR');
      assert.equal(second.rawBody, first.rawBody);
      assert.notEqual(second.headers['x-sinch-webhook-signature-nonce'], first.headers['x-sinch-webhook-signature-nonce']);
      assert.equal(JSON.parse(second.rawBody).payload.changes.errorCode, 'NO_VERIFIED_PHONE_NUMBER');
    } finally {
      await receiver.close();
    }
  });

  it('When the webhook belongs to another project or another trigger, then nothing is sent to it', async () => {
    const receiver = await startReceiver();
    const p1 = await createSubproject(h);
    const p2 = await createSubproject(h);
    await call(h.prov(`/v1/projects/${p2}/webhooks`), { token: h.token, json: { target: receiver.url, secret: 's', triggers: ['ALL'] } });
    await call(h.prov(`/v1/projects/${p1}/webhooks`), { token: h.token, json: { target: receiver.url, secret: 's', triggers: ['WHATSAPP_SENDER_ERROR'] } });
    const s1 = await createSender(h, p1);
    const s2 = await createSender(h, p2);
    try {
      h.sb.clock.advance(5_000);
      // The p2 ACTIVE callback arrives; the p1 one (ACTIVE, but only ERROR subscribed) never does.
      const got = await receiver.next();
      assert.equal(JSON.parse(got.rawBody).payload.id, s2.id);
      h.sb.failSender(s1.id);
      const next = await receiver.next();
      assert.equal(JSON.parse(next.rawBody).payload.id, s1.id);
      assert.equal(receiver.calls.length, 2);
    } finally {
      await receiver.close();
    }
  });
});
