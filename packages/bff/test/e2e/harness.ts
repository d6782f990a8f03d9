/**
 * End-to-end harness: the Sinch + Meta sandbox in this process, the BFF as a child process (so it can be
 * SIGKILLed and restarted on the same port and SQLite file), a tiny "ASP site" on another loopback port that
 * shows <whatsapp-signup>, and the system Chromium driven by playwright-core.
 * `E2E_STORAGE=postgres` runs the BFF on PostgreSQL (test/fixtures/postgres-server.ts) instead of a SQLite file
 * (`npm run test:e2e` runs the signup suite that way too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { SecretScan, sandboxSecrets, staticSecrets } from '../fixtures/secret-scan.js';
import { sandboxEnv } from '../../src/config.js';
import { chromiumPath, ensureWidgetBuilt } from '../fixtures/browser.js';
import { startPostgresServer } from '../fixtures/postgres-server.js';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const ARTIFACTS = join(ROOT, 'packages/bff/test-results/e2e');
export const FACEBOOK = 'https://www.facebook.com';
export const API_KEY = `e2e-${randomBytes(12).toString('hex')}`;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** The BFF as a child process: `node --import tsx packages/bff/src/server.ts` (SIGKILL reaches the server itself). */
export class BffProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  /** Resolves once the child's stdout and stderr are fully read. */
  private drained?: Promise<void>;
  private log: WriteStream;
  /** Everything the child printed (all runs), for the secret scan. */
  readonly output: string[] = [];
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(logFile); // one log per suite run; restarts append to it
  }

  async start(): Promise<void> {
    this.log.write(`--- start ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/bff/src/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    child.stdout!.on('data', (d: Buffer) => this.output.push(d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => this.output.push(d.toString('utf8')));
    this.exited = new Promise((r) => child.once('exit', () => r()));
    this.drained = new Promise((r) => child.once('close', () => r()));
    let exited = false;
    void this.exited.then(() => (exited = true));
    // Hang guard only: wait for the state "healthy", polling.
    for (let i = 0; i < 600; i++) {
      if (exited) throw new Error(`BFF exited during start (exit code ${child.exitCode}); see ${this.log.path}`);
      try {
        if ((await fetch(`${this.url}/readyz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('BFF did not become ready');
  }

  /** SIGKILL: no graceful shutdown, no chance to write anything. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      await this.exited;
    }
    await this.drained;
    this.log.end();
  }
}

export interface AspPageOptions {
  tokens: string[];
  sdkSrc: string;
  pollInterval?: number;
}

/**
 * The ASP's site: `GET /?o=<base64url JSON AspPageOptions>` shows the widget(s); `POST /sinch/webhook` takes
 * Conversation callbacks (the webhook target); every whatsapp-signup-* event is recorded in window.events.
 */
export async function startAspSite(bffUrl: string): Promise<{ url: string; pageUrl(o: AspPageOptions): string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && u.pathname === '/sinch/webhook') return void res.writeHead(200).end();
    if (u.pathname !== '/') return void res.writeHead(404).end();
    const o = JSON.parse(Buffer.from(u.searchParams.get('o') ?? '', 'base64url').toString('utf8')) as AspPageOptions;
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const widgets = o.tokens
      .map(
        (t, i) => `<section><h2>${o.tokens.length > 1 ? `Account ${i + 1}` : 'Connect your WhatsApp number'}</h2>
<whatsapp-signup id="w${i}" endpoint="${attr(bffUrl)}" session="${attr(t)}" sdk-src="${attr(o.sdkSrc)}"${o.pollInterval ? ` poll-interval="${o.pollInterval}"` : ''}></whatsapp-signup></section>`,
      )
      .join('\n');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Messaging — WhatsApp onboarding</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1c1e21}
