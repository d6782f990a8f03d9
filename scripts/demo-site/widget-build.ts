/**
 * Builds packages/widget/dist (the file the BFF serves at /widget/whatsapp-signup.js) when it is missing or
 * older than the widget's sources. `npm run build -w whatsapp-signup` is the one build command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WIDGET_DIR = join(REPO_ROOT, 'packages/widget');
export const WIDGET_FILE = join(WIDGET_DIR, 'dist/whatsapp-signup.js');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** 'missing' | 'stale' | 'fresh' */
export function widgetBuildState(): 'missing' | 'stale' | 'fresh' {
  if (!existsSync(WIDGET_FILE)) return 'missing';
  const built = statSync(WIDGET_FILE).mtimeMs;
  const inputs = ['src', 'package.json', 'vite.config.ts'].map((p) => join(WIDGET_DIR, p)).filter((p) => existsSync(p));
  return Math.max(...inputs.map(newestMtime)) > built ? 'stale' : 'fresh';
}

/**
 * Runs the widget build if needed. `onlyIfMissing` keeps an existing (possibly stale) build, for the smoke
 * run, which never loads the widget in a browser.
 */
export function ensureWidgetBuilt(opts: { onlyIfMissing?: boolean; log?: (s: string) => void } = {}): void {
  const log = opts.log ?? console.log;
  const state = widgetBuildState();
  if (state === 'fresh' || (state === 'stale' && opts.onlyIfMissing)) return;
  log(`widget build ${state}: npm run build -w whatsapp-signup …`);
  const res = spawnSync('npm', ['run', 'build', '-w', 'whatsapp-signup'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.status !== 0) {
    process.stderr.write(res.stdout + res.stderr);
    throw new Error(`npm run build -w whatsapp-signup failed (exit ${res.status})`);
  }
}
