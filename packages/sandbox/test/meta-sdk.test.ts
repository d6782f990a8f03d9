/**
 * Meta sandbox in Chromium: the fake FB SDK opens the simulated Embedded Signup dialog in a real popup, and
 * the page gets the WA_EMBEDDED_SIGNUP message (origin https://www.facebook.com) and the login code in the
 * configured order; cancel, report error, closed and blocked popups; both origin strategies.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureChromium } from '../../widget/scripts/ensure-chromium.mjs';
import { call, createSubproject, startHarness, type Harness } from './helpers.js';

const FB = 'https://www.facebook.com';

interface Recorded {
  kind: 'message' | 'login';
  origin?: string;
  fromWindow?: boolean;
  data?: any;
  response?: any;
}

// The ASP page: records every WA_EMBEDDED_SIGNUP message (with its origin) and each FB.login callback.
const page = (sdk: string, auto: boolean) => `<!doctype html><html><head><meta charset="utf-8"><title>opener</title></head><body>
<button id="go">Connect WhatsApp</button>
<script>
window.events = [];
window.loginOptions = {};
addEventListener('message', function (e) {
  var d; try { d = typeof e.data === 'string' ? JSON.parse(e.data) : e.data; } catch (x) { return; }
  if (d && d.type === 'WA_EMBEDDED_SIGNUP') events.push({kind: 'message', origin: e.origin, fromWindow: !!e.source, data: d});
});
function go() {
  var o = window.loginOptions;
  FB.login(function (r) { events.push({kind: 'login', response: r}); }, {
    config_id: 'cfg-1', response_type: 'code', override_default_response_type: true,
    extras: {setup: Object.assign({business: {name: 'Acme Ltd', email: 'a@acme.test', website: 'https://acme.test', address: {country: 'US'}}}, o.setup || {}),
      featureType: o.featureType || '', sessionInfoVersion: '3'}
  });
}
document.getElementById('go').addEventListener('click', go);
window.fbAsyncInit = function () {
  window.asyncInitCalled = true;
  FB.init({appId: '1234567890', version: 'v25.0', autoLogAppEvents: true, xfbml: false});
  ${auto ? 'go();' : ''}
};
</script>
<script async defer crossorigin="anonymous" src="${sdk.replace(/"/g, '&quot;')}"></script>
</body></html>`;

let h: Harness;
let browser: Browser;
let server: Server;
let pageUrl: string;

before(async () => {
  const executablePath = ensureChromium();
  h = await startHarness();
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/page') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(u.searchParams.get('sdk') ?? '', u.searchParams.has('auto')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page`;
  // Without --disable-popup-blocking (a Playwright default) so that a popup without a click is blocked.
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await h?.sb.close();
});

/** Routes https://www.facebook.com/meta/* to the sandbox (what the e2e tests do). */
async function routeFacebook(ctx: BrowserContext) {
  await ctx.route(`${FB}/**`, async (route) => {
    const u = new URL(route.request().url());
    if (!u.pathname.startsWith('/meta/')) return route.abort();
    const response = await route.fetch({ url: `${h.sb.url}${u.pathname}${u.search}` });
    await route.fulfill({ response });
  });
}

async function open(sdkQuery = '', opts: { auto?: boolean; facebook?: boolean; loginOptions?: object } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 800, height: 600 } });
  if (opts.facebook) await routeFacebook(ctx);
  const p = await ctx.newPage();
  const sdk = `${h.sb.url}/meta/sdk.js${sdkQuery}`;
  await p.goto(`${pageUrl}?sdk=${encodeURIComponent(sdk)}${opts.auto ? '&auto=1' : ''}`);
  await p.waitForFunction(() => (globalThis as any).asyncInitCalled === true);
  if (opts.loginOptions) await p.evaluate((o) => ((globalThis as any).loginOptions = o), opts.loginOptions);
  return { ctx, page: p };
}

async function clickConnect(p: Page): Promise<Page> {
  const [popup] = await Promise.all([p.waitForEvent('popup'), p.click('#go')]);
  await popup.waitForSelector('body[data-ready]');
  return popup;
}

/** Clicks the visible screen's button with this action. */
const act = (popup: Page, action: string) => popup.click(`section:not([hidden]) [data-action="${action}"]`);

