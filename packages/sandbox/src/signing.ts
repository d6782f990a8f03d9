import { createHmac, randomBytes } from 'node:crypto';

/** Headers of a signed Sinch callback (api-facts §4; PAPI uses the same headers). */
export interface SignatureHeaders {
  'x-sinch-webhook-signature': string;
  'x-sinch-webhook-signature-nonce': string;
  'x-sinch-webhook-signature-timestamp': string;
  'x-sinch-webhook-signature-algorithm': 'HmacSHA256';
}

/** base64(HMAC_SHA256(secret, rawBody + "." + nonce + "." + timestamp)). */
export function computeSignature(secret: string, rawBody: string, nonce: string, timestamp: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${rawBody}.${nonce}.${timestamp}`).digest('base64');
}

/**
 * Signs a callback body. The timestamp is wall-clock unix seconds (not the sandbox clock), so that a
 * receiver checking a replay window against its own clock still accepts it after clock.advance().
 */
export function signBody(secret: string, rawBody: string, nowMs = Date.now()): SignatureHeaders {
  const nonce = randomBytes(16).toString('base64url');
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'x-sinch-webhook-signature': computeSignature(secret, rawBody, nonce, timestamp),
    'x-sinch-webhook-signature-nonce': nonce,
    'x-sinch-webhook-signature-timestamp': timestamp,
    'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
  };
}
