/**
 * Sender: create the WhatsApp ES sender in the subproject with the single-use code. Before any repeat it
 * lists the subproject's senders and adopts ours, so a lost response, a crash or a 409 used_phone_number_id
 * never produce a second sender. The sender DTO carries no WABA or phone number id, so ours is found by
 * what it does carry: the subproject is this onboarding's alone (one WABA per project), so a sender no
 * number of the job has recorded is the outcome of the job's one create whose outcome is unknown — creates
 * are serialised per job and another number's open create is resolved before a new one is sent.
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
 * Finds our sender among the subproject's: the one not recorded by any number of the job (`known`). Should
 * there be several (a sender made outside this job), the one whose `countryCode` + `phoneNumber` is the
 * number's display number, when the job knows it; otherwise none (no guess).
 */
export function matchSender(senders: WhatsappSender[], known: Set<string>, displayPhoneNumber?: string): WhatsappSender | undefined {
  const unknown = senders.filter((s) => !known.has(s.id));
  if (unknown.length <= 1) return unknown[0];
  const digits = (x: string) => x.replace(/\D/g, '');
  const byNumber = displayPhoneNumber ? unknown.filter((s) => s.phoneNumber && digits(`${s.countryCode ?? ''}${s.phoneNumber}`) === digits(displayPhoneNumber)) : [];
  return byNumber.length === 1 ? byNumber[0] : undefined;
}

const knownSenders = (ctx: StepContext) => new Set(ctx.job.onboarding.phoneNumbers.map((p) => p.senderId).filter((x): x is string => !!x));

async function lookup(ctx: StepContext, t: SenderTarget): Promise<WhatsappSender | undefined> {
  const senders = await ctx.sinch.provisioning.listAllSenders(ctx.job.onboarding.subprojectId!, ctx.signal);
  return matchSender(senders, knownSenders(ctx), ctx.job.onboarding.phoneNumbers.find((p) => p.phoneNumberId === t.phoneNumberId)?.displayPhoneNumber);
}

/**
 * Before a new create: another number's create whose outcome is unknown (its intent written, no sender
 * recorded: it failed or the process stopped) is resolved first — settled, then its sender adopted if it
 * landed — so at most one outcome is ever unknown and the next lookup cannot mistake one for the other.
 */
async function resolveOpenCreates(ctx: StepContext, key: string): Promise<void> {
  const recorded = new Set(ctx.job.onboarding.phoneNumbers.filter((p) => p.senderId).map((p) => p.phoneNumberId));
  const open = Object.keys(ctx.job.internal.intents).filter((k) => k.startsWith('sender:') && k !== key && !recorded.has(k.slice('sender:'.length)));
  if (open.length === 0) return;
  for (const k of open) await ctx.settle(k);
  const unknown = (await ctx.sinch.provisioning.listAllSenders(ctx.job.onboarding.subprojectId!, ctx.signal)).filter((s) => !knownSenders(ctx).has(s.id));
  if (unknown.length === 0) return;
  const [only] = open;
  if (open.length === 1 && unknown.length === 1 && only) {
    const phoneNumberId = only.slice('sender:'.length);
    const primary = phoneNumberId === ctx.job.internal.signup?.phoneNumberId && !ctx.job.onboarding.senderId;
    return record(ctx, { phoneNumberId, primary }, unknown[0]!, 'reconciled before the next create');
  }
  ctx.log.warn({ jobId: ctx.id, openCreates: open.length, unknownSenders: unknown.length }, 'senders of earlier creates cannot be told apart');
}

/** What the customer knows of the number, from Sinch's sender DTO (`countryCode` + `phoneNumber`, `details.displayName`). */
export function senderNumberInfo(s: WhatsappSender): { displayPhoneNumber?: string; verifiedName?: string } {
  return {
    ...(s.countryCode && s.phoneNumber ? { displayPhoneNumber: `+${s.countryCode.replace(/^\+/, '')} ${s.phoneNumber}` } : {}),
    ...(s.details?.displayName ? { verifiedName: s.details.displayName } : {}),
  };
}

async function record(ctx: StepContext, t: Pick<SenderTarget, 'phoneNumberId' | 'primary'>, s: WhatsappSender, how: string): Promise<void> {
  const state = s.state ?? s.changes?.status;
  await ctx.apply({
    type: 'sender_recorded',
    phoneNumberId: t.phoneNumberId,
    senderId: s.id,
    state,
    primary: t.primary,
    ...senderNumberInfo(s),
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

  await resolveOpenCreates(ctx, key);
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
