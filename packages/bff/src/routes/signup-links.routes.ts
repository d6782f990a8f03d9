/**
 * Hosted signup links for the ASP's backend (`Authorization: Bearer <API key>`): create one (its session and link
 * row in one transaction), revoke it, list and read their lifecycle (http/signup-link-view.ts). The page a link opens
 * is hosted/hosted.routes.ts.
 */
import { Router } from 'express';
import { AppError, ValidationError } from '../errors.js';
import { requireApiKey } from '../auth/api-keys.js';
import { parseOrThrow } from '../http/validate.js';
import { CreateLinkBodySchema, IdParamSchema, LINK_TTL, ListSignupLinksQuerySchema, type CreateLinkBody } from '../http/schemas.js';
import { listSignupLinks, signupLinkView } from '../http/signup-link-view.js';
import { baseUrlOf } from '../http/base-url.js';
import type { HttpContext } from '../http/context.js';
import { newLinkId, toSessionInput } from './session-input.js';
import { revokeLink } from '../http/operations.js';
import { returnUrlRefusal } from '../hosted/return-url.js';
import type { HostedOptions } from '../domain/onboarding.types.js';

export function signupLinkRoutes(ctx: HttpContext): Router {
  const r = Router();
  const { engine, tokens } = ctx;
  const auth = requireApiKey(ctx.config.apiKeys);

  r.post('/v1/signup-links', auth, async (req, res) => {
    const body = parseOrThrow(CreateLinkBodySchema, req.body);
    const hosted = hostedOptionsOf(body, ctx);
    const ttl = body.ttl ?? LINK_TTL.default;
    const id = newLinkId();
    const { session } = await engine.createSession({ ...toSessionInput(body, 'link', ttl), ...(hosted ? { hosted } : {}) }, { id });
    const token = await tokens.mintLink(id, session.id, new Date(session.expiresAt));
    res.status(201).json({ id, sessionId: session.id, url: `${baseUrlOf(ctx, req)}/signup/${token}`, expiresAt: session.expiresAt });
  });

  r.delete('/v1/signup-links/:id', auth, async (req, res) => {
    await revokeLink(ctx, parseOrThrow(IdParamSchema, req.params.id, 'id'));
    res.status(204).end();
  });

  // The lifecycle of links (created, opened, used, revoked, expiry), newest first, by state.
  r.get('/v1/signup-links', auth, async (req, res) => {
    const q = parseOrThrow(ListSignupLinksQuerySchema, { ...req.query }, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await listSignupLinks(ctx.links, q, ctx.now()));
  });

  r.get('/v1/signup-links/:id', auth, async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    const link = await ctx.links.detail(id);
    if (!link) throw new AppError('not_found', 'No such signup link', 404);
    res.setHeader('Cache-Control', 'no-store');
    res.json(signupLinkView(link, ctx.now()));
  });

  return r;
}

/** The link's page options (branding, locale, returnUrl), checked before anything is created; undefined when none. */
function hostedOptionsOf(body: CreateLinkBody, ctx: HttpContext): HostedOptions | undefined {
  const { branding, locale, returnUrl } = body;
  if (branding?.supportUrl !== undefined && branding.supportEmail !== undefined) {
    throw new ValidationError('branding.supportEmail: give supportUrl or supportEmail, not both', 'branding.supportEmail');
  }
  if (returnUrl !== undefined) {
    const refusal = returnUrlRefusal(returnUrl, ctx.config.hosted?.returnUrl);
    if (refusal) throw new ValidationError(refusal, 'returnUrl');
  }
  if (!branding && !locale && !returnUrl) return undefined;
  return { ...(branding ? { branding } : {}), ...(locale ? { locale } : {}), ...(returnUrl ? { returnUrl } : {}) };
}
