import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { OnboardingService, Session } from '../domain/onboarding.types.js';
import type { LinkRepository } from '../data/link.repository.js';
import { bearerOf } from './api-keys.js';
import { type TokenService, unauthorized } from './tokens.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Set by requireSession. */
    session?: Session;
    sessionId?: string;
    /** When the request's session token expires (ms since the epoch); an open stream ends by then. */
    sessionTokenExpiresAt?: number;
  }
}

export interface SessionAuthDeps {
  tokens: TokenService;
  engine: Pick<OnboardingService, 'getSession'>;
  links: LinkRepository;
  now: () => number;
}

/**
 * Browser auth: `Authorization: Bearer <session token>` (or `?access_token=` when `allowQueryToken`,
 * for EventSource). The token must verify (HS256, typ=session, audience = its own session), the
 * session must exist and be live, and none of its signup links may have been revoked.
 */
export function requireSession(deps: SessionAuthDeps, { allowQueryToken = false } = {}): RequestHandler {
  return async (req, res, next) => {
    let token = bearerOf(req.get('authorization'));
    if (!token && allowQueryToken) {
      const q = req.query.access_token;
      if (typeof q === 'string' && q.length > 0 && q.length <= 4096) token = q;
    }
    if (!token) throw unauthorized('Missing session token');
    const { sessionId, expiresAt } = await deps.tokens.verifySession(token);
    const session = await deps.engine.getSession(sessionId);
    if (!session) throw unauthorized('Unknown session');
    if (Date.parse(session.expiresAt) <= deps.now()) throw new AppError('session_expired', 'The session has expired', 401);
    if (await deps.links.isSessionRevoked(sessionId)) throw unauthorized('The signup link was revoked');
    res.locals.session = session;
    res.locals.sessionId = session.id;
    res.locals.sessionTokenExpiresAt = expiresAt.getTime();
    next();
  };
}
