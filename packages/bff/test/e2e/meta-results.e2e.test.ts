/**
 * End to end in Chromium, the Embedded Signup results that name no phone number (issue 9 items 2 and 3):
 * <whatsapp-signup> on an ASP page, the Meta sandbox's dialog and Graph, the BFF as a child process, the
 * Sinch sandbox. With META_SYSTEM_USER_TOKEN a coexistence finish ({waba_id} only) completes: the BFF lists
 * the WABA's number at Graph. With several numbers the customer picks in the element (its picker posts
 * POST /v1/session/phone-numbers) and each picked number gets its own sender; several numbers shared in the
 * dialog itself come as Meta's session-info arrays, and each gets a sender too. Without a token the job waits
 * in awaiting_phone_number and the ASP's callback says what is missing.
 * No sleeping: the tests wait for states and move the sandbox clock; timeouts are hang guards only.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { staticSecrets } from '../fixtures/secret-scan.js';
import { ACTIVATION_DELAY_MS, newContext, shot, startE2e, type E2e } from './harness.js';
import { act, connect, GUARD, onboarding, view, waitEvent, waitOnboarding, waitView } from './steps.js';

const NOTIFY_SECRET = `notify-${'e2e'.repeat(8)}`;

let seq = 0;
async function createSession(e: E2e, extra: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  seq++;
  const r = await e.api('POST', '/v1/sessions', {
    customer: { reference: `meta-${seq}`, displayName: `Meta Customer ${seq}` },
    prefill: { business: { name: `Bakery ${seq}`, email: `b${seq}@acme.test`, website: 'https://acme.test', address: { country: 'US' } } },
    ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

/** The ASP page with one element; the Connect click opens the dialog, which is finished through its screens. */
async function signUp(e: E2e, ctx: BrowserContext, token: string, sdkQuery: Record<string, string>): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(e.asp.pageUrl({ tokens: [token], sdkSrc: e.sdk('demo', sdkQuery) }));
  await waitView(page, 'ready');
  const popup = await connect(ctx, page);
  for (const action of ['next', 'next', 'finish']) await act(popup, action);
  return page;
}

/** The WABA of the dialog the element just finished (the onboarding's), once the BFF has it. */
async function wabaOf(e: E2e, id: string): Promise<string> {
  return (await waitOnboarding(e, id, (o) => typeof o.wabaId === 'string')).wabaId;
}

const COEXISTENCE = { featureType: 'whatsapp_business_app_onboarding' };

/**
 * Senders turn ACTIVE after ACTIVATION_DELAY_MS on the sandbox clock: move it once the engine follows them
 * (never earlier: the ES code dies 30 s after Meta issued it on the same clock).
 */
const activating = (e: E2e) => (o: any) => {
  if (o.steps.some((s: any) => s.name === 'activation' && s.status !== 'pending')) e.sandbox.clock.advance(ACTIVATION_DELAY_MS);
};

