/**
 * Production runs the compiled BFF on plain node (`npm run bff`: packages/bff `build`, then
 * `node dist/server.js`), not through tsx. Built once here (`npm run build`), then started as a child the way
 * `npm start -w @whatsapp-signup/bff` starts it, with a preload that reports at exit which files of `pg` the
 * process loaded: in SQLite mode none (the PostgreSQL client is imported only when DATABASE_URL selects it).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { DEFAULT_CONSOLE_FILE } from '../src/console/console-page.js';
import { sandboxEnv } from '../src/config.js';
import { DEFAULT_WIDGET_FILE } from '../src/http/http-config.js';

const PKG = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT_PG = join(PKG, 'test', 'fixtures', 'report-pg-at-exit.mjs');
const dir = mkdtempSync(join(tmpdir(), 'bff-built-'));
let sb: SinchSandbox;

before(async () => {
  execFileSync('npm', ['run', 'build'], { cwd: PKG, stdio: 'pipe' });
  sb = await startSinchSandbox();
});
after(async () => {
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  out: string;
  healthz?: { status: number; body: unknown };
  readyz?: { status: number; body: unknown };
  /** The `pg` files the process had loaded when it exited (from the preload). */
  pgFiles?: string[];
}

/** `node dist/server.js` (nothing else on its command line but the pg report); asks /healthz and /readyz once it listens, then SIGTERM. */
function runBuilt(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REPORT_PG, 'dist/server.js'], {
      cwd: PKG,
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { code: null, out: '' };
    let asked = false;
    const get = async (url: string) => {
      const r = await fetch(url);
      return { status: r.status, body: await r.json() };
    };
    const take = (d: Buffer) => {
      run.out += d.toString();
      const url = /BFF listening on (\S+)/.exec(run.out)?.[1];
      if (url && !asked) {
        asked = true;
        Promise.all([get(`${url}/healthz`), get(`${url}/readyz`)])
          .then(([h, r]) => Object.assign(run, { healthz: h, readyz: r }), () => undefined)
          .finally(() => child.kill('SIGTERM'));
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('exit', (code) => {
      const pg = /loaded pg files: (.*)\n/.exec(run.out)?.[1];
      resolve({ ...run, code, ...(pg ? { pgFiles: JSON.parse(pg) as string[] } : {}) });
    });
  });
}

describe('the built BFF on plain node', () => {
  test('When the production build starts with a real configuration on SQLite, then it answers /healthz and /readyz, never loads pg, and stops cleanly on SIGTERM', async () => {
    const { SANDBOX: _, ...sinch } = sandboxEnv(sb);
    const run = await runBuilt({
      ...sinch,
      SESSION_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      PUBLIC_URL: 'https://bff.example',
      BFF_API_KEYS: 'built-key-0123456789',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'prod.db'),
    });
    assert.deepEqual(run.healthz, { status: 200, body: { status: 'ok' } }, run.out);
    assert.deepEqual(run.readyz, { status: 200, body: { status: 'ok', checks: { database: 'ok', sinch: 'ok' } } }, run.out);
    assert.equal(run.code, 0, run.out);
    assert.deepEqual(run.pgFiles, [], `SQLite mode loaded the PostgreSQL client: ${run.out}`);
  });

  test('When the build starts with SANDBOX=1 and no Sinch key, then it runs its own sandbox (the sandbox sources through the tsImport of tsx) and answers /readyz', async () => {
    const run = await runBuilt({ SANDBOX: '1', DATABASE_PATH: join(dir, 'sandbox.db') });
    assert.match(run.out, /SANDBOX=1: Sinch sandbox in-process at http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(run.readyz, { status: 200, body: { status: 'ok', checks: { database: 'ok', sinch: 'ok' } } }, run.out);
    assert.equal(run.code, 0, run.out);
  });

  test('When the pg report preload runs in a process that imports pg, then it lists pg (the check above can see it)', () => {
    const out = execFileSync(process.execPath, ['--import', REPORT_PG, '--input-type=module', '-e', "await import('pg')"], { cwd: PKG, encoding: 'utf8' });
    assert.match(out, /loaded pg files: \[".*[\\/]node_modules[\\/]pg[\\/]lib[\\/]index\.js"/);
  });

  test('When dist/ is built, then its widget and console files are the same paths as from the sources (dist mirrors src at the same depth)', async () => {
    const built = (rel: string) => import(pathToFileURL(join(PKG, 'dist', rel)).href) as Promise<Record<string, unknown>>;
    assert.equal((await built('http/http-config.js')).DEFAULT_WIDGET_FILE, DEFAULT_WIDGET_FILE);
    assert.equal((await built('console/console-page.js')).DEFAULT_CONSOLE_FILE, DEFAULT_CONSOLE_FILE);
    assert.match(DEFAULT_WIDGET_FILE, /[\\/]packages[\\/]widget[\\/]dist[\\/]whatsapp-signup\.js$/);
  });
});
