/**
 * End to end in Chromium (issue 10 item 3): a number whose Sinch sender waits in PENDING_VERIFICATION. The
 * element asks the customer for SMS or a call, then for the code, which the test reads from the Sinch sandbox's
 * test hook as the customer would read the SMS; a wrong code first shows its message; the right one completes
 * the onboarding. No sleeping: the tests wait for states and move the sandbox clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { ACTIVATION_DELAY_MS, newContext, shot, startE2e, type E2e } from './harness.js';
import { act, GUARD, onboarding as onboardingOf, waitOnboarding as waitOnboardingOf, waitView } from './steps.js';


let e: E2e;
const onboarding = (id: string) => onboardingOf(e, id);
const waitOnboarding = (id: string, pred: (o: any) => boolean) => waitOnboardingOf(e, id, pred);
before(async () => {
  e = await startE2e();
});
after(async () => {
  await e?.close();
});


describe('end to end: number verification by SMS code in the element (Chromium, BFF child process, Sinch sandbox)', () => {
  test('a number that needs verification: the customer asks for an SMS, a wrong code is refused with its message, the right code completes the onboarding', async () => {
    const created = await e.api('POST', '/v1/sessions', { customer: { reference: 'verify-1', displayName: 'Verified Customer' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const s = created.body as { id: string; token: string };
    const ctx: BrowserContext = await newContext(e);
    try {
      const page = await ctx.newPage();
      // The number Meta hands over needs verification at Sinch: marked in the sandbox as the signup goes out.
      let phoneNumberId = '';
      await page.route(`${e.bff.url}/v1/session/onboarding`, async (route) => {
        if (route.request().method() === 'POST') {
          phoneNumberId = JSON.parse(route.request().postData() ?? '{}').phoneNumberId;
          const marked = await fetch(`${e.sandbox.url}/_sandbox/phone-numbers/${phoneNumberId}/verification`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
          assert.equal(marked.status, 200);
        }
        await route.continue();
      });
      await page.goto(e.asp.pageUrl({ tokens: [s.token], sdkSrc: e.sdk('demo') }));
      await waitView(page, 'ready');
      const [popup] = await Promise.all([ctx.waitForEvent('page', GUARD), page.click('#w0 [part~="button"]')]);
      await popup.waitForSelector('body[data-ready]', GUARD);
      await page.evaluate(() => (globalThis as any).dispatchEvent(new (globalThis as any).FocusEvent('blur')));
      await act(popup, 'next');
      await act(popup, 'next');
      await act(popup, 'finish');
      await waitView(page, 'progress');
      // The sender leaves IN_PROGRESS after the activation delay: for this number, to PENDING_VERIFICATION.
      await waitOnboarding(s.id, (o) => o.steps.some((x: any) => x.name === 'activation' && x.status !== 'pending'));
      e.sandbox.clock.advance(ACTIVATION_DELAY_MS);
      await waitView(page, 'verification');
      const waiting = await onboarding(s.id);
      assert.equal(waiting.state, 'awaiting_verification');
      assert.equal(waiting.phoneNumbers[0].phoneNumberId, phoneNumberId);
      assert.equal(waiting.phoneNumbers[0].status, 'verification_required');
      await shot(page, 'verification-method');

      // Act: SMS (the default), then a wrong code, then the one "received"
      const panel = page.locator('#w0 [part~="verification"]');
      await panel.getByRole('radio', { name: 'Text message (SMS)' }).check();
      await panel.getByRole('button', { name: 'Send code' }).click();
      const field = page.locator('#w0 [part~="code"]');
      await field.waitFor(GUARD);
      assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
      const hook = await fetch(`${e.sandbox.url}/_sandbox/senders/${waiting.senderId}/verification-code`);
      assert.equal(hook.status, 200);
      const sent = (await hook.json()) as { code: string; method: string };
      assert.equal(sent.method, 'SMS');
      await field.fill(sent.code === '000000' ? '111111' : '000000');
      await panel.getByRole('button', { name: 'Verify' }).click();
      await panel.getByRole('alert').filter({ hasText: 'That code is not right. Check it and try again.' }).waitFor(GUARD);
      await shot(page, 'verification-wrong-code');
      assert.equal((await onboarding(s.id)).state, 'awaiting_verification');
      await field.fill(sent.code);
      await panel.getByRole('button', { name: 'Verify' }).click();
      await waitView(page, 'progress');
      // The sender is IN_PROGRESS again after the code, then ACTIVE after the activation delay.
      e.sandbox.clock.advance(ACTIVATION_DELAY_MS);
      await waitView(page, 'complete');
      await shot(page, 'verification-completed');

      // Assert
      const o = await onboarding(s.id);
      assert.equal(o.state, 'completed', JSON.stringify(o.error));
      assert.equal(o.phoneNumbers[0].status, 'active');
      assert.equal(o.phoneNumbers[0].senderState, 'ACTIVE');
      const events = await page.evaluate(() => (globalThis as any).events as Array<{ type: string; detail: any }>);
      assert.equal(events.filter((x) => x.type === 'complete').length, 1);
      assert.equal(events.filter((x) => x.type === 'error').length, 0, 'a wrong code is not an element error');
      const snap = e.sandbox.inspect();
      assert.equal(snap.senders.filter((x) => x.projectId === o.subprojectId).length, 1, 'one sender');
      assert.equal(snap.requests.filter((r) => r.path.endsWith(`/senders/${o.senderId}/register`)).length, 1, 'one code sent');
      // The code is the customer's secret: never in what the BFF logged.
      assert.equal(e.bff.output.join('').includes(`"${sent.code}"`), false, 'the verification code was logged');
    } finally {
      await ctx.close();
    }
  });
});
