/**
 * Hosted signup links for the ASP's backend (`Authorization: Bearer <API key>`): create one (its session and link
 * row in one transaction), revoke it. The page a link opens is hosted/hosted.routes.ts.
 */
import { Router } from 'express';
import { requireApiKey } from '../auth/api-keys.js';
import { parseOrThrow } from '../http/validate.js';
import { CreateLinkBodySchema, IdParamSchema, LINK_TTL } from '../http/schemas.js';
import { baseUrlOf } from '../http/base-url.js';
import type { HttpContext } from '../http/context.js';
import { newLinkId, toSessionInput } from './session-input.js';
import { revokeLink } from '../http/operations.js';

export function signupLinkRoutes(ctx: HttpContext): Router {
  const r = Router();
  const { engine, tokens } = ctx;
  const auth = requireApiKey(ctx.config.apiKeys);

  r.post('/v1/signup-links', auth, async (req, res) => {
    const body = parseOrThrow(CreateLinkBodySchema, req.body);
    const ttl = body.ttl ?? LINK_TTL.default;
    const id = newLinkId();
    const { session } = await engine.createSession(toSessionInput(body, 'link', ttl), { id });
    const token = await tokens.mintLink(id, session.id, new Date(session.expiresAt));
    res.status(201).json({ id, sessionId: session.id, url: `${baseUrlOf(ctx, req)}/signup/${token}`, expiresAt: session.expiresAt });
  });

  r.delete('/v1/signup-links/:id', auth, async (req, res) => {
    await revokeLink(ctx, parseOrThrow(IdParamSchema, req.params.id, 'id'));
    res.status(204).end();
  });

  return r;
}
