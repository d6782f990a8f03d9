import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSender, createSubproject, startHarness, type Harness } from './helpers.js';

describe('Admin endpoints and inspect()', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.sb.close());

  it('When resources exist, then inspect() lists them and the request log without any secret', async () => {
    // Arrange
    const p = await createSubproject(h, 'Inspected');
    await call(h.sub(`/v1/subprojects/${p}`), { method: 'PATCH', token: h.token, json: { labels: { job: 'j-1' } } });
    const sender = await createSender(h, p, { region: 'BR' });
    const app = await call(h.conv('br', `/v1/projects/${p}/apps`), {
      token: h.token,
      json: { display_name: 'A', channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: sender.id, token: sender.bearerToken } }] },
    });
    await call(h.conv('br', `/v1/projects/${p}/webhooks`), { token: h.token, json: { app_id: app.body.id, target: 'https://asp.example.com/c', triggers: ['MESSAGE_INBOUND'], secret: 'conv-secret' } });
    await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: 'https://asp.example.com/p', secret: 'prov-secret', triggers: ['ALL'] } });
    // Act
    const snap = h.sb.inspect();
    const overHttp = await call(h.admin('/inspect'));
    // Assert
    assert.deepEqual(snap.subprojects.find((s) => s.subprojectId === p), { subprojectId: p, displayName: 'Inspected', labels: { job: 'j-1' }, deleted: false, ready: true });
    assert.equal(snap.senders[0]?.region, 'BR');
    assert.equal(snap.senders[0]?.projectId, p);
    assert.equal(snap.apps[0]?.region, 'br');
    assert.equal(snap.webhooks[0]?.target_type, 'HTTP');
    assert.deepEqual(snap.provisioningWebhooks[0]?.triggers, ['ALL']);
    assert.ok(snap.requests.some((r) => r.api === 'conversation' && r.method === 'POST' && r.path === `/conversation/br/v1/projects/${p}/apps` && r.status === 200));
    assert.equal(overHttp.status, 200);
    assert.equal(overHttp.body.senders.length, snap.senders.length);
    const text = JSON.stringify(snap);
    for (const secret of [h.token, sender.bearerToken, h.sb.credentials.keySecret, 'conv-secret', 'prov-secret']) assert.equal(text.includes(secret), false, secret);
  });

  it('When secrets were issued or received, then issuedSecrets() lists each by kind, deleted resources included, and not over HTTP', async () => {
    const p = await createSubproject(h);
    const sender = await createSender(h, p, { region: 'EU' });
    const code = h.sb.mintCode();
    const dialogCode = (await call(h.admin('/meta/codes'), { json: {} })).body.code as string;
    const app = await call(h.conv('eu', `/v1/projects/${p}/apps`), {
      token: h.token,
      json: { display_name: 'S', channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: sender.id, token: sender.bearerToken } }] },
    });
    const hook = await call(h.conv('eu', `/v1/projects/${p}/webhooks`), { token: h.token, json: { app_id: app.body.id, target: 'https://asp.example.com/s', triggers: ['MESSAGE_INBOUND'], secret: 'conv-secret-issued' } });
    assert.equal(hook.status, 200, JSON.stringify(hook.body));
    await call(h.conv('eu', `/v1/projects/${p}/webhooks/${hook.body.id}`), { method: 'DELETE', token: h.token });
    await call(h.prov(`/v1/projects/${p}/webhooks`), { token: h.token, json: { target: 'https://asp.example.com/s', secret: 'prov-secret-issued', triggers: ['ALL'] } });
    const kinds = new Map(h.sb.issuedSecrets().map((s) => [s.value, s.kind]));
    assert.equal(kinds.get(h.sb.credentials.keySecret), 'Sinch key secret');
    assert.equal(kinds.get(h.token), 'OAuth token');
    assert.equal(kinds.get(sender.bearerToken), 'sender bearer token');
    assert.equal(kinds.get(code), 'ES code');
    assert.equal(kinds.get(dialogCode), 'ES code');
    assert.equal(kinds.get('conv-secret-issued'), 'Conversation webhook secret');
    assert.equal(kinds.get('prov-secret-issued'), 'provisioning webhook secret');
    // What the sandbox issues itself is long and random (clients' scans skip short values).
    for (const v of [h.token, sender.bearerToken, code, h.sb.credentials.keySecret]) assert.ok(v.length >= 24, v);
    const overHttp = JSON.stringify((await call(h.admin('/inspect'))).body);
    assert.equal(overHttp.includes(sender.bearerToken), false);
  });

  it('When the request log is cleared, then it is empty but resources stay', async () => {
    await call(h.admin('/inspect'));
    const cleared = await call(h.admin('/requests'), { method: 'DELETE' });
    assert.equal(cleared.status, 204);
    assert.equal(h.sb.inspect().requests.length, 0);
    await createSubproject(h);
    h.sb.clearRequests();
    assert.equal(h.sb.inspect().requests.length, 0);
    assert.ok(h.sb.inspect().subprojects.length >= 2);
  });

  it('When the clock is advanced over HTTP, then clock.now() moves by that much; bad input is refused', async () => {
    const before = h.sb.clock.now();
    const r = await call(h.admin('/clock/advance'), { json: { ms: 3_600_000 } });
    const bad = await call(h.admin('/clock/advance'), { json: { ms: -1 } });
    assert.equal(r.status, 200);
    assert.ok(Date.parse(r.body.now) >= before + 3_600_000);
    assert.ok(h.sb.clock.now() >= before + 3_600_000);
    assert.equal(bad.status, 400);
    assert.throws(() => h.sb.clock.advance(-5));
  });

  it('When an unknown sender is failed or an unknown admin path is called, then 404', async () => {
    const fail = await call(h.admin('/senders/nope/fail'), { json: {} });
    const unknown = await call(h.admin('/nothing'));
    assert.equal(fail.status, 404);
    assert.equal(unknown.status, 404);
    assert.throws(() => h.sb.failSender('nope'));
  });

  it('When close() is called twice with a keep-alive connection open, then both calls resolve', async () => {
    const g = await startHarness();
    await call(g.sub(`/v1/projects/${g.parent}/subprojects`), { token: g.token });
    await Promise.all([g.sb.close(), g.sb.close()]);
    await assert.rejects(call(g.sub(`/v1/projects/${g.parent}/subprojects`), { token: g.token }));
  });
});
