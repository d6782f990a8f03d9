/**
 * Parsing of Meta's `WA_EMBEDDED_SIGNUP` window messages (api-facts §5). Origins are checked by parsed URL,
 * never by `endsWith`, which would admit `evilfacebook.com`.
 */

import {esFinishEventValues, type EsFinishEvent} from './bff-api.generated.js';

/** The success events the BFF accepts (generated from its OpenAPI document). */
export type {EsFinishEvent};

/** One parsed Embedded Signup message. */
export type EsMessage =
  | {kind: 'finish'; event: EsFinishEvent; wabaId: string; phoneNumberId?: string; businessId: string}
  | {kind: 'cancel'; currentStep?: string}
  | {kind: 'error'; message?: string; code?: string; errorId?: string; sessionId?: string};

const FINISH: readonly string[] = esFinishEventValues;

/** True for `https:` origins whose hostname is `facebook.com` or a subdomain of it. */
export function isFacebookOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (
      url.protocol === 'https:' && (url.hostname === 'facebook.com' || url.hostname.endsWith('.facebook.com'))
    );
  } catch {
    return false; // "null" and other non-URLs
  }
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Turns a `message` event into an {@link EsMessage}, or `null` when it is from another origin, not JSON,
 * not `WA_EMBEDDED_SIGNUP` or not understood.
 */
export function parseEsMessage(e: Pick<MessageEvent, 'origin' | 'data'>): EsMessage | null {
  if (!isFacebookOrigin(e.origin)) return null;
  let msg: unknown = e.data;
  if (typeof msg === 'string') {
    try {
      msg = JSON.parse(msg);
    } catch {
      return null; // the SDK's own non-JSON messages arrive on the same channel
    }
  }
  if (!msg || typeof msg !== 'object') return null;
  const {type, event, data} = msg as {type?: unknown; event?: unknown; data?: unknown};
  if (type !== 'WA_EMBEDDED_SIGNUP' || typeof event !== 'string') return null;
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;

  if (FINISH.includes(event)) {
    const wabaId = str(d.waba_id);
    const businessId = str(d.business_id);
    if (!wabaId || !businessId) return null;
    const phoneNumberId = str(d.phone_number_id);
    return {kind: 'finish', event: event as EsFinishEvent, wabaId, businessId, ...(phoneNumberId && {phoneNumberId})};
  }
  if (event === 'CANCEL' || event === 'ERROR') {
    const message = str(d.error_message);
    const code = str(d.error_code);
    const errorId = str(d.error_id);
    const sessionId = str(d.session_id);
    // Current docs send a user-reported error as CANCEL with error fields; older ones as ERROR.
    if (event === 'ERROR' || message || code || errorId) {
      return {kind: 'error', message, code, errorId, sessionId};
    }
    return {kind: 'cancel', currentStep: str(d.current_step)};
  }
  return null;
}
