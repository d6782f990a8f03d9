/**
 * Activation: follow a number's sender until ACTIVE (done) or a failing state (ERROR, REJECTED, SUSPENDED,
 * INACTIVE: domain/sinch-error-map.ts senderFailure), polling GET with backoff; a verified provisioning
 * callback (engine.handleSenderUpdate) records the state and wakes the wait. When the subproject has its
 * Provisioning webhook, polling is only the fallback and runs FALLBACK_POLL_FACTOR times slower.
 * Every state seen is recorded as a `sender_update`, the same event the callback produces.
 */
import { classifySinchError } from '../../clients/sinch/classify.js';
import { backoff } from '../../lib/backoff.js';
import { POLL } from '../clock.js';
import { detailsChange, senderDetails, type NumberTarget } from '../phone-numbers.js';
import { mapSinchError, senderFailure } from '../sinch-error-map.js';
import { activationDeadline } from '../verification-state.js';
import { isOurApp } from './app.step.js';
import type { StepContext } from './step-context.js';
import { sweepApps, sweepSubprojects } from './sweep-duplicates.js';

/** How much slower activation polls when Sinch calls back (the subproject has a Provisioning webhook). */
export const FALLBACK_POLL_FACTOR = 4;

const numberOf = (ctx: StepContext, senderId: string) => ctx.job.onboarding.phoneNumbers.find((p) => p.senderId === senderId);

/** Follows one sender; returns when ACTIVE, throws StepFailure on a failing state or timeout (activation or verification). */
export async function followSender(ctx: StepContext, senderId: string, startedAt: string): Promise<void> {
  const subprojectId = ctx.job.onboarding.subprojectId!;
  const { baseMs, capMs } = ctx.timing.activation;
  const slow = ctx.job.internal.provisioningWebhook?.id !== undefined ? FALLBACK_POLL_FACTOR : 1;
  const poll = { baseMs: baseMs * slow, capMs: capMs * slow, ...POLL };
  let last = numberOf(ctx, senderId)?.senderState;
  for (let attempt = 0; ; attempt++) {
    // A callback may have recorded the final state already.
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
      const details = senderDetails(s);
      const known = numberOf(ctx, senderId);
      if (known && Object.keys(detailsChange(known, details)).length > 0) {
        await ctx.apply({ type: 'sender_details', senderId, details });
      }
      if (s.state === 'ACTIVE') return;
      const failed = senderFailure(s);
      if (failed) throw failed;
    }
    // While the number waits for the customer's code the verification window applies instead (verification-state.ts).
    const deadline = activationDeadline(ctx.job, senderId, startedAt, ctx.settings);
    if (ctx.clock.now() > deadline.at) throw deadline.failure();
    await ctx.wait(backoff(attempt, poll, ctx.random));
    last = numberOf(ctx, senderId)?.senderState ?? last;
  }
}

/**
 * Follows a number's sender and records it ACTIVE (polling may have returned before any state was recorded).
 * Just before, the duplicates a late create may have left are swept (a late request has had the most time to land).
 */
export async function activate(ctx: StepContext, t: NumberTarget, startedAt: string): Promise<void> {
  await followSender(ctx, t.senderId, startedAt);
  if (t.primary) await sweepSubprojects(ctx, 'activation');
  await sweepApps(ctx, 'activation', t, isOurApp(ctx, t));
  await ctx.apply({ type: 'sender_update', senderId: t.senderId, state: 'ACTIVE' });
}

/** The first number's activation step. */
export async function runActivation(ctx: StepContext, t: NumberTarget): Promise<void> {
  const job = await ctx.apply({ type: 'activation_started' }, { type: 'step_waiting', step: 'activation' });
  await activate(ctx, t, job.internal.activationStartedAt!);
}
