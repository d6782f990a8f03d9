/**
 * Sender: create the WhatsApp ES sender in the subproject with the single-use code. Before any repeat it
 * lists the subproject's senders and adopts ours (matched by WABA + phone number id), so a lost response,
 * a crash or a 409 used_phone_number_id never produce a second sender.
 */
import { SinchApiError } from '../../clients/sinch/errors.js';
import type { WhatsappSender } from '../../clients/sinch/provisioning.client.js';
import type { MetaLocalStorage } from '../onboarding.types.js';
import { mapSinchError, StepFailure } from '../sinch-error-map.js';
import type { JobEvent } from '../transitions.js';
import type { StepContext } from './step-context.js';

export interface SenderTarget {
  wabaId: string;
  phoneNumberId: string;
  metaLocalStorage?: MetaLocalStorage;
  /** Whether an ES code was handed over for this number (then it must be sent and cannot be recovered). */
  withCode: boolean;
  /** The job's first number (sets onboarding.senderId). */
  primary: boolean;
  /**
   * Step bookkeeping (status running, attempts) persisted with the first write of this attempt: one write
   * fewer between the code's arrival and create-sender (the latency bench/engine.bench.ts measures).
   */
  begin?: JobEvent;
}

const USED_PHONE = new Set(['used_phone_number_id', 'provisioned_phone_number_id']);

/**
 * Finds our sender among the subproject's. Exact match on wabaId + phoneNumberId when Sinch echoes them;
 * otherwise (UNCONFIRMED whether the DTO carries them) the one sender of this dedicated subproject we don't know yet.
 */
export function matchSender(senders: WhatsappSender[], t: { wabaId: string; phoneNumberId: string }, known: Set<string>): WhatsappSender | undefined {
  const exact = senders.find((s) => s.wabaId === t.wabaId && s.phoneNumberId === t.phoneNumberId);
  if (exact) return exact;
  const opaque = senders.filter((s) => s.wabaId === undefined && s.phoneNumberId === undefined && !known.has(s.id));
  return opaque.length === 1 ? opaque[0] : undefined;
}

async function lookup(ctx: StepContext, t: SenderTarget): Promise<WhatsappSender | undefined> {
  const job = ctx.job;
  const senders = await ctx.sinch.provisioning.listAllSenders(job.onboarding.subprojectId!, ctx.signal);
  const known = new Set(job.onboarding.phoneNumbers.map((p) => p.senderId).filter((x): x is string => !!x));
  return matchSender(senders, t, known);
}

async function record(ctx: StepContext, t: SenderTarget, s: WhatsappSender, how: string): Promise<void> {
  const state = s.state ?? s.changes?.status;
  await ctx.apply({
    type: 'sender_recorded',
    phoneNumberId: t.phoneNumberId,
    senderId: s.id,
    state,
    primary: t.primary,
    ...(s.bearerToken ? { sealedBearerToken: ctx.box.seal(s.bearerToken, `${ctx.id}:${s.id}`) } : {}),
  });
  ctx.log.info({ jobId: ctx.id, senderId: s.id, senderState: state, how }, 'sender recorded');
}

export async function runSender(ctx: StepContext, t: SenderTarget): Promise<void> {
  const key = `sender:${t.phoneNumberId}`;
  const subprojectId = ctx.job.onboarding.subprojectId!;
  const region = ctx.job.internal.signup!.region;

  let begin = t.begin;
  // Recorded by a run that stopped before marking the step done: ours already (a lookup would skip it as known).
  const recorded = ctx.job.onboarding.phoneNumbers.find((p) => p.phoneNumberId === t.phoneNumberId)?.senderId;
  if (recorded && (!t.primary || ctx.job.onboarding.senderId === recorded)) {
    if (begin) await ctx.apply(begin);
    ctx.dropCode(t.phoneNumberId);
    ctx.log.info({ jobId: ctx.id, senderId: recorded, how: 'already recorded' }, 'sender recorded');
    return;
  }
  if (ctx.job.internal.intents[key]) {
    if (begin) await ctx.apply(begin);
    begin = undefined;
    await ctx.settle(key);
    const found = await lookup(ctx, t);
    if (found) return record(ctx, t, found, 'reconciled');
  }

  const code = ctx.code(t.phoneNumberId);
  const sendCode = ctx.settings.unconfirmed.sendAuthCode && t.withCode;
  if (sendCode && !code) {
    if (begin) await ctx.apply(begin);
    throw new StepFailure({
      code: 'code_expired',
      message: 'The signup code is no longer available (it lives 30 s); run Embedded Signup again',
      retryable: false,
    });
  }

  await ctx.recordIntent(key, ...(begin ? [begin] : []));
  let sender: WhatsappSender;
  try {
    sender = await ctx.sinch.provisioning.createSender(
      subprojectId,
      {
        wabaId: t.wabaId,
        phoneNumberId: t.phoneNumberId,
        region,
        ...(t.metaLocalStorage ? { metaLocalStorage: t.metaLocalStorage } : {}),
        ...(sendCode ? { authenticationCode: code } : {}),
      },
      ctx.signal,
    );
  } catch (e) {
    if (e instanceof SinchApiError && e.sinchCode && USED_PHONE.has(e.sinchCode) && ctx.settings.unconfirmed.treat409UsedPhoneAsExisting) {
      // UNCONFIRMED: the 409 may mean "already created" — by us, if it lives in our subproject.
      const found = await lookup(ctx, t);
      if (found) return record(ctx, t, found, 'reconciled after 409');
    }
    const f = mapSinchError('sender', e, [code]);
    // Keep the code for another attempt only when Sinch surely did not redeem it (429) or may not have
    // (timeout, 5xx: the retry looks the sender up first); a final answer ends its use.
    if (!f.transient) ctx.dropCode(t.phoneNumberId);
    throw f;
  }
  ctx.dropCode(t.phoneNumberId);
  await record(ctx, t, sender, 'created');
}
