/**
 * Number verification as a part of the job record, pure (no I/O): a sender Sinch reports PENDING_VERIFICATION
 * makes its number `verification_required` (and the job `awaiting_verification` for the first number) until the
 * customer's right code; meanwhile activation waits on `EngineSettings.verification.timeoutMs` instead of the
 * activation timeout, which starts again once the code was taken. transitions.ts calls these; the commands that
 * talk to Sinch are in verification.ts.
 */
import type { EngineSettings } from './engine-settings.js';
import type { JobRecord } from './job.types.js';
import type { VERIFICATION_METHODS } from '../contract/enums.js';
import { StepFailure } from './sinch-error-map.js';

/** Sinch's sender state while it waits for the number's verification (the only state register/verify work in). */
export const PENDING_VERIFICATION = 'PENDING_VERIFICATION';

export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether this sender waits for the customer's code (Sinch says PENDING_VERIFICATION and no right code was taken yet). */
export function waitsForCode(job: JobRecord, senderId: string | undefined): boolean {
  if (!senderId) return false;
  const state = job.onboarding.phoneNumbers.find((p) => p.senderId === senderId)?.senderState ?? (job.onboarding.senderId === senderId ? job.onboarding.senderState : undefined);
  return state === PENDING_VERIFICATION && job.internal.verifications?.[senderId]?.verifiedAt === undefined;
}

/** The job's state while its first number waits for the customer's code. */
export const awaitingVerification = (job: JobRecord): boolean => !job.onboarding.error && waitsForCode(job, job.onboarding.senderId);

/** After a sender's state was recorded: the number's status and verification progress follow it. */
export function noteSenderState(job: JobRecord, senderId: string, state: string | undefined, now: number): void {
  if (!state) return;
  const i = job.internal;
  if (state === PENDING_VERIFICATION) {
    const v = (i.verifications ??= {});
    v[senderId] ??= { requiredAt: iso(now) };
  }
  const waiting = waitsForCode(job, senderId);
  // Only numbers that went through a verification: the other statuses are not this module's.
  if (!waiting && i.verifications?.[senderId] === undefined) return;
  for (const p of job.onboarding.phoneNumbers) {
    if (p.senderId !== senderId) continue;
    if (waiting) {
      p.status = 'verification_required';
      p.verification ??= {};
    } else if (p.status === 'verification_required' || p.status === 'pending') {
      // Sinch moved the sender on (the code was taken, maybe before its answer reached us): activation counts from here.
      const v = i.verifications?.[senderId];
      if (p.status === 'verification_required' && v && v.verifiedAt === undefined) v.leftAt = iso(now);
      p.status = state === 'ACTIVE' ? 'active' : 'pending';
      delete p.verification;
    }
  }
}

/** Sinch sent a code: when, how, and when a new one may be asked for. */
export function noteCodeSent(job: JobRecord, senderId: string, method: VerificationMethod, codeSentAt: string, resendAvailableAt: string): void {
  for (const p of job.onboarding.phoneNumbers) {
    if (p.senderId === senderId) p.verification = { method, codeSentAt, resendAvailableAt };
  }
}

/** Sinch took the code: the number is set up further (activation follows again, its timeout counted from now). */
export function noteVerified(job: JobRecord, senderId: string, now: number): void {
  const v = (job.internal.verifications ??= {});
  v[senderId] = { requiredAt: v[senderId]?.requiredAt ?? iso(now), verifiedAt: iso(now) };
  for (const p of job.onboarding.phoneNumbers) {
    if (p.senderId !== senderId) continue;
    if (p.status === 'verification_required') p.status = 'pending';
    delete p.verification;
  }
}

/** A retried activation waits for the customer's code afresh (a new verification_timeout from now). */
export function restartVerificationWaits(job: JobRecord, now: number): void {
  for (const v of Object.values(job.internal.verifications ?? {})) if (v.verifiedAt === undefined) v.requiredAt = iso(now);
}

/**
 * When following this sender gives up, and with what: while it waits for the customer's code, the verification
 * window (`verification_timeout`); otherwise the activation timeout, counted from the start of the activation or
 * from the accepted code (or the sender leaving PENDING_VERIFICATION), whichever is later.
 */
export function activationDeadline(
  job: JobRecord,
  senderId: string,
  startedAt: string,
  settings: Pick<EngineSettings, 'activationTimeoutMs' | 'verification'>,
): { at: number; failure: () => StepFailure } {
  const v = job.internal.verifications?.[senderId];
  if (v && waitsForCode(job, senderId)) {
    const limit = settings.verification.timeoutMs;
    return {
      at: Date.parse(v.requiredAt) + limit,
      failure: () => new StepFailure({ code: 'verification_timeout', message: `The phone number was not verified within ${limit} ms`, retryable: true }),
    };
  }
  const limit = settings.activationTimeoutMs;
  return {
    at: Math.max(Date.parse(startedAt), ...[v?.verifiedAt, v?.leftAt].map((t) => (t ? Date.parse(t) : 0))) + limit,
    failure: () => new StepFailure({ code: 'activation_timeout', message: `The sender did not become ACTIVE within ${limit} ms`, retryable: true }),
  };
}
