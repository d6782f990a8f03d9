/**
 * The Sinch sandbox's provisioning callbacks pass the BFF's own checks (auth/webhook-signature.ts): the
 * signature over the raw bytes with the registered webhook's secret, and the timestamp window. Only a
 * webhook registered in the sender's project hears of it.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { SIGNATURE_WINDOW_MS, safeEqual, sinchSignature, timestampMs } from '../src/auth/webhook-signature.js';

describe('Sinch sandbox provisioning callbacks, checked as the BFF checks them', () => {
  let sb: SinchSandbox;
  let token: string;
  before(async () => {
    sb = await startSinchSandbox({ senderActivationDelayMs: 1_000 });
    const { keyId, keySecret } = sb.credentials;
    const res = await fetch(sb.urls.auth, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  after(() => sb.close());

  const api = async (url: string, body?: unknown) => {
    const res = await fetch(url, { method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return (await res.json()) as Record<string, string>;
  };

  test('When a registered sender turns ACTIVE, then the callback verifies with its webhook secret and the sibling subproject hears nothing', async () => {
    // Arrange: a receiver that records each callback's verdict
    const got: Array<{ headers: IncomingHttpHeaders; raw: Buffer }> = [];
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        got.push({ headers: req.headers, raw: Buffer.concat(chunks) });
        res.end();
        arrived();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sinch/provisioning-events`;
    const sub = async () => (await api(`${sb.urls.subproject}/v1/projects/${sb.credentials.projectId}/subprojects`, { displayName: 'c' })).subprojectId!;
    const [mine, sibling] = [await sub(), await sub()];
    const secret = 'a-high-entropy-secret-for-this-subproject';
    await api(`${sb.urls.provisioning}/v1/projects/${mine}/webhooks`, { target, secret, triggers: ['WHATSAPP_SENDER_ACTIVE'] });
    const sender = await api(`${sb.urls.provisioning}/v1/projects/${sibling}/whatsapp/senders`, { wabaId: 'w-sibling', phoneNumberId: 'pn-sibling', authenticationCode: sb.mintCode() });
    const ours = await api(`${sb.urls.provisioning}/v1/projects/${mine}/whatsapp/senders`, { wabaId: 'w-mine', phoneNumberId: 'pn-mine', authenticationCode: sb.mintCode() });
    try {
      // Act
      sb.clock.advance(1_000);
      await first;
      // Assert
      const [cb] = got;
      const h = (n: string) => String(cb!.headers[n]);
      const expected = sinchSignature(secret, cb!.raw, h('x-sinch-webhook-signature-nonce'), h('x-sinch-webhook-signature-timestamp'));
      assert.ok(safeEqual(expected, h('x-sinch-webhook-signature')), 'signature verifies with the BFF recipe');
      assert.ok(Math.abs(Date.now() - timestampMs(h('x-sinch-webhook-signature-timestamp'))) <= SIGNATURE_WINDOW_MS, 'timestamp inside the BFF window');
      const body = JSON.parse(cb!.raw.toString('utf8'));
      assert.equal(body.type, 'WHATSAPP_SENDER_ACTIVE');
      assert.equal(body.payload.id, ours.id);
      assert.notEqual(body.payload.id, sender.id);
      assert.equal(got.length, 1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