describe('end to end: Meta results without a phone number id, META_SYSTEM_USER_TOKEN configured', () => {
  let e: E2e;
  before(async () => {
    e = await startE2e({ name: 'meta-token', env: (sb) => ({ META_SYSTEM_USER_TOKEN: sb.meta.systemUserToken }) });
  });
  after(() => e?.close());

  test('coexistence (Meta sends only waba_id): the BFF lists the WABA\'s number with the token and the signup completes', async () => {
    const s = await createSession(e, COEXISTENCE);
    const ctx = await newContext(e);
    try {
      const page = await signUp(e, ctx, s.token, {});
      const wabaId = await wabaOf(e, s.id);
      const [number] = e.sandbox.meta.numbersOf(wabaId)!;
      const o = await waitOnboarding(e, s.id, (x) => x.state === 'completed' || x.state === 'failed', activating(e));
      assert.equal(o.state, 'completed', JSON.stringify(o.error));
      assert.equal(o.event, 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING');
      assert.equal(o.businessId, undefined, 'Meta sent none');
      assert.equal(o.phoneNumberId, number!.id, 'the number Graph listed');
      assert.deepEqual([o.phoneNumbers[0].displayPhoneNumber, o.phoneNumbers[0].verifiedName], [number!.display_phone_number, number!.verified_name]);
      const senders = e.sandbox.inspect().senders.filter((x) => x.projectId === o.subprojectId);
      assert.deepEqual(senders.map((x) => [x.id, x.phoneNumberId]), [[o.senderId, number!.id]], 'one sender, for that number');
      const done = await waitEvent(page, 'complete');
      assert.equal(done.phoneNumberId, number!.id);
      await waitView(page, 'complete');
      await shot(page, 'meta-coexistence-token-completed');
      assert.ok(e.sandbox.inspect().requests.some((r) => r.api === 'graph' && r.path === `/graph/v25.0/${wabaId}/phone_numbers` && r.status === 200));
    } finally {
      await ctx.close();
    }
  });

  test('several numbers: the WABA has three, the customer picks two; each picked number gets its own sender and the signup completes', async () => {
    const s = await createSession(e, COEXISTENCE);
    const ctx = await newContext(e);
    try {
      const page = await signUp(e, ctx, s.token, { numbers: '3' });
      const waiting = await waitOnboarding(e, s.id, (x) => x.state === 'awaiting_phone_number_choice' || x.state === 'failed');
      assert.equal(waiting.state, 'awaiting_phone_number_choice', JSON.stringify(waiting.error));
      const numbers = e.sandbox.meta.numbersOf(waiting.wabaId)!;
      assert.deepEqual(
        waiting.phoneNumberChoices,
        numbers.map((n) => ({ phoneNumberId: n.id, displayPhoneNumber: n.display_phone_number, verifiedName: n.verified_name })),
      );
      assert.equal(e.sandbox.inspect().senders.filter((x) => x.projectId === waiting.subprojectId).length, 0, 'nothing created before the pick');
      // The element shows the numbers (display number and verified name); the customer ticks two and connects.
      await waitView(page, 'choose');
      await shot(page, 'meta-several-numbers-choose');
      const picked = [numbers[1]!.id, numbers[2]!.id];
      const shown = await page.evaluate((ids) => {
        const form = (globalThis as any).document.getElementById('w0').shadowRoot.querySelector('[part~="choices"]');
        const boxes = [...form.querySelectorAll('input[type=checkbox]')] as any[];
        for (const b of boxes) if (ids.includes(b.value)) b.click();
        return { count: boxes.length, text: form.textContent as string };
      }, picked);
      assert.equal(shown.count, 3);
      for (const n of numbers) assert.ok(shown.text.includes(n.display_phone_number), `${n.display_phone_number} shown`);
      await page.click('#w0 [part~="choices"] button[type=submit]');
      const o = await waitOnboarding(
        e,
        s.id,
        (x) => x.state === 'failed' || (x.state === 'completed' && x.phoneNumbers.every((p: any) => p.senderState === 'ACTIVE' || p.error)),
        activating(e),
      );
      assert.equal(o.state, 'completed', JSON.stringify(o.error));
      assert.deepEqual(o.phoneNumbers.map((p: any) => [p.phoneNumberId, p.senderState, p.error]), picked.map((id) => [id, 'ACTIVE', undefined]));
      const senders = e.sandbox.inspect().senders.filter((x) => x.projectId === o.subprojectId);
      assert.deepEqual(senders.map((x) => x.phoneNumberId).sort(), [...picked].sort(), 'one sender per picked number, none for the third');
      assert.deepEqual(senders.map((x) => x.id).sort(), o.phoneNumbers.map((p: any) => p.senderId).sort());
      await waitEvent(page, 'complete');
      await waitView(page, 'complete');
      await shot(page, 'meta-several-numbers-completed');
    } finally {
      await ctx.close();
    }
  });

  test("several numbers shared in Meta's dialog (FINISH with waba_ids and phone_number_ids): the element sends them, each gets its own sender", async () => {
    const s = await createSession(e);
    const ctx = await newContext(e);
    try {
      const page = await signUp(e, ctx, s.token, { numbers: '3' });
      const wabaId = await wabaOf(e, s.id);
      const ids = e.sandbox.meta.numbersOf(wabaId)!.map((n) => n.id);
      const o = await waitOnboarding(
        e,
        s.id,
        (x) => x.state === 'failed' || (x.state === 'completed' && x.phoneNumbers.length === 3 && x.phoneNumbers.every((p: any) => p.senderState === 'ACTIVE' || p.error)),
        activating(e),
      );
      assert.equal(o.state, 'completed', JSON.stringify(o.error));
      assert.equal(o.event, 'FINISH');
      assert.equal(o.phoneNumberId, ids[0], 'phone_number_id is the first');
      assert.deepEqual(o.phoneNumbers.map((p: any) => [p.phoneNumberId, p.senderState, p.error]), ids.map((id) => [id, 'ACTIVE', undefined]));
      const senders = e.sandbox.inspect().senders.filter((x) => x.projectId === o.subprojectId);
      assert.deepEqual(senders.map((x) => x.phoneNumberId).sort(), [...ids].sort(), 'one sender per shared number');
      assert.ok(!e.sandbox.inspect().requests.some((r) => r.api === 'graph' && r.path.includes(wabaId)), 'no lookup: Meta named the numbers');
      await waitEvent(page, 'complete');
      await waitView(page, 'complete');
      await shot(page, 'meta-session-info-arrays-completed');
    } finally {
      await ctx.close();
    }
  });
});

describe('end to end: Meta results without a phone number id, no lookup configured', () => {
  let e: E2e;
  let server: Server;
  const received: any[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const notifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/asp/events`;
    e = await startE2e({ name: 'meta-none', env: () => ({ NOTIFY_URL: notifyUrl, NOTIFY_SECRET }) });
    e.scan.addSecrets(staticSecrets({ NOTIFY_SECRET }));
  });
  after(async () => {
    await e?.close();
    await new Promise((r) => server?.close(r));
  });

  test('coexistence without a token: awaiting_phone_number, and the ASP\'s callback gets onboarding.action_required naming the phone number id', async () => {
    const s = await createSession(e, COEXISTENCE);
    const ctx = await newContext(e);
    try {
      const page = await signUp(e, ctx, s.token, {});
      const o = await waitOnboarding(e, s.id, (x) => x.state === 'awaiting_phone_number' || x.state === 'failed');
      assert.equal(o.state, 'awaiting_phone_number');
      assert.equal(o.phoneNumberId, undefined);
      await waitView(page, 'complete');
      await shot(page, 'meta-coexistence-no-token');
      for (let i = 0; i < 600 && !received.some((x) => x.data.onboarding.id === s.id); i++) await new Promise((r) => setTimeout(r, 50));
      const events = received.filter((x) => x.data.onboarding.id === s.id);
      assert.deepEqual(events.map((x) => x.type), ['onboarding.action_required'], 'one callback');
      assert.equal(events[0].data.action.missing, 'phone_number_id');
      assert.equal(events[0].data.action.request.path, `/v1/onboardings/${s.id}/phone-numbers`);
      assert.match(events[0].data.action.detail, /no number lookup is configured/);
      assert.equal(e.sandbox.inspect().requests.filter((r) => r.api === 'graph').length, 0, 'no Graph call without a token or secret');
      assert.equal(e.sandbox.inspect().senders.filter((x) => x.projectId === o.subprojectId).length, 0);
    } finally {
      await ctx.close();
    }
  });
});
