/**
 * Activation: follow the sender until ACTIVE (done) or ERROR (failed), polling GET with backoff; a
 * verified provisioning webhook (engine.handleSenderUpdate) records the state and wakes the wait.
 */
import { SinchApiError, SinchTransportError } from '../../clients/sinch/errors.js';
import { pollDelay } from '../clock.js';
import { mapSinchError, StepFailure } from '../sinch-error-map.js';
import { setStep, type StepContext } from './step-context.js';

export const SENDER_FAILED_STATES = new Set(['ERROR']);
export const SENDER_FAILED_STATUSES = new Set(['ERROR', 'REJECTED', 'MULTIPLE_WABA_ERROR']);

export function senderOutcome(s: { state?: string; changes?: { status?: string } }): 'active' | 'error' | 'pending' {
  if (s.state === 'ACTIVE') return 'active';
  if ((s.state && SENDER_FAILED_STATES.has(s.state)) || (s.changes?.status && SENDER_FAILED_STATUSES.has(s.changes.status))) return 'error';
  return 'pending';
}

/** Follows one sender; returns when ACTIVE, throws StepFailure on ERROR or timeout. */
export async function followSender(
  ctx: StepContext,
  senderId: string,
  startedAt: string,
  onState: (state: string | undefined) => Promise<void>,
): Promise<void> {
  const job = await ctx.load();
  const subprojectId = job.onboarding.subprojectId!;
  let last: string | undefined = job.onboarding.phoneNumbers.find((p) => p.senderId === senderId)?.senderState;
  for (let attempt = 0; ; attempt++) {
    // A webhook may have recorded the final state already.
    if (last === 'ACTIVE') return;
    let s;
    try {
      s = await ctx.sinch.provisioning.getSender(subprojectId, senderId, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      const f = mapSinchError('activation', e);
      if (!(e instanceof SinchTransportError || (e instanceof SinchApiError && f.transient))) throw f;
      s = undefined;
    }
    if (s) {
      const state = s.state ?? s.changes?.status;
      if (state !== last) await onState(state);
      last = state;
      const out = senderOutcome(s);
      if (out === 'active') return;
      if (out === 'error') {
        const reason = [s.changes?.errorCode, s.changes?.errorReason].filter(Boolean).join(': ');
        throw new StepFailure({
          code: 'sender_error',
          message: `Sinch could not activate the sender${reason ? ` (${reason})` : ''}`,
          retryable: false,
          sinch: { status: 200, code: s.changes?.errorCode, message: s.changes?.errorReason },
        });
      }
    }
    if (ctx.clock.now() - Date.parse(startedAt) > ctx.settings.activationTimeoutMs) {
      throw new StepFailure({
        code: 'activation_timeout',
        message: `The sender did not become ACTIVE within ${ctx.settings.activationTimeoutMs} ms`,
        retryable: true,
      });
    }
    await ctx.wait(pollDelay(attempt, ctx.timing.activation, ctx.random));
    const fresh = await ctx.load();
    last = fresh.onboarding.phoneNumbers.find((p) => p.senderId === senderId)?.senderState ?? last;
  }
}

export async function runActivation(ctx: StepContext): Promise<void> {
  let job = await ctx.load();
  if (!job.internal.activationStartedAt) {
    job = await ctx.update((j) => {
      j.internal.activationStartedAt = ctx.nowIso();
    });
  }
  const senderId = job.onboarding.senderId!;
  await ctx.update((j) => setStep(j, 'activation', { status: 'waiting' }));
  await followSender(ctx, senderId, job.internal.activationStartedAt!, async (state) => {
    await ctx.update((j) => {
      j.onboarding.senderState = state;
      const p = j.onboarding.phoneNumbers.find((x) => x.senderId === senderId);
      if (p) p.senderState = state;
    });
  });
  await ctx.update((j) => {
    j.onboarding.senderState = 'ACTIVE';
    const p = j.onboarding.phoneNumbers.find((x) => x.senderId === senderId);
    if (p) p.senderState = 'ACTIVE';
  });
}
