/**
 * End to end in Chromium: <whatsapp-signup> on an ASP page, the fake FB SDK and the simulated Embedded Signup
 * popup of the Meta sandbox, the BFF as a child process, the Sinch sandbox. No sleeping: the tests wait for
 * states and move the sandbox clock; timeouts are hang guards only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { ACTIVATION_DELAY_MS, FACEBOOK, newContext, shot, startE2e, type E2e } from './harness.js';
import { act, connect, events, GUARD, onboarding as onboardingOf, view, waitEvent, waitOnboarding as waitOnboardingOf, waitView } from './steps.js';

type Region = 'US' | 'EU' | 'BR';

let e: E2e;
const onboarding = (id: string) => onboardingOf(e, id);
const waitOnboarding = (id: string, pred: (o: any) => boolean) => waitOnboardingOf(e, id, pred);

before(async () => {
  e = await startE2e();
});
after(async () => {
  await e?.close();
});

let seq = 0;
async function createSession(extra: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  seq++;
  const r = await e.api('POST', '/v1/sessions', {
    customer: { reference: `cust-${seq}`, displayName: `Customer ${seq}` },
    prefill: { business: { name: `Acme ${seq} Ltd`, email: `ops${seq}@acme.test`, website: 'https://acme.test', address: { country: 'US' } } },
    ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

/** Opens the ASP page with one widget per token and waits until every widget is ready. */
async function openAsp(ctx: BrowserContext, tokens: string[], sdkSrc: string, pollInterval?: number): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(e.asp.pageUrl({ tokens, sdkSrc, ...(pollInterval ? { pollInterval } : {}) }));
  for (let i = 0; i < tokens.length; i++) await waitView(page, 'ready', `w${i}`);
  return page;
}

async function pickRegion(page: Page, region: Region, id = 'w0') {
  await page.evaluate(
    ([i, r]) => {
      const inputs = [...(globalThis as any).document.getElementById(i).shadowRoot.querySelectorAll('input[type=radio]')];
      const input = inputs.find((x: any) => x.value === r);
      if (!input) throw new Error(`no region ${r}`);
      input.click();
    },
    [id, region] as const,
  );
}

async function finishDialog(popup: Page, screenshot?: string) {
  await act(popup, 'next');
  if (screenshot) await shot(popup, screenshot);
  await act(popup, 'next');
  await act(popup, 'finish');
}

