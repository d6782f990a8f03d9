/**
 * SQLite mode is one BFF process per database file: a second process on the same file is refused at start
 * with a clear message (it would run the same jobs twice), and the file is free again once the first closes.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { composeBff } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'server.ts');
const dir = mkdtempSync(join(tmpdir(), 'bff-single-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `npm run bff` as a child process; resolves at its exit. Once it listens, its /readyz answer is recorded
 * and it is stopped with SIGTERM.
 */
function runServer(env: Record<string, string>): Promise<{ code: number | null; out: string; readyz?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      env: { PATH: process.env.PATH ?? '', SANDBOX: '1', PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let readyz: number | undefined;
    let asked = false;
    const take = (d: Buffer) => {
      out += d.toString();
      const url = /BFF listening on (\S+)/.exec(out)?.[1];
      if (url && !asked) {
        asked = true;
        fetch(`${url}/readyz`).then(
          (r) => (readyz = r.status),
          () => undefined,
        ).finally(() => child.kill('SIGTERM'));
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, ...(readyz ? { readyz } : {}) }));
  });
}

describe('SQLite: one process per database file', () => {
  test('When a second BFF process starts on a file another one has open, then it stops with a clear message and the first keeps working', async () => {
    const path = join(dir, 'shared.db');
    const first = await composeBff(loadConfig({ SANDBOX: '1', DATABASE_PATH: path, LOG_LEVEL: 'silent' }));
    try {
      const second = await runServer({ DATABASE_PATH: path });
      assert.equal(second.code, 1, second.out);
      assert.match(second.out, /The SQLite database .*shared\.db is in use by another process: SQLite mode runs one BFF process per database file/);
      assert.match(second.out, /several instances, use PostgreSQL/);
      assert.doesNotMatch(second.out, /\n\s+at /, 'a message, not a stack trace');
      assert.deepEqual((await request(first.app).get('/readyz').expect(200)).body.checks, { database: 'ok', sinch: 'ok' });
    } finally {
      await first.close();
    }
    const later = await runServer({ DATABASE_PATH: path });
    assert.equal(later.readyz, 200, `once the first has closed, the file is free: ${later.out}`);
    assert.equal(later.code, 0, later.out);
  });
});
