/**
 * `npm start` / `npm run demo`: the whole product on one machine, no network, no accounts.
 *
 * Builds the widget if needed, starts the Sinch + Meta sandbox (one loopback server), the BFF in sandbox
 * mode (in-process, SQLite file under .data/) and a demo "ASP site", prints the URLs and runs until Ctrl-C.
 * `--smoke` (or DEMO_SMOKE=1) starts the same, runs one onboarding per region through the HTTP API with
 * sandbox codes (no browser), checks a hosted link and the site's pages, prints the result and exits.
 *
 * Environment: DEMO_PORT (3000), DEMO_BFF_PORT (8080), DEMO_SANDBOX_PORT (4010), DEMO_HOST (127.0.0.1),
 * DEMO_DATABASE_PATH (.data/demo.db, emptied at start unless DEMO_KEEP_DATA=1), DEMO_SMOKE, LOG_LEVEL (warn).
 * Smoke mode uses free ports and a temporary database.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { sandboxEnv } from '../../packages/bff/src/config.js';
import { hashPassword } from '../../packages/bff/src/console/passwords.js';
import { startServer, type RunningServer } from '../../packages/bff/src/server.js';
import { createSite, type Site } from './site.js';
import { ensureConsoleBuilt, ensureWidgetBuilt, REPO_ROOT } from './widget-build.js';

/** Visible but short Sinch delays: a new subproject is usable after 1.5 s, a sender turns ACTIVE after 3 s. */
export const DEMO_DELAYS = { subprojectReadyDelayMs: 1500, senderActivationDelayMs: 3000 };
/** The Meta sandbox's fake FB SDK, served by the sandbox server. */
export const META_SDK_PATH = '/meta/sdk.js';

export interface Demo {
  siteUrl: string;
  bffUrl: string;
  sandboxUrl: string;
  sandbox: SinchSandbox;
  bff: RunningServer;
  site: Site;
  apiKey: string;
  /** The operator console (`/console` on the BFF) and its demo login: a random password per run, hashed at start. */
  consoleUrl: string;
  operator: { name: string; password: string };
  stop(): Promise<void>;
}

/** The demo's operator account name (its password is new on every run). */
export const DEMO_OPERATOR = 'demo';

function port(name: string, def: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  const n = raw === undefined || raw === '' ? def : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (0..65535) but received ${JSON.stringify(raw)}`);
  return n;
}

function listen(server: Server, p: number, host: string, name: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(e.code === 'EADDRINUSE' ? new Error(`port ${p} is in use: set ${name} to another port (0 picks a free one)`) : e),
    );
    server.listen(p, host, () => ok((server.address() as AddressInfo).port));
  });
}

export async function startDemo(env: NodeJS.ProcessEnv = process.env, opts: { smoke?: boolean } = {}): Promise<Demo> {
  const smoke = opts.smoke ?? false;
  const host = env.DEMO_HOST || '127.0.0.1';
  const sitePort = smoke ? 0 : port('DEMO_PORT', 3000, env);
  const bffPort = smoke ? 0 : port('DEMO_BFF_PORT', 8080, env);
  const sandboxPort = smoke ? 0 : port('DEMO_SANDBOX_PORT', 4010, env);
  let dbPath: string;
  let tmpDir: string | undefined;
  if (smoke) {
    tmpDir = mkdtempSync(join(tmpdir(), 'demo-smoke-'));
    dbPath = join(tmpDir, 'demo.db');
  } else {
    dbPath = resolve(REPO_ROOT, env.DEMO_DATABASE_PATH || '.data/demo.db');
    mkdirSync(dirname(dbPath), { recursive: true });
    // The sandboxes keep their state in memory: onboardings of an earlier run would point at resources
    // that no longer exist, so the demo starts from an empty database unless asked not to.
    if (env.DEMO_KEEP_DATA !== '1') for (const s of ['', '-wal', '-shm']) rmSync(dbPath + s, { force: true });
  }

  ensureWidgetBuilt({ onlyIfMissing: smoke });
  ensureConsoleBuilt({ onlyIfMissing: smoke });

  const sandbox = await startSinchSandbox({ port: sandboxPort, host, ...DEMO_DELAYS });
  const apiKey = `demo_${randomBytes(18).toString('base64url')}`;
  const notifySecret = randomBytes(24).toString('base64url');
  const operator = { name: DEMO_OPERATOR, password: randomBytes(12).toString('base64url') };
  const operatorAccounts = `${operator.name}:${await hashPassword(operator.password)}`;
  let bff: RunningServer | undefined;
  const site = createSite({
    apiKey,
    notifySecret,
    bffInternalUrl: () => bff!.url,
    bffPort: () => (bff!.server.address() as AddressInfo).port,
    sandboxPort: () => Number(new URL(sandbox.url).port),
  });
  const httpServer = createServer(site.app);
  let actualSitePort: number;
  try {
    actualSitePort = await listen(httpServer, sitePort, host, 'DEMO_PORT');
  } catch (e) {
    await sandbox.close();
    throw e;
  }
  const siteOrigins = [`http://localhost:${actualSitePort}`, `http://127.0.0.1:${actualSitePort}`];
  const sbPort = new URL(sandbox.url).port;
  const sandboxOrigins = [`http://127.0.0.1:${sbPort}`, `http://localhost:${sbPort}`];

  try {
    bff = await startServer(
      {
        ...sandboxEnv(sandbox),
        SANDBOX: '1',
        PORT: String(bffPort),
        HOST: host,
        DATABASE_PATH: dbPath,
        BFF_API_KEYS: apiKey,
        ALLOWED_ORIGINS: siteOrigins.join(','),
        // Sandbox Meta app: any digits do; the fake SDK accepts them.
        META_APP_ID: '100000000000001',
        META_CONFIG_ID: '200000000000002',
        SINCH_SOLUTION_ID: '300000000000003',
        NOTIFY_URL: `http://127.0.0.1:${actualSitePort}/asp/events`,
        NOTIFY_SECRET: notifySecret,
        OPERATOR_ACCOUNTS: operatorAccounts,
        WEBHOOK_TARGET: `http://127.0.0.1:${actualSitePort}/asp/sinch-conversation`,
        LOG_LEVEL: env.LOG_LEVEL || (smoke ? 'silent' : 'warn'),
        ...(env.TRUST_PROXY ? { TRUST_PROXY: env.TRUST_PROXY } : {}),
      },
      {
        shutdownGraceMs: 1000,
        http: { hostedSdkSrc: `${sandbox.url}${META_SDK_PATH}`, hostedExtraOrigins: sandboxOrigins },
      },
    );
  } catch (e) {
    httpServer.close();
    await sandbox.close();
    if (e instanceof Error && /EADDRINUSE/.test(e.message)) throw new Error(`port ${bffPort} is in use: set DEMO_BFF_PORT to another port (0 picks a free one)`);
    throw e;
  }
  const bffUrl = bff.url;
  const running = bff;
  let stopping: Promise<void> | undefined;
  return {
    siteUrl: `http://localhost:${actualSitePort}`,
    bffUrl,
    sandboxUrl: sandbox.url,
    sandbox,
    bff: running,
    site,
    apiKey,
    consoleUrl: `${bffUrl}/console`,
    operator,
    stop: () =>
      (stopping ??= (async () => {
        await running.stop();
        httpServer.closeAllConnections();
        await new Promise((r) => httpServer.close(r));
        await sandbox.close();
        if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
      })()),
  };
}
