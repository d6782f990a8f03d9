import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors.js';

export interface CorsOptions {
  /** Exact origins (scheme://host[:port]) configured as allowed, plus the BFF's own public origin. */
  allowedOrigins: readonly string[];
  /**
   * The BFF's own origin as this request may claim it (its pages call the API from there), or undefined.
   * Without a public URL it is the request's origin only when the Host is loopback (base-url.ts): the Host
   * header is the client's, so it never makes a foreign origin "self". Default: none.
   */
  selfOrigin?: (req: Request) => string | undefined;
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, Last-Event-ID, X-Request-Id';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/**
 * CORS for the browser routes. An allowed origin gets `Access-Control-Allow-Origin: <origin>` (never `*`);
 * a request from any other origin, preflight or not, is refused with 403 `origin_not_allowed`, so a
 * foreign page cannot even trigger a side effect with a stolen token. Requests without `Origin`
 * (same-origin GETs, server tools) pass: the session token is the credential.
 */
export function browserCors({ allowedOrigins, selfOrigin }: CorsOptions): RequestHandler {
  const allowed = new Set(allowedOrigins.map(normaliseOrigin).filter((o): o is string => o !== undefined));
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin === undefined) return next();
    if (!allowed.has(origin) && origin !== selfOrigin?.(req)) {
      throw new AppError('origin_not_allowed', 'This origin is not allowed to call the API', 403);
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, RateLimit, RateLimit-Policy, Retry-After');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** `https://a.example/` → `https://a.example`; undefined when not a URL. */
export function normaliseOrigin(o: string): string | undefined {
  try {
    const u = new URL(o.trim());
    return u.origin === 'null' ? undefined : u.origin;
  } catch {
    return undefined;
  }
}
