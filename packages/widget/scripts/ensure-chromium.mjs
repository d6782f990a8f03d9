#!/usr/bin/env node
// The one place that finds the Chromium the tests and the bench drive (CHROME_PATH, else the system one),
// and installs it with apt when it is missing and we are root. Imported by the widget's test runner and bench,
// the BFF's browser and e2e tests, the sandbox's Meta SDK test and the examples test; run as a script it
// prints the path, or the message and exit code 1.
import {execSync} from 'node:child_process';
import {existsSync} from 'node:fs';

export const CANDIDATES = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

/** The first candidate that exists, or undefined. */
export function findChromium() {
  return CANDIDATES.find((p) => existsSync(p));
}

/** The Chromium path; installs it first when missing (as root). Throws, saying what to do, when there is none. */
export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.error('chromium not found: installing it with apt-get…');
    execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', {stdio: 'inherit'});
    found = findChromium();
  }
  if (!found) {
    throw new Error(
      `Chromium is needed for the browser tests and the bench but was not found (looked at ${CANDIDATES.join(', ')}).\n` +
        'Install it (`node packages/widget/scripts/ensure-chromium.mjs` as root, or `apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`chromium: ${ensureChromium()}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
