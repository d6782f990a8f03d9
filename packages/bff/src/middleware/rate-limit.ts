import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../errors.js';

export interface RateLimitOptions {
  /** Requests per IP per window on every route but the probes and the Sinch callback. */
  perIp: number;
  /** Requests per signup session per window on the browser routes. */
  perSession: number;
  /** Funnel milestones (`POST /v1/session/events`) per signup session per window: ten milestones, each reported once, need few. */
  perSessionEvents: number;
  windowMs: number;
  /** Failed operator sign-ins (/console) per IP and per name per `signInWindowMs`. */
  signInPerIp: number;
  signInPerName: number;
  signInWindowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  perIp: 600,
  perSession: 120,
  perSessionEvents: 30,
  windowMs: 60_000,
  signInPerIp: 20,
  signInPerName: 10,
  signInWindowMs: 15 * 60_000,
};

const tooMany = () => new AppError('rate_limited', 'Too many requests; slow down and retry later', 429);

/** Probes and signed Sinch callbacks (Sinch sends them in bursts from few IPs) are not limited per IP. */
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics', '/v1/sinch/provisioning-events']);

/** Per client IP (IPv6 grouped by /56, as express-rate-limit recommends). */
export function ipRateLimit(o: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit: o.perIp,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => UNLIMITED.has(req.path),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    handler: (_req, _res, next) => next(tooMany()),
  });
}

/** Per signup session; runs after session auth so `res.locals.sessionId` is set. `limit` defaults to `perSession`. */
export function sessionRateLimit(o: RateLimitOptions, limit = o.perSession): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => `session:${String(res.locals.sessionId)}`,
    handler: (_req, _res, next) => next(tooMany()),
  });
}

/**
 * Operator sign-ins: failures counted per client IP and per name tried (a success does not count). `onLimited` runs
 * before a refused attempt is answered 429 (the console audits it).
 */
export function signInRateLimits(o: RateLimitOptions, onLimited: (req: Request) => Promise<void> = async () => undefined): RequestHandler[] {
  const limit = (max: number, key: (req: Request) => string) =>
    rateLimit({
      windowMs: o.signInWindowMs,
      limit: max,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skipSuccessfulRequests: true,
      keyGenerator: key,
      handler: (req, _res, next) => void onLimited(req).then(() => next(tooMany()), next),
    });
  return [
    limit(o.signInPerIp, (req) => `sign-in-ip:${ipKeyGenerator(req.ip ?? 'unknown')}`),
    limit(o.signInPerName, (req) => `sign-in-name:${String((req.body as { name?: unknown } | undefined)?.name ?? '').slice(0, 64)}`),
  ];
}
