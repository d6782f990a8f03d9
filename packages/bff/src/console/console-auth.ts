/**
 * The console's cookie and its checks: who is signed in (the session cookie, its idle expiry moved on each request),
 * CSRF (every POST and DELETE but sign-in carries X-CSRF-Token equal to the session's token; sign-in itself must
 * come from the console's own origin), and the cookie's attributes (HttpOnly, SameSite=Strict, Path=/console,
 * Secure unless the BFF's own URL is loopback http: sandbox mode).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';
import { baseUrlOf } from '../http/base-url.js';
import type { HttpContext } from '../http/context.js';
import type { OperatorSessionRecord } from '../data/operator.repository.js';
import { SESSION_COOKIE, type OperatorSessions } from './operator-sessions.js';

export const CSRF_HEADER = 'X-CSRF-Token';
export const CONSOLE_PATH = '/console';

/** The signed-in session of a request (set by {@link requireOperator}). */
export const operatorOf = (res: Response): OperatorSessionRecord => res.locals.operatorSession as OperatorSessionRecord;

/** The value of one cookie of the request (no library for a few lines). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const isLoopbackHost = (h: string) => h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);

/** The BFF's own origin, and whether cookies may go without Secure (loopback http only). */
function ownOrigin(ctx: HttpContext, req: Request): { origin: string; insecureOk: boolean } {
  const u = new URL(baseUrlOf(ctx, req));
  return { origin: u.origin, insecureOk: u.protocol === 'http:' && isLoopbackHost(u.hostname) };
}

export function setSessionCookie(ctx: HttpContext, req: Request, res: Response, value: string): void {
  res.cookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: CONSOLE_PATH, secure: !ownOrigin(ctx, req).insecureOk });
}

export function clearSessionCookie(ctx: HttpContext, req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: CONSOLE_PATH, secure: !ownOrigin(ctx, req).insecureOk });
}

/** Sign-in only from the console's own pages: Sec-Fetch-Site same-origin and/or Origin equal to the BFF's own. */
export function requireSameOrigin(ctx: HttpContext): RequestHandler {
  return (req, _res, next) => {
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const ok = (site === undefined || site === 'same-origin') && (origin === undefined || origin === ownOrigin(ctx, req).origin) && (site ?? origin) !== undefined;
    next(ok ? undefined : new AppError('csrf_invalid', 'Sign in from the console itself', 403));
  };
}

/** A live operator session (401 otherwise); POST and DELETE also need the session's X-CSRF-Token (403). */
export function requireOperator(ctx: HttpContext, sessions: OperatorSessions): RequestHandler {
  return async (req, res, next) => {
    const session = await sessions.resume(cookieOf(req, SESSION_COOKIE), ctx.now());
    if (!session) {
      clearSessionCookie(ctx, req, res);
      throw new AppError('unauthorized', 'Sign in to the console', 401);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const sent = Buffer.from(req.get(CSRF_HEADER) ?? '');
      const want = Buffer.from(session.csrfToken);
      if (sent.length !== want.length || !timingSafeEqual(sent, want)) throw new AppError('csrf_invalid', `Missing or wrong ${CSRF_HEADER}`, 403);
    }
    res.locals.operatorSession = session;
    next();
  };
}
