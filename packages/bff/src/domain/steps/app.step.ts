/**
 * Conversation app of one number in the chosen region, WHATSAPP channel with static_bearer = the sender's
 * bearerToken. An app holds one WhatsApp credential, so every number gets its own. Before creating, the
 * sender is read once: its `compatibleRegions` must include the region (else `region_incompatible`), and its
 * display number, name and quality are recorded. Reconciled by listing the region's apps and matching our
 * display_name marker (or the claimed identity).
 */
import type { AppCreateRequest, WhatsappSender } from '../../clients/sinch/index.js';
import type { ConversationApp } from '../../clients/sinch/conversation.client.js';
import { backoff } from '../../lib/backoff.js';
import { POLL } from '../clock.js';
import { conversationRegion } from '../onboarding.types.js';
import { numberIntentKey, senderDetails, type NumberTarget } from '../phone-numbers.js';
import { mapSinchError, senderFailure, StepFailure } from '../sinch-error-map.js';
import { appDisplayName, type StepContext } from './step-context.js';
import { sweepApps } from './sweep-duplicates.js';

/** The app's display_name: the first number's marker is the session id (as before), another number's adds its id. */
export const numberAppName = (displayName: string, id: string, t: NumberTarget): string =>
  appDisplayName(displayName, t.primary ? id : `${id} ${t.phoneNumberId}`);

function sealedToken(ctx: StepContext, senderId: string): string | undefined {
  const sealed = ctx.job.internal.sealedBearerTokens[senderId];
  if (!sealed) return undefined;
  try {
    return ctx.box.open(sealed, `${ctx.id}:${senderId}`);
  } catch {
    // Sealed under another ENCRYPTION_KEY (rotated, or a random sandbox key of an earlier run): ask Sinch again.
    ctx.log.warn({ jobId: ctx.id }, 'sealed bearer token unreadable with the current ENCRYPTION_KEY; fetching it from Sinch');
    return undefined;
  }
}

/** Reads the sender (polled while Sinch fills in its token), checks its regions and records its details; returns the token. */
async function readSender(ctx: StepContext, t: NumberTarget): Promise<string> {
  const { subprojectId, region } = { subprojectId: ctx.job.onboarding.subprojectId!, region: ctx.job.internal.signup!.region };
  const step = t.primary ? ('app' as const) : undefined;
  const started = ctx.clock.now();
  for (let attempt = 0; ; attempt++) {
    const s: WhatsappSender = await ctx.sinch.provisioning.getSender(subprojectId, t.senderId, ctx.signal);
    if (attempt === 0) {
      const details = senderDetails(s);
      if (Object.keys(details).length > 0) await ctx.apply({ type: 'sender_details', senderId: t.senderId, details });
      const want = conversationRegion(region);
      const regions = (s.compatibleRegions ?? []).map((r) => r.toLowerCase());
      if (regions.length > 0 && !regions.includes(want)) {
        throw new StepFailure({
          code: 'region_incompatible',
          message: `This number can be used in ${regions.join(', ').toUpperCase()} only, not in ${region}`,
          retryable: false,
        });
      }
    }
    const token = sealedToken(ctx, t.senderId) ?? s.bearerToken;
    if (token) return token;
    const failed = senderFailure(s);
    if (failed) throw failed;
    if (ctx.clock.now() - started > ctx.settings.activationTimeoutMs) {
      throw new StepFailure({ code: 'activation_timeout', message: 'The sender never got a bearer token', retryable: true });
    }
    // UNCONFIRMED whether bearerToken is filled before ACTIVE: wait for it.
    if (attempt === 0 && step) await ctx.apply({ type: 'step_waiting', step, note: 'waiting for the sender token' });
    await ctx.wait(backoff(attempt, { ...ctx.timing.activation, ...POLL }, ctx.random));
  }
}

/** How reconcile (and the duplicate sweep) recognises this number's app: our display_name marker or the claimed identity. */
export function isOurApp(ctx: StepContext, t: NumberTarget): (a: ConversationApp) => boolean {
  const name = numberAppName(ctx.job.onboarding.customer.displayName, ctx.id, t);
  const claimed = ctx.settings.unconfirmed.claimedIdentity === 'phone_number_id' ? t.phoneNumberId : t.senderId;
  return (a) => a.display_name === name || a.channel_credentials?.some((c) => c.channel === 'WHATSAPP' && c.static_bearer?.claimed_identity === claimed) === true;
}

export async function runApp(ctx: StepContext, t: NumberTarget): Promise<void> {
  const job = ctx.job;
  const o = job.onboarding;
  const region = job.internal.signup!.region;
  const subprojectId = o.subprojectId!;
  const name = numberAppName(o.customer.displayName, ctx.id, t);
  const key = numberIntentKey('app', t);
  const claimed = ctx.settings.unconfirmed.claimedIdentity === 'phone_number_id' ? t.phoneNumberId : t.senderId;
  const record = async (appId: string, how: string) => {
    await ctx.apply({ type: 'number_app_recorded', phoneNumberId: t.phoneNumberId, appId });
    ctx.log.info({ jobId: ctx.id, phoneNumberId: t.phoneNumberId, appId, how }, 'app recorded');
    await sweepApps(ctx, 'app', t, isOurApp(ctx, t));
  };

  if (job.internal.intents[key]) {
    await ctx.settle(key);
    const apps = await ctx.sinch.conversation.listApps(region, subprojectId, ctx.signal);
    const ours = apps.find(isOurApp(ctx, t));
    if (ours) return record(ours.id, 'reconciled');
  }

  const token = await readSender(ctx, t);
  const body: AppCreateRequest = {
    display_name: name,
    channel_credentials: [{ channel: 'WHATSAPP', static_bearer: { claimed_identity: claimed, token } }],
  };
  await ctx.recordIntent(key, ...(t.primary ? [{ type: 'step_resumed' as const, step: 'app' as const }] : []));
  let appId: string;
  try {
    appId = (await ctx.sinch.conversation.createApp(region, subprojectId, body, ctx.signal)).id;
  } catch (e) {
    throw mapSinchError('app', e, [token]);
  }
  await record(appId, 'created');
}
