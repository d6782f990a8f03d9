import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, createSender, createSubproject, startHarness, type Harness } from './helpers.js';

describe('Conversation API apps and webhooks', () => {
  let h: Harness;
  let project: string;
  let sender: { id: string; bearerToken: string };
  before(async () => {
    h = await startHarness({ senderActivationDelayMs: 1_000 });
    project = await createSubproject(h);
    sender = await createSender(h, project, { region: 'EU' });
  });
  after(() => h.sb.close());

  const appBody = (token: string) => ({
    display_name: 'Acme WhatsApp',
    channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: sender.id, token } }],
  });
  const createApp = (region = 'eu', body: unknown = appBody(sender.bearerToken)) =>
    call(h.conv(region, `/v1/projects/${project}/apps`), { token: h.token, json: body });

  it('When the app uses the sender bearer token, then 200 with DISPATCH defaults and the channel state following the sender', async () => {
    // Act
    const r = await createApp();
    h.sb.clock.advance(1_000);
    const later = await call(h.conv('eu', `/v1/projects/${project}/apps/${r.body.id}`), { token: h.token });
    // Assert
    assert.equal(r.status, 200);
    assert.match(r.body.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(r.body.display_name, 'Acme WhatsApp');
    assert.equal(r.body.processing_mode, 'DISPATCH');
    assert.deepEqual(r.body.rate_limits, { inbound: 25, outbound: 25, webhooks: 25 });
    const cred = r.body.channel_credentials[0];
    assert.equal(cred.channel, 'WHATSAPP');
    assert.equal(cred.static_bearer.claimed_identity, sender.id);
    assert.equal(cred.state.status, 'PENDING');
    assert.equal(later.body.channel_credentials[0].state.status, 'ACTIVE');
    assert.equal(h.sb.inspect().apps.find((a) => a.id === r.body.id)?.claimedIdentity, sender.id);
  });

  it('When the token is not a sender bearer token of the project, then 400 INVALID_ARGUMENT', async () => {
    const r = await createApp('eu', appBody('not-a-sender-token'));
    assert.equal(r.status, 400);
    assert.equal(r.body.error.status, 'INVALID_ARGUMENT');
    assert.match(r.body.error.message, /channel_credentials\[0\]\.static_bearer\.token/);
  });

  it('When the app is created in a region the sender is not provisioned for, then 400 INVALID_ARGUMENT', async () => {
    const r = await createApp('us');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.status, 'INVALID_ARGUMENT');
  });

  it('When the body is incomplete or has unknown fields, then 400 INVALID_ARGUMENT naming the field', async () => {
    const noName = await createApp('eu', { channel_credentials: [] });
    const unknown = await createApp('eu', { ...appBody(sender.bearerToken), colour: 'green' });
    const noIdentity = await createApp('eu', { display_name: 'x', channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: '', token: sender.bearerToken } }] });
    const badChannel = await createApp('eu', { display_name: 'x', channel_credentials: [{ channel: 'PIGEON' }] });
    assert.match(noName.body.error.message, /display_name/);
    assert.match(unknown.body.error.message, /colour/);
    assert.match(noIdentity.body.error.message, /claimed_identity/);
    assert.match(badChannel.body.error.message, /channel/);
    for (const r of [noName, unknown, noIdentity, badChannel]) assert.equal(r.status, 400);
  });

  it('When an app would hold a second WhatsApp credential (create or PATCH), then 400 INVALID_ARGUMENT and the app keeps its one', async () => {
    // Arrange: a second sender of the same project and region
    const other = await createSender(h, project, { region: 'EU' });
    const cred = (s: { id: string; bearerToken: string }, extra: Record<string, unknown> = {}) => ({ channel: 'WHATSAPP', static_bearer: { claimed_identity: s.id, token: s.bearerToken }, ...extra });
    const app = await createApp();
    const patch = (json: unknown) => call(h.conv('eu', `/v1/projects/${project}/apps/${app.body.id}`), { method: 'PATCH', token: h.token, json });
    // Act
    const twoOnCreate = await createApp('eu', { display_name: 'Two', channel_credentials: [cred(sender), cred(other)] });
    const ordinal = await createApp('eu', { display_name: 'Ordinal', channel_credentials: [cred(other, { credential_ordinal_number: 1 })] });
    const twoOnPatch = await patch({ channel_credentials: [cred(sender), cred(other)] });
    const kept = await call(h.conv('eu', `/v1/projects/${project}/apps/${app.body.id}`), { token: h.token });
    const swapped = await patch({ display_name: 'Renamed', channel_credentials: [cred(other)] });
    const badToken = await patch({ channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: other.id, token: 'forged' } }] });
    const wrongRegion = await call(h.conv('us', `/v1/projects/${project}/apps/${app.body.id}`), { method: 'PATCH', token: h.token, json: { display_name: 'x' } });
    // Assert
    for (const r of [twoOnCreate, ordinal, twoOnPatch, badToken]) {
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.status, 'INVALID_ARGUMENT');
      assert.equal(r.body.error.code, 400);
    }
    assert.match(twoOnCreate.body.error.message, /channel_credentials\[1\].*one credential per channel/);
    assert.equal(kept.body.channel_credentials.length, 1);
    assert.equal(kept.body.channel_credentials[0].static_bearer.claimed_identity, sender.id);
    assert.equal(swapped.status, 200);
    assert.equal(swapped.body.display_name, 'Renamed');
    assert.deepEqual(swapped.body.channel_credentials.map((c: { static_bearer: { claimed_identity: string } }) => c.static_bearer.claimed_identity), [other.id]);
    assert.equal(wrongRegion.status, 404);
  });

  it('When an app is read in another region, then 404 NOT_FOUND', async () => {
    const app = await createApp();
    const wrong = await call(h.conv('us', `/v1/projects/${project}/apps/${app.body.id}`), { token: h.token });
    const listUs = await call(h.conv('us', `/v1/projects/${project}/apps`), { token: h.token });
    const badRegion = await call(h.conv('ap', `/v1/projects/${project}/apps`), { token: h.token });
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error.status, 'NOT_FOUND');
    assert.deepEqual(listUs.body, { apps: [] });
    assert.equal(badRegion.status, 404);
  });

  it('When webhooks are added, then HTTP is the default, the 6th and a repeated target get 400', async () => {
    // Arrange
    const app = await createApp();
    const url = h.conv('eu', `/v1/projects/${project}/webhooks`);
    const hook = (target: string, extra: Record<string, unknown> = {}) =>
      call(url, { token: h.token, json: { app_id: app.body.id, target, triggers: ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY'], secret: 'shh', ...extra } });
    // Act
    const first = await hook('https://asp.example.com/hooks/0');
    const dup = await hook('https://asp.example.com/hooks/0');
    for (let i = 1; i < 5; i++) assert.equal((await hook(`https://asp.example.com/hooks/${i}`)).status, 200);
    const sixth = await hook('https://asp.example.com/hooks/5');
    const listed = await call(h.conv('eu', `/v1/projects/${project}/apps/${app.body.id}/webhooks`), { token: h.token });
    // Assert
    assert.equal(first.status, 200);
    assert.equal(first.body.target_type, 'HTTP');
    assert.equal(first.body.app_id, app.body.id);
    assert.deepEqual(first.body.triggers, ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY']);
    assert.equal(dup.status, 400);
    assert.equal(dup.body.error.status, 'INVALID_ARGUMENT');
    assert.equal(sixth.status, 400);
    assert.equal(sixth.body.error.status, 'INVALID_ARGUMENT');
    assert.equal(listed.body.webhooks.length, 5);
  });

  it('When a webhook has a bad trigger, target or field, then 400; it is readable and deletable only in its region', async () => {
    const app = await createApp();
    const url = h.conv('eu', `/v1/projects/${project}/webhooks`);
    const base = { app_id: app.body.id, target: 'https://asp.example.com/w', triggers: ['MESSAGE_INBOUND'] };
    const unspecified = await call(url, { token: h.token, json: { ...base, triggers: ['UNSPECIFIED_TRIGGER'] } });
    const none = await call(url, { token: h.token, json: { ...base, triggers: [] } });
    const sinchHost = await call(url, { token: h.token, json: { ...base, target: 'https://eu.conversation.api.sinch.com/x' } });
    const unknown = await call(url, { token: h.token, json: { ...base, foo: 1 } });
    const wrongRegion = await call(h.conv('us', `/v1/projects/${project}/webhooks`), { token: h.token, json: base });
    for (const r of [unspecified, none, sinchHost, unknown]) assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(unspecified.body.error.message, /triggers/);
    assert.equal(wrongRegion.status, 404);
    const ok = await call(url, { token: h.token, json: { ...base, target_type: 'DISMISS' } });
    assert.equal(ok.body.target_type, 'DISMISS');
    const inUs = await call(h.conv('us', `/v1/projects/${project}/webhooks/${ok.body.id}`), { token: h.token });
    const inEu = await call(h.conv('eu', `/v1/projects/${project}/webhooks/${ok.body.id}`), { token: h.token });
    const del = await call(h.conv('eu', `/v1/projects/${project}/webhooks/${ok.body.id}`), { method: 'DELETE', token: h.token });
    assert.equal(inUs.status, 404);
    assert.equal(inEu.status, 200);
    assert.equal(del.status, 200);
  });

  it('When an app is deleted, then it and its webhooks are gone', async () => {
    const app = await createApp();
    await call(h.conv('eu', `/v1/projects/${project}/webhooks`), { token: h.token, json: { app_id: app.body.id, target: 'https://asp.example.com/d', triggers: ['MESSAGE_INBOUND'] } });
    const del = await call(h.conv('eu', `/v1/projects/${project}/apps/${app.body.id}`), { method: 'DELETE', token: h.token });
    const gone = await call(h.conv('eu', `/v1/projects/${project}/apps/${app.body.id}`), { token: h.token });
    assert.equal(del.status, 200);
    assert.equal(gone.status, 404);
    assert.equal(h.sb.inspect().webhooks.filter((w) => w.app_id === app.body.id).length, 0);
  });

  it('When the project is unknown, then 403 PERMISSION_DENIED', async () => {
    const r = await call(h.conv('eu', '/v1/projects/someone-else/apps'), { token: h.token });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.status, 'PERMISSION_DENIED');
  });
});
