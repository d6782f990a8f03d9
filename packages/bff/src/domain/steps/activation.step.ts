/**
 * Activation: follow the sender until ACTIVE (done) or ERROR (failed), polling GET with backoff; a
 * verified provisioning webhook (engine.handleSenderUpdate) records the state and wakes the wait.
 * Every state seen is recorded as a `sender_update`, the same event the webhook produces.
 */
import { classifySinchError } from '../../clients/sinch/classify.js';
import { backoff } from '../../lib/backoff.js';
import { POLL } from '../clock.js';
import { senderOutcome } from '../next-action.js';
import { mapSinchError, StepFailure } from '../sinch-error-map.js';
import { activationDeadline } from '../verification-state.js';
import type { StepContext } from './step-context.js';

const stateOf = (ctx: StepContext, senderId: string) => ctx.job.onboarding.phoneNumbers.find((p) => p.senderId === senderId)?.senderState;

/** Follows one sender; returns when ACTIVE, throws StepFailure on ERROR or timeout. */
export async function followSender(ctx: StepContext, senderId: string, startedAt: string): Promise<void> {
  const subprojectId = ctx.job.onboarding.subprojectId!;
  let last = stateOf(ctx, senderId);
  for (let attempt = 0; ; attempt++) {
    // A webhook may have recorded the final state already.
    if (last === 'ACTIVE') return;
    let s;
    try {
      s = await ctx.sinch.provisioning.getSender(subprojectId, senderId, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      // Sinch busy or unreachable: the sender's state can still come; anything else ends the activation.
      if (!classifySinchError(e, { step: 'activation', call: 'poll' }).keepWaiting) throw mapSinchError('activation', e);
      s = undefined;
    }
    if (s) {
      const state = s.state ?? s.changes?.status;
      if (state !== last) await ctx.apply({ type: 'sender_update', senderId, state });
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
    // While the number waits for the customer's code the verification window applies instead (verification-state.ts).
    const deadline = activationDeadline(ctx.job, senderId, startedAt, ctx.settings);
    if (ctx.clock.now() > deadline.at) throw deadline.failure();
    await ctx.wait(backoff(attempt, { ...ctx.timing.activation, ...POLL }, ctx.random));
    last = stateOf(ctx, senderId) ?? last;
  }
}

/** Follows a sender and records it ACTIVE (polling may have returned before any state was recorded). */
export async function activate(ctx: StepContext, senderId: string, startedAt: string): Promise<void> {
  await followSender(ctx, senderId, startedAt);
  await ctx.apply({ type: 'sender_update', senderId, state: 'ACTIVE' });
}

export async function runActivation(ctx: StepContext): Promise<void> {
  const job = await ctx.apply({ type: 'activation_started' }, { type: 'step_waiting', step: 'activation' });
  await activate(ctx, job.onboarding.senderId!, job.internal.activationStartedAt!);
}
