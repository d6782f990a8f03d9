import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 chars of Crockford base32: 48-bit time, 80 random bits), like Sinch's subproject and app ids. */
export function ulid(timeMs: number): string {
  let time = '';
  let t = Math.max(0, Math.floor(timeMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[(bytes[i] ?? 0) % 32];
  return time + rand;
}

export const uuid = (): string => randomUUID();

/** An unguessable opaque secret (tokens, codes). */
export const secretToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
