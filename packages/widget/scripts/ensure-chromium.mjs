#!/usr/bin/env node
// Finds the Chromium the tests and the bench drive (CHROME_PATH, else the system one) and installs it with
// apt when it is missing and we are root. Prints the path; exits 1 with a clear message otherwise.
import {execSync} from 'node:child_process';
import {existsSync} from 'node:fs';

export const CANDIDATES = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

export function findChromium() {
  return CANDIDATES.find((p) => existsSync(p));
}

export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.error('chromium not found: installing it with apt-get…');
    execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', {stdio: 'inherit'});
    found = findChromium();
  }
  if (!found) {
    console.error(
      `Chromium is needed for the widget tests and bench but was not found (looked at ${CANDIDATES.join(', ')}).\n` +
        'Install it (e.g. `apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary.',
    );
    process.exit(1);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`chromium: ${ensureChromium()}`);