header{background:#123;color:#fff;padding:14px 24px;font-weight:600}main{padding:20px 24px;max-width:720px}
section{background:#fff;border:1px solid #dde1e6;border-radius:10px;padding:16px 20px;margin-bottom:16px}h2{margin:0 0 10px;font-size:17px}</style>
<script>
window.events = [];
for (const t of ['ready','start','cancel','error','progress','complete']) {
  document.addEventListener('whatsapp-signup-' + t, (e) => window.events.push({type: t, id: e.target.id, detail: e.detail}));
}
</script>
<script type="module" src="${attr(bffUrl)}/widget/whatsapp-signup.js"></script></head>
<body><header>Acme Messaging</header><main>
<p>Connect the WhatsApp number your customers write to. It takes about two minutes.</p>
${widgets}
</main></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: (o) => `${url}/?o=${Buffer.from(JSON.stringify(o)).toString('base64url')}`,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface E2e {
  sandbox: SinchSandbox;
  bff: BffProcess;
  asp: Awaited<ReturnType<typeof startAspSite>>;
  browser: Browser;
  dir: string;
  /** Fake SDK URLs: demo (dialog on the sandbox, SDK re-dispatches) or facebook (dialog routed to https://www.facebook.com). */
  sdk(mode: 'demo' | 'facebook', query?: Record<string, string>): string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** The BFF's log output (debug) and the responses api() read; close() fails if a secret is in them. */
  scan: SecretScan;
  close(): Promise<void>;
}

/** Activation takes this long on the sandbox clock: the tests move the clock past it (no sleeping). */
export const ACTIVATION_DELAY_MS = 60_000;

/**
 * `env`: variables on top of the harness's for the BFF child (given the sandbox, e.g. its Meta tokens);
 * `name`: the BFF log's name in test-results/e2e (`bff-<name>.log`; default `bff.log`).
 */
export async function startE2e(o: { env?: (sandbox: SinchSandbox) => Record<string, string>; name?: string } = {}): Promise<E2e> {
  ensureWidgetBuilt();
  const executablePath = chromiumPath();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'wa-e2e-'));
  const sandbox = await startSinchSandbox({ subprojectReadyDelayMs: 0, senderActivationDelayMs: ACTIVATION_DELAY_MS });
  const port = await freePort();
  const bffUrl = `http://127.0.0.1:${port}`;
  const asp = await startAspSite(bffUrl);
  const postgres = process.env.E2E_STORAGE === 'postgres' ? await startPostgresServer() : undefined;
  const env: Record<string, string> = {
    ...sandboxEnv(sandbox),
    PORT: String(port),
    ...(postgres ? { DATABASE_URL: await postgres.createDatabase() } : { DATABASE_PATH: join(dir, 'bff.db') }),
    BFF_API_KEYS: API_KEY,
    ALLOWED_ORIGINS: asp.url,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    META_APP_ID: '1234567890123456',
    META_CONFIG_ID: '987654321098765',
    WEBHOOK_TARGET: `${asp.url}/sinch/webhook`,
    // debug: the secret scan reads everything the BFF logs (the file stays in test-results/e2e).
    LOG_LEVEL: 'debug',
    ...o.env?.(sandbox),
  };
  const scan = new SecretScan(
    sandboxSecrets(sandbox),
    staticSecrets({ SESSION_SECRET: env.SESSION_SECRET, ENCRYPTION_KEY: env.ENCRYPTION_KEY, 'API key': API_KEY }),
  );
  const bff = new BffProcess(port, env, join(ARTIFACTS, o.name ? `bff-${o.name}.log` : 'bff.log'));
  await bff.start();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    sandbox,
    bff,
    asp,
    browser,
    dir,
    scan,
    sdk(mode, query = {}) {
      const q = new URLSearchParams(query);
      if (mode === 'facebook') q.set('dialog-origin', FACEBOOK);
      const s = q.toString();
      return `${sandbox.url}/meta/sdk.js${s ? `?${s}` : ''}`;
    },
    async api(method, path, body) {
      const res = await fetch(`${bff.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${API_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      scan.add(`response to ${method} ${path.split('?')[0]}`, `${JSON.stringify(Object.fromEntries(res.headers))}\n${text}`);
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await browser.close().catch(() => undefined);
      await bff.stop();
      await postgres?.stop();
      await asp.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      scan.add('BFF log', bff.output.join(''));
      scan.check();
    },
  };
}

/**
 * A browser context where https://www.facebook.com/meta/* is served by the sandbox (the popup's real
 * postMessage then has a genuine facebook.com origin) and Meta's default SDK URL
 * (https://connect.facebook.net/<locale>/sdk.js) is the fake SDK in that mode. Nothing else leaves loopback.
 */
export async function newContext(e: E2e): Promise<BrowserContext> {
  const ctx = await e.browser.newContext({ viewport: { width: 800, height: 600 } });
  await ctx.route(`${FACEBOOK}/**`, async (route) => {
    const u = new URL(route.request().url());
    if (!u.pathname.startsWith('/meta/')) return route.abort();
    const response = await route.fetch({ url: `${e.sandbox.url}${u.pathname}${u.search}` });
    await route.fulfill({ response });
  });
  await ctx.route('https://connect.facebook.net/**', async (route) => {
    const response = await route.fetch({ url: e.sdk('facebook') });
    await route.fulfill({ response });
  });
  return ctx;
}

export const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

