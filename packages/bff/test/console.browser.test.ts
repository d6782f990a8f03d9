/**
 * The operator console's real UI (packages/console/dist/console.js, built first when missing) on the real BFF in
 * Chromium: it loads under the page's nonce CSP without a violation, signs in against OPERATOR_ACCOUNTS (the cookie
 * works on loopback http: no Secure there), lists an onboarding made through the API, opens it, and signs out.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hashPassword } from '../src/console/passwords.js';
import { startServer } from '../src/server.js';
import { chromiumPath, ensureConsoleBuilt, pageProblems } from './fixtures/browser.js';
import { SecretScan, configSecrets, sandboxSecrets, staticSecrets } from './fixtures/secret-scan.js';

const API_KEY = 'console-browser-key-1234';
const PASSWORD = 'correct-horse-battery-staple';

describe('operator console in Chromium on the real BFF', () => {
  test('When an operator signs in, then the console lists the onboardings, opens one, and signs out, all under the CSP', async () => {
    const { chromium } = await import('playwright-core');
    const executablePath = chromiumPath();
    ensureConsoleBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'bff-console-browser-'));
    const scan = new SecretScan(staticSecrets({ 'operator password': PASSWORD }));
    const bff = await startServer(
      {
        SANDBOX: '1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'bff.db'),
        BFF_API_KEYS: API_KEY,
        LOG_LEVEL: 'debug',
        OPERATOR_ACCOUNTS: `ops:${await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 })}`,
      },
      { shutdownGraceMs: 10, logDestination: scan.destination(), sandboxOptions: { subprojectReadyDelayMs: 0, senderActivationDelayMs: 0 } },
    );
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const created = (await (
        await fetch(`${bff.url}/v1/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ customer: { reference: 'browser-ref-1', displayName: 'Browser Bakery' } }),
        })
      ).json()) as { id: string };
      const page = await browser.newPage();
      // Before sign-in the console asks for its session (401): expected; nothing else may fail.
      const problems = pageProblems(page, (r) => !(r.status() === 401 && r.url().endsWith('/console/api/session')));
      await page.goto(`${bff.url}/console`);
      await page.getByLabel('Name').fill('ops');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Browser Bakery' }).click();
      await page.waitForURL(new RegExp(`${created.id}`));
      await page.getByText('browser-ref-1').first().waitFor();
      const cookies = await page.context().cookies();
      const session = cookies.find((c) => c.name === 'console_session');
      assert.ok(session, 'the console cookie is set on loopback http');
      assert.deepEqual([session.httpOnly, session.sameSite, session.path, session.secure], [true, 'Strict', '/console', false]);
      scan.addSecrets(() => [{ kind: 'console session cookie', value: session.value, cookie: true }]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Password').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await bff.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    scan.addSecrets(sandboxSecrets(bff.sandbox!));
    scan.addSecrets(configSecrets(bff.config));
    scan.check();
  });
});
