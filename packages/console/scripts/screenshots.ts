/**
 * `npm run screenshots -w @whatsapp-signup/console`: PNGs of every console view from a seeded run (the real BFF
 * on the sandbox, test/seeded-bff.ts) into docs/screenshots/, for the README.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/browser.js';
import { OPERATOR, startSeededBff } from '../test/seeded-bff.js';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

const bff = await startSeededBff();
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  const shot = async (name: string) => {
    await page.screenshot({ path: `${OUT}console-${name}.png`, fullPage: true });
    console.log(`docs/screenshots/console-${name}.png`);
  };

  await page.goto(`${bff.url}/console`);
  await page.getByLabel('Name').fill(OPERATOR.name);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
  await shot('sign-in');
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('section[aria-busy="false"] tbody tr[data-onboarding]').first().waitFor();
  await shot('onboardings');

  await page.getByLabel('State').selectOption('failed');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/state=failed/);
  await page.locator('section[aria-busy="false"]').waitFor();
  await page.getByRole('link', { name: 'Globex Shipping' }).click();
  await page.getByRole('heading', { name: 'Globex Shipping', level: 1 }).waitFor();
  await shot('onboarding-failed');
  await page.getByRole('button', { name: 'Retry onboarding' }).click();
  await page.getByRole('dialog', { name: 'Retry this onboarding?' }).waitFor();
  await page.screenshot({ path: `${OUT}console-confirm-retry.png` }); // the viewport: the dialog and its backdrop
  console.log('docs/screenshots/console-confirm-retry.png');
  await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
  await page.locator('dd.state').getByText('completed').waitFor({ timeout: 60_000 });
  await shot('onboarding-retried');

  await page.getByRole('link', { name: 'Funnel' }).click();
  await page.locator('table.funnel-stages').waitFor();
  await shot('funnel');
  await page.getByRole('link', { name: 'Failing callbacks' }).click();
  await page.locator('tr[data-callback]').first().waitFor();
  await shot('callbacks');
  // Two more actions for the audit log: the ASP's server is back, one callback is redelivered; a link is revoked.
  bff.callbacksAnswer(200);
  await page.locator('tr[data-callback]').first().getByRole('button', { name: /Redeliver/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Redeliver' }).click();
  await page.getByRole('status').filter({ hasText: 'sent again' }).waitFor();
  await page.goto(`${bff.url}/console#/onboardings?q=stark`);
  await page.getByRole('link', { name: 'Stark Florist' }).click();
  await page.getByRole('button', { name: 'Revoke link' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke link' }).click();
  await page.getByRole('status').filter({ hasText: 'revoked' }).waitFor();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.locator('tr[data-audit]').first().waitFor();
  await shot('audit');
} finally {
  await browser.close();
  await bff.close();
}
