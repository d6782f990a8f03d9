/** README.md stays true: the two first-screen commands, every configuration variable, the bench placeholders, linked files. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONFIG_KEYS } from '../packages/bff/src/config.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${ROOT}README.md`, 'utf8');

test('When the README is read, then its first screen has exactly the two commands', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = firstBlock.split('\n').filter(Boolean).map((l) => l.split('#')[0]!.trim());
  assert.deepEqual(commands, ['npm ci && npm start', 'npm ci && npm test']);
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> };
  assert.ok(pkg.scripts.start && pkg.scripts.test);
});

test('When the README is read, then every environment variable of config.ts is documented in the table', () => {
  const missing = CONFIG_KEYS.filter((k) => !readme.includes(`| \`${k}\` |`));
  assert.deepEqual(missing, []);
  assert.ok(readme.includes('| `TRUST_PROXY` |'));
});

test('When the README is read, then the benchmark placeholders and every linked local file exist', () => {
  for (const b of ['engine', 'api', 'memory', 'widget', 'fetch']) assert.ok(readme.includes(`<!-- bench:${b} -->`), b);
  const links = [...readme.matchAll(/\]\(((?!https?:)[^)#\s]+)\)/g)].map((m) => m[1]!);
  assert.ok(links.length > 0);
  for (const l of links) assert.ok(existsSync(`${ROOT}${l}`), `README links ${l}`);
});
