/**
 * Builds packages/widget/dist (the file the BFF serves at /widget/whatsapp-signup.js) and packages/console/dist
 * (the operator console the BFF serves at /console/console.js) when missing or older than their sources.
 * `npm run build -w <workspace>` is each one's build command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WIDGET_DIR = join(REPO_ROOT, 'packages/widget');
export const WIDGET_FILE = join(WIDGET_DIR, 'dist/whatsapp-signup.js');

interface Build {
  workspace: string;
  file: string;
  /** What the build reads: newer than `file` → stale. */
  inputs: string[];
}

const WIDGET: Build = { workspace: 'whatsapp-signup', file: WIDGET_FILE, inputs: ['src', 'package.json', 'vite.config.ts'].map((p) => join(WIDGET_DIR, p)) };
const CONSOLE_DIR = join(REPO_ROOT, 'packages/console');
const CONSOLE: Build = {
  workspace: '@whatsapp-signup/console',
  file: join(CONSOLE_DIR, 'dist/console.js'),
  // The console takes the BFF's enums (states, regions, funnel stages) into its bundle.
  inputs: [...['src', 'package.json', 'vite.config.ts'].map((p) => join(CONSOLE_DIR, p)), join(REPO_ROOT, 'packages/bff/src/contract/enums.ts')],
};

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function buildState(b: Build): 'missing' | 'stale' | 'fresh' {
  if (!existsSync(b.file)) return 'missing';
  const built = statSync(b.file).mtimeMs;
  const inputs = b.inputs.filter((p) => existsSync(p));
  return Math.max(...inputs.map(newestMtime)) > built ? 'stale' : 'fresh';
}

function ensureBuilt(b: Build, opts: { onlyIfMissing?: boolean; log?: (s: string) => void }): void {
  const log = opts.log ?? console.log;
  const state = buildState(b);
  if (state === 'fresh' || (state === 'stale' && opts.onlyIfMissing)) return;
  log(`${b.workspace} build ${state}: npm run build -w ${b.workspace} …`);
  const res = spawnSync('npm', ['run', 'build', '-w', b.workspace], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stdout + res.stderr);
    throw new Error(`npm run build -w ${b.workspace} failed (exit ${res.status})`);
  }
}

/** 'missing' | 'stale' | 'fresh' */
export function widgetBuildState(): 'missing' | 'stale' | 'fresh' {
  return buildState(WIDGET);
}

/**
 * Runs the widget build if needed. `onlyIfMissing` keeps an existing (possibly stale) build, for the smoke
 * run, which never loads the widget in a browser.
 */
export function ensureWidgetBuilt(opts: { onlyIfMissing?: boolean; log?: (s: string) => void } = {}): void {
  ensureBuilt(WIDGET, opts);
}

/** Runs the operator console's build if needed (same options as the widget's). */
export function ensureConsoleBuilt(opts: { onlyIfMissing?: boolean; log?: (s: string) => void } = {}): void {
  ensureBuilt(CONSOLE, opts);
}
