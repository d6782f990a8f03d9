/** Operator accounts and their hashes (src/console/accounts.ts, passwords.ts): the format, the checks, the dummy hash. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OperatorAccounts, parseOperatorAccounts } from '../src/console/accounts.js';
import { DEFAULT_SCRYPT, hashPassword, parsePasswordHash, verifyPassword, type ScryptHash } from '../src/console/passwords.js';
import { loadConfig } from '../src/config.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('operator passwords', () => {
  test('When a password is hashed, then the hash describes itself (scrypt$N$r$p$salt$hash), verifies, and differs per salt', async () => {
    const a = await hashPassword('correct horse battery', CHEAP);
    const b = await hashPassword('correct horse battery', CHEAP);
    assert.match(a, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('correct horse battery', parsePasswordHash(a)!), true);
    assert.equal(await verifyPassword('correct horse batterx', parsePasswordHash(a)!), false);
    assert.match(await hashPassword('x'.repeat(12)), new RegExp(`^scrypt\\$${DEFAULT_SCRYPT.N}\\$${DEFAULT_SCRYPT.r}\\$${DEFAULT_SCRYPT.p}\\$`));
  });

  test('When OPERATOR_ACCOUNTS is malformed, then the start fails naming the variable and the entry, never the hash', async () => {
    const good = await hashPassword('correct horse battery', CHEAP);
    assert.deepEqual(parseOperatorAccounts(`alice:${good}, bob:${good}`).map((a) => a.name), ['alice', 'bob']);
    for (const [raw, says] of [
      ['alice', /entry 1 \(alice\): expected a hash/],
      [`alice:${good.replace('scrypt$1024', 'scrypt$1000')}`, /entry 1 \(alice\)/],
      [`al ice:${good}`, /entry 1: expected name:hash/],
      [`alice:${good},alice:${good}`, /entry 2: alice is listed twice/],
    ] as const) {
      assert.throws(() => parseOperatorAccounts(raw), says);
      assert.throws(
        () => loadConfig({ SANDBOX: '1', OPERATOR_ACCOUNTS: raw }),
        (e: Error) => /OPERATOR_ACCOUNTS/.test(e.message) && !e.message.includes(good.split('$')[5]!),
      );
    }
    assert.deepEqual(loadConfig({ SANDBOX: '1' }).console, { accounts: [], idleTimeoutMs: 900_000 });
  });

  test('When an unknown name signs in, then a hash of the accounts’ own cost is checked all the same (no shortcut that answers sooner)', async () => {
    const checked: ScryptHash[] = [];
    const accounts = new OperatorAccounts([{ name: 'alice', passwordHash: await hashPassword('correct horse battery', CHEAP) }], async (pw, h) => {
      checked.push(h);
      return verifyPassword(pw, h);
    });
    assert.equal(await accounts.verify('alice', 'correct horse battery'), 'alice');
    assert.equal(await accounts.verify('alice', 'wrong'), undefined);
    assert.equal(await accounts.verify('mallory', 'correct horse battery'), undefined);
    assert.equal(checked.length, 3, 'one scrypt check per sign-in, known name or not');
    assert.deepEqual(checked.map((h) => [h.N, h.r, h.p]), [[1024, 8, 1], [1024, 8, 1], [1024, 8, 1]]);
    assert.notDeepEqual(checked[2]!.hash, checked[0]!.hash, 'the unknown name met a dummy hash, not an account’s');
  });
});
