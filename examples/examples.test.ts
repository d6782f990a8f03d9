/**
 * Each example against a BFF in sandbox mode (Sinch + Meta sandbox in-process):
 * - plain-html: the page, filled in with a session, loads the element in Chromium and shows the button;
 * - react, vue: typecheck, build with Vite, render the element and report `whatsapp-signup-ready` through typed
 *   event handlers (React: the package's `whatsapp-signup/react` wrapper; Vue: `isCustomElement` + `@whatsapp-signup-ready`);
 * - mint-link: the script prints a URL that GET /signup/:token answers 200.
 * One Chromium for the browser tests (2 cores shared).
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../packages/bff/src/server.js';
import { ensureWidgetBuilt } from '../scripts/demo-site/widget-build.js';
import { ensureChromium } from '../packages/widget/scripts/ensure-chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const API_KEY = 'examples-test-api-key-0123456789';
/** A hang guard, not a speed limit: only a child that is stuck for good gets this far. */
const HANG_GUARD_MS = 300_000;
/**
 * Like spawnSync, but keeps this process's event loop (and the in-process BFF) running: a blocked loop let the
 * BFF and the fetch pool time out the same idle keep-alive socket at once, and the next fetch got ECONNRESET.
 */
function run(args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, cwd, encoding: 'utf8', timeout: HANG_GUARD_MS }, (err, stdout, stderr) =>
      resolve({
        status: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
        stdout,
        stderr: err?.killed ? `${stderr}\nkilled: still running after ${HANG_GUARD_MS / 1000} s` : stderr,
      }),
    );
  });
}
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** The ASP's web server of these tests: routes set per test. */
let routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
const asp = createServer((req, res) => {
  const handler = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`];
  if (handler) handler(req, res);
  else res.writeHead(404).end();
});
let aspOrigin: string;
let bff: RunningServer;
let browser: Browser;
let dir: string;

async function mintSession(): Promise<{ id: string; token: string }> {
  const res = await fetch(`${bff.url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customer: { reference: 'examples', displayName: 'Examples Test' } }),
  });
  assert.equal(res.status, 201);
  return (await res.json()) as { id: string; token: string };
}
const sdkSrc = () => `${bff.sandbox!.url}/meta/sdk.js`;

