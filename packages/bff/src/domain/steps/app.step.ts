/**
 * Conversation app in the chosen region, WHATSAPP channel with static_bearer = the sender's bearerToken.
 * Reconciled by listing the region's apps and matching our display_name marker.
 */
import type { AppCreateRequest } from '../../clients/sinch/conversation.client.js';
import { backoff } from '../../lib/backoff.js';
import { POLL } from '../clock.js';
import { mapSinchError, StepFailure } from '../sinch-error-map.js';
import { appDisplayName, type StepContext } from './step-context.js';

/** The bearer token: sealed copy from create-sender, else a GET of the sender (polled while Sinch fills it in). */
async function bearerToken(ctx: StepContext): Promise<string> {
  const job = ctx.job;
  const { subprojectId, senderId } = job.onboarding;
  const sealed = job.internal.sealedBearerTokens[senderId!];
  if (sealed) {
    try {
      return ctx.box.open(sealed, `${ctx.id}:${senderId}`);
    } catch {
      // Sealed under another ENCRYPTION_KEY (rotated, or a random sandbox key of an earlier run): ask Sinch again.
      ctx.log.warn({ jobId: ctx.id }, 'sealed bearer token unreadable with the current ENCRYPTION_KEY; fetching it from Sinch');
    }
  }
  const started = ctx.clock.now();
  for (let attempt = 0; ; attempt++) {
    const s = await ctx.sinch.provisioning.getSender(subprojectId!, senderId!, ctx.signal);
    if (s.bearerToken) return s.bearerToken;
    if (s.state === 'ERROR' || s.changes?.status === 'ERROR') {
      throw new StepFailure({
        code: 'sender_error',
        message: `Sinch reports the sender in error${s.changes?.errorCode ? `: ${s.changes.errorCode}` : ''}`,
        retryable: false,
      });
    }
    if (ctx.clock.now() - started > ctx.settings.activationTimeoutMs) {
      throw new StepFailure({ code: 'activation_timeout', message: 'The sender never got a bearer token', retryable: true });
    }
    // UNCONFIRMED whether bearerToken is filled before ACTIVE: wait for it.
    if (attempt === 0) await ctx.apply({ type: 'step_waiting', step: 'app', note: 'waiting for the sender token' });
    await ctx.wait(backoff(attempt, { ...ctx.timing.activation, ...POLL }, ctx.random));
  }
}

export async function runApp(ctx: StepContext): Promise<void> {
  const job = ctx.job;
  const o = job.onboarding;
  const region = job.internal.signup!.region;
  const subprojectId = o.subprojectId!;
  const name = appDisplayName(o.customer.displayName, ctx.id);

  if (job.internal.intents.app) {
    await ctx.settle('app');
    const apps = await ctx.sinch.conversation.listApps(region, subprojectId, ctx.signal);
    const ours = apps.find((a) => a.display_name === name);
    if (ours) {
      await ctx.apply({ type: 'app_recorded', appId: ours.id });
      ctx.log.info({ jobId: ctx.id, appId: ours.id, how: 'reconciled' }, 'app recorded');
      return;
    }
  }

  const token = await bearerToken(ctx);
  const claimed = ctx.settings.unconfirmed.claimedIdentity === 'phone_number_id' ? o.phoneNumberId! : o.senderId!;
  const body: AppCreateRequest = {
    display_name: name,
    channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: claimed, token } }],
  };
  await ctx.recordIntent('app', { type: 'step_resumed', step: 'app' });
  let appId: string;
  try {
    appId = (await ctx.sinch.conversation.createApp(region, subprojectId, body, ctx.signal)).id;
  } catch (e) {
    throw mapSinchError('app', e, [token]);
  }
  await ctx.apply({ type: 'app_recorded', appId });
  ctx.log.info({ jobId: ctx.id, appId, how: 'created' }, 'app recorded');
}
