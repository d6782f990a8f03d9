/**
 * What the ASP's server API and the operator console both do to an onboarding or a link: each operation once,
 * called by routes/asp.routes.ts, routes/signup-links.routes.ts and console/console-api.routes.ts alike.
 */
import { AppError } from '../errors.js';
import type { MetaLocalStorage, Onboarding } from '../domain/onboarding.types.js';
import type { HttpContext } from './context.js';

type Ctx = Pick<HttpContext, 'engine' | 'links' | 'streams' | 'now'>;

/** Resumes a failed onboarding from its failed step (404 unknown, 409 `not_retryable`). */
export async function retryOnboarding(ctx: Pick<Ctx, 'engine'>, id: string): Promise<Onboarding> {
  if (!(await ctx.engine.getOnboarding(id))) throw new AppError('not_found', 'No such onboarding', 404);
  return ctx.engine.retry(id);
}

/** Onboards another number of the onboarding's WABA (404 unknown; the engine's refusals otherwise). */
export async function addPhoneNumber(
  ctx: Pick<Ctx, 'engine'>,
  id: string,
  input: { phoneNumberId: string; code?: string; metaLocalStorage?: MetaLocalStorage },
): Promise<Onboarding> {
  if (!(await ctx.engine.getOnboarding(id))) throw new AppError('not_found', 'No such onboarding', 404);
  return ctx.engine.addPhoneNumber(id, input);
}

/** Revokes a signup link (404 unknown): its session's tokens stop working and its open streams end now. */
export async function revokeLink(ctx: Ctx, id: string): Promise<void> {
  const link = await ctx.links.get(id);
  if (!link || !(await ctx.links.revoke(id, new Date(ctx.now()).toISOString()))) throw new AppError('not_found', 'No such signup link', 404);
  // The session's tokens stop working (session-auth checks the revocation); its open streams end now.
  ctx.streams.endSession(link.sessionId);
}