const events = (p: Page): Promise<Recorded[]> => p.evaluate(() => (globalThis as any).events);
async function waitEvents(p: Page, n: number): Promise<Recorded[]> {
  await p.waitForFunction((k) => (globalThis as any).events.filter((e: Recorded) => e.kind === 'login' || e.origin === 'https://www.facebook.com').length >= k, n);
  return (await events(p)).filter((e) => e.kind === 'login' || e.origin === FB);
}

async function finishThrough(popup: Page, screens = 3) {
  for (let i = 1; i < screens; i++) await act(popup, 'next');
  await act(popup, 'finish');
}

/** The code is a real one of the Sinch sandbox: a sender accepts it once. */
async function redeem(code: string, phoneNumberId: string) {
  const sub = await createSubproject(h);
  return call(h.prov(`/v1/projects/${sub}/whatsapp/senders`), { token: h.token, json: { wabaId: '1', phoneNumberId, authenticationCode: code } });
}

describe('Meta sandbox: fake SDK and Embedded Signup dialog (Chromium)', () => {
  test('sdk.js defines FB, calls fbAsyncInit; FB.getLoginStatus answers unknown', async () => {
    const { ctx, page: p } = await open();
    const status = await p.evaluate(
      () => new Promise((r) => (globalThis as any).FB.getLoginStatus(r)).then((s) => ({ s, fns: ['init', 'login', 'getLoginStatus'].map((k) => typeof (globalThis as any).FB[k]), pv: typeof (globalThis as any).FB.AppEvents.logPageView })),
    );
    assert.deepEqual(status, { s: { authResponse: null, status: 'unknown' }, fns: ['function', 'function', 'function'], pv: 'function' });
    await ctx.close();
  });

  test('finish, message first (default): message from https://www.facebook.com, then a code the sandbox accepts once', async () => {
    const { ctx, page: p } = await open();
    const popup = await clickConnect(p);
    const url = new URL(popup.url());
    assert.equal(url.origin, h.sb.url);
    assert.equal(url.searchParams.get('config_id'), 'cfg-1');
    assert.equal(JSON.parse(url.searchParams.get('setup')!).business.name, 'Acme Ltd');
    assert.equal(await popup.inputValue('#business-name'), 'Acme Ltd', 'prefilled from extras.setup');
    await finishThrough(popup);
    const got = await waitEvents(p, 2);
    assert.deepEqual(got.map((e) => e.kind), ['message', 'login']);
    const msg = got[0]!;
    assert.equal(msg.fromWindow, false, 're-dispatched by the SDK on the page');
    assert.equal(msg.data.event, 'FINISH');
    assert.match(msg.data.data.waba_id, /^\d{15,}$/);
    assert.match(msg.data.data.phone_number_id, /^\d{15,}$/);
    assert.match(msg.data.data.business_id, /^\d{15,}$/);
    // The dialog's own message (sandbox origin) also reached the page: the widget would drop it.
    const all = await events(p);
    assert.ok(all.some((e) => e.kind === 'message' && e.origin === h.sb.url && e.fromWindow));
    const login = got[1]!.response;
    assert.equal(login.status, 'connected');
    assert.match(login.authResponse.code, /^AQ/);
    assert.equal((await redeem(login.authResponse.code, msg.data.data.phone_number_id)).status, 201);
    const again = await redeem(login.authResponse.code, `${msg.data.data.phone_number_id}9`);
    assert.equal(again.body.errorCode, 'invalid_facebook_token', 'single use');
    await ctx.close();
  });

  test('finish, code first with a delay from the sdk.js URL; ids differ per run', async () => {
    const { ctx, page: p } = await open('?order=code-first&delayMs=300');
    const popup = await clickConnect(p);
    assert.equal(new URL(popup.url()).searchParams.get('order'), 'code-first');
    await finishThrough(popup);
    await p.waitForFunction(() => (globalThis as any).events.some((e: Recorded) => e.kind === 'login'));
    const first = await waitEvents(p, 1);
    assert.deepEqual(first.map((e) => e.kind), ['login'], 'code delivered, message held back for delayMs');
    const got = await waitEvents(p, 2);
    assert.deepEqual(got.map((e) => e.kind), ['login', 'message']);
    const ids1 = got[1]!.data.data;
    // Another run: new ids.
    await p.evaluate(() => ((globalThis as any).events = []));
    const popup2 = await clickConnect(p);
    await finishThrough(popup2);
    const ids2 = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data.data;
    assert.notEqual(ids2.waba_id, ids1.waba_id);
    assert.notEqual(ids2.phone_number_id, ids1.phone_number_id);
    await ctx.close();
  });

  test('order and delay from POST /_sandbox/meta/settings when sdk.js has none', async () => {
    const set = await call(h.admin('/meta/settings'), { json: { order: 'code-first', delayMs: 0 } });
    assert.deepEqual(set.body, { order: 'code-first', delayMs: 0 });
    assert.equal((await call(h.admin('/meta/settings'), { json: { order: 'sideways' } })).status, 400);
    try {
      const { ctx, page: p } = await open();
      const popup = await clickConnect(p);
      await finishThrough(popup);
      assert.deepEqual((await waitEvents(p, 2)).map((e) => e.kind), ['login', 'message']);
      await ctx.close();
    } finally {
      await call(h.admin('/meta/settings'), { method: 'DELETE' });
    }
  });

  test('cancel at a step: CANCEL with that current_step, then the callback without authResponse', async () => {
    const { ctx, page: p } = await open();
    const popup = await clickConnect(p);
    await act(popup, 'next');
    const closed = popup.waitForEvent('close');
    await act(popup, 'cancel');
    const got = await waitEvents(p, 2);
    await closed;
    assert.deepEqual(got[0]!.data, { type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', version: 3, data: { current_step: 'WABA_PHONE_PROFILE_PICKER' } });
    assert.deepEqual(got[1]!.response, { authResponse: null, status: 'unknown' });
    await ctx.close();
  });

  test('report error: CANCEL with error_message, error_code, error_id, session_id', async () => {
    const { ctx, page: p } = await open();
    const popup = await clickConnect(p);
    await act(popup, 'report');
    await popup.fill('#error-message', 'Phone number could not be verified');
    await act(popup, 'send-error');
    const got = await waitEvents(p, 2);
    const d = got[0]!.data;
    assert.equal(d.event, 'CANCEL');
    assert.equal(d.data.error_message, 'Phone number could not be verified');
    assert.equal(d.data.error_code, '2388093');
    assert.match(d.data.error_id, /^\d+$/);
    assert.match(d.data.session_id, /^[0-9a-f]{24}$/);
    assert.equal(d.data.current_step, undefined);
    assert.deepEqual(got[1]!.response, { authResponse: null, status: 'unknown' });
    await ctx.close();
  });

  test('popup closed without finishing: callback {authResponse: null, status: unknown}, no message', async () => {
    const { ctx, page: p } = await open();
    const popup = await clickConnect(p);
    await act(popup, 'next');
    await popup.close();
    const got = await waitEvents(p, 1);
    assert.deepEqual(got, [{ kind: 'login', response: { authResponse: null, status: 'unknown' } }]);
    await ctx.close();
  });

  test('blocked popup (FB.login outside a click): callback {authResponse: null, status: unknown}', async () => {
    const { ctx, page: p } = await open('', { auto: true });
    const got = await waitEvents(p, 1);
    assert.deepEqual(got, [{ kind: 'login', response: { authResponse: null, status: 'unknown' } }]);
    assert.equal(ctx.pages().length, 1, 'no popup');
    await ctx.close();
  });

  test('dialog served at https://www.facebook.com (request interception): the real postMessage, no re-dispatch', async () => {
    const { ctx, page: p } = await open(`?dialog-origin=${encodeURIComponent(FB)}&order=code-first`, { facebook: true });
    const popup = await clickConnect(p);
    assert.equal(new URL(popup.url()).origin, FB);
    await finishThrough(popup);
    const got = await waitEvents(p, 2);
    assert.deepEqual(got.map((e) => e.kind), ['login', 'message']);
    assert.equal(got[1]!.fromWindow, true, 'posted by the popup itself');
    assert.equal((await events(p)).filter((e) => e.kind === 'message').length, 1, 'exactly one message: no re-dispatch');
    assert.equal((await redeem(got[0]!.response.authResponse.code, got[1]!.data.data.phone_number_id)).status, 201);
    await ctx.close();
  });

  // The fact sheet's examples (api-facts §8 "Meta: what ES really sends"), restated here on purpose: the
  // sandbox's own table (finish-variants.ts) is what is under test, so it must not be the expectation.
  const sorted = (o: object) => Object.keys(o).sort();
  const FINISH_KEYS = ['business_id', 'phone_number_id', 'waba_id'];

  test('FINISH: data {phone_number_id, waba_id, business_id} exactly, version 3', async () => {
    const { ctx, page: p } = await open();
    await finishThrough(await clickConnect(p));
    const msg = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data;
    assert.deepEqual(sorted(msg), ['data', 'event', 'type', 'version']);
    assert.deepEqual([msg.type, msg.event, msg.version], ['WA_EMBEDDED_SIGNUP', 'FINISH', 3]);
    assert.deepEqual(sorted(msg.data), FINISH_KEYS);
    for (const k of FINISH_KEYS) assert.match(msg.data[k], /^\d{15,}$/, k);
    await ctx.close();
  });

  test('WABA-only (only_waba_sharing): two screens, FINISH_ONLY_WABA with data {waba_id} only, the chosen WABA', async () => {
    const { ctx, page: p } = await open('', { loginOptions: { featureType: 'only_waba_sharing', setup: { whatsAppBusinessAccount: { ids: ['777000111222333'] } } } });
    const popup = await clickConnect(p);
    await act(popup, 'next');
    await popup.selectOption('#waba', '777000111222333');
    await act(popup, 'finish');
    const msg = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data;
    assert.deepEqual(msg, { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_ONLY_WABA', data: { waba_id: '777000111222333' }, version: 3 });
    await ctx.close();
  });

  test('coexistence (whatsapp_business_app_onboarding): exactly {type, event: FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING, data: {waba_id}, version: 3}', async () => {
    const { ctx, page: p } = await open('', { loginOptions: { featureType: 'whatsapp_business_app_onboarding' } });
    const popup = await clickConnect(p);
    assert.match((await popup.textContent('section[data-step="PHONE_NUMBER_SETUP"] h1')) ?? '', /WhatsApp Business app/);
    await finishThrough(popup);
    const got = await waitEvents(p, 2);
    const msg = got.find((e) => e.kind === 'message')!.data;
    assert.match(msg.data.waba_id, /^\d{15,}$/);
    assert.deepEqual(msg, { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', data: { waba_id: msg.data.waba_id }, version: 3 });
    assert.match(got.find((e) => e.kind === 'login')!.response.authResponse.code, /^AQ/, 'a login code as well');
    await ctx.close();
  });

  test('OBO migration (sdk.js?finish=FINISH_OBO_MIGRATION): FINISH_OBO_MIGRATION with FINISH\'s fields (the fact sheet names none)', async () => {
    const { ctx, page: p } = await open('?finish=FINISH_OBO_MIGRATION');
    const popup = await clickConnect(p);
    assert.equal(new URL(popup.url()).searchParams.get('finish_event'), 'FINISH_OBO_MIGRATION');
    await finishThrough(popup);
    const msg = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data;
    assert.deepEqual([msg.type, msg.event, msg.version], ['WA_EMBEDDED_SIGNUP', 'FINISH_OBO_MIGRATION', 3]);
    assert.deepEqual(sorted(msg.data), FINISH_KEYS);
    assert.equal((await call(`${h.sb.url}/meta/sdk.js?finish=FINISH_FUTURE_THING`)).status, 400, 'only the listed events');
    await ctx.close();
  });

  const graphNumbers = (wabaId: string, token: string) =>
    call(`${h.sb.urls.graph}/v25.0/${wabaId}/phone_numbers?fields=id,display_phone_number,verified_name`, { token });

  test('several numbers (sdk.js?numbers=3): FINISH with the session-info arrays waba_ids and phone_number_ids; Graph lists the same numbers', async () => {
    const { ctx, page: p } = await open('?numbers=3');
    const popup = await clickConnect(p);
    assert.equal(new URL(popup.url()).searchParams.get('numbers'), '3');
    await act(popup, 'next');
    await act(popup, 'next');
    assert.equal(await popup.locator('#shared-numbers li').count(), 3, 'the dialog shows the numbers it shares');
    await act(popup, 'finish');
    const msg = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data;
    assert.deepEqual([msg.type, msg.event, msg.version], ['WA_EMBEDDED_SIGNUP', 'FINISH', 3]);
    assert.deepEqual(sorted(msg.data), [...FINISH_KEYS, 'phone_number_ids', 'waba_ids'].sort());
    assert.deepEqual(msg.data.waba_ids, [msg.data.waba_id]);
    assert.equal(msg.data.phone_number_ids.length, 3);
    assert.equal(msg.data.phone_number_ids[0], msg.data.phone_number_id, 'the first shared number is also phone_number_id');
    for (const id of msg.data.phone_number_ids) assert.match(id, /^\d{15,}$/);
    const listed = await graphNumbers(msg.data.waba_id, h.sb.meta.systemUserToken);
    assert.deepEqual(listed.body.data.map((n: any) => n.id), msg.data.phone_number_ids);
    assert.equal(listed.body.data[0].verified_name, 'Acme Ltd', "the business's name from the prefill");
    await ctx.close();
  });

  test('one number (default): FINISH without arrays, and Graph lists exactly that number', async () => {
    const { ctx, page: p } = await open();
    await finishThrough(await clickConnect(p));
    const msg = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data;
    assert.deepEqual(sorted(msg.data), FINISH_KEYS);
    const listed = await graphNumbers(msg.data.waba_id, h.sb.meta.systemUserToken);
    assert.deepEqual(listed.body.data.map((n: any) => n.id), [msg.data.phone_number_id]);
    await ctx.close();
  });

  test('coexistence with two numbers: the message still carries only waba_id; the code exchanged at Graph lists both, then Sinch refuses it', async () => {
    const { ctx, page: p } = await open('?numbers=2', { loginOptions: { featureType: 'whatsapp_business_app_onboarding' } });
    await finishThrough(await clickConnect(p));
    const got = await waitEvents(p, 2);
    const msg = got.find((e) => e.kind === 'message')!.data;
    assert.deepEqual(msg, { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', data: { waba_id: msg.data.waba_id }, version: 3 });
    const code = got.find((e) => e.kind === 'login')!.response.authResponse.code;
    const q = new URLSearchParams({ client_id: h.sb.meta.appId, client_secret: h.sb.meta.appSecret, code });
    const token = (await call(`${h.sb.urls.graph}/v25.0/oauth/access_token?${q}`)).body.access_token;
    assert.ok(token, 'exchanged');
    assert.equal((await graphNumbers(msg.data.waba_id, token)).body.data.length, 2, "the business token reads its signup's WABA");
    assert.equal((await redeem(code, '390000000000077')).body.errorCode, 'invalid_facebook_token', 'one code store: spent at Graph');
    await ctx.close();
  });

  test('WABA-only with no numbers (sdk.js?numbers=0): Graph lists none for the shared WABA', async () => {
    const { ctx, page: p } = await open('?numbers=0', { loginOptions: { featureType: 'only_waba_sharing' } });
    const popup = await clickConnect(p);
    await act(popup, 'next');
    await act(popup, 'finish');
    const msg = (await waitEvents(p, 2)).find((e) => e.kind === 'message')!.data;
    assert.deepEqual(Object.keys(msg.data), ['waba_id']);
    assert.deepEqual((await graphNumbers(msg.data.waba_id, h.sb.meta.systemUserToken)).body, { data: [] });
    assert.equal((await call(`${h.sb.url}/meta/sdk.js?numbers=11`)).status, 400);
    await ctx.close();
  });

  test('HTTP: bad dialog-origin → 400; the dialog has a strict CSP and refuses a login without config_id', async () => {
    assert.equal((await call(`${h.sb.url}/meta/sdk.js?dialog-origin=javascript:alert(1)`)).status, 400);
    assert.equal((await call(`${h.sb.url}/meta/sdk.js?order=nope`)).status, 400);
    const d = await call(`${h.sb.url}/meta/dialog?origin=${encodeURIComponent('http://127.0.0.1:1')}`);
    assert.equal(d.status, 200);
    assert.match(d.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(String(d.body), /config_id is missing/);
    assert.doesNotMatch(String(d.body), /<script>/, 'no inline script');
  });
});
