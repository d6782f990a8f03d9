/**
 * The operator console in Chromium against the fake console API (test/fake-console-api.ts, validated by the
 * contract's zod schemas): sign-in, filters and paging, one onboarding with its actions, the funnel, failing
 * callbacks, the audit log and an expired session; axe finds nothing on any view.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './browser.js';
import { startFakeConsoleApi, type FakeConsoleApi } from './fake-console-api.js';
import { fakeData } from './fixtures.js';

const ACCOUNTS = { ada: 'correct horse battery staple' };

let browser: Browser;
let api: FakeConsoleApi;
let ctx: BrowserContext;
let page: Page;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
});

/** A fresh fake and a fresh browser context (no cookie) for each test. */
async function fresh(): Promise<void> {
  await api?.close();
  await ctx?.close();
  api = await startFakeConsoleApi({ accounts: ACCOUNTS, data: fakeData() });
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => api.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) api.problems.push(m.text());
  });
}

async function signIn(name = 'ada', password = ACCOUNTS.ada): Promise<void> {
  await page.goto(`${api.url}/console`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectAxeClean(view: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe violations in the ${view} view`);
}

/** The rows of the onboardings table as "customer | state | region | error". */
async function rows(): Promise<string[]> {
  await page.locator('section[aria-busy="false"]').waitFor();
  return page.locator('tbody tr[data-onboarding]').evaluateAll((trs) =>
    trs.map((tr) => {
      const c = [...tr.querySelectorAll('td')].map((td) => td.querySelector('a')?.textContent?.trim() ?? td.textContent?.trim() ?? '');
      return [c[0], c[1], c[2], c[4]].join(' | ');
    }),
  );
}

/** Each row's cells' text, joined by spaces (runs in the page). */
const cellsOf = (trs: Element[]) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim()).join(' '));

describe('operator console (fake API)', () => {
  after(async () => {
    await ctx?.close();
    await api?.close();
  });

  test('When the password is wrong, then the form says so and stays; with the right one, the header names the operator', async () => {
    await fresh();
    await page.goto(`${api.url}/console`);
    await page.getByRole('heading', { name: 'Sign in to the operator console' }).waitFor();
    await expectAxeClean('sign-in');
    // Hold the answer to see the form while it is being sent.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/console/api/session', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.getByLabel('Name').fill('ada');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Signing in…' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Signing in…' }).isDisabled(), true);
    assert.equal(await page.getByLabel('Password').isDisabled(), true);
    release();
    await page.getByRole('alert').filter({ hasText: 'The name or the password is wrong.' }).waitFor();
    await expectAxeClean('sign-in with an error');
    await page.unroute('**/console/api/session');
    await page.getByLabel('Password').fill(ACCOUNTS.ada);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('banner').getByText('Signed in as ada').waitFor();
    await page.getByRole('heading', { name: 'Onboardings', level: 1 }).waitFor();
    assert.deepEqual(api.problems, []);
  });

  test('When the operator filters by state and searches a reference, then only those onboardings are listed; paging goes both ways', async () => {
    await fresh();
    await signIn();
    assert.equal((await rows()).length, 25, 'the first page holds 25 of 26');
    await expectAxeClean('onboardings');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText('Page 2').waitFor();
    assert.equal((await rows()).length, 1);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Page 1').waitFor();
    assert.equal((await rows()).length, 25);

    await page.getByLabel('State').selectOption('failed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Page 1 (filtered)').waitFor();
    assert.deepEqual(await rows(), ['Acme Bakery | failed | EU | sinch_unavailable', 'Globex Shipping | failed | US | sender_rejected']);
    assert.match(page.url(), /#\/onboardings\?state=failed$/);

    await page.getByLabel('Customer reference or name').fill('GLOBEX');
    await page.getByLabel('Region').selectOption('US');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=GLOBEX/);
    assert.deepEqual(await rows(), ['Globex Shipping | failed | US | sender_rejected']);

    // Clear resets every filter, the selects included.
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.waitForURL(/#\/onboardings$/);
    assert.equal((await rows()).length, 25);
    assert.deepEqual(
      [await page.getByLabel('State').inputValue(), await page.getByLabel('Region').inputValue(), await page.getByLabel('Customer reference or name').inputValue()],
      ['', '', ''],
    );
    await page.getByLabel('Created from').fill('2026-11-29');
    await page.getByLabel('Created to').fill('2026-11-30');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/from=2026-11-29/);
    assert.deepEqual(await rows(), ['Acme Bakery | failed | EU | sinch_unavailable', 'Globex Shipping | failed | US | sender_rejected']);
    await expectAxeClean('onboardings, filtered');
    assert.deepEqual(api.problems, []);
  });

  test('When the operator opens a failed onboarding and retries it, then it asks first, says it started and shows it running', async () => {
    await fresh();
    await signIn();
    await page.getByRole('link', { name: 'Acme Bakery' }).click();
    await page.getByRole('heading', { name: 'Acme Bakery', level: 1 }).waitFor();
    const app = page.locator('tr[data-step="app"]');
    assert.match(await app.innerText(), /failed[\s\S]*4[\s\S]*sinch_unavailable[\s\S]*HTTP 503 UNAVAILABLE: Service unavailable/);
    assert.match(await page.locator('tr[data-phone-number="7002"]').innerText(), /\+49 30 901820[\s\S]*pending[\s\S]*ACTIVE[\s\S]*GREEN/);
    assert.match(await page.locator('.link-lifecycle').innerText(), /active[\s\S]*Opened\s+2026-11-30 09:11:00 UTC[\s\S]*Used\s+—/);
    const cb = page.locator('[data-callback="evt_acme_failed"]');
    assert.match(await cb.innerText(), /onboarding\.failed[\s\S]*502[\s\S]*Bad Gateway[\s\S]*no answer[\s\S]*ECONNREFUSED/);
    assert.equal(await cb.locator('tbody tr').count(), 3, 'every delivery attempt is listed');
    await expectAxeClean('onboarding');

    // Cancelling the confirmation does nothing.
    await page.getByRole('button', { name: 'Retry onboarding' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry this onboarding?' });
    await dialog.waitFor();
    await expectAxeClean('onboarding with the confirmation open');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Escape cancels too, and the focus goes back to the button that asked.
    await page.getByRole('button', { name: 'Retry onboarding' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate('document.activeElement?.textContent?.trim()'), 'Retry onboarding');
    assert.equal(api.actions.length, 0);

    await page.getByRole('button', { name: 'Retry onboarding' }).click();
    await dialog.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'Retry started' }).waitFor();
    await page.locator('dd.state').getByText('running').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Retry onboarding' }).count(), 0, 'a running onboarding offers no retry');
    assert.deepEqual(api.actions, [{ method: 'POST', path: '/onboardings/ses_0001/retry', csrf: true }]);
    assert.deepEqual(api.problems, []);
  });

  test('When a failure cannot be retried, then no retry is offered', async () => {
    await fresh();
    await signIn();
    await page.getByRole('link', { name: 'Globex Shipping' }).click();
    await page.getByRole('heading', { name: 'Globex Shipping', level: 1 }).waitFor();
    assert.match(await page.locator('.error-summary').innerText(), /sender_rejected.*a retry cannot help/);
    assert.equal(await page.getByRole('button', { name: 'Retry onboarding' }).count(), 0);
  });

  test('When the operator adds a number, revokes the link and redelivers a callback, then each is confirmed and its outcome shown', async () => {
    await fresh();
    await signIn();
    await page.goto(`${api.url}/console#/onboardings/ses_0001`);
    await page.getByRole('heading', { name: 'Acme Bakery', level: 1 }).waitFor();
    // Retry first: a running onboarding takes another number.
    await page.getByRole('button', { name: 'Retry onboarding' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'Retry started' }).waitFor();

    await page.getByLabel('Meta phone number id').fill('7003');
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByRole('dialog', { name: 'Add this phone number?' }).getByRole('button', { name: 'Add number' }).click();
    await page.getByRole('status').filter({ hasText: 'Phone number 7003 added' }).waitFor();
    await page.locator('tr[data-phone-number="7003"]').waitFor();

    await page.getByRole('button', { name: 'Revoke link' }).click();
    await page.getByRole('dialog', { name: 'Revoke the signup link?' }).getByRole('button', { name: 'Revoke link' }).click();
    await page.getByRole('status').filter({ hasText: 'The signup link is revoked.' }).waitFor();
    assert.match(await page.locator('.link-lifecycle').innerText(), /revoked[\s\S]*Revoked\s+2026-12-02 09:30:00 UTC/);
    assert.equal(await page.getByRole('button', { name: 'Revoke link' }).count(), 0);

    await page.locator('[data-callback="evt_acme_failed"]').getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('dialog', { name: 'Redeliver this callback?' }).getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('status').filter({ hasText: 'Callback onboarding.failed sent again and delivered.' }).waitFor();
    assert.equal(await page.locator('[data-callback="evt_acme_failed"] tbody tr').count(), 4);
    assert.deepEqual(
      api.actions.map((a) => `${a.method} ${a.path} ${a.csrf}`),
      ['POST /onboardings/ses_0001/retry true', 'POST /onboardings/ses_0001/phone-numbers true', 'POST /signup-links/lnk_acme/revoke true', 'POST /callbacks/evt_acme_failed/redeliver true'],
    );
    await expectAxeClean('onboarding after its actions');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const audit = await page.locator('tr[data-audit]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim()).join(' | ')));
    assert.deepEqual(audit, [
      'ada | redeliver callback | evt_acme_failed',
      'ada | revoke link | lnk_acme',
      'ada | add phone number | ses_0001',
      'ada | retry onboarding | ses_0001',
      'ada | sign in | —',
    ]);
    await expectAxeClean('audit log');
    assert.deepEqual(api.problems, []);
  });

  test('When the funnel is shown, then its chart and table carry the figures of 7 and of 30 days, with the drop-off causes', async () => {
    await fresh();
    await signIn();
    await page.getByRole('link', { name: 'Funnel' }).click();
    await page.locator('table.funnel-stages').waitFor();
    const figures = () =>
      page.locator('table.funnel-stages tbody tr').evaluateAll(cellsOf);
    assert.deepEqual(await figures(), [
      'Created 40 100 %',
      'Element loaded 34 85 %',
      'Dialog opened 25 63 %',
      'Finished 19 48 %',
      'Sender created 18 45 %',
      'Completed 16 40 %',
    ]);
    const chart = page.getByRole('img', { name: /Sessions per stage/ });
    assert.match((await chart.getAttribute('aria-label'))!, /Created 40, Element loaded 34, Dialog opened 25, Finished 19, Sender created 18, Completed 16/);
    assert.equal(await chart.locator('rect.bar').count(), 6);
    const drops = await page.locator('table.funnel-drops tbody tr').evaluateAll(cellsOf);
    assert.deepEqual(drops, ['Expired unused — 6', 'Cancelled WABA_PHONE_PROFILE_PICKER 4', 'Popup blocked — 3', 'Failed sender_rejected 2']);
    await expectAxeClean('funnel');

    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.getByRole('button', { name: 'Last 30 days', pressed: true }).waitFor();
    await page.locator('table.funnel-stages tr[data-stage="created"]').getByText('120').waitFor();
    assert.equal((await figures())[5], 'Completed 58 48 %');
    await expectAxeClean('funnel, 30 days');
  });

  test('When callbacks are failing, then they are listed with their last answer and can be redelivered', async () => {
    await fresh();
    await signIn();
    await page.getByRole('link', { name: 'Failing callbacks' }).click();
    await page.getByRole('heading', { name: 'Failing callbacks', level: 1 }).waitFor();
    const row = page.locator('tr[data-callback="evt_acme_failed"]');
    assert.match(await row.innerText(), /onboarding\.failed[\s\S]*ses_0001[\s\S]*3[\s\S]*HTTP 502[\s\S]*Bad Gateway/);
    assert.equal(await page.locator('tr[data-callback="evt_c5_completed"]').count(), 0, 'a delivered callback is not failing');
    await expectAxeClean('failing callbacks');
    await row.getByRole('button', { name: /Redeliver/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('Every callback was delivered.').waitFor();
    await page.getByRole('status').filter({ hasText: 'sent again' }).waitFor();
    await expectAxeClean('failing callbacks, none left');
  });

  test('When the session expires, then the next call goes back to sign-in with a message; signing out ends it too', async () => {
    await fresh();
    await signIn();
    await page.getByRole('heading', { name: 'Onboardings', level: 1 }).waitFor();
    api.expireSessions();
    await page.getByRole('link', { name: 'Funnel' }).click();
    await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await page.getByRole('heading', { name: 'Sign in to the operator console' }).waitFor();
    await expectAxeClean('sign-in after expiry');
    await page.getByLabel('Name').fill('ada');
    await page.getByLabel('Password').fill(ACCOUNTS.ada);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the operator was going.
    await page.getByRole('heading', { name: 'Signup funnel', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the operator console' }).waitFor();
    assert.deepEqual(api.problems, []);
  });
});
