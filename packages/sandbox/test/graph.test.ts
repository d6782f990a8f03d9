/**
 * The Meta sandbox's Graph endpoints (api-facts §5, §8): the code exchange (app id and secret checked, codes
 * single use and 30 s in the one store Sinch's create-sender also redeems) and a WABA's phone numbers (the
 * system-user token or a business token it issued; Graph's error dialect, code 190 for a bad token).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_META } from '../src/index.js';
import { call, createSubproject, startHarness, type Harness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.sb.close();
});

const graph = (path: string) => `${h.sb.urls.graph}/v25.0${path}`;
const exchange = (q: Record<string, string>) => call(`${graph('/oauth/access_token')}?${new URLSearchParams(q)}`);
const goodApp = () => ({ client_id: h.sb.meta.appId, client_secret: h.sb.meta.appSecret });
const numbers = (wabaId: string, token?: string, fields = 'id,display_phone_number,verified_name') =>
  call(`${graph(`/${wabaId}/phone_numbers`)}?fields=${fields}`, token ? { token } : {});

/** Graph's error dialect, exactly: {error: {message, type, code, error_subcode?, fbtrace_id}}. */
function assertGraphError(body: any, code: number, subcode?: number) {
  assert.deepEqual(Object.keys(body), ['error']);
  const keys = ['code', 'fbtrace_id', 'message', 'type', ...(subcode === undefined ? [] : ['error_subcode'])].sort();
  assert.deepEqual(Object.keys(body.error).sort(), keys, JSON.stringify(body));
  assert.equal(body.error.code, code, JSON.stringify(body));
  if (subcode !== undefined) assert.equal(body.error.error_subcode, subcode);
  assert.equal(typeof body.error.message, 'string');
  assert.match(body.error.type, /^(OAuthException|GraphMethodException)$/);
  assert.match(body.error.fbtrace_id, /^[\w-]{6,}$/);
}

async function redeemAtSinch(code: string) {
  const sub = await createSubproject(h);
  return call(h.prov(`/v1/projects/${sub}/whatsapp/senders`), { token: h.token, json: { wabaId: '1', phoneNumberId: `${Date.now()}${Math.floor(Math.random() * 1e6)}`, authenticationCode: code } });
}

