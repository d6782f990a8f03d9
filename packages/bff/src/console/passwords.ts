/**
 * Operator passwords: scrypt (node:crypto) in a self-describing format `scrypt$N$r$p$salt$hash` (salt and hash
 * base64url), so the cost can be raised later without breaking the hashes already in OPERATOR_ACCOUNTS.
 * `npm run operator:hash` prints one (scripts/operator-hash.ts). Verification compares in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Today's cost: N = 2^15, r = 8, p = 1 (32 MiB per hash; about 0.1 s on one core). */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{43})$/;

export interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** The parsed hash; undefined when the text is not `scrypt$N$r$p$salt$hash` with sane parameters. */
export function parsePasswordHash(text: string): ScryptHash | undefined {
  const m = FORMAT.exec(text);
  if (!m) return undefined;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N a power of two from 2^10 (tests) to 2^20; r and p small enough to stay within the memory bound below.
  if (N < 1024 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  const hash = Buffer.from(m[5]!, 'base64url');
  if (hash.length !== KEY_LENGTH) return undefined;
  return { N, r, p, salt: Buffer.from(m[4]!, 'base64url'), hash };
}

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
  return new Promise((ok, fail) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? fail(e) : ok(key))));
}

/** A new hash of `password` with a random 16-byte salt. */
export async function hashPassword(password: string, o: { N: number; r: number; p: number } = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, o);
  return `scrypt$${o.N}$${o.r}$${o.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when `password` matches; the comparison takes the same time wherever the bytes differ. */
export async function verifyPassword(password: string, h: ScryptHash): Promise<boolean> {
  const key = await derive(password, h.salt, h);
  return timingSafeEqual(key, h.hash);
}
