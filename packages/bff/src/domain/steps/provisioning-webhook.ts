/**
 * Warm-up's last part: the subproject's Provisioning webhook, so Sinch tells the BFF at once when a sender
 * changes (POST /v1/sinch/provisioning-events) and activation polls only as a fallback. Idempotent: the
 * project's webhooks are listed first and one with our target is ours (as is a `409 webhook_exists`); the
 * secret is random per subproject, sealed in the job before the call (the callback route verifies with it).
 * Without a configured target (PUBLIC_URL unset or PROVISIONING_WEBHOOKS=0) nothing is registered; a failure
 * is logged and leaves the job on polling, it never fails warm-up.
 */
import { randomBytes } from 'node:crypto';
import { SinchApiError } from '../../clients/sinch/errors.js';
import type { StepContext } from './step-context.js';

/** The sender triggers the engine acts on (api-facts §3 and §8). */
export const PROVISIONING_WEBHOOK_TRIGGERS = [
  'WHATSAPP_SENDER_ACTIVE',
  'WHATSAPP_SENDER_ERROR',
  'WHATSAPP_SENDER_INACTIVE',
  'WHATSAPP_SENDER_PENDING_VERIFICATION',
  'WHATSAPP_SENDER_REJECTED',
  'WHATSAPP_SENDER_QUALITY_RATING_CHANGED',
  'WHATSAPP_SENDER_DISPLAY_NAME_UPDATED',
  'WHATSAPP_SENDER_DELETED',
] as const;

/** Additional data the sealed secret is bound to (one job, this purpose). */
export const provisioningSecretAad = (jobId: string): string => `${jobId}:provisioning-webhook`;

const KEY = 'provisioning_webhook';

export async function registerProvisioningWebhook(ctx: StepContext): Promise<void> {
  const target = ctx.settings.provisioningWebhookTarget;
  if (!target || ctx.job.internal.provisioningWebhook?.id) return;
  const subprojectId = ctx.job.onboarding.subprojectId!;
  const api = ctx.sinch.provisioning.webhooks;
  const aad = provisioningSecretAad(ctx.id);
  const readable = (): string | undefined => {
    const sealed = ctx.job.internal.provisioningWebhook?.sealedSecret;
    try {
      return sealed === undefined ? undefined : ctx.box.open(sealed, aad);
    } catch {
      return undefined; // sealed under another ENCRYPTION_KEY
    }
  };
  const record = async (webhookId: string, how: string) => {
    await ctx.apply({ type: 'provisioning_webhook_recorded', webhookId });
    ctx.log.info({ jobId: ctx.id, subprojectId, webhookId, how }, 'provisioning webhook recorded');
  };
  const ours = async () => (await api.list(subprojectId, ctx.signal)).find((w) => w.target === target);
  try {
    if (ctx.job.internal.intents[KEY]) await ctx.settle(KEY);
    const existing = await ours();
    if (existing && readable() !== undefined) return await record(existing.id, 'reconciled');
    // Ours, but with a secret we can no longer read: replace it, or no callback could be verified.
    if (existing) await api.delete(subprojectId, existing.id, ctx.signal);
    const keep = readable() !== undefined;
    await ctx.recordIntent(
      KEY,
      ...(keep ? [] : [{ type: 'provisioning_webhook_sealed' as const, sealedSecret: ctx.box.seal(randomBytes(32).toString('base64url'), aad) }]),
    );
    const secret = readable()!;
    try {
      const w = await api.create(subprojectId, { target, secret, triggers: [...PROVISIONING_WEBHOOK_TRIGGERS] }, ctx.signal);
      await record(w.id, 'created');
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      // `409 webhook_exists` or an answer that never came: our target in this project is ours (its secret was sealed
      // before the call), from this attempt or an earlier one.
      const found = await ours();
      if (!found) throw e;
      await record(found.id, e instanceof SinchApiError && e.sinchCode === 'webhook_exists' ? 'reconciled after 409' : 'reconciled after a failed create');
    }
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    const sinch = e instanceof SinchApiError ? { status: e.httpStatus, code: e.sinchCode } : undefined;
    ctx.log.warn({ jobId: ctx.id, subprojectId, sinch, errName: e instanceof Error ? e.name : undefined }, 'provisioning webhook not registered; activation polls');
  }
}
