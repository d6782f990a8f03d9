/**
 * The Meta Graph client against the Meta sandbox's Graph on loopback: what each Graph error means to the
 * engine, which calls are repeated (reads) and which never are (the code exchange spends the code), timeouts,
 * and that no secret (app secret, code, token) reaches an error message or a log line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { GraphApiError, GraphTransportError, MetaGraphClient, createNumberLookup } from '../src/clients/meta/index.js';
import { NumberLookupError } from '../src/domain/number-lookup.js';
import { SecretScan, sandboxSecrets } from './fixtures/secret-scan.js';

let sb: SinchSandbox;
let scan: SecretScan;
const lines: string[] = [];
before(async () => {
  sb = await startSinchSandbox();
  scan = new SecretScan(sandboxSecrets(sb));
});
after(async () => {
  await sb.close();
  // Every error message the tests saw was added to the scan, with every debug line the client logged.
  scan.check();
});

const noSleep = async () => undefined;
function client(o: { timeoutMs?: number; maxRetries?: number } = {}) {
  return new MetaGraphClient(
    { graphUrl: sb.urls.graph, graphVersion: 'v25.0', timeoutMs: o.timeoutMs ?? 5_000, ...(o.maxRetries !== undefined ? { maxRetries: o.maxRetries } : {}) },
    { sleep: noSleep, logger: scan.logger('debug', lines) },
  );
}
const app = () => ({ appId: sb.meta.appId, appSecret: sb.meta.appSecret });
const graphRequests = (suffix: string) => sb.inspect().requests.filter((r) => r.api === 'graph' && r.path.endsWith(suffix)).length;

/** Runs `p`, expecting a Graph error; records its message in the secret scan. */
async function failure(p: Promise<unknown>): Promise<GraphApiError | GraphTransportError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GraphApiError || e instanceof GraphTransportError, String(e));
    scan.add('error message', `${e.message} ${JSON.stringify(e)}`);
    return e;
  }
  assert.fail('expected a Graph error');
}

describe('MetaGraphClient', () => {
  test('When the code is good, then exchangeCode returns the business token, and listPhoneNumbers reads the WABA with it', async () => {
    const made = sb.meta.setNumbers('840000000000001', 2);
    const token = await client().exchangeCode(sb.mintCode({ wabaId: '840000000000001' }), app());
    const numbers = await client().listPhoneNumbers('840000000000001', token);
    assert.deepEqual(numbers, made.map((n) => ({ id: n.id, display_phone_number: n.display_phone_number, verified_name: n.verified_name })));
    assert.ok(lines.some((l) => l.includes('"path":"/graph/v25.0/oauth/access_token"')), 'calls are logged by path');
  });

  test('When Graph refuses, then the reason names it: 190 token_invalid, 100/33 waba_not_readable, used code code_invalid, bad secret app_credentials', async () => {
    sb.meta.setNumbers('840000000000002', 1);
    assert.equal((await failure(client().listPhoneNumbers('840000000000002', 'EAAGnot-a-real-token'))).reason, 'token_invalid');
    const e = await failure(client().listPhoneNumbers('840000000000999', sb.meta.systemUserToken));
    assert.equal(e.reason, 'waba_not_readable');
    assert.ok(e instanceof GraphApiError && e.graphCode === 100 && e.graphSubcode === 33 && typeof e.fbtraceId === 'string');
    const code = sb.mintCode();
    await client().exchangeCode(code, app());
    assert.equal((await failure(client().exchangeCode(code, app()))).reason, 'code_invalid');
    const wrong = await failure(client().exchangeCode(sb.mintCode(), { appId: sb.meta.appId, appSecret: 'a-wrong-app-secret-value' }));
    assert.equal(wrong.reason, 'app_credentials');
    assert.doesNotMatch(wrong.message, /a-wrong-app-secret-value|client_secret=/, 'no query in the message');
  });

  test('When a read meets 5xx or throttling, then it is repeated (maxRetries); the code exchange is never repeated', async () => {
    sb.meta.setNumbers('840000000000003', 1);
    const reads = graphRequests('/840000000000003/phone_numbers');
    sb.faults.add({ api: 'graph', path: '/phone_numbers$', rate5xx: 1, times: 1 });
    sb.faults.add({ api: 'graph', path: '/phone_numbers$', rate429: 1, times: 1 });
    assert.equal((await client().listPhoneNumbers('840000000000003', sb.meta.systemUserToken)).length, 1);
    assert.equal(graphRequests('/840000000000003/phone_numbers') - reads, 3, 'two failures, then the answer');

    sb.faults.add({ api: 'graph', path: '/phone_numbers$', rate5xx: 1, times: 3 });
    assert.equal((await failure(client({ maxRetries: 2 }).listPhoneNumbers('840000000000003', sb.meta.systemUserToken))).reason, 'unavailable');
    sb.faults.clear();

    const exchanges = graphRequests('/oauth/access_token');
    sb.faults.add({ api: 'graph', path: '/oauth/access_token$', rate5xx: 1, times: 1 });
    const code = sb.mintCode();
    assert.equal((await failure(client().exchangeCode(code, app()))).reason, 'unavailable');
    assert.equal(graphRequests('/oauth/access_token') - exchanges, 1, 'one attempt: its outcome is unknown');
    sb.faults.clear();
  });

  test('When Graph does not answer, then the call times out (no repeat for the exchange) and a lost answer is a transport error', async () => {
    sb.faults.add({ api: 'graph', path: '/oauth/access_token$', rateHang: 1, times: 1 });
    const hung = await failure(client({ timeoutMs: 200 }).exchangeCode(sb.mintCode(), app()));
    assert.ok(hung instanceof GraphTransportError && hung.kind === 'timeout', hung.message);
    sb.meta.setNumbers('840000000000004', 1);
    sb.faults.add({ api: 'graph', path: '/phone_numbers$', rateLostResponse: 1, times: 1 });
    assert.equal((await client().listPhoneNumbers('840000000000004', sb.meta.systemUserToken)).length, 1, 'a read after a lost answer is repeated');
    sb.faults.clear();
  });
});

