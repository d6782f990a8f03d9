import express, { Router } from 'express';
import { isValidKey, issueToken, parseBasic } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { OAuthError } from '../errors.js';
import { injectFaults } from '../fault-middleware.js';
import { errorHandler, notFound } from './common.js';

/** `POST /auth/oauth2/token`: OAuth2 client credentials with HTTP Basic keyId:keySecret (api-facts §1). */
export function authRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.use(injectFaults(ctx, 'auth', 'oauth'));
  r.use(express.urlencoded({ extended: false, limit: '16kb' }));

  r.post('/oauth2/token', (req, res) => {
    if (!isValidKey(ctx, parseBasic(req.get('authorization')))) {
      const err = new OAuthError(401, 'invalid_client', 'Client authentication failed: unknown key id or wrong key secret.');
      err.headers['WWW-Authenticate'] = 'Basic realm="sinch"';
      throw err;
    }
    const grant = (req.body as Record<string, unknown> | undefined)?.grant_type;
    if (grant !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', `grant_type must be client_credentials but received ${JSON.stringify(grant ?? null)}.`);
    }
    const { access_token, expires_in } = issueToken(ctx);
    res.set('Cache-Control', 'no-store').json({ access_token, token_type: 'bearer', expires_in, scope: '' });
  });

  r.use(notFound('oauth'));
  r.use(errorHandler('oauth'));
  return r;
}
