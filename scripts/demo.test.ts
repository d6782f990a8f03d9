/**
 * `npm start`'s demo in smoke mode: sandboxes + BFF + demo site on free ports, one onboarding per region
 * through the HTTP API, a hosted link, the signed ASP callbacks; exits 0 only when every check passed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('When the demo runs with --smoke, then it onboards one customer per region, lists them completed and exits 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-site/cli.ts', '--smoke'], {
    cwd: ROOT,
    env: { ...process.env, DEMO_SMOKE: '', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  child.stderr.on('data', (c: Buffer) => (out += c));
  // No deadline here: the smoke's own polls are bounded, so a stuck onboarding fails the run instead of hanging it.
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 0, out);
  assert.match(out, /smoke: all checks passed/);
  for (const region of ['US', 'EU', 'BR']) assert.match(out, new RegExp(`ok +${region}: onboarding ses_\\w+ completed`));
  assert.match(out, /ok +the operator console lists the three onboardings as completed/);
});
