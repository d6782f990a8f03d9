import { createHash } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { PapiError } from '../errors.js';
import { injectFaults } from '../fault-middleware.js';
import { secretToken, uuid } from '../ids.js';
import { senderNumberOf } from '../meta-numbers.js';
import { senderDto } from '../sender-dto.js';
import { senderView } from '../sender-lifecycle.js';
import { SENDER_STATES } from '../sender-types.js';
import type { SenderRecord, SenderRegion } from '../state.js';
import { parsePapi } from '../validation.js';
import { errorHandler, notFound } from './common.js';
import { paginate, parsePaging } from './papi-paging.js';
import { provisioningWebhookRoutes } from './provisioning-webhooks.js';

const META_LOCAL_STORAGE = ['AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'US', 'ZA'] as const;
const BUSINESS_MANAGERS = ['SINCH_BR', 'SINCH_MX', 'SINCH_UK'] as const;

/** Region × business manager (api-facts §3): BR → SINCH_BR/SINCH_MX; EU → SINCH_UK; US → all three. */
const ALLOWED_BM: Record<SenderRegion, readonly string[]> = {
  BR: ['SINCH_BR', 'SINCH_MX'],
  EU: ['SINCH_UK'],
  US: ['SINCH_BR', 'SINCH_MX', 'SINCH_UK'],
};
const DEFAULT_BM: Record<SenderRegion, string> = { BR: 'SINCH_BR', EU: 'SINCH_UK', US: 'SINCH_UK' };
const DEFAULT_STORAGE: Record<SenderRegion, string> = { BR: 'BR', EU: 'DE', US: 'US' };

/** WhatsappSenderInputEsDto (api-facts §3). */
const esBody = z.strictObject({
  wabaId: z.string().min(1),
  phoneNumberId: z.string().min(1),
  region: z.enum(['BR', 'EU', 'US']).optional(),
  metaLocalStorage: z.enum(META_LOCAL_STORAGE).optional(),
  businessManager: z.enum(BUSINESS_MANAGERS).optional(),
  authenticationCode: z.string().min(1).optional(),
});

/** Meta business portfolio id of a WABA: not in the create body, so a stable made-up one. */
const businessIdOf = (wabaId: string) => String(createHash('sha256').update(`business:${wabaId}`).digest().readBigUInt64BE(0) % 10n ** 15n).padStart(15, '1');

const notFoundErr = (id: string) => new PapiError(404, 'sender_not_found', `Sender ${id} not found.`, 'Verify the id and the projectId.');

/** Provisioning API under `/provisioning` (api-facts §3). PAPI error dialect. */
export function provisioningRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.use(injectFaults(ctx, 'provisioning', 'papi'));
  r.use(requireAuth(ctx, 'papi'));
  r.use(express.json({ limit: '256kb' }));

  // A new subproject is unusable for subprojectReadyDelayMs: 403 `forbidden` (see README).
  r.param('projectId', (_req: Request, _res: Response, next: NextFunction, projectId: string) => {
    const access = ctx.state.projectAccess(projectId, ctx.clock.now());
    if (access === 'unknown') {
      return next(new PapiError(404, 'project_not_found', `Project ${projectId} not found.`, 'Verify that projectId is correct.'));
    }
    if (access === 'not_ready') {
      return next(
        new PapiError(403, 'forbidden', `Project ${projectId} is not accessible with these credentials yet.`, 'A new subproject can take up to 30 seconds to become usable. Retry later.'),
      );
    }
    next();
  });

  const findSender = (projectId: string, id: string): SenderRecord => {
    const s = ctx.state.senders.get(id);
    if (!s || s.projectId !== projectId) throw notFoundErr(id);
    return s;
  };

  r.post('/v1/projects/:projectId/whatsapp/senders', (req, res) => {
    const projectId = req.params.projectId;
    const body = parsePapi(esBody, req.body);
    const region: SenderRegion = body.region ?? 'US';
    const businessManager = body.businessManager ?? DEFAULT_BM[region];
    if (!ALLOWED_BM[region].includes(businessManager)) {
      throw new PapiError(400, 'invalid_business_manager', `Business manager ${businessManager} cannot be used in region ${region}.`, `Use one of ${ALLOWED_BM[region].join(', ')} for region ${region}.`);
    }
    const now = ctx.clock.now();
    // Local check before the (slow) code exchange with Meta; see README.
    for (const s of ctx.state.senders.values()) {
      if (s.phoneNumberId === body.phoneNumberId) {
        throw new PapiError(409, 'used_phone_number_id', `Phone number id ${body.phoneNumberId} is already used by a sender.`, 'Use another phone number or look up the existing sender.');
      }
      // A project has one WhatsApp account, so one WABA (api-facts §8: the WABA is on the account).
      if (s.projectId === projectId && s.wabaId !== body.wabaId) {
        throw new PapiError(409, 'too_many_waba_id', `Project ${projectId} is already onboarded with another WABA.`, 'Use one project (subproject) per WhatsApp Business Account.');
      }
    }
    if (body.authenticationCode !== undefined) {
      const code = ctx.state.codes.get(body.authenticationCode);
      if (!code || code.usedAt !== undefined || now - code.issuedAt >= ctx.config.codeTtlMs || now < code.issuedAt) {
        throw new PapiError(400, 'invalid_facebook_token', 'The Facebook token or code is invalid or expired.', 'Run Embedded Signup again and send the new code right away (codes live 30 seconds and are single use).');
      }
      code.usedAt = now;
    }
    const number = senderNumberOf(ctx.state, body.phoneNumberId);
    const sender: SenderRecord = {
      id: uuid(),
      projectId,
      wabaId: body.wabaId,
      phoneNumberId: body.phoneNumberId,
      region,
      metaLocalStorage: body.metaLocalStorage ?? DEFAULT_STORAGE[region],
      businessManager,
      bearerToken: secretToken(32),
      createdAt: now,
      countryCode: number.countryCode,
      phoneNumber: number.phoneNumber,
      displayName: number.displayName,
      activationCancelled: false,
      steps: [],
      announced: 0,
    };
    ctx.state.senders.set(sender.id, sender);
    ctx.state.remember('sender bearer token', sender.bearerToken);
    res.status(201).json(senderDto(ctx.state, sender, now, { creation: true }));
  });

  r.get('/v1/projects/:projectId/whatsapp/senders', (req, res) => {
    const { offset, pageSize } = parsePaging(req, 50, 1000);
    const rawStates = ([] as unknown[]).concat(req.query.filterStates ?? []).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));
    const filter = rawStates.map((s) => s.trim()).filter(Boolean);
    const bad = filter.filter((s) => !(SENDER_STATES as readonly string[]).includes(s));
    if (bad.length) {
      throw new PapiError(400, 'invalid_input', 'Invalid input.', 'Correct the validation errors and submit again.', {
        validationErrors: bad.map((s) => `filterStates ${s} must be one of the following values: ${SENDER_STATES.join(', ')}`),
      });
    }
    const now = ctx.clock.now();
    ctx.notifier.check();
    const all = [...ctx.state.senders.values()].filter((s) => s.projectId === req.params.projectId && (!filter.length || filter.includes(senderView(ctx.state, s, now).state)));
    const { page, ...meta } = paginate(all, offset, pageSize);
    res.json({ ...meta, senders: page.map((s) => senderDto(ctx.state, s, now)) });
  });

  r.get('/v1/projects/:projectId/whatsapp/senders/:senderId', (req, res) => {
    const s = findSender(req.params.projectId, req.params.senderId);
    ctx.notifier.check();
    res.json(senderDto(ctx.state, s, ctx.clock.now()));
  });

  r.post('/v1/projects/:projectId/whatsapp/solutions/:solutionId/assign', (req, res) => {
    const { projectId, solutionId } = req.params;
    const current = ctx.state.solutionAssignments.get(projectId);
    if (current !== solutionId) {
      const onboarded = [...ctx.state.senders.values()].some((s) => s.projectId === projectId);
      if (onboarded) {
        throw new PapiError(409, 'solution_cannot_be_reassigned', 'A solution cannot be reassigned once the project has been onboarded.', 'Keep the solution that is assigned to this project.');
      }
      ctx.state.solutionAssignments.set(projectId, solutionId);
    }
    res.status(204).end();
  });

  // WhatsappAccountDto: the project's one WhatsApp account, there once a sender was created in it.
  r.get('/v1/projects/:projectId/whatsapp', (req, res) => {
    const senders = [...ctx.state.senders.values()].filter((s) => s.projectId === req.params.projectId);
    const first = senders[0];
    if (!first) throw new PapiError(404, 'account_not_found', 'Account not found.', 'Verify that the parameters are correct.');
    res.json({
      state: 'ONBOARDED',
      isEmbeddedSignup: true,
      businessManager: first.businessManager,
      wabaId: first.wabaId,
      details: { companyLegalName: first.displayName, wabaName: first.displayName, clientBusinessManagerId: businessIdOf(first.wabaId) },
      wabaMaxPriceOnboarded: false,
      wabaEnabledForInsights: false,
      wabaEnabledForDirectSend: false,
      compatibleRegions: [...new Set(senders.map((s) => s.region.toLowerCase()))],
      currency: 'EUR',
    });
  });

  provisioningWebhookRoutes(ctx, r);

  r.use(notFound('papi'));
  r.use(errorHandler('papi'));
  return r;
}
