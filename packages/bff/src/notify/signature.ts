import { createHmac } from 'node:crypto';
import { safeEqual } from '../auth/webhook-signature.js';

export const NOTIFY_SIGNATURE_HEADER = 'x-whatsapp-signup-signature';

/** `hex(HMAC-SHA256(secret, "<t>.<payload>"))`: the one signature of what the BFF tells the ASP (callbacks, return URLs). */
export function signatureV1(secret: string, payload: string, timestampSec: number): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${payload}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<rawBody>")>` — Stripe's scheme, timestamp signed. */
export function signNotification(secret: string, rawBody: string, timestampSec: number): string {
  return `t=${timestampSec},v1=${signatureV1(secret, rawBody, timestampSec)}`;
}

/**
 * What the ASP's server runs to check a callback: parses the header, recomputes the HMAC over the raw
 * body, compares in constant time and refuses timestamps more than `toleranceSec` away.
 */
export function verifyNotification(
  secret: string,
  header: string | undefined,
  rawBody: string,
  { nowSec = Math.floor(Date.now() / 1000), toleranceSec = 300 } = {},
): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = signatureV1(secret, rawBody, t);
  return safeEqual(expected, v1);
}
