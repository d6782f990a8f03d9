/**
 * `POST /v1/session/events`: the element and the hosted page report the signup funnel's milestones
 * (`FUNNEL_MILESTONES`), fire-and-forget (`fetch(…, { keepalive: true })`), with the session token like the other
 * browser routes (CORS in app.ts covers /v1/session). The first report of a milestone per session is kept; a repeat
 * answers 204 too and changes nothing. Limited per session (`perSessionEvents`, 30 a minute).
 */
import { Router, type Response } from 'express';
import { AppError, ValidationError } from '../errors.js';
import { requireSession } from '../auth/session-auth.js';
import { parseOrThrow } from '../http/validate.js';
import { SessionEventBodySchema } from '../http/schemas.js';
import { sessionRateLimit } from '../middleware/rate-limit.js';
import type { HttpContext } from '../http/context.js';

const sessionIdOf = (res: Response): string => {
  const id = res.locals.sessionId;
  if (!id) throw new AppError('unauthorized', 'Missing session token', 401);
  return id;
};

export function sessionEventRoutes(ctx: HttpContext): Router {
  const r = Router();
  const auth = requireSession({ tokens: ctx.tokens, engine: ctx.engine, links: ctx.links, now: ctx.now });

  r.post('/v1/session/events', auth, sessionRateLimit(ctx.rateLimits, ctx.rateLimits.perSessionEvents), async (req, res) => {
    const sessionId = sessionIdOf(res);
    const body = parseOrThrow(SessionEventBodySchema, req.body);
    // Each detail belongs to one milestone: anything else is a client bug, said at once rather than stored.
    if (body.currentStep !== undefined && body.milestone !== 'cancelled') {
      throw new ValidationError('Invalid currentStep: only with milestone cancelled', 'currentStep');
    }
    if (body.errorCode !== undefined && body.milestone !== 'meta_error') {
      throw new ValidationError('Invalid errorCode: only with milestone meta_error', 'errorCode');
    }
    const event = {
      sessionId,
      milestone: body.milestone,
      at: new Date(ctx.now()).toISOString(),
      ...(body.currentStep !== undefined ? { currentStep: body.currentStep } : {}),
      ...(body.errorCode !== undefined ? { errorCode: String(body.errorCode) } : {}),
    };
    if (await ctx.sessionEvents.record(event)) ctx.metrics.observeMilestone(event);
    res.status(204).end();
  });

  return r;
}
