/**
 * Operator accounts (OPERATOR_ACCOUNTS): `name:hash` pairs separated by commas, each hash from
 * `npm run operator:hash`. Parsed by config.ts; signing in checks a name and password against them here.
 * An unknown name is checked against a dummy hash of the same cost, so it takes as long as a wrong password.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SCRYPT, hashPassword, parsePasswordHash, verifyPassword, type ScryptHash } from './passwords.js';

export interface OperatorAccount {
  name: string;
  /** `scrypt$N$r$p$salt$hash` (never logged, never answered). */
  passwordHash: string;
}

/** A name an operator signs in with: letters, digits and `.`, `_`, `-`, `@` (1 to 64). */
export const OPERATOR_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Parses `name:hash,name:hash`; throws a message naming the first bad entry (never the hash itself). */
export function parseOperatorAccounts(raw: string): OperatorAccount[] {
  const accounts: OperatorAccount[] = [];
  const entries = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? entry : entry.slice(0, colon);
    const passwordHash = colon < 0 ? '' : entry.slice(colon + 1);
    if (!OPERATOR_NAME.test(name)) throw new Error(`entry ${i + 1}: expected name:hash with a name of letters, digits, . _ - @`);
    if (!parsePasswordHash(passwordHash)) throw new Error(`entry ${i + 1} (${name}): expected a hash printed by npm run operator:hash`);
    if (accounts.some((a) => a.name === name)) throw new Error(`entry ${i + 1}: ${name} is listed twice`);
    accounts.push({ name, passwordHash });
  });
  return accounts;
}

/** Checks names and passwords against the accounts, in the same time whether the name exists or not. */
export class OperatorAccounts {
  readonly #byName: Map<string, ScryptHash>;
  #dummy: Promise<ScryptHash> | undefined;

  /** `check` is scrypt's verification (a test counts its calls). */
  constructor(
    accounts: readonly OperatorAccount[],
    private readonly check: (password: string, h: ScryptHash) => Promise<boolean> = verifyPassword,
  ) {
    this.#byName = new Map(accounts.map((a) => [a.name, parsePasswordHash(a.passwordHash)!]));
    // Made now, so the first unknown name does not pay for it (and take longer than a wrong password).
    if (this.#byName.size > 0) this.#dummyHash().catch(() => (this.#dummy = undefined));
  }

  get size(): number {
    return this.#byName.size;
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The account's name when the password is right; undefined otherwise (unknown name or wrong password alike). */
  async verify(name: string, password: string): Promise<string | undefined> {
    const known = this.#byName.get(name);
    const h = known ?? (await this.#dummyHash());
    const ok = await this.check(password, h);
    return known && ok ? name : undefined;
  }

  /** A hash of a random password with the first account's cost (what a real check of a wrong password costs). */
  #dummyHash(): Promise<ScryptHash> {
    const first = this.#byName.values().next().value;
    const cost = first ? { N: first.N, r: first.r, p: first.p } : DEFAULT_SCRYPT;
    return (this.#dummy ??= hashPassword(randomBytes(16).toString('base64url'), cost).then((t) => parsePasswordHash(t)!));
  }
}