describe('createNumberLookup', () => {
  const settings = () => ({ graphUrl: sb.urls.graph, graphVersion: 'v25.0', timeoutMs: 5_000, appId: sb.meta.appId });

  test('When both a system-user token and an app secret are set, then the token is used and the code is left alone', async () => {
    const [n] = sb.meta.setNumbers('850000000000001', 1);
    const lookup = createNumberLookup({ ...settings(), systemUserToken: sb.meta.systemUserToken, appSecret: sb.meta.appSecret }, { client: client() })!;
    assert.equal(lookup.via, 'system_user_token');
    const code = sb.mintCode({ wabaId: '850000000000001' });
    assert.deepEqual(await lookup.list('850000000000001', code), [{ phoneNumberId: n!.id, displayPhoneNumber: n!.display_phone_number, verifiedName: n!.verified_name }]);
    // Still usable: the system-user path never exchanges it.
    assert.ok(await client().exchangeCode(code, app()));
  });

  test('When only the app secret is set, then the code is exchanged; without a code the lookup says code_unavailable; neither → no lookup', async () => {
    sb.meta.setNumbers('850000000000002', 2);
    const lookup = createNumberLookup({ ...settings(), appSecret: sb.meta.appSecret }, { client: client() })!;
    assert.equal(lookup.via, 'app_secret');
    assert.equal((await lookup.list('850000000000002', sb.mintCode({ wabaId: '850000000000002' }))).length, 2);
    await assert.rejects(lookup.list('850000000000002', undefined), (e: unknown) => e instanceof NumberLookupError && e.reason === 'code_unavailable');
    const refused = await lookup.list('850000000000002', sb.mintCode({ wabaId: '850000000000001' })).catch((e: unknown) => e);
    assert.ok(refused instanceof NumberLookupError && refused.reason === 'waba_not_readable', String(refused));
    scan.add('error message', (refused as Error).message);
    assert.equal(createNumberLookup(settings()), undefined);
    assert.equal(createNumberLookup({ ...settings(), appId: undefined, appSecret: sb.meta.appSecret }), undefined, 'the exchange needs the app id');
  });
});