async function waitFor(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 1200 && !pred(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(pred(), 'condition never became true');
}

/** Activation waits for the sandbox clock: move it once the engine follows the sender. */
async function activate(sessionId: string) {
  await waitOnboarding(sessionId, (o) => o.steps.some((s: any) => s.name === 'activation' && s.status !== 'pending'));
  e.sandbox.clock.advance(ACTIVATION_DELAY_MS);
}

/** Exactly one subproject, sender, app and webhook were created for this session. */
function assertOneOfEach(sessionId: string, o: any) {
  const snap = e.sandbox.inspect();
  const subs = snap.subprojects.filter((s) => Object.values(s.labels).includes(sessionId));
  assert.equal(subs.length, 1, 'one subproject');
  assert.equal(subs[0]!.subprojectId, o.subprojectId);
  const senders = snap.senders.filter((s) => s.projectId === o.subprojectId);
  assert.equal(senders.length, 1, 'one sender');
  assert.equal(senders[0]!.id, o.senderId);
  assert.equal(senders[0]!.phoneNumberId, o.phoneNumberId);
  assert.equal(senders[0]!.region, o.region);
  const apps = snap.apps.filter((a) => a.projectId === o.subprojectId);
  assert.equal(apps.length, 1, 'one app');
  assert.equal(apps[0]!.id, o.appId);
  assert.equal(apps[0]!.region.toUpperCase(), o.region);
  const hooks = snap.webhooks.filter((w) => w.projectId === o.subprojectId);
  assert.equal(hooks.length, 1, 'one webhook');
  assert.equal(hooks[0]!.app_id, o.appId);
  assert.equal(hooks[0]!.target_type, 'HTTP');
}

/** A fresh session and an ASP page showing one element for it; the browser context is closed afterwards. */
async function onAspPage(
  o: { session?: Record<string, unknown>; sdk: string; pollInterval?: number },
  run: (p: { s: { id: string; token: string }; ctx: BrowserContext; page: Page }) => Promise<void>,
): Promise<void> {
  const s = await createSession(o.session);
  const ctx = await newContext(e);
  try {
    const page = await openAsp(ctx, [s.token], o.sdk, o.pollInterval);
    await run({ s, ctx, page });
  } finally {
    await ctx.close();
  }
}

/** A full onboarding through the widget in one region; `shots` names the screenshots (first run only). */
async function fullOnboarding(region: Region, mode: 'demo' | 'facebook', sdkQuery: Record<string, string>, shots?: string) {
  await onAspPage({ sdk: e.sdk(mode, sdkQuery) }, async ({ s, ctx, page }) => {
    await pickRegion(page, region);
    if (shots) await shot(page, `${shots}-idle`);
    const popup = await connect(ctx, page);
    assert.equal(new URL(popup.url()).origin, mode === 'facebook' ? FACEBOOK : e.sandbox.url);
    assert.match(await popup.inputValue('#business-name'), /^Acme \d+ Ltd$/, 'prefill from the session');
    await finishDialog(popup, shots && `${shots}-dialog`);
    await waitView(page, 'progress');
    await activate(s.id);
    if (shots) {
      await waitEvent(page, 'progress', 'w0', "d.step === 'activation'");
      await shot(page, `${shots}-progress`);
    }
    const done = await waitEvent(page, 'complete');
    await waitView(page, 'complete');
    if (shots) await shot(page, `${shots}-completed`);
    const o = await onboarding(s.id);
    assert.equal(o.state, 'completed');
    assert.equal(o.region, region);
    assert.equal(o.event, 'FINISH');
    assert.deepEqual(done, { onboardingId: s.id, subprojectId: o.subprojectId, senderId: o.senderId, appId: o.appId, wabaId: o.wabaId, phoneNumberId: o.phoneNumberId });
    assertOneOfEach(s.id, o);
  });
}

describe('end to end: widget + Meta sandbox + BFF (child process) + Sinch sandbox, in Chromium', () => {
  test('full onboarding in US (demo origin path: the fake SDK re-dispatches as facebook.com, message first)', async () => {
    await fullOnboarding('US', 'demo', {}, 'us');
  });

  test('full onboarding in EU (dialog served at https://www.facebook.com by interception, code first)', async () => {
    await fullOnboarding('EU', 'facebook', { order: 'code-first', delayMs: '200' }, 'eu');
  });

  test('full onboarding in BR (demo path, code first with a delay)', async () => {
    await fullOnboarding('BR', 'demo', { order: 'code-first', delayMs: '300' }, 'br');
  });

  test('a second number added through the API after completion: its own sender, Conversation app and webhook, both numbers active', async () => {
    await onAspPage({ sdk: e.sdk('demo') }, async ({ s, ctx, page }) => {
      await pickRegion(page, 'EU');
      const popup = await connect(ctx, page);
      await finishDialog(popup);
      await waitView(page, 'progress');
      await activate(s.id);
      await waitEvent(page, 'complete');
      const first = await onboarding(s.id);
      const added = await e.api('POST', `/v1/onboardings/${s.id}/phone-numbers`, { phoneNumberId: '390300000000002' });
      assert.equal(added.status, 202, JSON.stringify(added.body));
      // The new sender waits for the sandbox clock like the first one.
      await waitOnboarding(s.id, (o) => o.phoneNumbers.some((p: any) => p.phoneNumberId === '390300000000002' && p.webhookId));
      e.sandbox.clock.advance(ACTIVATION_DELAY_MS);
      const o = await waitOnboarding(s.id, (x) => x.phoneNumbers.length === 2 && x.phoneNumbers.every((p: any) => p.status === 'active' || p.status === 'failed'));
      assert.deepEqual(o.phoneNumbers.map((p: any) => p.status), ['active', 'active'], JSON.stringify(o.phoneNumbers));
      assert.equal(o.state, 'completed');
      assert.deepEqual([o.senderId, o.appId, o.webhookId], [first.senderId, first.appId, first.webhookId], 'the first number keeps its top-level fields');
      const snap = e.sandbox.inspect();
      const senders = snap.senders.filter((x) => x.projectId === o.subprojectId);
      const apps = snap.apps.filter((a) => a.projectId === o.subprojectId);
      const hooks = snap.webhooks.filter((w) => w.projectId === o.subprojectId);
      assert.deepEqual(senders.map((x) => x.id).sort(), o.phoneNumbers.map((p: any) => p.senderId).sort(), 'one sender per number');
      assert.deepEqual(apps.map((a) => [a.id, a.claimedIdentity]).sort(), o.phoneNumbers.map((p: any) => [p.appId, p.senderId]).sort(), 'one app per number, holding its sender');
      assert.deepEqual(hooks.map((w) => [w.id, w.app_id]).sort(), o.phoneNumbers.map((p: any) => [p.webhookId, p.appId]).sort(), "one webhook per number's app");
      // The customer sees both numbers, as they know them, when the element reads the onboarding again (its
      // event stream ended at the first completion; a reload reads it anew).
      await page.reload();
      await waitView(page, 'complete');
      const lines = await page.waitForFunction(
        () => {
          const li = (globalThis as any).document.getElementById('w0')?.shadowRoot?.querySelectorAll('[part=numbers] li');
          return li?.length === 2 ? [...li].map((x: any) => String(x.textContent).replace(/\s+/g, ' ').trim()) : false;
        },
        undefined,
        GUARD,
      );
      const texts = (await lines.jsonValue()) as string[];
      for (const [i, p] of o.phoneNumbers.entries()) {
        assert.ok(p.displayPhoneNumber && texts[i]!.includes(p.displayPhoneNumber), `line ${i} shows ${p.displayPhoneNumber}: ${texts[i]}`);
      }
    });
  });

  test('WABA-only sharing (featureType only_waba_sharing): FINISH_ONLY_WABA → awaiting_phone_number, no sender yet', async () => {
    await onAspPage({ session: { featureType: 'only_waba_sharing' }, sdk: e.sdk('facebook') }, async ({ s, ctx, page }) => {
      const popup = await connect(ctx, page);
      await act(popup, 'next');
      await act(popup, 'finish'); // two screens: no phone number
      await waitView(page, 'complete');
      await shot(page, 'waba-only');
      const o = await waitOnboarding(s.id, (x) => x.state === 'awaiting_phone_number');
      assert.equal(o.event, 'FINISH_ONLY_WABA');
      assert.equal(o.phoneNumberId, undefined);
      assert.equal((await events(page)).filter((x) => x.type === 'complete').length, 0, 'no complete event without a number');
      assert.equal(e.sandbox.inspect().senders.filter((x) => x.projectId === o.subprojectId).length, 0);
    });
  });

  test('coexistence (whatsapp_business_app_onboarding): Meta sends only waba_id → awaiting_phone_number; the number added by the ASP completes it', async () => {
    await onAspPage({ session: { featureType: 'whatsapp_business_app_onboarding' }, sdk: e.sdk('demo') }, async ({ s, ctx, page }) => {
      const popup = await connect(ctx, page);
      await finishDialog(popup);
      await waitView(page, 'complete');
      // The sandbox sends what Meta sends for coexistence: {waba_id} only (api-facts §8).
      const waiting = await waitOnboarding(s.id, (x) => x.state === 'awaiting_phone_number');
      assert.equal(waiting.event, 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING');
      assert.match(waiting.wabaId, /^\d+$/);
      assert.equal(waiting.phoneNumberId, undefined);
      assert.equal(waiting.businessId, undefined);
      assert.equal((await events(page)).filter((x) => x.type === 'error').length, 0, 'not "signup incomplete"');
      assert.equal(e.sandbox.inspect().senders.filter((x) => x.projectId === waiting.subprojectId).length, 0);
      // Until the Graph lookup exists the ASP adds the customer's number (here a made-up id), without a code.
      const added = await e.api('POST', `/v1/onboardings/${s.id}/phone-numbers`, { phoneNumberId: '390300000000001' });
      assert.equal(added.status, 202, JSON.stringify(added.body));
      await activate(s.id);
      const o = await waitOnboarding(s.id, (x) => x.state === 'completed' || x.state === 'failed');
      assert.equal(o.state, 'completed', JSON.stringify(o.error));
      assert.equal(o.event, 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING');
      assertOneOfEach(s.id, o);
    });
  });

  test('hosted link: POST /v1/signup-links → a mail scanner loads it → open → finish → completed; reopened, it shows the result', async () => {
    const link = await e.api('POST', '/v1/signup-links', { customer: { reference: 'hosted-1', displayName: 'Hosted Customer' }, regions: { allowed: ['EU'] } });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    // A mail security scanner checks the link before the customer clicks it: that must not use it up.
    for (const method of ['HEAD', 'GET']) assert.equal((await fetch(link.body.url, { method })).status, 200, `scanner ${method}`);
    const ctx = await newContext(e); // Meta's default SDK URL is routed to the fake SDK (facebook.com dialog)
    try {
      const page = await ctx.newPage();
      const first = await page.goto(link.body.url);
      assert.equal(first?.status(), 200);
      await page.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'ready', undefined, GUARD);
      await shot(page, 'hosted-idle');
      const [popup] = await Promise.all([ctx.waitForEvent('page', GUARD), page.click('whatsapp-signup [part~="button"]')]);
      await popup.waitForSelector('body[data-ready]', GUARD);
      assert.equal(new URL(popup.url()).origin, FACEBOOK);
      await finishDialog(popup);
      await activate(link.body.sessionId);
      await page.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'complete', undefined, GUARD);
      await shot(page, 'hosted-completed');
      const o = await onboarding(link.body.sessionId);
      assert.equal(o.state, 'completed');
      assert.equal(o.region, 'EU');
      assertOneOfEach(link.body.sessionId, o);
      // One onboarding per link: reopened, the page follows that onboarding (its result) instead of a new signup.
      const later = await ctx.newPage();
      assert.equal((await later.goto(link.body.url))?.status(), 200);
      await later.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'complete', undefined, GUARD);
      assert.match(String(await later.textContent('h1')), /Your WhatsApp connection for Hosted Customer/);
      assert.equal(await later.locator('whatsapp-signup [part~="button"]').count(), 0, 'no second signup offered');
    } finally {
      await ctx.close();
    }
  });

  test('cancel at a step: whatsapp-signup-cancel with currentStep; the BFF records the abandonment', async () => {
    await onAspPage({ sdk: e.sdk('demo') }, async ({ s, ctx, page }) => {
      const popup = await connect(ctx, page);
      await act(popup, 'next');
      await act(popup, 'cancel');
      const detail = await waitEvent(page, 'cancel');
      assert.deepEqual(detail, { currentStep: 'WABA_PHONE_PROFILE_PICKER' });
      await waitView(page, 'ready');
      await shot(page, 'cancelled');
      const o = await waitOnboarding(s.id, (x) => x.state === 'abandoned');
      assert.equal(o.abandonment.kind, 'cancel');
      assert.equal(o.abandonment.currentStep, 'WABA_PHONE_PROFILE_PICKER');
      assert.equal((await events(page)).filter((x) => x.type === 'error').length, 0);
    });
  });

  test('an error reported in the dialog: whatsapp-signup-error meta_error with Meta ids; abandonment recorded', async () => {
    await onAspPage({ sdk: e.sdk('facebook') }, async ({ s, ctx, page }) => {
      const popup = await connect(ctx, page);
      await act(popup, 'report');
      await popup.fill('#error-message', 'The phone number could not be verified');
      await act(popup, 'send-error');
      const detail = await waitEvent(page, 'error');
      assert.equal(detail.code, 'meta_error');
      assert.equal(detail.retryable, true);
      assert.match(detail.metaSessionId, /^[0-9a-f]{24}$/);
      assert.match(detail.message, /could not be verified/);
      await waitView(page, 'error');
      await shot(page, 'meta-error');
      const o = await waitOnboarding(s.id, (x) => x.state === 'abandoned');
      assert.equal(o.abandonment.kind, 'error');
      assert.equal(o.abandonment.metaSessionId, detail.metaSessionId);
    });
  });

  test('the popup closed without finishing: popup_closed, nothing submitted', async () => {
    await onAspPage({ sdk: e.sdk('demo') }, async ({ s, ctx, page }) => {
      const popup = await connect(ctx, page);
      await act(popup, 'next');
      await popup.close();
      const detail = await waitEvent(page, 'error');
      assert.equal(detail.code, 'popup_closed');
      assert.equal(detail.retryable, true);
      await shot(page, 'popup-closed');
      const o = await onboarding(s.id);
      assert.ok(['warming_up', 'awaiting_signup'].includes(o.state), o.state);
    });
  });

  test('a code that expired between Meta and the BFF (sandbox clock +31 s): failed with code_expired, shown by the widget', async () => {
    await onAspPage({ sdk: e.sdk('demo') }, async ({ s, ctx, page }) => {
      // Between Meta's code and the BFF call: the widget's submit is held while the sandbox clock moves.
      await page.route(`${e.bff.url}/v1/session/onboarding`, async (route) => {
        if (route.request().method() === 'POST') e.sandbox.clock.advance(31_000);
        await route.continue();
      });
      const popup = await connect(ctx, page);
      await finishDialog(popup);
      const detail = await waitEvent(page, 'error');
      assert.equal(detail.code, 'code_expired');
      assert.equal(detail.retryable, true, 'a new Facebook login brings a fresh code');
      await waitView(page, 'error');
      await shot(page, 'code-expired');
      const o = await onboarding(s.id);
      assert.equal(o.state, 'failed');
      assert.equal(o.error.code, 'code_expired');
      assert.equal(o.error.step, 'sender');
      assert.equal(e.sandbox.inspect().senders.filter((x) => x.projectId === o.subprojectId).length, 0, 'no sender');
    });
  });

  test('the BFF killed (SIGKILL) mid-onboarding and restarted: the widget still completes, no duplicates', async () => {
    const s = await createSession();
    const ctx = await newContext(e);
    try {
      const page = await openAsp(ctx, [s.token], e.sdk('demo'), 200);
      // The app call hangs: the engine is inside the app step (intent written) when the process dies.
      e.sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rateHang: 1, times: 1 });
      const popup = await connect(ctx, page);
      await finishDialog(popup);
      await waitView(page, 'progress');
      await waitOnboarding(s.id, (o) => o.steps.some((x: any) => x.name === 'app' && x.status === 'running'));
      // The app step reads the sender before it creates the app: kill once the create is in flight (the sandbox
      // logs a hung request when it arrives).
      await waitFor(() => e.sandbox.inspect().requests.some((r) => r.api === 'conversation' && r.method === 'POST' && /\/apps$/.test(r.path) && r.status === 0 && r.fault === 'hang'));
      await e.bff.kill();
      e.sandbox.faults.clear();
      await shot(page, 'bff-killed');
      await e.bff.start();
      await activate(s.id);
      await waitEvent(page, 'complete');
      await waitView(page, 'complete');
      const o = await onboarding(s.id);
      assert.equal(o.state, 'completed');
      assertOneOfEach(s.id, o);
    } finally {
      e.sandbox.faults.clear();
      await ctx.close();
    }
  });

  test('a second widget on the same page: each follows only its own signup', async () => {
    const a = await createSession();
    const b = await createSession();
    const ctx = await newContext(e);
    try {
      const page = await openAsp(ctx, [a.token, b.token], e.sdk('demo'));
      await shot(page, 'two-widgets');
      await pickRegion(page, 'EU', 'w1');
      const popup = await connect(ctx, page, 'w1');
      await finishDialog(popup);
      await waitView(page, 'progress', 'w1');
      await activate(b.id);
      const doneB = await waitEvent(page, 'complete', 'w1');
      assert.equal(doneB.onboardingId, b.id);
      assert.equal(await view(page, 'w0'), 'ready', 'the first widget did not react');
      assert.deepEqual((await events(page)).filter((x) => x.id === 'w0').map((x) => x.type), ['ready']);

      const popupA = await connect(ctx, page, 'w0');
      await finishDialog(popupA);
      await activate(a.id);
      const doneA = await waitEvent(page, 'complete', 'w0');
      assert.equal(doneA.onboardingId, a.id);
      assert.notEqual(doneA.phoneNumberId, doneB.phoneNumberId);
      assert.equal((await events(page)).filter((x) => x.type === 'complete').length, 2);
      assertOneOfEach(a.id, await onboarding(a.id));
      assertOneOfEach(b.id, await onboarding(b.id));
      assert.equal((await onboarding(b.id)).region, 'EU');
    } finally {
      await ctx.close();
    }
  });
});
