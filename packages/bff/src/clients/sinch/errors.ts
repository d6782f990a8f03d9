/**
 * Typed Sinch failures. Sinch speaks two error dialects (reference/api-facts.md):
 * - PAPI (Provisioning): `{errorCode, message, resolution, additionalInformation?}`
 * - Google-style (Subprojects, Conversation): `{error: {code, message, status, details}}`
 * and the auth layer answers `{type, title, detail}` (expired token) or OAuth `{error, error_description}`.
 * Messages are Sinch's own; the request body is never copied into an error.
 */
import { AppError } from '../../errors.js';

export type SinchApi = 'auth' | 'subproject' | 'provisioning' | 'conversation';
export type SinchErrorDialect = 'papi' | 'google' | 'problem' | 'oauth' | 'unknown';

export interface ParsedSinchError {
  dialect: SinchErrorDialect;
  /** Sinch's symbolic code: PAPI `errorCode`, Google `status`, OAuth `error`, problem `type`'s last segment. */
  sinchCode?: string;
  message?: string;
  resolution?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Parses an error body in any of Sinch's dialects; never throws. */
export function parseSinchErrorBody(text: string): ParsedSinchError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { dialect: 'unknown' };
  }
  if (typeof body !== 'object' || body === null) return { dialect: 'unknown' };
  const b = body as Record<string, unknown>;
  if (typeof b.error === 'object' && b.error !== null) {
    const e = b.error as Record<string, unknown>;
    return {
      dialect: 'google',
      sinchCode: str(e.status) ?? (typeof e.code === 'number' ? String(e.code) : str(e.code)),
      message: str(e.message),
    };
  }
  if (str(b.errorCode)) {
    return { dialect: 'papi', sinchCode: str(b.errorCode), message: str(b.message), resolution: str(b.resolution) };
  }
  if (str(b.error)) {
    return { dialect: 'oauth', sinchCode: str(b.error), message: str(b.error_description) };
  }
  if (str(b.type) || str(b.title)) {
    const type = str(b.type);
    return { dialect: 'problem', sinchCode: type ? type.split('/').pop() : undefined, message: str(b.detail) ?? str(b.title) };
  }
  return { dialect: 'unknown', message: str(b.message) };
}

/** A Sinch API answered with a non-2xx status. */
export class SinchApiError extends AppError {
  override readonly name = 'SinchApiError';
  readonly dialect: SinchErrorDialect;
  readonly sinchCode: string | undefined;
  readonly sinchMessage: string | undefined;
  readonly resolution: string | undefined;
  constructor(
    readonly api: SinchApi,
    readonly method: string,
    readonly path: string,
    readonly httpStatus: number,
    parsed: ParsedSinchError,
    /** Server-requested wait from Retry-After, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(
      httpStatus === 429 ? 'rate_limited' : httpStatus >= 500 ? 'sinch_unavailable' : 'sinch_error',
      `Sinch ${api} ${method} ${path} answered ${httpStatus}${parsed.sinchCode ? ` ${parsed.sinchCode}` : ''}${
        parsed.message ? `: ${parsed.message}` : ''
      }`,
      502,
    );
    this.dialect = parsed.dialect;
    this.sinchCode = parsed.sinchCode;
    this.sinchMessage = parsed.message;
    this.resolution = parsed.resolution;
  }
}

/**
 * No answer from Sinch: timeout, connection reset, DNS… For a creating POST the outcome is unknown:
 * the write may have happened, so the caller must reconcile by lookup before trying again.
 */
export class SinchTransportError extends AppError {
  override readonly name = 'SinchTransportError';
  constructor(
    readonly api: SinchApi,
    readonly method: string,
    readonly path: string,
    readonly kind: 'timeout' | 'network',
    cause?: unknown,
  ) {
    super('sinch_unavailable', `Sinch ${api} ${method} ${path}: ${kind === 'timeout' ? 'timed out' : 'network error'}`, 504, {
      cause,
    });
  }
}

/** Parses Retry-After (delta-seconds or HTTP date) into ms; undefined when absent or malformed. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
