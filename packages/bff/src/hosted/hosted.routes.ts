/**
 * GET /signup/:token — the hosted signup page. Loading it (GET or HEAD, by the customer or a mail scanner) never
 * changes anything: a link stays usable for any number of loads until its onboarding is submitted (the engine's
 * save of the signup marks it used), it is revoked, or its session expires. After the submission the page
 * shows that onboarding's progress and result (the element follows a submitted job; it offers no new signup).
 * The page carries the ASP's brand (BRAND_* under the link's `branding`) in the link's `locale` (else the browser's
 * Accept-Language among the element's languages) and, for a link with a `returnUrl`, leads back with a signed URL:
 * GET /v1/session/return-url (session token) answers it for the onboarding's stored state.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { AppError } from '../errors.js';
import { baseUrlOf } from '../http/base-url.js';
import type { HttpContext } from '../http/context.js';
import { hostedCsp, linkErrorPage, signupPage } from './hosted-page.js';
import { requireSession } from '../auth/session-auth.js';
import { sessionRateLimit } from '../middleware/rate-limit.js';
import { WIDGET_LOCALES } from '../contract/enums.js';
import type { Session } from '../domain/onboarding.types.js';
import { resolveBranding } from './branding.js';
import type { PageLocale } from './hosted-strings.js';
import { RETURN_STATES, signedReturnUrl } from './return-url.js';

/** Token lifetime on the hosted page: the rest of the session, at most 2 hours. */
const HOSTED_TOKEN_MAX_MS = 2 * 3600_000;

export function hostedRoutes(ctx: HttpContext): Router {
  const r = Router();
  const extraOrigins = (): string[] => {
    const sdkOrigin = ctx.config.hostedSdkSrc ? new URL(ctx.config.hostedSdkSrc).origin : undefined;
    return [...(ctx.config.hostedExtraOrigins ?? []), ...(sdkOrigin ? [sdkOrigin] : [])];
  };

  /** The signed "Back to <brand>" URL of the session's onboarding as stored; null without a returnUrl or an outcome yet. */
  async function returnUrlOf(session: Session): Promise<string | null> {
    const settings = ctx.config.hosted?.returnUrl;
    const target = session.hosted?.returnUrl;
    if (!settings || !target) return null;
    const onboarding = await ctx.engine.getOnboarding(session.id);
    if (!onboarding || !RETURN_STATES.includes(onboarding.state)) return null;
    return signedReturnUrl(settings.secret, target, onboarding, Math.floor(ctx.now() / 1000));
  }

  const authDeps = { tokens: ctx.tokens, engine: ctx.engine, links: ctx.links, now: ctx.now };
  r.get('/v1/session/return-url', requireSession(authDeps), sessionRateLimit(ctx.rateLimits), async (_req, res) => {
    const session = res.locals.session!;
    res.setHeader('Cache-Control', 'no-store');
    res.json({ url: await returnUrlOf(session) });
  });

  r.get('/signup/:token', async (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', hostedCsp(nonce, extraOrigins()));
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const fail = (status: number, title: string, message: string) => {
      res.status(status).type('html').send(linkErrorPage(nonce, title, message));
    };

    let linkId: string;
    let sessionId: string;
    try {
      ({ linkId, sessionId } = await ctx.tokens.verifyLink(req.params.token ?? ''));
    } catch (e) {
      if (e instanceof AppError && e.code === 'session_expired') {
        return fail(410, 'This link has expired', 'Ask the company that sent it for a new signup link.');
      }
      return fail(404, 'This link is not valid', 'Check that you opened the whole link, or ask for a new one.');
    }
    const link = await ctx.links.get(linkId);
    if (!link || link.sessionId !== sessionId) {
      return fail(404, 'This link is not valid', 'Check that you opened the whole link, or ask for a new one.');
    }
    if (link.revokedAt) return fail(410, 'This link was withdrawn', 'Ask the company that sent it for a new signup link.');
    const session = await ctx.engine.getSession(sessionId);
    const now = ctx.now();
    if (!session || Date.parse(session.expiresAt) <= now) {
      return fail(410, 'This link has expired', 'Ask the company that sent it for a new signup link.');
    }
    const tokenExpiry = new Date(Math.min(Date.parse(session.expiresAt), now + HOSTED_TOKEN_MAX_MS));
    const sessionToken = await ctx.tokens.mintSession(sessionId, tokenExpiry);
    const version = await ctx.widget.version();
    const brand = resolveBranding(ctx.config.hosted?.brand, session.hosted?.branding);
    // The logo's origin is the one thing the brand adds to the CSP (img-src only).
    const logoOrigin = brand.logoUrl ? new URL(brand.logoUrl).origin : undefined;
    res.setHeader('Content-Security-Policy', hostedCsp(nonce, extraOrigins(), logoOrigin ? [logoOrigin] : []));
    res.vary('Accept-Language');
    const locale = session.hosted?.locale ?? ((req.acceptsLanguages(...WIDGET_LOCALES) || 'en') as PageLocale);
    const backUrl = ctx.config.hosted?.returnUrl && session.hosted?.returnUrl ? await returnUrlOf(session) : undefined;
    sendPage(res, signupPage({
      nonce,
      endpoint: baseUrlOf(ctx, req),
      sessionToken,
      customerName: session.customer.displayName,
      submitted: link.usedAt !== undefined,
      widgetSrc: `/widget/whatsapp-signup.js${version ? `?v=${version}` : ''}`,
      brand,
      locale,
      linkLocale: session.hosted?.locale !== undefined,
      ...(backUrl !== undefined ? { back: backUrl ? { url: backUrl } : {} } : {}),
      ...(ctx.config.hostedSdkSrc ? { sdkSrc: ctx.config.hostedSdkSrc } : {}),
    }));
  });

  return r;
}

function sendPage(res: Response, html: string) {
  res.status(200).type('html').send(html);
}
