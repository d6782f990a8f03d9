/**
 * The hosted page in a real Chromium (never skipped: a missing Chromium is installed as root or fails the run
 * saying what to run; a missing widget bundle is built first): the widget bundle loads and
 * upgrades under the page's CSP, and the browser reports no CSP violation. (The FB SDK itself cannot
 * load without network; the widget then shows its "blocked" state, which is what this asserts.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chromiumPath, ensureWidgetBuilt, pageProblems } from './fixtures/browser.js';
import { SecretScan, configSecrets, sandboxSecrets } from './fixtures/secret-scan.js';
import { startServer } from '../src/server.js';

describe('hosted page in Chromium', () => {
  test('When a customer opens a signup link, then the widget runs under the CSP without any violation', async () => {
    const { chromium } = await import('playwright-core');
    const executablePath = chromiumPath();
    ensureWidgetBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'bff-browser-'));
    const scan = new SecretScan();
    const bff = await startServer(
      { SANDBOX: '1', PORT: '0', DATABASE_PATH: join(dir, 'bff.db'), BFF_API_KEYS: 'browser-test-key-1234', LOG_LEVEL: 'debug', META_APP_ID: '1', META_CONFIG_ID: '2' },
      { shutdownGraceMs: 10, logDestination: scan.destination() },
    );
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const link = (await (
        await fetch(`${bff.url}/v1/signup-links`, {
          method: 'POST',
          headers: { authorization: 'Bearer browser-test-key-1234', 'content-type': 'application/json' },
          body: JSON.stringify({ customer: { reference: 'r', displayName: 'Browser Co' } }),
        })
      ).json()) as { url: string };
      const page = await browser.newPage();
      const problems = pageProblems(page, (r) => r.url().startsWith(bff.url));
      // The link URL carries PUBLIC_URL (unset here → the request's origin, i.e. the BFF itself).
      await page.goto(link.url);
      // (strings: this package compiles without DOM types)
      await page.waitForFunction("!!customElements.get('whatsapp-signup')");
      await page.waitForFunction("(document.querySelector('whatsapp-signup')?.shadowRoot?.textContent ?? '').trim().length > 0");
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
