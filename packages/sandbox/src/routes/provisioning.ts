import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { PapiError } from '../errors.js';
import { injectFaults } from '../fault-middleware.js';
import { secretToken, ulid, uuid } from '../ids.js';
import { senderDto } from '../sender-dto.js';
import type { ProvisioningWebhookRecord, SenderRecord, SenderRegion } from '../state.js';
import { isHttpUrl, pageToken, parsePapi, queryString } from '../validation.js';
import { errorHandler, notFound } from './common.js';

const META_LOCAL_STORAGE = ['AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'US', 'ZA'] as const;
const BUSINESS_MANAGERS = ['SINCH_BR', 'SINCH_MX', 'SINCH_UK'] as const;
const SENDER_STATES = ['IN_PROGRESS', 'ACTIVE', 'ERROR', 'PENDING_VERIFICATION', 'SUSPENDED', 'INACTIVE'] as const;

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

const SENDER_TRIGGERS = [
  'WHATSAPP_SENDER_ACTIVE',
  'WHATSAPP_SENDER_ERROR',
  'WHATSAPP_SENDER_INACTIVE',
  'WHATSAPP_SENDER_PENDING_VERIFICATION',
  'WHATSAPP_SENDER_REJECTED',
  'WHATSAPP_SENDER_DELETED',
  'WHATSAPP_SENDER_QUALITY_RATING_CHANGED',
  'WHATSAPP_SENDER_COMMENT_ADDED',
  'WHATSAPP_SENDER_DISPLAY_NAME_UPDATED',
  'WHATSAPP_SENDER_USERNAME_UPDATED',
  'WHATSAPP_SENDER_DAILY_LIMIT_CHANGED',
  'WHATSAPP_WABA_ACCOUNT_CHANGED',
  'BUNDLE_DONE',
  'ALL',
];
// api-facts lists WHATSAPP_ACCOUNT_* and WHATSAPP_TEMPLATE_* families without every member.
const isTrigger = (t: string) => SENDER_TRIGGERS.includes(t) || /^WHATSAPP_(ACCOUNT|TEMPLATE)_[A-Z_]+$/.test(t);

const webhookBody = z
  .strictObject({
    target: z.string().max(742).refine(isHttpUrl, 'must be a URL address'),
    secret: z.string().min(1).max(128),
    triggers: z.array(z.string().refine(isTrigger, 'must be a valid trigger')).min(1),
  })
  .refine((b) => !b.triggers.includes('ALL') || b.triggers.length === 1, { message: 'ALL cannot be combined with other triggers', path: ['triggers'] });

const MAX_WEBHOOKS = 15;

const notFoundErr = (what: string, id: string) =>
  new PapiError(404, `${what}_not_found`, `${what === 'sender' ? 'Sender' : 'Webhook'} ${id} not found.`, 'Verify the id and the projectId.');

function renderWebhook(w: ProvisioningWebhookRecord) {
  return { id: w.id, projectId: w.projectId, target: w.target, triggers: w.triggers };
}

function parsePaging(req: Request, def: number, max: number): { offset: number; pageSize: number } {
  const sizeRaw = queryString(req.query.pageSize);
  const pageSize = sizeRaw === undefined || sizeRaw === '' ? def : Number(sizeRaw);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) {
    throw new PapiError(400, 'invalid_page_size', `Page size must be an integer between 1 and ${max}.`, 'Use a integer value for pageSize parameter.');
  }
  const tokenRaw = queryString(req.query.pageToken) ?? '';
  const offset = tokenRaw === '' ? 0 : pageToken.decode(tokenRaw);
  if (offset === null) {
    throw new PapiError(400, 'invalid_page_token', 'Invalid page token.', 'The page token to use is provided in the previous query response, for new queries simply leave this field undefined.');
  }
  return { offset, pageSize };
}

function paginate<T>(items: T[], offset: number, pageSize: number) {
  return {
    totalSize: items.length,
    pageSize,
    ...(offset > 0 ? { previousPageToken: pageToken.encode(Math.max(0, offset - pageSize)) } : {}),
    ...(offset + pageSize < items.length ? { nextPageToken: pageToken.encode(offset + pageSize) } : {}),
    page: items.slice(offset, offset + pageSize),
  };
}

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
    if (!s || s.projectId !== projectId) throw notFoundErr('sender', id);
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
    }
    if (body.authenticationCode !== undefined) {
      const code = ctx.state.codes.get(body.authenticationCode);
      if (!code || code.usedAt !== undefined || now - code.issuedAt >= ctx.config.codeTtlMs || now < code.issuedAt) {
        throw new PapiError(400, 'invalid_facebook_token', 'The Facebook token or code is invalid or expired.', 'Run Embedded Signup again and send the new code right away (codes live 30 seconds and are single use).');
      }
      code.usedAt = now;
    }
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
      notifiedState: 'IN_PROGRESS',
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
    const all = [...ctx.state.senders.values()].filter((s) => s.projectId === req.params.projectId && (!filter.length || filter.includes(ctx.state.senderState(s, now))));
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

  r.post('/v1/projects/:projectId/webhooks', (req, res) => {
    const projectId = req.params.projectId;
    const body = parsePapi(webhookBody, req.body);
    const mine = [...ctx.state.provisioningWebhooks.values()].filter((w) => w.projectId === projectId);
    if (mine.some((w) => w.target === body.target)) {
      throw new PapiError(409, 'webhook_exists', 'Webhook with the provided target already exists.', 'Webhooks must have a unique target. Change the target and submit again.');
    }
    if (mine.length >= MAX_WEBHOOKS) {
      throw new PapiError(424, 'webhook_limit_reached', 'Number of webhooks has reached the limit.', 'Delete some webhooks to be able to add more.');
    }
    const now = ctx.clock.now();
    const wh: ProvisioningWebhookRecord = { id: ulid(now), projectId, target: body.target, secret: body.secret, triggers: [...body.triggers], createdAt: now };
    ctx.state.provisioningWebhooks.set(wh.id, wh);
    ctx.state.remember('provisioning webhook secret', wh.secret);
    res.status(201).json(renderWebhook(wh));
  });

  r.get('/v1/projects/:projectId/webhooks', (req, res) => {
    const { offset, pageSize } = parsePaging(req, MAX_WEBHOOKS, MAX_WEBHOOKS);
    const all = [...ctx.state.provisioningWebhooks.values()]
      .filter((w) => w.projectId === req.params.projectId)
      .sort((a, b) => a.target.localeCompare(b.target));
    const { page, ...meta } = paginate(all, offset, pageSize);
    res.json({ ...meta, webhooks: page.map(renderWebhook) });
  });

  const findWebhook = (projectId: string, id: string) => {
    const w = ctx.state.provisioningWebhooks.get(id);
    if (!w || w.projectId !== projectId) throw notFoundErr('webhook', id);
    return w;
  };

  r.get('/v1/projects/:projectId/webhooks/:webhookId', (req, res) => {
    res.json(renderWebhook(findWebhook(req.params.projectId, req.params.webhookId)));
  });

  r.delete('/v1/projects/:projectId/webhooks/:webhookId', (req, res) => {
    const w = findWebhook(req.params.projectId, req.params.webhookId);
    ctx.state.provisioningWebhooks.delete(w.id);
    res.status(204).end();
  });

  r.use(notFound('papi'));
  r.use(errorHandler('papi'));
  return r;
}
