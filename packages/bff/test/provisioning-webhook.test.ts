/**
 * POST /v1/sinch/provisioning-events: Sinch's signature recipe, the ±5 min window, nonce replay,
 * and the hand-over to the engine.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import request from 'supertest';
import { sinchSignature } from '../src/auth/webhook-signature.js';
import { WEBHOOK_SECRET, fakeHarness } from './fixtures/harness.js';
import { assertDocumented } from './fixtures/openapi-check.js';

const PATH = '/v1/sinch/provisioning-events';
let n = 0;

function signed(body: unknown, opts: { secret?: string; nonce?: string; timestamp?: number; raw?: string } = {}) {
  const raw = opts.raw ?? JSON.stringify(body);
  const nonce = opts.nonce ?? `nonce-${Date.now()}-${n++}`;
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'x-sinch-webhook-signature': sinchSignature(opts.secret ?? WEBHOOK_SECRET, raw, nonce, ts),
      'x-sinch-webhook-signature-nonce': nonce,
      'x-sinch-webhook-signature-timestamp': ts,
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
    },
  };
}

const event = (state = 'ACTIVE') => ({
  type: state === 'ACTIVE' ? 'WHATSAPP_SENDER_ACTIVE' : 'WHATSAPP_SENDER_ERROR',
  payload: { id: 'b1f1c7de-0000-4000-8000-000000000001', state, region: 'EU', changes: { status: state === 'ERROR' ? 'ERROR' : 'IN_PROGRESS' } },
});

describe('POST /v1/sinch/provisioning-events', () => {
  const h = fakeHarness();
  after(() => h.close());

  test('When the signature is valid, then 200 and the sender update reaches the engine', async () => {
    const { raw, headers } = signed(event());
    const res = assertDocumented(await request(h.app).post(PATH).set(headers).send(raw).expect(200));
    assert.deepEqual(res.body, { status: 'accepted' });
    assert.deepEqual(h.engine.senderUpdates.at(-1), { id: 'b1f1c7de-0000-4000-8000-000000000001', state: 'ACTIVE', changes: { status: 'IN_PROGRESS' } });
  });

  test('When the signature is over different bytes (same JSON, other spacing), then 401', async () => {
    const { headers } = signed(event());
    const before = h.engine.senderUpdates.length;
    const res = assertDocumented(await request(h.app).post(PATH).set(headers).send(JSON.stringify(event(), null, 2)).expect(401));
    assert.equal(res.body.error.code, 'invalid_signature');
    assert.equal(h.engine.senderUpdates.length, before);
  });

  test('When the signature uses another secret, then 401', async () => {
    const { raw, headers } = signed(event(), { secret: 'not-the-secret' });
    await request(h.app).post(PATH).set(headers).send(raw).expect(401);
  });

  test('When a signature header is missing, then 401', async () => {
    for (const drop of ['x-sinch-webhook-signature', 'x-sinch-webhook-signature-nonce', 'x-sinch-webhook-signature-timestamp']) {
      const { raw, headers } = signed(event());
      const partial: Record<string, string> = { ...headers };
      delete partial[drop];
      await request(h.app).post(PATH).set(partial).send(raw).expect(401);
    }
  });

  test('When the timestamp is more than 5 minutes off, then 401 (both directions)', async () => {
    // Well past the 5-minute window on both sides (and well inside it below), so the second or two a loaded
    // machine may take between signing and checking never moves a case across the boundary.
    for (const offset of [-360, 360]) {
      const { raw, headers } = signed(event(), { timestamp: Math.floor(Date.now() / 1000) + offset });
      const res = await request(h.app).post(PATH).set(headers).send(raw).expect(401);
      assert.match(res.body.error.message, /window/);
    }
    const { raw, headers } = signed(event(), { timestamp: Math.floor(Date.now() / 1000) - 200 });
    await request(h.app).post(PATH).set(headers).send(raw).expect(200);
  });

  test('When the same signed callback is replayed, then the second one is refused with 409', async () => {
    const { raw, headers } = signed(event());
    await request(h.app).post(PATH).set(headers).send(raw).expect(200);
    const before = h.engine.senderUpdates.length;
    const res = assertDocumented(await request(h.app).post(PATH).set(headers).send(raw).expect(409));
    assert.equal(res.body.error.code, 'replayed');
    assert.equal(h.engine.senderUpdates.length, before);
  });

  test('When a callback is accepted, then its nonce is persisted in SQLite (replays refused across restarts)', async () => {
    const { raw, headers } = signed(event());
    await request(h.app).post(PATH).set(headers).send(raw).expect(200);
    const row = h.db.prepare('SELECT nonce FROM http_webhook_nonces WHERE nonce = ?').get(headers['x-sinch-webhook-signature-nonce']);
    assert.ok(row, 'nonce persisted in SQLite');
  });

  test('When the signed body is not a sender event, then 200 and the engine is not called', async () => {
    const before = h.engine.senderUpdates.length;
    const { raw, headers } = signed({ type: 'WHATSAPP_TEMPLATE_APPROVED', payload: { id: 'tpl-1' } });
    await request(h.app).post(PATH).set(headers).send(raw).expect(200);
    assert.equal(h.engine.senderUpdates.length, before);
  });

  test('When the signed body has the wrong shape, then 400 naming the field', async () => {
    const { raw, headers } = signed({ type: 'WHATSAPP_SENDER_ACTIVE', payload: { id: 42 } });
    const res = assertDocumented(await request(h.app).post(PATH).set(headers).send(raw).expect(400));
    assert.equal(res.body.error.field, 'payload.id');
  });

  test('When no secret is configured, then the route answers 404', async () => {
    const h2 = fakeHarness({ config: { provisioningWebhookSecret: undefined } });
    const { raw, headers } = signed(event());
    await request(h2.app).post(PATH).set(headers).send(raw).expect(404);
    await h2.close();
  });
});

describe('POST /v1/sinch/provisioning-events with a webhook per subproject', () => {
  const h = fakeHarness({ config: { provisioningWebhookSecret: undefined, provisioningWebhooks: true } });
  after(() => h.close());
  const SENDER_A = 'b1f1c7de-0000-4000-8000-00000000000a';
  const SENDER_B = 'b1f1c7de-0000-4000-8000-00000000000b';
  h.engine.provisioningSecrets.set(SENDER_A, 'secret-of-subproject-a-0123456789abcdef');
  h.engine.provisioningSecrets.set(SENDER_B, 'secret-of-subproject-b-0123456789abcdef');
  const about = (id: string) => ({ type: 'WHATSAPP_SENDER_QUALITY_RATING_CHANGED', payload: { id, state: 'ACTIVE', qualityRating: 'RED', countryCode: '48', phoneNumber: '500100200', details: { displayName: 'Acme' } } });

  test("When a callback is signed with its sender's subproject secret, then 200 and the update (state, quality, number, name) reaches the engine", async () => {
    const { raw, headers } = signed(about(SENDER_A), { secret: 'secret-of-subproject-a-0123456789abcdef' });
    assertDocumented(await request(h.app).post(PATH).set(headers).send(raw).expect(200));
    assert.deepEqual(h.engine.senderUpdates.at(-1), { id: SENDER_A, state: 'ACTIVE', countryCode: '48', phoneNumber: '500100200', details: { displayName: 'Acme' }, qualityRating: 'RED' });
  });

  test("When a callback is signed with another subproject's secret, or names an unknown sender, then 401 and nothing reaches the engine", async () => {
    const before = h.engine.senderUpdates.length;
    for (const [body, secret] of [
      [about(SENDER_A), 'secret-of-subproject-b-0123456789abcdef'],
      [about('b1f1c7de-0000-4000-8000-0000000000ff'), 'secret-of-subproject-a-0123456789abcdef'],
      [{ type: 'WHATSAPP_SENDER_ACTIVE' }, 'secret-of-subproject-a-0123456789abcdef'],
    ] as const) {
      const { raw, headers } = signed(body, { secret });
      const res = assertDocumented(await request(h.app).post(PATH).set(headers).send(raw).expect(401));
      assert.deepEqual(res.body.error, { code: 'invalid_signature', message: 'Invalid signature' });
    }
    assert.equal(h.engine.senderUpdates.length, before);
  });
});
