/**
 * What the runner does next for a job, read from the record alone (pure): a step, the additional numbers
 * with work left, the cleanup of an expired session, or nothing until an outside event.
 */
import type { EngineSettings } from './engine-settings.js';
import type { JobRecord } from './job.types.js';
import { lookupPending } from './number-resolution.js';
import type { StepName } from './onboarding.types.js';
import { numbersNeedingWork } from './phone-numbers.js';
import { getStep } from './transitions.js';

export type Action =
  | { kind: 'none' }
  | { kind: 'cleanup' }
  | { kind: 'step'; step: StepName }
  /** Look the WABA's phone numbers up (a finish without one): first, while the ES code lives. */
  | { kind: 'resolve_numbers' }
  /** Additional numbers with work left (sender, app, webhook or activation: number-pipeline.ts), by phone number id. */
  | { kind: 'numbers'; phoneNumberIds: string[] };

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
  const numbers = numbersNeedingWork(job);
  return numbers.length > 0 ? { kind: 'numbers', phoneNumberIds: numbers } : { kind: 'none' };
}
