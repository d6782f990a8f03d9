/**
 * The operator console in Chromium against the real BFF (test/seeded-bff.ts: startServer on the sandbox, seeded
 * through the public API): sign in, filter, open an onboarding, retry the one a Sinch fault failed until it
 * completes, add a number, revoke a link, redeliver a failing callback, the funnel's figures from the seeded
 * run, the audit log of it all, and a lost session back to sign-in; axe finds nothing on any view, and the
 * browser reports no CSP violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './browser.js';
import { OPERATOR, startSeededBff, type SeededBff } from './seeded-bff.js';

let browser: Browser;
let bff: SeededBff;
let ctx: BrowserContext;
let page: Page;
const problems: string[] = [];

before(async () => {
  [browser, bff] = await Promise.all([launchChromium(), startSeededBff()]);
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
});
after(async () => {
  await browser?.close();
  await bff?.close();
});

async function expectAxeClean(view: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe violations in the ${view} view`);
}

/** Each row's cells' text, joined by spaces (runs in the page). */
const cellsOf = (trs: Element[]) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim().replace(/\s+/g, ' ')).join(' '));

async function listed(): Promise<string[]> {
  await page.locator('section[aria-busy="false"]').waitFor();
  return page.locator('tbody tr[data-onboarding] td:first-child a').allInnerTexts();
}

