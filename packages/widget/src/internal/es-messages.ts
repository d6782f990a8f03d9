/**
 * Parsing of Meta's `WA_EMBEDDED_SIGNUP` window messages (api-facts §5, §8). Origins are checked by parsed URL,
 * never by `endsWith`, which would admit `evilfacebook.com`.
 */

/**
 * One parsed Embedded Signup message. `businessId`, `phoneNumberId` and the session-info arrays (`wabaIds`,
 * `phoneNumberIds`: Meta's `waba_ids`, `phone_number_ids`) come only when Meta sent them.
 */
export type EsMessage =
  | {
      kind: 'finish';
      event: string;
      wabaId: string;
      phoneNumberId?: string;
      businessId?: string;
      wabaIds?: string[];
      phoneNumberIds?: string[];
    }
  | {kind: 'cancel'; currentStep?: string}
  | {kind: 'error'; message?: string; code?: string; errorId?: string; sessionId?: string};

/**
 * Every success event, documented (FINISH, FINISH_ONLY_WABA, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING,
 * FINISH_OBO_MIGRATION, FINISH_GRANT_ONLY_API_ACCESS) or added by Meta later: the pattern of the BFF's
 * `EsFinishEvent` (docs/openapi.json; a test keeps the two equal). The fields, not the name, decide the path.
 */
export const FINISH_EVENT = /^FINISH(_[A-Z0-9_]+)?$/;

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

/** Meta's ids in an array: digit strings (numbers too), each once; anything else in it is dropped. */
const ids = (v: unknown): string[] | undefined => {
  const list = Array.isArray(v) ? [...new Set(v.map(str).filter((x) => /^\d{1,32}$/.test(x!)))] : [];
  // A bounded list: the BFF caps its request body, and no signup shares hundreds of numbers.
  return list.length ? (list.slice(0, 50) as string[]) : undefined;
};

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

  if (FINISH_EVENT.test(event)) {
    // Only `waba_id` is always there: coexistence sends nothing else (api-facts §8).
    const wabaId = str(d.waba_id);
    if (!wabaId) return null;
    const phoneNumberId = str(d.phone_number_id);
    const businessId = str(d.business_id);
    const wabaIds = ids(d.waba_ids);
    const phoneNumberIds = ids(d.phone_number_ids);
    return {
      kind: 'finish',
      event,
      wabaId,
      ...(phoneNumberId && {phoneNumberId}),
      ...(businessId && {businessId}),
      ...(wabaIds && {wabaIds}),
      ...(phoneNumberIds && {phoneNumberIds}),
    };
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
