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
    const body = (over: Record<string, unknown>) => ({ target: 'https://example.com/x', secret: 's', triggers: ['WHATSAPP_SENDER_ACTIVE'], ...over });
    const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
      ['ALL mixed with another trigger', body({ triggers: ['ALL', 'WHATSAPP_SENDER_ACTIVE'] }), /triggers/],
      ['no secret', body({ secret: undefined }), /secret/],
      ['an empty secret', body({ secret: '' }), /secret/],
      ['a secret over 128 characters', body({ secret: 's'.repeat(129) }), /secret/],
      ['a Conversation trigger', body({ triggers: ['MESSAGE_INBOUND'] }), /triggers/],
      ['an undocumented sender trigger', body({ triggers: ['WHATSAPP_SENDER_SUSPENDED'] }), /triggers/],
      ['no trigger', body({ triggers: [] }), /triggers/],
      ['a repeated trigger', body({ triggers: ['WHATSAPP_SENDER_ACTIVE', 'WHATSAPP_SENDER_ACTIVE'] }), /unique/],
      ['an empty target', body({ target: '' }), /target/],
      ['a target that is no URL', body({ target: 'not a url' }), /target/],
      ['a target over 742 characters', body({ target: `https://example.com/${'a'.repeat(723)}` }), /target/],
      ['an unknown field', body({ projectId: p }), /property projectId should not exist/],
    ];
    for (const [what, json, field] of invalid) {
      const r = await call(url, { token: h.token, json });
      assert.equal(r.status, 400, what);
      assert.equal(r.body.errorCode, 'invalid_input', what);
      assert.ok(r.body.additionalInformation.validationErrors.some((e: string) => field.test(e)), `${what}: ${JSON.stringify(r.body)}`);
    }
    const longest = await call(url, { token: h.token, json: body({ target: `https://example.com/${'a'.repeat(722)}`, secret: 's'.repeat(128) }) });
    assert.equal(longest.status, 201, 'a 742-character target and a 128-character secret are accepted');
    await call(h.prov(`/v1/projects/${p}/webhooks/${longest.body.id}`), { method: 'DELETE', token: h.token });
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

  it('When a webhook is listed, read, replaced (PUT) and updated (PATCH), then the secret is never in an answer and the target stays unique', async () => {
    // Arrange
    const p = await createSubproject(h);
    const url = h.prov(`/v1/projects/${p}/webhooks`);
    const a = await call(url, { token: h.token, json: { target: 'https://example.com/b', secret: 'secret-a-1', triggers: ['WHATSAPP_SENDER_ACTIVE'] } });
    const b = await call(url, { token: h.token, json: { target: 'https://example.com/a', secret: 'secret-b-1', triggers: ['ALL'] } });
    // Act
    const put = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { method: 'PUT', token: h.token, json: { target: 'https://example.com/c', secret: 'secret-a-2', triggers: ['WHATSAPP_SENDER_ERROR', 'WHATSAPP_SENDER_REJECTED'] } });
    const putPartial = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { method: 'PUT', token: h.token, json: { target: 'https://example.com/d' } });
    const patch = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { method: 'PATCH', token: h.token, json: { triggers: ['WHATSAPP_SENDER_INACTIVE'] } });
    const patchTaken = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { method: 'PATCH', token: h.token, json: { target: 'https://example.com/a' } });
    const putTaken = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { method: 'PUT', token: h.token, json: { target: 'https://example.com/a', secret: 'x', triggers: ['ALL'] } });
    const patchSame = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { method: 'PATCH', token: h.token, json: { target: 'https://example.com/c', secret: 'secret-a-3' } });
    const list = await call(url, { token: h.token });
    const one = await call(h.prov(`/v1/projects/${p}/webhooks/${a.body.id}`), { token: h.token });
    // Assert
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, { id: a.body.id, projectId: p, target: 'https://example.com/c', triggers: ['WHATSAPP_SENDER_ERROR', 'WHATSAPP_SENDER_REJECTED'] });
    assert.equal(putPartial.status, 400, 'PUT replaces: every field is required');
    assert.equal(patch.status, 200);
    assert.deepEqual(patch.body.triggers, ['WHATSAPP_SENDER_INACTIVE']);
    assert.equal(patch.body.target, 'https://example.com/c', 'PATCH keeps what it does not name');
    for (const r of [patchTaken, putTaken]) {
      assert.equal(r.status, 409);
      assert.equal(r.body.errorCode, 'webhook_exists');
    }
    assert.equal(patchSame.status, 200, 'its own target is not taken');
    assert.deepEqual(list.body.webhooks.map((w: { target: string }) => w.target), ['https://example.com/a', 'https://example.com/c'], 'alphabetical order');
    assert.equal(list.body.totalSize, 2);
    assert.equal(one.body.target, 'https://example.com/c');
    const answers = JSON.stringify([a, b, put, patch, patchSame, list, one].map((r) => r.body));
    for (const secret of ['secret-a-1', 'secret-a-2', 'secret-a-3', 'secret-b-1']) assert.equal(answers.includes(secret), false, secret);
    assert.ok(h.sb.issuedSecrets().some((s) => s.value === 'secret-a-3' && s.kind === 'provisioning webhook secret'));
  });

  it('When a webhook id is malformed, unknown or of another project, or pageSize is over 15, then 400 / 404 webhook_not_found / 400', async () => {
    const p1 = await createSubproject(h);
    const p2 = await createSubproject(h);
    const w = await call(h.prov(`/v1/projects/${p1}/webhooks`), { token: h.token, json: { target: 'https://example.com/own', secret: 's', triggers: ['ALL'] } });
    const malformed = await call(h.prov(`/v1/projects/${p1}/webhooks/nope`), { token: h.token });
    const unknown = await call(h.prov(`/v1/projects/${p1}/webhooks/01ARZ3NDEKTSV4RRFFQ69G5FAV`), { token: h.token });
    const otherProject = await call(h.prov(`/v1/projects/${p2}/webhooks/${w.body.id}`), { token: h.token });
    const otherDelete = await call(h.prov(`/v1/projects/${p2}/webhooks/${w.body.id}`), { method: 'DELETE', token: h.token });
    const otherPatch = await call(h.prov(`/v1/projects/${p2}/webhooks/${w.body.id}`), { method: 'PATCH', token: h.token, json: { secret: 'stolen' } });
    const otherList = await call(h.prov(`/v1/projects/${p2}/webhooks`), { token: h.token });
    const sameTargetElsewhere = await call(h.prov(`/v1/projects/${p2}/webhooks`), { token: h.token, json: { target: 'https://example.com/own', secret: 's', triggers: ['ALL'] } });
    const big = await call(h.prov(`/v1/projects/${p1}/webhooks?pageSize=16`), { token: h.token });
    const unknownProject = await call(h.prov('/v1/projects/not-ours/webhooks'), { token: h.token });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.errorCode, 'invalid_id_format');
    for (const r of [unknown, otherProject, otherDelete, otherPatch]) {
      assert.equal(r.status, 404);
      assert.equal(r.body.errorCode, 'webhook_not_found');
    }
    assert.deepEqual(otherList.body.webhooks, []);
    assert.equal(sameTargetElsewhere.status, 201, 'a target is unique per project only');
    assert.equal(big.status, 400);
    assert.equal(big.body.errorCode, 'invalid_page_size');
    assert.equal(unknownProject.status, 404);
    assert.equal(unknownProject.body.errorCode, 'project_not_found');
  });

  it('When a webhook is replaced with a new secret, then callbacks are signed with the new one', async () => {
    const receiver = await startReceiver();
    const p = await createSubproject(h);
    const w = await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: receiver.url, secret: 'old-secret', triggers: ['WHATSAPP_SENDER_ERROR'] } });
    await call(h.prov(`/v1/projects/${p}/webhooks/${w.body.id}`), { method: 'PATCH', token: h.token, json: { secret: 'new-secret' } });
    const sender = await createSender(h, p);
    try {
      h.sb.failSender(sender.id);
      const got = await receiver.next();
      const nonce = String(got.headers['x-sinch-webhook-signature-nonce']);
      const timestamp = String(got.headers['x-sinch-webhook-signature-timestamp']);
      assert.equal(got.headers['x-sinch-webhook-signature'], computeSignature('new-secret', got.rawBody, nonce, timestamp));
    } finally {
      await receiver.close();
    }
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
