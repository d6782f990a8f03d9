/** Browser routes for the widget (`Authorization: Bearer <session token>`, CORS allow-list). */
import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError, ValidationError } from '../errors.js';
import { ES_FINISH_EVENTS } from '../contract/enums.js';
import { TERMINAL_STATES, type Abandonment, type Onboarding, type Session } from '../domain/onboarding.types.js';
import { requireSession } from '../auth/session-auth.js';
import { parseOrThrow } from '../http/validate.js';
import { AbandonBodySchema, SelectPhoneNumbersBodySchema, StartVerificationBodySchema, SubmitSignupBodySchema, VerificationCodeBodySchema } from '../http/schemas.js';
import { sessionRateLimit } from '../middleware/rate-limit.js';
import { verificationRateLimit } from '../middleware/verification-rate-limit.js';
import type { HttpContext } from '../http/context.js';
import { baseUrlOf } from '../http/base-url.js';

const sessionOf = (res: Response): Session => {
  const s = res.locals.session;
  if (!s) throw new AppError('unauthorized', 'Missing session token', 401);
  return s;
};

export function sessionRoutes(ctx: HttpContext): Router {
  const r = Router();
  const { engine } = ctx;
  const authDeps = { tokens: ctx.tokens, engine, links: ctx.links, now: ctx.now };
  const perSession = sessionRateLimit(ctx.rateLimits);
  const auth = [requireSession(authDeps), perSession];
  /** Link tokens already minted for the widget's hosted fallback (signing one per poll is wasted work). */
  const linkTokens = new Map<string, string>();

  async function currentOnboarding(session: Session): Promise<Onboarding> {
    const o = await engine.getOnboarding(session.id);
    if (!o) throw new AppError('not_found', 'No onboarding for this session', 404);
    return o;
  }

  r.get('/v1/session', ...auth, async (req, res) => {
    const session = sessionOf(res);
    const onboarding = await currentOnboarding(session);
    let hostedUrl: string | null = null;
    if (session.kind === 'widget') {
      const link = await ctx.links.unusedLinkOf(session.id);
      if (link) {
        let token = linkTokens.get(link.id);
        if (!token) {
          token = await ctx.tokens.mintLink(link.id, session.id, new Date(link.expiresAt));
          if (linkTokens.size >= 10_000) linkTokens.clear();
          linkTokens.set(link.id, token);
        }
        hostedUrl = `${baseUrlOf(ctx, req)}/signup/${token}`;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      session: { id: session.id, expiresAt: session.expiresAt },
      meta: {
        appId: ctx.config.meta.appId,
        configId: ctx.config.meta.configId,
        graphVersion: ctx.config.meta.graphVersion,
        solutionId: ctx.config.meta.solutionId ?? null,
        ...(ctx.config.meta.esVersion ? { esVersion: ctx.config.meta.esVersion } : {}),
      },
      regions: session.regions,
      ...(session.prefill ? { prefill: session.prefill } : {}),
      featureType: session.featureType ?? '',
      onboarding,
      hostedUrl,
    });
  });

  r.post('/v1/session/onboarding', ...auth, async (req, res) => {
    const session = sessionOf(res);
    const body = parseOrThrow(SubmitSignupBodySchema, req.body);
    // Accepted like any finish (the fields decide the path); named in the log so a new Meta event gets noticed.
    if (!(ES_FINISH_EVENTS as readonly string[]).includes(body.event)) {
      req.log.warn({ jobId: session.id, event: body.event }, 'unknown Embedded Signup finish event accepted');
    }
    // The session's allowed regions are the engine's rule (submitSignup refuses others, naming `region`).
    // The parsed body is the SignupResult (its type is this schema's output).
    const onboarding = await engine.submitSignup(session.id, body);
    res.status(202).json({ onboarding });
  });

  // The customer's pick when the WABA's lookup found several numbers (awaiting_phone_number_choice).
  r.post('/v1/session/phone-numbers', ...auth, async (req, res) => {
    const session = sessionOf(res);
    const { phoneNumberIds } = parseOrThrow(SelectPhoneNumbersBodySchema, req.body);
    res.status(202).json({ onboarding: await engine.selectPhoneNumbers(session.id, phoneNumberIds) });
  });

  r.get('/v1/session/onboarding', ...auth, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ onboarding: await currentOnboarding(sessionOf(res)) });
  });

  r.get(
    '/v1/session/onboarding/events',
    requireSession(authDeps, { allowQueryToken: true }),
    perSession,
    async (req, res) => {
      const session = sessionOf(res);
      const first = await currentOnboarding(session);
      // A stream lives no longer than its credentials: the session's expiry, or its token's when earlier.
      const endsAt = Math.min(Date.parse(session.expiresAt), res.locals.sessionTokenExpiresAt ?? Infinity);
      const sse = ctx.streams.open(res, { sessionId: session.id, ip: req.ip }, { pingMs: ctx.ssePingMs, closeAfterMs: endsAt - ctx.now() });
      // What the stream keeps between events is small (1,000 streams share one BFF's memory budget): the last
      // event's digest rather than its JSON, and the session's id rather than the session.
      let lastDigest = '';
      let lastUpdatedAt = '';
      const push = (o: Onboarding) => {
        if (sse.closed) return;
        // Changes can race the initial read: never step back in time, never repeat an identical event.
        if (o.updatedAt < lastUpdatedAt) return;
        const digest = createHash('sha256').update(JSON.stringify(o)).digest('base64');
        if (digest === lastDigest) return;
        lastDigest = digest;
        lastUpdatedAt = o.updatedAt;
        sse.send('onboarding', { onboarding: o });
        if (TERMINAL_STATES.includes(o.state)) sse.close();
      };
      const sessionId = session.id;
      const unsubscribe = engine.onChange((o) => {
        if (o.id === sessionId) push(o);
      });
      sse.onClose(unsubscribe);
      push(first);
      // The revoke route ends the streams it finds; one revoked between the auth check and the stream's
      // registration was not among them, so look once more now that it is.
      if (!sse.closed && (await ctx.links.isSessionRevoked(sessionId))) sse.close();
    },
  );

  // Number verification of a number whose sender is PENDING_VERIFICATION (domain/verification.ts). The body is
  // parsed before the limiter so that the limit counts per number.
  const verification = [
    ...auth,
    (req: Request, res: Response, next: NextFunction) => {
      res.locals.verificationKey = `${String(res.locals.sessionId)}:${String((req.body as { phoneNumberId?: unknown } | undefined)?.phoneNumberId)}`;
      next();
    },
    verificationRateLimit((_req, res) => String(res.locals.verificationKey)),
  ];

  r.post('/v1/session/verification', ...verification, async (req, res) => {
    const body = parseOrThrow(StartVerificationBodySchema, req.body);
    res.json({ onboarding: await engine.startVerification(sessionOf(res).id, body) });
  });

  r.post('/v1/session/verification/code', ...verification, async (req, res) => {
    const body = parseOrThrow(VerificationCodeBodySchema, req.body);
    res.json({ onboarding: await engine.submitVerificationCode(sessionOf(res).id, body) });
  });

  r.post('/v1/session/abandon', ...auth, async (req, res) => {
    const session = sessionOf(res);
    const body = parseOrThrow(AbandonBodySchema, req.body);
    const at = new Date(ctx.now()).toISOString();
    const info: Abandonment =
      body.kind === 'cancel'
        ? { kind: 'cancel', at, ...(body.currentStep ? { currentStep: body.currentStep } : {}) }
        : {
            kind: 'error',
            at,
            ...(body.message !== undefined ? { message: body.message } : {}),
            ...(body.code !== undefined ? { code: String(body.code) } : {}),
            ...(body.errorId !== undefined ? { errorId: String(body.errorId) } : {}),
            ...(body.metaSessionId !== undefined ? { metaSessionId: body.metaSessionId } : {}),
          };
    res.json({ onboarding: await engine.abandon(session.id, info) });
  });

  return r;
}
