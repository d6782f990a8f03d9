/**
 * Conversation webhook of one number's app: WEBHOOK_TARGET (or the session's), target_type HTTP by default,
 * the configured triggers, and the onboarding's random secret, sealed at rest before the first call (every
 * webhook of an onboarding shares it, so the ASP verifies all its numbers' events with one secret).
 * Reconciled by listing the app's webhooks and matching the target. No target configured → skipped.
 */
import { randomBytes } from 'node:crypto';
import type { CreateWebhookRequestBody } from '../../clients/sinch/conversation.client.js';
import { SinchApiError } from '../../clients/sinch/errors.js';
import { numberIntentKey, type NumberTarget } from '../phone-numbers.js';
import { mapSinchError } from '../sinch-error-map.js';
import type { StepContext } from './step-context.js';

export const NO_WEBHOOK_NOTE = 'skipped: no webhook target configured (WEBHOOK_TARGET or the session webhookTarget)';

export async function runWebhook(ctx: StepContext, t: NumberTarget): Promise<void> {
  let job = ctx.job;
  const session = await ctx.session();
  const target = session.webhookTarget ?? ctx.settings.webhook.target;
  if (!target) {
    await ctx.apply(
      ...(t.primary ? [{ type: 'step_noted' as const, step: 'webhook' as const, note: NO_WEBHOOK_NOTE }] : []),
      { type: 'number_webhook_skipped', phoneNumberId: t.phoneNumberId },
    );
    return;
  }
  const o = job.onboarding;
  const appId = o.phoneNumbers.find((p) => p.phoneNumberId === t.phoneNumberId)?.appId ?? (t.primary ? o.appId : undefined);
  const region = job.internal.signup!.region;
  const key = numberIntentKey('webhook', t);
  const find = async () =>
    (await ctx.sinch.conversation.listWebhooks(region, o.subprojectId!, appId!, ctx.signal)).find((w) => w.target === target);
  const recordId = async (id: string, how: string) => {
    await ctx.apply({ type: 'number_webhook_recorded', phoneNumberId: t.phoneNumberId, webhookId: id });
    ctx.log.info({ jobId: ctx.id, phoneNumberId: t.phoneNumberId, webhookId: id, how }, 'webhook recorded');
  };

  if (job.internal.intents[key]) {
    await ctx.settle(key);
    const w = await find();
    if (w) return recordId(w.id, 'reconciled');
  }

  const aad = `${ctx.id}:webhook`;
  const readable = (sealed: string | undefined) => {
    try {
      return sealed !== undefined && ctx.box.open(sealed, aad).length > 0;
    } catch {
      return false; // sealed under another ENCRYPTION_KEY; no webhook holds it yet (the lookup found none)
    }
  };
  const keep = readable(job.internal.sealedWebhookSecret);
  job = await ctx.recordIntent(
    key,
    ...(keep ? [] : [{ type: 'webhook_secret_sealed' as const, sealed: ctx.box.seal(randomBytes(32).toString('base64url'), aad) }]),
  );
  const secret = ctx.box.open(job.internal.sealedWebhookSecret!, aad);
  const body: CreateWebhookRequestBody = {
    app_id: appId!,
    target,
    target_type: ctx.settings.webhook.targetType,
    triggers: ctx.settings.webhook.triggers as CreateWebhookRequestBody['triggers'],
    secret,
  };
  try {
    const w = await ctx.sinch.conversation.createWebhook(region, o.subprojectId!, body, ctx.signal);
    await recordId(w.id, 'created');
  } catch (e) {
    // "Same target twice" is a 400: ours from an earlier attempt whose answer was lost.
    if (e instanceof SinchApiError && e.httpStatus === 400) {
      const w = await find();
      if (w) return recordId(w.id, 'reconciled after 400');
    }
    throw mapSinchError('webhook', e, [secret]);
  }
}
