import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { unauthorized } from './tokens.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Reads `Authorization: Bearer <x>`; undefined when absent or malformed. */
export function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer ([\x21-\x7e]{1,4096})$/i.exec(header.trim());
  return m?.[1];
}

/**
 * Server-to-server auth: `Authorization: Bearer <API key>` checked against every key of
 * BFF_API_KEYS (several at once for rotation). Keys are compared as SHA-256 digests with
 * timingSafeEqual, so neither content nor length leaks through timing, and every key is tried.
 */
export function requireApiKey(keys: readonly string[]): RequestHandler {
  const digests = keys.filter((k) => k.length > 0).map(digest);
  return (req, _res, next) => {
    const presented = bearerOf(req.get('authorization'));
    if (!presented) throw unauthorized('Missing API key');
    const d = digest(presented);
    let ok = false;
    for (const k of digests) ok = timingSafeEqual(k, d) || ok;
    if (!ok) throw unauthorized('Invalid API key');
    next();
  };
}
