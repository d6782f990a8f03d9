/**
 * The branded hosted page in a real Chromium, through a whole onboarding on the sandbox (its fake FB SDK and
 * dialog): the logo loads under the page's CSP, the page and the element speak the link's language, the element's
 * button is in the brand colour with readable text (axe clean before and after), and once the onboarding completes
 * "Back to <brand>" leads to the link's returnUrl with a signature the README's snippet accepts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, ensureWidgetBuilt, pageProblems } from './fixtures/browser.js';
import { readmeVerifyReturn } from './fixtures/readme-return-check.js';
import { SecretScan, configSecrets, sandboxSecrets } from './fixtures/secret-scan.js';
import { startServer, type RunningServer } from '../src/server.js';

const KEY = 'browser-test-key-brand-1234';
const RETURN_SECRET = 'whsec_browser_return_0123456789abcdef';
const LOGO = 'https://cdn.acme.example/logo.svg';
const RETURN_URL = 'https://app.acme.example/whatsapp/return?customer=browser';
const GUARD = { timeout: 60_000 };
// axe-core is the widget's test dependency (its element tests run it too).
const AXE = readFileSync(createRequire(new URL('../../widget/package.json', import.meta.url)).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's WCAG A/AA rules over the whole page (the element's shadow DOM included); the violations, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's CSP, so axe needs no script-src of its own.
  await page.evaluate(AXE);
  return page.evaluate(
    `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
       .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.html).join(' | ')))`,
  ) as Promise<string[]>;
}

describe('branded hosted page in Chromium', () => {
  let bff: RunningServer;
  let browser: Browser;
  let dir: string;
  const scan = new SecretScan();
  const verifyReturn = readmeVerifyReturn();

  before(async () => {
    const { chromium } = await import('playwright-core');
    const executablePath = chromiumPath();
    ensureWidgetBuilt();
    dir = mkdtempSync(join(tmpdir(), 'bff-brand-'));
    bff = await startServer(
      {
        SANDBOX: '1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'bff.db'),
        BFF_API_KEYS: KEY,
        LOG_LEVEL: 'debug',
        META_APP_ID: '1',
        META_CONFIG_ID: '2',
        BRAND_NAME: 'Acme Messaging',
        BRAND_LOGO_URL: LOGO,
        // A light colour: white text on it would fail axe's contrast rule, so the button's text must turn black.
        BRAND_COLOR: '#ffc83d',
        BRAND_SUPPORT_EMAIL: 'help@acme.example',
        BRAND_PRIVACY_URL: 'https://acme.example/privacy',
        RETURN_URL_ORIGINS: 'https://app.acme.example',
        NOTIFY_SECRET: RETURN_SECRET,
      },
      { shutdownGraceMs: 10, logDestination: scan.destination(), sandboxOptions: { subprojectReadyDelayMs: 0, senderActivationDelayMs: 0 } },
    );
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await bff?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    scan.addSecrets(sandboxSecrets(bff.sandbox!));
    scan.addSecrets(configSecrets(bff.config));
    scan.check();
  });

  /** A signup link with a returnUrl (and `extra`), opened in a new context where the logo and the ASP's site are served here. */
  async function openLink(extra: Record<string, unknown> = {}) {
    const res = await fetch(`${bff.url}/v1/signup-links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: { reference: 'r', displayName: 'Browser Co' }, regions: { allowed: ['EU'] }, returnUrl: RETURN_URL, ...extra }),
    });
    assert.equal(res.status, 201);
    const link = (await res.json()) as { url: string; sessionId: string };
    const ctx = await browser.newContext();
    // No network: what the browser may load is the CSP's call, the bytes come from here.
    await ctx.route(LOGO, (r) =>
      r.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48"><rect width="160" height="48" fill="#ffc83d"/></svg>' }),
    );
    await ctx.route('https://app.acme.example/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Acme</title><p>Welcome back</p>' }));
    const page = await ctx.newPage();
    const problems = pageProblems(page, (r) => r.url().startsWith(bff.url));
    await page.goto(link.url);
    // (functions, not strings: waitForFunction would eval a string, which the page's CSP refuses; `any`: this
    // package compiles without DOM types)
    await page.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'ready', undefined, GUARD);
    return { link, ctx, page, problems };
  }

  /** Clicks the element's button (a real click opens the dialog) and returns the dialog. */
  async function openDialog(ctx: BrowserContext, page: Page): Promise<Page> {
    const [popup] = await Promise.all([ctx.waitForEvent('page', GUARD), page.click('whatsapp-signup [part~="button"]')]);
    await popup.waitForSelector('body[data-ready]', GUARD);
    // A real popup takes the focus from the page; Playwright's headless focus emulation does not (see the e2e).
    await page.evaluate("dispatchEvent(new FocusEvent('blur'))");
    return popup;
  }
  const act = (popup: Page, action: string) => popup.click(`section:not([hidden]) [data-action="${action}"]`);

  test('When a customer completes the signup on a branded link, then the page is in the brand and "Back to Acme Messaging" returns with a verifiable signature', async () => {
    const { link, ctx, page, problems } = await openLink({ locale: 'de' });
    try {
      const button = "document.querySelector('whatsapp-signup').shadowRoot.querySelector('[part~=\"button\"]')";
      await page.waitForFunction(
        () => String((globalThis as any).document.querySelector('whatsapp-signup').shadowRoot.querySelector('[part~="button"]')?.textContent).includes('WhatsApp verbinden'),
        undefined,
        GUARD,
      );
      // The page reported the funnel's "link opened" (fire and forget: read back until it is there, bounded).
      let milestones: string[] = [];
      for (let i = 0; i < 200 && !milestones.includes('link_opened'); i++) {
        milestones = (await bff.bff.storage.sessionEvents.listOfSession(link.sessionId)).map((e) => e.milestone);
        if (!milestones.includes('link_opened')) await new Promise((r) => setTimeout(r, 25)); // polling interval
      }
      assert.ok(milestones.includes('link_opened'), `link_opened recorded; got ${JSON.stringify(milestones)}`);
      assert.equal(await page.evaluate('document.documentElement.lang'), 'de');
      assert.match(String(await page.textContent('h1')), /^Acme Messaging bittet Sie, Ihr WhatsApp-Business-Konto zu verbinden$/);
      assert.equal(await page.evaluate("document.querySelector('img.logo').complete && document.querySelector('img.logo').naturalWidth"), 160, 'the logo loaded under the CSP');
      assert.deepEqual(await page.evaluate(`[getComputedStyle(${button}).backgroundColor, getComputedStyle(${button}).color]`), ['rgb(255, 200, 61)', 'rgb(0, 0, 0)']);
      assert.equal(await page.isVisible('#back'), false, 'no way back before an outcome');
      assert.deepEqual(await axeViolations(page), [], 'axe, ready');

      const popup = await openDialog(ctx, page);
      for (const action of ['next', 'next', 'finish']) await act(popup, action);
      await page.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'complete', undefined, GUARD);
      await page.waitForSelector('#back:not([hidden]) a[href]', GUARD);
      assert.equal(await page.textContent('#back a'), 'Zurück zu Acme Messaging');
      const href = String(await page.getAttribute('#back a', 'href'));
      assert.ok(href.startsWith('https://app.acme.example/whatsapp/return?customer=browser&'), href);
      assert.deepEqual(verifyReturn(href, RETURN_SECRET), { onboardingId: link.sessionId, state: 'completed' });
      assert.deepEqual(await axeViolations(page), [], 'axe, complete with the way back');

      await Promise.all([page.waitForURL('https://app.acme.example/**', GUARD), page.click('#back a')]);
      assert.deepEqual(verifyReturn(page.url(), RETURN_SECRET), { onboardingId: link.sessionId, state: 'completed' }, 'the click leads back, freshly signed');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('When the customer cancels in the dialog, then the way back says abandoned; back later it is there at once, and trying again hides it until the new outcome', async () => {
    const { link, ctx, page, problems } = await openLink();
    try {
      assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
      let popup = await openDialog(ctx, page);
      await act(popup, 'next');
      await act(popup, 'cancel');
      // The element's abandon report reaches the BFF just after its cancel event: the page asks until it is stored.
      await page.waitForSelector('#back:not([hidden]) a[href]', GUARD);
      assert.equal(await page.textContent('#back a'), 'Back to Acme Messaging');
      assert.deepEqual(verifyReturn(String(await page.getAttribute('#back a', 'href')), RETURN_SECRET), { onboardingId: link.sessionId, state: 'abandoned' });
      assert.deepEqual(await axeViolations(page), [], 'axe, cancelled with the way back');

      // Back later (a new load: in the same page a second FB.login would also end the cancelled one's login without an
      // answer, which the element would take for this attempt's), the way back is there at once, until the customer tries again.
      await page.reload();
      await page.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'ready', undefined, GUARD);
      assert.deepEqual(verifyReturn(String(await page.getAttribute('#back:not([hidden]) a', 'href')), RETURN_SECRET), { onboardingId: link.sessionId, state: 'abandoned' });
      popup = await openDialog(ctx, page);
      assert.equal(await page.isVisible('#back'), false, 'no way back while the customer tries again');
      for (const action of ['next', 'next', 'finish']) await act(popup, action);
      await page.waitForFunction(() => (globalThis as any).document.querySelector('whatsapp-signup')?.view === 'complete', undefined, GUARD);
      await page.waitForSelector('#back:not([hidden]) a[href]', GUARD);
      await page.waitForFunction(() => String((globalThis as any).document.querySelector('#back a')?.href).includes('state=completed'), undefined, GUARD);
      assert.deepEqual(verifyReturn(String(await page.getAttribute('#back a', 'href')), RETURN_SECRET), { onboardingId: link.sessionId, state: 'completed' });
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