async function open(name: string): Promise<void> {
  await page.goto(`${bff.url}/console#/onboardings`);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

async function confirm(button: string, dialogTitle: string, action: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('dialog', { name: dialogTitle }).getByRole('button', { name: action }).click();
}

describe('operator console on the real BFF (seeded run)', () => {
  test('When the operator signs in with a wrong password, then it is refused; the right one opens the onboardings', async () => {
    await page.goto(`${bff.url}/console`);
    await page.getByLabel('Name').fill(OPERATOR.name);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The name or the password is wrong.' }).waitFor();
    await expectAxeClean('sign-in with an error');
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('banner').getByText(`Signed in as ${OPERATOR.name}`).waitFor();
    assert.equal((await listed()).length, bff.seeded.created);
    await expectAxeClean('onboardings');
  });

  test('When the operator filters by state, region and reference, then only the matching onboardings are listed', async () => {
    await page.getByLabel('State').selectOption('failed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/state=failed/);
    assert.deepEqual((await listed()).sort(), ['Globex Shipping', 'Umbrella Pharmacy']);
    await page.getByLabel('Region').selectOption('US');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/region=US/);
    assert.deepEqual(await listed(), ['Umbrella Pharmacy']);
    await page.getByRole('link', { name: 'Clear' }).click();
    await page.getByLabel('Customer reference or name').fill('TROPICAL-BR');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=TROPICAL-BR/);
    assert.deepEqual(await listed(), ['Tropical Frutas']);
    await expectAxeClean('onboardings, filtered');
  });

  test('When a rejected sender failed the onboarding, then its step shows Sinch’s answer and no retry is offered', async () => {
    await open('Umbrella Pharmacy');
    assert.match(await page.locator('.error-summary').innerText(), /sender_rejected at activation.*Display name not approved.*a retry cannot help/);
    assert.match(await page.locator('tr[data-step="activation"]').innerText(), /failed[\s\S]*sender_rejected/);
    assert.equal(await page.getByRole('button', { name: 'Retry onboarding' }).count(), 0);
  });

  test('When the operator retries the onboarding a Sinch fault failed, then it runs again and completes', async () => {
    await open('Globex Shipping');
    const app = page.locator('tr[data-step="app"]');
    assert.match(await app.innerText(), /failed[\s\S]*sinch_unavailable[\s\S]*HTTP 5\d\d/);
    assert.match(await page.locator('tr[data-step="sender"]').innerText(), /done/);
    await expectAxeClean('onboarding (failed)');
    await confirm('Retry onboarding', 'Retry this onboarding?', 'Retry');
    await page.getByRole('status').filter({ hasText: 'Retry started' }).waitFor();
    // The view follows the engine until the onboarding is done.
    await page.locator('dd.state').getByText('completed').waitFor({ timeout: 60_000 });
    assert.match(await app.innerText(), /done/);
    assert.match(await page.locator('tr[data-phone-number]').first().innerText(), /active[\s\S]*ACTIVE/);
    assert.equal((await bff.api<{ onboarding: { state: string } }>('GET', `/v1/onboardings/${bff.seeded.retryable}`)).body.onboarding.state, 'completed');
  });

  test('When the operator adds a phone number to a completed onboarding, then it is listed and set up', async () => {
    await open('Initech Support');
    await page.getByLabel('Meta phone number id').fill('7300001');
    await confirm('Add number', 'Add this phone number?', 'Add number');
    await page.getByRole('status').filter({ hasText: 'Phone number 7300001 added' }).waitFor();
    await page.locator('tr[data-phone-number="7300001"] .badge').getByText('active').waitFor({ timeout: 60_000 });
    await expectAxeClean('onboarding (completed, two numbers)');
  });

  test('When the operator revokes an unused signup link, then its lifecycle shows it revoked', async () => {
    await open('Stark Florist');
    assert.match(await page.locator('.link-lifecycle').innerText(), /active[\s\S]*Opened\s+—[\s\S]*Used\s+—[\s\S]*Revoked\s+—/);
    await confirm('Revoke link', 'Revoke the signup link?', 'Revoke link');
    await page.getByRole('status').filter({ hasText: 'The signup link is revoked.' }).waitFor();
    assert.match(await page.locator('.link-lifecycle').innerText(), /revoked[\s\S]*Revoked\s+\d{4}-\d{2}-\d{2} /);
    assert.equal(await page.getByRole('button', { name: 'Revoke link' }).count(), 0);
  });

  test('When callbacks to the ASP fail, then they are listed with the answer; once the ASP is back, a redelivery clears one', async () => {
    await page.getByRole('link', { name: 'Failing callbacks' }).click();
    await page.getByRole('heading', { name: 'Failing callbacks', level: 1 }).waitFor();
    const rows = page.locator('tr[data-callback]');
    await rows.first().waitFor();
    const before = await rows.count();
    assert.ok(before >= 3, `the seeded terminal onboardings' callbacks fail (${before})`);
    assert.match(await rows.first().innerText(), /onboarding\.\w+[\s\S]*HTTP 503/);
    await expectAxeClean('failing callbacks');
    bff.callbacksAnswer(200);
    const first = rows.first();
    const id = (await first.getAttribute('data-callback'))!;
    await first.getByRole('button', { name: /Redeliver/ }).click();
    await page.getByRole('dialog', { name: 'Redeliver this callback?' }).getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('status').filter({ hasText: 'sent again and delivered' }).waitFor();
    await page.locator(`tr[data-callback="${id}"]`).waitFor({ state: 'detached' });
  });

  test('When the funnel is shown, then it carries the seeded run’s figures, in the chart and its table, with the drop-off causes', async () => {
    await page.getByRole('link', { name: 'Funnel' }).click();
    await page.locator('table.funnel-stages').waitFor();
    const stages = await page.locator('table.funnel-stages tbody tr').evaluateAll(cellsOf);
    const count = (stage: string) => Number(stages.find((r) => r.startsWith(stage))?.split(' ').at(-3));
    assert.equal(count('Created'), bff.seeded.created, stages.join('\n'));
    assert.equal(count('Element loaded'), 7, stages.join('\n'));
    // A blocked popup never opened Meta's dialog (domain/funnel.ts).
    assert.equal(count('Dialog opened'), 6, stages.join('\n'));
    assert.equal(count('Finished'), 5, stages.join('\n'));
    assert.equal(count('Completed'), 4, stages.join('\n'));
    const label = (await page.getByRole('img', { name: /Sessions per stage/ }).getAttribute('aria-label'))!;
    assert.match(label, new RegExp(`Created ${bff.seeded.created}, Element loaded 7, Dialog opened 6, Finished 5`));
    const drops = await page.locator('table.funnel-drops tbody tr').evaluateAll(cellsOf);
    assert.ok(drops.includes('Cancelled WABA_PHONE_PROFILE_PICKER 1'), drops.join('\n'));
    assert.ok(drops.includes('Popup blocked — 1'), drops.join('\n'));
    assert.ok(drops.includes('Failed sender_rejected 1'), drops.join('\n'));
    await expectAxeClean('funnel');
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await page.getByRole('button', { name: 'Last 30 days', pressed: true }).waitFor();
    await page.locator('table.funnel-stages').waitFor();
    assert.equal(Number((await page.locator('tr[data-stage="created"] td').first().innerText())), bff.seeded.created);
    await expectAxeClean('funnel, 30 days');
  });

  test('When the operator opens the audit log, then every action of this run is there with its outcome', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const rows = await page.locator('tr[data-audit]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent?.trim().replace(/\s+/g, ' ')).join(' | ')));
    const actions = rows.map((r) => r.split(' | ').slice(0, 2).join(' | ') + ' | ' + r.split(' | ')[3]);
    assert.deepEqual(actions.reverse(), [
      'ada | sign in failed | error sign_in_failed',
      'ada | sign in | ok',
      'ada | retry onboarding | ok',
      'ada | add phone number | ok',
      'ada | revoke link | ok',
      'ada | redeliver callback | ok',
    ]);
    assert.ok(rows.some((r) => r.includes(bff.seeded.retryable)), 'the retry names its onboarding');
    await expectAxeClean('audit log');
  });

  test('When the session is gone, then the next view goes back to sign-in with a message', async () => {
    await ctx.clearCookies();
    await page.getByRole('link', { name: 'Onboardings' }).click();
    await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await expectAxeClean('sign-in after the session ended');
    assert.deepEqual(problems, []);
  });
});