describe('Meta sandbox Graph: GET /{version}/oauth/access_token', () => {
  test('When the app id, secret and a fresh code are right, then a business token; the same code again is refused (36009)', async () => {
    const code = h.sb.mintCode();
    const r = await exchange({ ...goodApp(), code });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['access_token', 'token_type']);
    assert.equal(r.body.token_type, 'bearer');
    assert.ok(h.sb.issuedSecrets().some((s) => s.kind === 'Meta business token' && s.value === r.body.access_token), 'the token is a secret the scan hunts');
    const again = await exchange({ ...goodApp(), code });
    assert.equal(again.status, 400);
    assertGraphError(again.body, 100, 36009);
  });

  test('When a code was exchanged at Graph, then Sinch refuses it as authenticationCode; a code Sinch redeemed cannot be exchanged', async () => {
    const exchanged = h.sb.mintCode();
    assert.equal((await exchange({ ...goodApp(), code: exchanged })).status, 200);
    assert.equal((await redeemAtSinch(exchanged)).body.errorCode, 'invalid_facebook_token');
    const redeemed = h.sb.mintCode();
    assert.equal((await redeemAtSinch(redeemed)).status, 201);
    const r = await exchange({ ...goodApp(), code: redeemed });
    assertGraphError(r.body, 100, 36009);
  });

  test('When the code is 30 s old (sandbox clock), then 36007 expired', async () => {
    const code = h.sb.mintCode();
    h.sb.clock.advance(30_000);
    const r = await exchange({ ...goodApp(), code });
    assert.equal(r.status, 400);
    assertGraphError(r.body, 100, 36007);
  });

  test('When the client secret or id is wrong, or the code unknown, then Graph errors 1, 101, 100 and the code stays usable', async () => {
    const code = h.sb.mintCode();
    const badSecret = await exchange({ client_id: h.sb.meta.appId, client_secret: 'nope-nope-nope', code });
    assertGraphError(badSecret.body, 1);
    assert.match(badSecret.body.error.message, /client secret/);
    assertGraphError((await exchange({ client_id: '42', client_secret: h.sb.meta.appSecret, code })).body, 101);
    assertGraphError((await exchange({ ...goodApp(), code: 'AQnot-a-code' })).body, 100);
    assert.equal((await exchange({ ...goodApp(), code })).status, 200, 'refused attempts did not spend it');
  });

  test('When startSinchSandbox gets meta options, then those are the accepted app id, secret and token (defaults otherwise)', async () => {
    assert.deepEqual({ ...goodApp(), t: h.sb.meta.systemUserToken }, { client_id: DEFAULT_META.appId, client_secret: DEFAULT_META.appSecret, t: DEFAULT_META.systemUserToken });
    const other = await startHarness({ meta: { appId: '42', appSecret: 'another-secret-value', systemUserToken: 'EAAGanother-system-user-token' } });
    try {
      const code = other.sb.mintCode();
      const r = await call(`${other.sb.urls.graph}/v25.0/oauth/access_token?${new URLSearchParams({ client_id: '42', client_secret: 'another-secret-value', code })}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    } finally {
      await other.sb.close();
    }
  });
});

describe('Meta sandbox Graph: GET /{version}/{waba-id}/phone_numbers', () => {
  test('When the system-user token asks, then every configured number with the fields asked (id always)', async () => {
    const made = h.sb.meta.setNumbers('100000000000001', 2);
    const r = await numbers('100000000000001', h.sb.meta.systemUserToken);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.data,
      made.map((n) => ({ id: n.id, display_phone_number: n.display_phone_number, verified_name: n.verified_name })),
    );
    assert.match(r.body.data[0].display_phone_number, /^\+1 631-555-01\d\d$/);
    const all = await numbers('100000000000001', h.sb.meta.systemUserToken, 'id,display_phone_number,verified_name,code_verification_status,quality_rating,platform_type');
    assert.deepEqual(Object.keys(all.body.data[0]).sort(), ['code_verification_status', 'display_phone_number', 'id', 'platform_type', 'quality_rating', 'verified_name']);
    const onlyId = await numbers('100000000000001', h.sb.meta.systemUserToken, 'verified_name');
    assert.deepEqual(Object.keys(onlyId.body.data[0]).sort(), ['id', 'verified_name']);
    assertGraphError((await numbers('100000000000001', h.sb.meta.systemUserToken, 'id,secret_field')).body, 100);
  });

  test('When a WABA has no numbers, then data is empty; a WABA Meta does not know is error 100 subcode 33', async () => {
    h.sb.meta.setNumbers('100000000000002', 0);
    assert.deepEqual((await numbers('100000000000002', h.sb.meta.systemUserToken)).body, { data: [] });
    const r = await numbers('100000000000999', h.sb.meta.systemUserToken);
    assert.equal(r.status, 400);
    assertGraphError(r.body, 100, 33);
  });

  test('When a business token asks, then it reads the WABA of its signup and no other', async () => {
    h.sb.meta.setNumbers('100000000000003', 1);
    h.sb.meta.setNumbers('100000000000004', 1);
    const token = (await exchange({ ...goodApp(), code: h.sb.mintCode({ wabaId: '100000000000003' }) })).body.access_token as string;
    const mine = await numbers('100000000000003', token);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.data.length, 1);
    assertGraphError((await numbers('100000000000004', token)).body, 100, 33);
    // The access_token query parameter works like the header (Graph accepts both).
    assert.equal((await call(`${graph('/100000000000003/phone_numbers')}?access_token=${token}`)).status, 200);
  });

  test('When the token is bad or missing, then Graph error 190 (bad) or 2500 (missing), in its dialect', async () => {
    h.sb.meta.setNumbers('100000000000005', 1);
    const bad = await numbers('100000000000005', 'EAAGnot-a-token');
    assert.equal(bad.status, 400);
    assertGraphError(bad.body, 190);
    assertGraphError((await numbers('100000000000005')).body, 2500);
    assertGraphError((await call(graph('/100000000000005/phone_numbers'), { headers: { authorization: 'Basic abc' } })).body, 190);
  });

  test('When the version is malformed or the path unknown, then Graph errors; fault rules for api graph answer in its dialect', async () => {
    assertGraphError((await call(`${h.sb.urls.graph}/latest/100000000000005/phone_numbers`)).body, 2500);
    assertGraphError((await call(graph('/100000000000005/subscribed_apps'), { token: h.sb.meta.systemUserToken })).body, 100);
    h.sb.faults.add({ api: 'graph', rate5xx: 1, times: 1 });
    const down = await numbers('100000000000005', h.sb.meta.systemUserToken);
    assert.ok(down.status >= 500, String(down.status));
    assertGraphError(down.body, 2);
    assert.equal((await numbers('100000000000005', h.sb.meta.systemUserToken)).status, 200, 'one hit only');
    assert.ok(h.sb.inspect().requests.some((r) => r.api === 'graph' && r.fault === '5xx'), 'logged as api graph');
  });

  test('When Sinch creates a sender for a number the Meta sandbox knows, then its DTO shows countryCode, phoneNumber and details.displayName', async () => {
    const [n] = h.sb.meta.setNumbers('100000000000006', [{ id: '390000000000061', display_phone_number: '+48 512-345-678', verified_name: 'Sklep Ania' }]);
    const sub = await createSubproject(h);
    const r = await call(h.prov(`/v1/projects/${sub}/whatsapp/senders`), { token: h.token, json: { wabaId: '100000000000006', phoneNumberId: n!.id, authenticationCode: h.sb.mintCode() } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.countryCode, '48');
    assert.equal(r.body.phoneNumber, '512345678');
    assert.deepEqual(r.body.details, { displayName: 'Sklep Ania' });
  });
});
