import type { RequestHandler } from 'express';
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
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = { perIp: 600, perSession: 120, perSessionEvents: 30, windowMs: 60_000 };

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
