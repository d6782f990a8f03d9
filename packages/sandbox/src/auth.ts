import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SandboxContext } from './context.js';
import { commonError, RegistryError, sendError, type Dialect } from './errors.js';
import { secretToken } from './ids.js';

const EXPIRED_TYPE = 'https://developers.sinch.com/docs/errors/registry/access-token-expired';

/** Constant-time string compare. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Parses `Authorization: Basic …` into [user, password], or null. */
export function parseBasic(header: string | undefined): [string, string] | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : [decoded.slice(0, i), decoded.slice(i + 1)];
}

/** True when the Basic credentials are the sandbox's access key. */
export function isValidKey(ctx: SandboxContext, creds: [string, string] | null): boolean {
  if (!creds) return false;
  return safeEqual(creds[0], ctx.config.keyId) && safeEqual(creds[1], ctx.config.keySecret);
}

/** Issues an opaque OAuth2 access token valid for tokenTtlSeconds on the sandbox clock. */
export function issueToken(ctx: SandboxContext): { access_token: string; expires_in: number } {
  const access_token = secretToken(48);
  ctx.state.tokens.set(access_token, { expiresAt: ctx.clock.now() + ctx.config.tokenTtlSeconds * 1000 });
  ctx.state.remember('OAuth token', access_token);
  return { access_token, expires_in: ctx.config.tokenTtlSeconds };
}

/**
 * Project-scoped API auth: `Bearer <token from /auth/oauth2/token>` or `Basic keyId:keySecret`.
 * An expired token gets the registry's access-token-expired body (api-facts §1); anything else the API's own 401.
 */
export function requireAuth(ctx: SandboxContext, dialect: Dialect): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (bearer) {
      const token = ctx.state.tokens.get(bearer);
      if (!token) return reject(res, dialect, 'The access token is not valid.');
      if (ctx.clock.now() >= token.expiresAt) {
        const err = new RegistryError(401, EXPIRED_TYPE, 'Access token expired', 'The access token has expired. Request a new one from https://auth.sinch.com/oauth2/token.');
        err.headers['WWW-Authenticate'] = 'Bearer error="invalid_token", error_description="The access token expired"';
        return sendError(res, err, dialect);
      }
      return next();
    }
    if (/^Basic\s/i.test(header)) {
      if (isValidKey(ctx, parseBasic(header))) return next();
      return reject(res, dialect, 'The key id or key secret is not valid.');
    }
    return reject(res, dialect, 'Missing Authorization header (Bearer token or Basic key).');
  };
}

function reject(res: Response, dialect: Dialect, message: string): void {
  const err = commonError(dialect, 'unauthenticated', message);
  err.headers['WWW-Authenticate'] = 'Bearer error="invalid_token"';
  sendError(res, err, dialect);
}
