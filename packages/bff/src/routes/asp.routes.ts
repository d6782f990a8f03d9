/** Server-to-server routes for the ASP's backend (`Authorization: Bearer <API key>`). */
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requireApiKey } from '../auth/api-keys.js';
import { parseOrThrow } from '../http/validate.js';
import {
  AddPhoneNumberBodySchema,
  AspStartVerificationBodySchema,
  AspVerificationCodeBodySchema,
  CreateSessionBodySchema,
  IdParamSchema,
  ListOnboardingsQuerySchema,
  PhoneNumberIdParamSchema,
  SESSION_TTL,
} from '../http/schemas.js';
import { newLinkId, toSessionInput } from './session-input.js';
import { verificationRateLimit } from '../middleware/verification-rate-limit.js';
import type { HttpContext } from '../http/context.js';
import { addPhoneNumber, retryOnboarding } from '../http/operations.js';

const EmptyBodySchema = z.strictObject({}).optional();

export function aspRoutes(ctx: HttpContext): Router {
  const r = Router();
  const { engine, tokens } = ctx;
  const auth = requireApiKey(ctx.config.apiKeys);

  r.post('/v1/sessions', auth, async (req, res) => {
    const body = parseOrThrow(CreateSessionBodySchema, req.body);
    const ttl = body.ttl ?? SESSION_TTL.default;
    // A link row for the same session backs the widget's hosted-page fallback (`hostedUrl`).
    const { session } = await engine.createSession(toSessionInput(body, 'widget', ttl), { id: newLinkId() });
    const expiresAt = new Date(session.expiresAt);
    const token = await tokens.mintSession(session.id, expiresAt);
    res.status(201).json({ id: session.id, token, expiresAt: session.expiresAt });
  });

  r.get('/v1/onboardings', auth, async (req, res) => {
    const q = parseOrThrow(ListOnboardingsQuerySchema, { ...req.query }, 'query');
    const page = await engine.listOnboardings({
      pageSize: q.pageSize ?? 20,
      ...(q.state ? { state: q.state } : {}),
      ...(q.pageToken ? { pageToken: q.pageToken } : {}),
    });
    res.json({ items: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
  });

  r.get('/v1/onboardings/:id', auth, async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    const onboarding = await engine.getOnboarding(id);
    if (!onboarding) throw new AppError('not_found', 'No such onboarding', 404);
    res.json({ onboarding });
  });

  r.post('/v1/onboardings/:id/retry', auth, async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    parseOrThrow(EmptyBodySchema, req.body);
    res.status(202).json({ onboarding: await retryOnboarding(ctx, id) });
  });

  r.post('/v1/onboardings/:id/phone-numbers', auth, async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    const body = parseOrThrow(AddPhoneNumberBodySchema, req.body);
    const onboarding = await addPhoneNumber(ctx, id, {
      phoneNumberId: body.phoneNumberId,
      ...(body.code ? { code: body.code } : {}),
      ...(body.metaLocalStorage ? { metaLocalStorage: body.metaLocalStorage } : {}),
    });
    res.status(202).json({ onboarding });
  });

  // The number verification the element offers, for ASPs that build their own UI (domain/verification.ts).
  const perNumber = verificationRateLimit((req) => `${String(req.params.id)}:${String(req.params.phoneNumberId)}`);
  const numberOf = (params: Record<string, unknown>) => ({
    id: parseOrThrow(IdParamSchema, params.id, 'id'),
    phoneNumberId: parseOrThrow(PhoneNumberIdParamSchema, params.phoneNumberId, 'phoneNumberId'),
  });

  r.post('/v1/onboardings/:id/phone-numbers/:phoneNumberId/verification', auth, perNumber, async (req, res) => {
    const { id, phoneNumberId } = numberOf(req.params);
    const { method } = parseOrThrow(AspStartVerificationBodySchema, req.body);
    res.json({ onboarding: await engine.startVerification(id, { phoneNumberId, method }) });
  });

  r.post('/v1/onboardings/:id/phone-numbers/:phoneNumberId/verification/code', auth, perNumber, async (req, res) => {
    const { id, phoneNumberId } = numberOf(req.params);
    const { code } = parseOrThrow(AspVerificationCodeBodySchema, req.body);
    res.json({ onboarding: await engine.submitVerificationCode(id, { phoneNumberId, code }) });
  });

  return r;
}
