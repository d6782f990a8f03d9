/**
 * What the runner does next for a job, read from the record alone (pure): a step, an additional number's
 * sender or activation, the cleanup of an expired session, or nothing until an outside event.
 */
import type { EngineSettings } from './engine-settings.js';
import type { JobRecord, PendingNumber } from './job.types.js';
import { lookupPending } from './number-resolution.js';
import type { StepName } from './onboarding.types.js';
import { getStep } from './transitions.js';

export type Action =
  | { kind: 'none' }
  | { kind: 'cleanup' }
  | { kind: 'step'; step: StepName }
  /** Look the WABA's phone numbers up (a finish without one): first, while the ES code lives. */
  | { kind: 'resolve_numbers' }
  | { kind: 'extra_sender'; pending: PendingNumber }
  | { kind: 'extra_activation'; senderIds: string[] };

export const SENDER_FAILED_STATES = new Set(['ERROR']);
export const SENDER_FAILED_STATUSES = new Set(['ERROR', 'REJECTED', 'MULTIPLE_WABA_ERROR']);

/** Where a sender stands, from its state (or its changes' status while a change is pending). */
export function senderOutcome(s: { state?: string; changes?: { status?: string } }): 'active' | 'error' | 'pending' {
  if (s.state === 'ACTIVE') return 'active';
  if ((s.state && SENDER_FAILED_STATES.has(s.state)) || (s.changes?.status && SENDER_FAILED_STATUSES.has(s.changes.status))) return 'error';
  return 'pending';
}

export function nextAction(job: JobRecord, settings: Pick<EngineSettings, 'deleteExpiredSubprojects'>): Action {
  const o = job.onboarding;
  const i = job.internal;
  if (i.expired) {
    const leftover = !i.subprojectDeleted && (o.subprojectId !== undefined || i.intents.subproject !== undefined);
    return settings.deleteExpiredSubprojects && leftover ? { kind: 'cleanup' } : { kind: 'none' };
  }
  if (o.error) return { kind: 'none' };
  if (i.signup && lookupPending(job)) return { kind: 'resolve_numbers' };
  const status = (n: StepName) => getStep(job, n).status;
  if (status('warm_up') !== 'done') return { kind: 'step', step: 'warm_up' };
  if (!i.signup) return { kind: 'none' };
  if (status('sender') !== 'done') return i.signup.phoneNumberId ? { kind: 'step', step: 'sender' } : { kind: 'none' };
  for (const step of ['app', 'webhook', 'activation'] as const) if (status(step) !== 'done') return { kind: 'step', step };
  const pending = i.pendingNumbers[0];
  if (pending) return { kind: 'extra_sender', pending };
  const following = o.phoneNumbers
    .filter((p) => p.senderId && p.senderId !== o.senderId && !p.error && senderOutcome({ state: p.senderState }) === 'pending')
    .map((p) => p.senderId!);
  return following.length > 0 ? { kind: 'extra_activation', senderIds: following } : { kind: 'none' };
}