describe('examples', () => {
  before(async () => {
    ensureWidgetBuilt({ onlyIfMissing: true });
    await new Promise<void>((r) => asp.listen(0, '127.0.0.1', r));
    aspOrigin = `http://127.0.0.1:${(asp.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'examples-test-'));
    bff = await startServer(
      {
        SANDBOX: '1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'bff.db'),
        BFF_API_KEYS: API_KEY,
        ALLOWED_ORIGINS: aspOrigin,
        META_APP_ID: '100000000000001',
        META_CONFIG_ID: '200000000000002',
        LOG_LEVEL: 'silent',
      },
      { shutdownGraceMs: 50 },
    );
    browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  after(async () => {
    await browser?.close();
    await bff?.stop();
    await new Promise((r) => asp.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('When plain-html/index.html is filled in with a session, then the element loads in Chromium and shows its button', async () => {
    const { token } = await mintSession();
    const html = readFileSync(join(EXAMPLES, 'plain-html/index.html'), 'utf8')
      .replaceAll('{{BFF_URL}}', bff.url)
      .replaceAll('{{SESSION_TOKEN}}', token)
      // Sandbox only: the fake FB SDK instead of connect.facebook.net.
      .replace('<whatsapp-signup ', `<whatsapp-signup sdk-src="${sdkSrc()}" `);
    assert.doesNotMatch(html, /\{\{/);
    routes = { 'GET /': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html) };
    const page = await browser.newPage();
    try {
      await page.goto(`${aspOrigin}/`);
      const button = page.locator('whatsapp-signup').getByRole('button');
      await button.waitFor({ state: 'visible', timeout: 20_000 });
      await page.waitForFunction('document.querySelector("whatsapp-signup")?.view === "ready"', null, { timeout: 20_000 });
      assert.match(await button.innerText(), /WhatsApp/i);
    } finally {
      await page.close();
    }
  });

  /** One sample per event the element fires (its manifest), in an order where each changes the status. */
  const EVENT_SAMPLES: [type: string, detail: object, shown: string][] = [
    ['whatsapp-signup-before-start', {}, 'Opening Embedded Signup'],
    ['whatsapp-signup-start', {}, 'Embedded Signup is open'],
    ['whatsapp-signup-progress', { step: 'sender', status: 'running' }, 'sender: running'],
    ['whatsapp-signup-cancel', { currentStep: 'WABA' }, 'Cancelled at WABA'],
    ['whatsapp-signup-error', { code: 'network_error', message: 'Offline', retryable: true }, 'network_error: Offline (you can retry)'],
    ['whatsapp-signup-complete', { onboardingId: 'o-1', subprojectId: 'sub-1', senderId: 'sender-1', appId: 'app-1', wabaId: 'w-1', phoneNumberId: 'p-1' }, 'Connected'],
    ['whatsapp-signup-ready', {}, 'Ready'],
  ];

  test('The event samples of the framework examples cover every event of the custom-elements manifest', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/widget/dist/custom-elements.json'), 'utf8')) as {
      modules: { declarations?: { customElement?: boolean; events?: { name: string }[] }[] }[];
    };
    const fired = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement).flatMap((d) => d.events ?? []).map((e) => e.name);
    assert.deepEqual(EVENT_SAMPLES.map(([type]) => type).sort(), [...new Set(fired)].sort());
  });

  /** Typechecks and builds examples/<name> with Vite, serves it with a stub session route, and waits for "Ready". */
  async function buildServeAndWaitReady(name: 'react' | 'vue'): Promise<void> {
    const tsc = await run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(EXAMPLES, name)]);
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    const out = join(dir, `${name}-dist`);
    const build = await run([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', join(EXAMPLES, name), '--outDir', out, '--emptyOutDir', '--logLevel', 'warn']);
    assert.equal(build.status, 0, build.stdout + build.stderr);

    const { token } = await mintSession();
    const file = (path: string) => (_q: IncomingMessage, res: ServerResponse) =>
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(join(out, path)));
    const assets = spawnSync('find', [join(out, 'assets'), '-type', 'f'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    routes = {
      'GET /': file('index.html'),
      ...Object.fromEntries(assets.map((a) => [`GET /assets/${a.slice(join(out, 'assets').length + 1)}`, file(a.slice(out.length + 1))])),
      // The ASP backend's session route (here a stub that hands out the session minted above).
      'POST /api/whatsapp-signup/session': (_q, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ endpoint: bff.url, token, sdkSrc: sdkSrc() })),
    };
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await page.goto(`${aspOrigin}/`);
      // "Ready" is written only by the app's handler of whatsapp-signup-ready (React: the wrapper's
      // onWhatsappSignupReady prop; Vue: @whatsapp-signup-ready), and the element gets there only with the
      // endpoint, session and sdkSrc the app passed in.
      await page.getByTestId('status').filter({ hasText: 'Ready' }).waitFor({ timeout: 20_000 });
      await page.locator('whatsapp-signup').getByRole('button').waitFor({ state: 'visible' });
      assert.equal(await page.evaluate('document.querySelector("whatsapp-signup")?.view'), 'ready');
      // Every event of the manifest reaches the app's handler for it, with its detail.
      for (const [type, detail, shown] of EVENT_SAMPLES) {
        await page
          .locator('whatsapp-signup')
          .evaluate((el, [t, d]) => el.dispatchEvent(new CustomEvent(t, { detail: d, bubbles: true, composed: true })), [type, detail] as const);
        await page.getByTestId('status').filter({ hasText: shown }).waitFor({ timeout: 5_000 }).catch(() => {
          throw new Error(`${name}: after ${type}, the status does not show "${shown}"`);
        });
      }
      assert.match(await page.getByTestId('done').innerText(), /Sender sender-1 in subproject sub-1, app app-1/);
      assert.deepEqual(pageErrors, []);
    } finally {
      await page.close();
    }
  }

  test('When the React example (the package\'s @lit/react wrapper) is typechecked and built with Vite, then it renders the element and each onWhatsappSignup… prop gets its event', async () => {
    await buildServeAndWaitReady('react');
  });

  test('When the Vue 3 example (isCustomElement, typed handlers) is typechecked and built with Vite, then it renders the element and each @whatsapp-signup-… handler gets its event', async () => {
    await buildServeAndWaitReady('vue');
  });

  test('When mint-link.mjs runs with the API key, then it prints a URL whose signup page answers 200', async () => {
    const minted = await run([join(EXAMPLES, 'mint-link/mint-link.mjs'), '--reference', 'cust-42', '--name', 'Acme Bakery', '--ttl', '3600'], {
      ...process.env,
      BFF_URL: bff.url,
      BFF_API_KEY: API_KEY,
    });
    assert.equal(minted.status, 0, minted.stderr);
    const url = minted.stdout.trim();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/signup\/[\w.-]+$/);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<whatsapp-signup /);
    // Without the key: a clear error, no URL.
    const denied = await run([join(EXAMPLES, 'mint-link/mint-link.mjs'), '--reference', 'x', '--name', 'x'], { ...process.env, BFF_URL: bff.url, BFF_API_KEY: 'wrong-key' });
    assert.equal(denied.status, 1);
    assert.equal(denied.stdout, '');
    assert.match(denied.stderr, /401 unauthorized/);
  });
});
