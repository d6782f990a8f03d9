import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** `base64(HMAC_SHA256(secret, rawBody + "." + nonce + "." + timestamp))`, Sinch's callback recipe. */
export function sinchSignature(secret: string, rawBody: Buffer | string, nonce: string, timestamp: string): string {
  return createHmac('sha256', secret)
    .update(rawBody)
    .update(`.${nonce}.${timestamp}`)
    .digest('base64');
}

/** Constant-time comparison of two base64/hex strings (length mismatch → false, no early exit on content). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** Sinch sends unix seconds; milliseconds are accepted too. NaN when not a number. */
export function timestampMs(ts: string): number {
  if (!/^\d{1,16}$/.test(ts)) return Number.NaN;
  const n = Number(ts);
  return n > 1e12 ? n : n * 1000;
}
