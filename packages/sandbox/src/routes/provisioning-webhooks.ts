/**
 * Provisioning webhooks (api-facts §3, §8 "Provisioning webhooks (confirmed)"): per project, subprojects
 * included; at most 15; one per target; the secret is write-only. Mounted by the provisioning router, which
 * has already checked auth and the project.
 */
import type { Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import { PapiError } from '../errors.js';
import { ulid } from '../ids.js';
import type { ProvisioningWebhookRecord } from '../state.js';
import { isHttpUrl, parsePapi } from '../validation.js';
import { paginate, parsePaging } from './papi-paging.js';

/** WebhookWebhookTriggersEnum of the Provisioning spec. */
export const PROVISIONING_TRIGGERS = [
  'ALL',
  'BUNDLE_DONE',
  'KAKAOTALK_SENDER_ACTIVE',
  'KAKAOTALK_SENDER_COMMENT_ADDED',
  'KAKAOTALK_SENDER_INACTIVE',
  'KAKAOTALK_SENDER_REJECTED',
  'KAKAOTALK_TEMPLATE_APPROVED',
  'KAKAOTALK_TEMPLATE_COMMENT_ADDED',
  'KAKAOTALK_TEMPLATE_REJECTED',
  'RCS_BRAND_REGISTRATION_PROCESS_STATUS_UPDATED',
  'RCS_SENDER_COMMENT_ADDED',
  'RCS_SENDER_OPERATOR_STATUS_UPDATED',
  'RCS_SENDER_STATUS_UPDATED',
  'RCS_ACCOUNT_COMMENT_ADDED',
  'WHATSAPP_ACCOUNT_COMMENT_ADDED',
  'WHATSAPP_ACCOUNT_DAILY_LIMIT_CHANGED',
  'WHATSAPP_ACCOUNT_ONBOARDED',
  'WHATSAPP_ACCOUNT_PENDING_VERIFICATION',
  'WHATSAPP_ACCOUNT_REJECTED',
  'WHATSAPP_WABA_ACCOUNT_CHANGED',
  'WHATSAPP_SENDER_ACTIVE',
  'WHATSAPP_SENDER_COMMENT_ADDED',
  'WHATSAPP_SENDER_DAILY_LIMIT_CHANGED',
  'WHATSAPP_SENDER_DELETED',
  'WHATSAPP_SENDER_DISPLAY_NAME_UPDATED',
  'WHATSAPP_SENDER_ERROR',
  'WHATSAPP_SENDER_INACTIVE',
  'WHATSAPP_SENDER_PENDING_VERIFICATION',
  'WHATSAPP_SENDER_QUALITY_RATING_CHANGED',
  'WHATSAPP_SENDER_REJECTED',
  'WHATSAPP_SENDER_USERNAME_UPDATED',
  'WHATSAPP_TEMPLATE_APPROVED',
  'WHATSAPP_TEMPLATE_CATEGORY_FUTURE_UPDATE',
  'WHATSAPP_TEMPLATE_CATEGORY_UPDATED',
  'WHATSAPP_TEMPLATE_COMMENT_ADDED',
  'WHATSAPP_TEMPLATE_DELETED',
  'WHATSAPP_TEMPLATE_QUALITY_SCORE_UPDATED',
  'WHATSAPP_TEMPLATE_REJECTED',
  'WHATSAPP_TEMPLATE_STATUS_UPDATED',
] as const;

const MAX_WEBHOOKS = 15;

const target = z.string().min(1).max(742).refine(isHttpUrl, 'target must be a URL address');
const secret = z.string().min(1).max(128);
const triggers = z
  .array(z.enum(PROVISIONING_TRIGGERS))
  .min(1)
  .refine((t) => new Set(t).size === t.length, 'All triggers\'s elements must be unique')
  .refine((t) => !t.includes('ALL') || t.length === 1, 'ALL cannot be combined with other triggers');

/** WebhookWebhookInputDto (create, PUT). */
const inputBody = z.strictObject({ target, secret, triggers });
/** WebhookUpdateWebhookInputDto (PATCH): the same fields, each optional. */
const updateBody = z.strictObject({ target: target.optional(), secret: secret.optional(), triggers: triggers.optional() });

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function render(w: ProvisioningWebhookRecord) {
  return { id: w.id, projectId: w.projectId, target: w.target, triggers: w.triggers };
}

export function provisioningWebhookRoutes(ctx: SandboxContext, r: Router): void {
  const inProject = (projectId: string) => [...ctx.state.provisioningWebhooks.values()].filter((w) => w.projectId === projectId);

  const assertTargetFree = (projectId: string, t: string, self?: string) => {
    if (inProject(projectId).some((w) => w.target === t && w.id !== self)) {
      throw new PapiError(409, 'webhook_exists', 'Webhook with the provided target already exists.', 'Webhooks must have a unique target. Change the target and submit again.');
    }
  };

  const find = (projectId: string, id: string): ProvisioningWebhookRecord => {
    if (!ULID.test(id)) {
      throw new PapiError(400, 'invalid_id_format', 'Id is not in the expected format.', "webhookId param is in the wrong format. Confirm that you're sending the correct value.");
    }
    const w = ctx.state.provisioningWebhooks.get(id);
    if (!w || w.projectId !== projectId) throw new PapiError(404, 'webhook_not_found', 'Webhook not found.', 'Verify that the parameters are correct.');
    return w;
  };

  r.post('/v1/projects/:projectId/webhooks', (req, res) => {
    const projectId = req.params.projectId;
    const body = parsePapi(inputBody, req.body);
    assertTargetFree(projectId, body.target);
    if (inProject(projectId).length >= MAX_WEBHOOKS) {
      throw new PapiError(424, 'webhook_limit_reached', 'Number of webhooks has reached the limit.', 'Delete some webhooks to be able to add more.');
    }
    const now = ctx.clock.now();
    const wh: ProvisioningWebhookRecord = { id: ulid(now), projectId, target: body.target, secret: body.secret, triggers: [...body.triggers], createdAt: now };
    ctx.state.provisioningWebhooks.set(wh.id, wh);
    ctx.state.remember('provisioning webhook secret', wh.secret);
    res.status(201).json(render(wh));
  });

  // "All registered webhooks (of maximum 15) … in alphabetical order" (by target).
  r.get('/v1/projects/:projectId/webhooks', (req, res) => {
    const { offset, pageSize } = parsePaging(req, MAX_WEBHOOKS, MAX_WEBHOOKS);
    const all = inProject(req.params.projectId).sort((a, b) => a.target.localeCompare(b.target));
    const { page, ...meta } = paginate(all, offset, pageSize);
    res.json({ ...meta, webhooks: page.map(render) });
  });

  r.get('/v1/projects/:projectId/webhooks/:webhookId', (req, res) => {
    res.json(render(find(req.params.projectId, req.params.webhookId)));
  });

  // Both change the record in place, so a callback retry in flight signs with the secret as it is now.
  r.put('/v1/projects/:projectId/webhooks/:webhookId', (req, res) => {
    const body = parsePapi(inputBody, req.body);
    const w = find(req.params.projectId, req.params.webhookId);
    assertTargetFree(w.projectId, body.target, w.id);
    Object.assign(w, { target: body.target, secret: body.secret, triggers: [...body.triggers] });
    ctx.state.remember('provisioning webhook secret', w.secret);
    res.json(render(w));
  });

  r.patch('/v1/projects/:projectId/webhooks/:webhookId', (req, res) => {
    const body = parsePapi(updateBody, req.body);
    const w = find(req.params.projectId, req.params.webhookId);
    if (body.target !== undefined) assertTargetFree(w.projectId, body.target, w.id);
    if (body.target !== undefined) w.target = body.target;
    if (body.secret !== undefined) w.secret = body.secret;
    if (body.triggers !== undefined) w.triggers = [...body.triggers];
    ctx.state.remember('provisioning webhook secret', w.secret);
    res.json(render(w));
  });

  r.delete('/v1/projects/:projectId/webhooks/:webhookId', (req, res) => {
    const w = find(req.params.projectId, req.params.webhookId);
    ctx.state.provisioningWebhooks.delete(w.id);
    res.status(204).end();
  });
}
