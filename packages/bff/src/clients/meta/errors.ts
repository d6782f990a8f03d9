/**
 * Typed failures of Meta's Graph API. Graph answers errors as
 * `{"error":{"message","type","code","error_subcode"?,"fbtrace_id"}}` (api-facts §8); each is mapped to a
 * short `reason` the engine can act on and a message safe for logs and the ASP: Meta's own text and codes,
 * never a URL with its query (the code exchange carries the app secret and the ES code there), never a token.
 */
import { AppError } from '../../errors.js';

/** What went wrong, in the engine's words. */
export type GraphFailureReason =
  /** code 190 (or 102): the token is invalid, expired or revoked. */
  | 'token_invalid'
  /** code 100 subcode 33, or a permission error (10, 200–299): the WABA does not exist or this token may not read it. */
  | 'waba_not_readable'
  /** The code exchange refused the code: unknown (100), used (36009) or expired (36007). */
  | 'code_invalid'
  /** The code exchange refused the app: wrong client id (101) or secret (1 on the exchange). */
  | 'app_credentials'
  /** Throttled (4, 17, 32, 613, 80004…): worth a later retry. */
  | 'rate_limited'
  /** Meta down (1, 2 outside the exchange, 5xx) or no answer: worth a retry when the call is safe. */
  | 'unavailable'
  | 'unknown';

export interface ParsedGraphError {
  message?: string;
  type?: string;
  code?: number;
  subcode?: number;
  fbtraceId?: string;
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80014]);

/** Parses Graph's error dialect; never throws. */
export function parseGraphErrorBody(text: string): ParsedGraphError {
  try {
    const b: unknown = JSON.parse(text);
    const e = b && typeof b === 'object' ? (b as { error?: unknown }).error : undefined;
    if (!e || typeof e !== 'object') return {};
    const o = e as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
    return { message: str(o.message), type: str(o.type), code: num(o.code), subcode: num(o.error_subcode), fbtraceId: str(o.fbtrace_id) };
  } catch {
    return {};
  }
}

/** The engine's reading of a Graph error (`call` matters: on the exchange code 1 means a wrong secret). */
export function graphFailureReason(httpStatus: number, p: ParsedGraphError, call: 'exchange' | 'read'): GraphFailureReason {
  const { code, subcode } = p;
  if (code === 190 || code === 102) return 'token_invalid';
  if (code !== undefined && RATE_LIMIT_CODES.has(code)) return 'rate_limited';
  if (call === 'exchange') {
    if (code === 101 || code === 1) return 'app_credentials';
    if (code === 100) return 'code_invalid';
  }
  if (code === 100 && subcode === 33) return 'waba_not_readable';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'waba_not_readable';
  if (code === 1 || code === 2 || httpStatus >= 500) return 'unavailable';
  return 'unknown';
}

/** Graph answered with an error. */
export class GraphApiError extends AppError {
  override readonly name = 'GraphApiError';
  readonly reason: GraphFailureReason;
  readonly graphCode: number | undefined;
  readonly graphSubcode: number | undefined;
  readonly fbtraceId: string | undefined;
  constructor(
    readonly call: 'exchange' | 'read',
    /** The URL path (no query). */
    readonly path: string,
    readonly httpStatus: number,
    parsed: ParsedGraphError,
  ) {
    const codes = parsed.code === undefined ? '' : ` (code ${parsed.code}${parsed.subcode === undefined ? '' : `/${parsed.subcode}`})`;
    super('internal_error', `Meta Graph GET ${path} answered ${httpStatus}${codes}${parsed.message ? `: ${parsed.message}` : ''}`, 502);
    this.reason = graphFailureReason(httpStatus, parsed, call);
    this.graphCode = parsed.code;
    this.graphSubcode = parsed.subcode;
    this.fbtraceId = parsed.fbtraceId;
  }
}

/**
 * No answer from Graph (timeout, connection error, unreadable body). For the code exchange the outcome is
 * unknown: Meta may have spent the code, so it is never tried again.
 */
export class GraphTransportError extends AppError {
  override readonly name = 'GraphTransportError';
  readonly reason: GraphFailureReason = 'unavailable';
  constructor(
    readonly call: 'exchange' | 'read',
    readonly path: string,
    readonly kind: 'timeout' | 'network' | 'bad_response',
    cause?: unknown,
  ) {
    super('internal_error', `Meta Graph GET ${path}: ${kind === 'timeout' ? 'timed out' : kind === 'network' ? 'network error' : 'unreadable answer'}`, 504, { cause });
  }
}

export type GraphError = GraphApiError | GraphTransportError;

/** Whether a failed read (a GET that changes nothing) is worth repeating. */
export const retryableRead = (e: GraphError): boolean => e.reason === 'unavailable' || e.reason === 'rate_limited';
