/**
 * Every change of an onboarding job, as pure functions: `transition(job, event, now) → { job, effects }`.
 * Nothing here does I/O; the engine's commands and the runner's steps describe what happened as events,
 * the job store persists the result, and the engine carries out the effects. The job's state is derived
 * from the record after every event (deriveState), never set by hand.
 *
 * Rejections (a command that the job's state refuses) are thrown as AppError before anything changes.
 */
import { AppError } from '../errors.js';
import { jsonOf, rememberJson } from './job-json.js';
import type { JobRecord, PendingNumber } from './job.types.js';
import {
  STEP_NAMES,
  type Abandonment,
  type JobState,
  type MetaLocalStorage,
  type Onboarding,
  type Session,
  type SignupResult,
  type StepName,
  type StepProgress,
} from './onboarding.types.js';
import type { NumberLookupVia } from './number-lookup.js';
import { acceptSignupNumbers, applyNumberEvent, codeNumberOf, numberArrived, sameSignup, signupState, type NumberEvent } from './number-resolution.js';
import { applyPhoneNumberEvent, isPhoneNumberEvent, refreshNumberStatuses, type PhoneNumberEvent } from './phone-numbers.js';
import type { StepError } from './sinch-error-map.js';
import { awaitingVerification, noteCodeSent, noteSenderState, noteVerified, restartVerificationWaits, type VerificationMethod } from './verification-state.js';

export type JobEvent =
  // ------------------------------------------------------------- per phone number (phone-numbers.ts)
  | PhoneNumberEvent
  /** The subproject's Provisioning webhook: its secret sealed before the call, then its id. */
  | { type: 'provisioning_webhook_sealed'; sealedSecret: string }
  | { type: 'provisioning_webhook_recorded'; webhookId: string }
  // ------------------------------------------------------------- from the API (commands)
  /** `lookup`: how the engine can find the numbers when the result names none (number-resolution.ts). */
  | { type: 'signup_submitted'; result: SignupResult; lookup?: NumberLookupVia }
  | NumberEvent
  | { type: 'retry_requested' }
  | { type: 'phone_number_added'; phoneNumberId: string; code?: string; metaLocalStorage?: MetaLocalStorage }
  | { type: 'abandoned'; info: Abandonment }
  /** A sender's state, from a provisioning webhook or the engine's own polling (the one writer of senderState). */
  | { type: 'sender_update'; senderId: string; state: string | undefined }
  /** The session ended unused (expiry sweep). */
  | { type: 'expired' }
  /** Sinch sent a PENDING_VERIFICATION sender its code (domain/verification.ts). */
  | { type: 'verification_code_sent'; senderId: string; method: VerificationMethod; codeSentAt: string; resendAvailableAt: string }
  /** Sinch took the number's code: activation follows the sender again. */
  | { type: 'verification_passed'; senderId: string }
  // ------------------------------------------------------------- from the runner (steps)
  | { type: 'step_started'; step: StepName }
  | { type: 'step_waiting'; step: StepName; note?: string }
  /** Back to work after a wait (clears the waiting note). */
  | { type: 'step_resumed'; step: StepName }
  | { type: 'step_noted'; step: StepName; note: string }
  | { type: 'step_done'; step: StepName }
  | { type: 'step_failed'; step: StepName; error: StepError }
  /** A step's first retryable failure since it last ended: its retry horizon counts from now (`key` as in JobInternal.retryFrom). */
  | { type: 'retry_window_opened'; key: string }
  /** About to make a creating Sinch call (persisted before it; `key` as in JobInternal.intents). */
  | { type: 'intent_recorded'; key: string }
  | { type: 'subproject_recorded'; subprojectId: string }
  | { type: 'subproject_ready' }
  | { type: 'solution_assigned' }
  /** A sender created or found by lookup; `sealedBearerToken` kept until the app holds the token. */
  | {
      type: 'sender_recorded';
      phoneNumberId: string;
      senderId: string;
      state: string | undefined;
      primary: boolean;
      sealedBearerToken?: string;
      /** From Sinch's sender DTO; a Graph lookup's values, when there were some, are kept. */
      displayPhoneNumber?: string;
      verifiedName?: string;
    }
  | { type: 'app_recorded'; appId: string }
  | { type: 'webhook_secret_sealed'; sealed: string }
  | { type: 'webhook_recorded'; webhookId: string }
  | { type: 'activation_started' }
  | { type: 'extra_activation_started'; senderId: string }
  | { type: 'extra_sender_failed'; phoneNumberId: string; error: StepError }
  | { type: 'extra_activation_failed'; senderId: string; error: StepError }
  | { type: 'subproject_deleted' };

export type Effect =
  /** The runner has (possibly) something to do for this job. */
  | { type: 'run' }
  /** Cut short the job's current wait (a sender state arrived). */
  | { type: 'wake' }
  /** Hold this ES code in memory for the sender call (never stored; set before the job is saved). */
  | { type: 'keep_code'; phoneNumberId: string; code: string };

export interface Transition {
  /** The same object as the input when nothing changed (the store then saves nothing). */
  job: JobRecord;
  effects: Effect[];
}

export const sessionExpired = () => new AppError('session_expired', 'The signup session has expired', 401);
const notRetryable = (why: string) => new AppError('not_retryable', why, 409);

/** The job of a new session: every step pending, state warming_up. */
export function initialJob(session: Session): JobRecord {
  return {
    onboarding: {
      id: session.id,
      state: 'warming_up',
      customer: session.customer,
      phoneNumbers: [],
      steps: STEP_NAMES.map((name) => ({ name, status: 'pending', attempts: 0 })),
      createdAt: session.createdAt,
      updatedAt: session.createdAt,
    },
    internal: { intents: {}, sealedBearerTokens: {}, pendingNumbers: [], expiresAt: session.expiresAt },
    version: 0,
  };
}

/** The job's state, derived from its record (never set by hand). */
export function deriveState(job: JobRecord): JobState {
  const o = job.onboarding;
  const i = job.internal;
  if (i.expired) return 'expired';
  if (o.error) return 'failed';
  if (o.steps.every((s) => s.status === 'done')) return 'completed';
  const warm = getStep(job, 'warm_up').status === 'done';
  if (i.signup && awaitingVerification(job)) return 'awaiting_verification';
  if (i.signup) return signupState(job, warm);
  if (o.abandonment) return 'abandoned';
  return warm ? 'awaiting_signup' : 'warming_up';
}

export function getStep(job: JobRecord, name: StepName): StepProgress {
  const s = job.onboarding.steps.find((x) => x.name === name);
  if (!s) throw new Error(`missing step ${name}`);
  return s;
}

/** Applies events in order as one change (one save). Throws the first rejection; then nothing changed. */
export function transition(job: JobRecord, events: JobEvent | readonly JobEvent[], now: number): Transition {
  const list = Array.isArray(events) ? events : [events as JobEvent];
  const before = jsonOf(job);
  // Cloned from its JSON: the input is never changed, and JSON is what gets stored anyway.
  const next: JobRecord = { onboarding: JSON.parse(before.onboarding), internal: JSON.parse(before.internal), version: job.version };
  const effects: Effect[] = [];
  for (const e of list) {
    if (isPhoneNumberEvent(e)) applyPhoneNumberEvent(next, e);
    else apply(next, e, now, effects);
  }
  refreshNumberStatuses(next);
  next.onboarding.state = deriveState(next);
  const internal = JSON.stringify(next.internal);
  let onboarding = JSON.stringify(next.onboarding);
  const publicChange = onboarding !== before.onboarding;
  if (!publicChange && internal === before.internal) return { job, effects };
  if (publicChange) {
    next.onboarding.updatedAt = iso(now);
    onboarding = JSON.stringify(next.onboarding);
  } else {
    // The public part keeps its identity when only engine-private state changed (listeners hear only public changes).
    next.onboarding = job.onboarding;
    onboarding = before.onboarding;
  }
  rememberJson(next, { onboarding, internal });
  return { job: next, effects };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Sets a step's progress fields (the only writer of step status). */
function setStep(job: JobRecord, name: StepName, patch: Partial<StepProgress>): void {
  Object.assign(getStep(job, name), patch);
}

/** A failed step goes back to pending and the job's error is cleared: the one way an ended job revives. */
function reopen(job: JobRecord, step: StepName, now: number): void {
  delete job.onboarding.error;
  setStep(job, step, { status: 'pending', endedAt: undefined });
  delete job.internal.retryFrom?.[step];
  // The step's own wait starts again from now, not from its first attempt.
  if (step === 'warm_up') job.internal.readinessFrom = iso(now);
  if (step === 'activation') {
    delete job.internal.activationStartedAt;
    restartVerificationWaits(job, now);
  }
}

/** The one writer of `senderState`: the number's entry and, for the primary sender, the onboarding. */
function setSenderState(job: JobRecord, senderId: string, state: string | undefined): void {
  const o = job.onboarding;
  for (const p of o.phoneNumbers) if (p.senderId === senderId) p.senderState = state;
  if (o.senderId === senderId) o.senderState = state;
}

function apply(job: JobRecord, e: JobEvent, now: number, effects: Effect[]): void {
  const o = job.onboarding;
  const i = job.internal;
  switch (e.type) {
    case 'signup_submitted': {
      const r = e.result;
      if (i.expired) throw sessionExpired();
      let accepted = false;
      if (i.signup) {
        if (!sameSignup(i.signup, r)) {
          throw new AppError('signup_already_submitted', 'A different signup result was already submitted for this session', 409);
        }
        // Same ids again: a fresh code revives a sender step that failed on its code; otherwise idempotent.
        if (o.error?.step === 'sender' && (o.error.code === 'code_expired' || o.error.code === 'code_invalid')) {
          reopen(job, 'sender', now);
          i.signup.withCode = true;
          accepted = true;
        }
      } else {
        if (now > Date.parse(i.expiresAt)) throw sessionExpired();
        i.signup = {
          withCode: true,
          event: r.event,
          wabaId: r.wabaId,
          phoneNumberId: r.phoneNumberId,
          businessId: r.businessId,
          region: r.region,
          metaLocalStorage: r.metaLocalStorage,
          receivedAt: iso(now),
        };
        Object.assign(o, { event: r.event, wabaId: r.wabaId, phoneNumberId: r.phoneNumberId, businessId: r.businessId, region: r.region });
        acceptSignupNumbers(job, r, e.lookup);
        // Warm-up failed before the customer arrived: the signup is the natural moment to try again.
        if (o.error?.step === 'warm_up' && o.error.retryable) reopen(job, 'warm_up', now);
        // A job that failed for good keeps the result for the record but will not use the code.
        accepted = o.error === undefined;
      }
      if (accepted) {
        const codeFor = codeNumberOf(job);
        if (codeFor !== undefined) effects.push({ type: 'keep_code', phoneNumberId: codeFor, code: r.code });
        effects.push({ type: 'run' });
      }
      return;
    }
    case 'retry_requested': {
      const err = o.error;
      if (!err) throw notRetryable('Only a failed onboarding can be retried');
      if (!err.retryable) throw notRetryable(`This failure (${err.code}) cannot be fixed by a retry`);
      reopen(job, err.step, now);
      effects.push({ type: 'run' });
      return;
    }
    case 'phone_number_added': {
      if (o.phoneNumbers.some((p) => p.phoneNumberId === e.phoneNumberId && !p.error)) return;
      if (i.pendingNumbers.some((p) => p.phoneNumberId === e.phoneNumberId)) return;
      const state = deriveState(job);
      if (state === 'awaiting_phone_number' && i.signup) {
        i.signup.phoneNumberId = e.phoneNumberId;
        i.signup.withCode = e.code !== undefined;
        if (e.metaLocalStorage) i.signup.metaLocalStorage = e.metaLocalStorage;
        o.phoneNumberId = e.phoneNumberId;
        o.phoneNumbers.push({ phoneNumberId: e.phoneNumberId });
        numberArrived(job);
      } else if (state === 'completed' || state === 'running' || state === 'awaiting_verification') {
        // A number that failed before is tried again as a new entry.
        o.phoneNumbers = o.phoneNumbers.filter((p) => p.phoneNumberId !== e.phoneNumberId);
        const pending: PendingNumber = { phoneNumberId: e.phoneNumberId, withCode: e.code !== undefined, requestedAt: iso(now) };
        if (e.metaLocalStorage) pending.metaLocalStorage = e.metaLocalStorage;
        i.pendingNumbers.push(pending);
        o.phoneNumbers.push({ phoneNumberId: e.phoneNumberId });
      } else {
        throw new AppError('invalid_state', `A phone number cannot be added while the onboarding is ${state}`, 409);
      }
      if (e.code) effects.push({ type: 'keep_code', phoneNumberId: e.phoneNumberId, code: e.code });
      effects.push({ type: 'run' });
      return;
    }
    case 'abandoned':
      if (i.expired) throw sessionExpired();
      // Once the ES result is in, a late CANCEL from the popup is noise.
      if (!i.signup) o.abandonment = e.info;
      return;
    case 'sender_update':
      if (e.state) setSenderState(job, e.senderId, e.state);
      noteSenderState(job, e.senderId, e.state, now);
      // A late ACTIVE after an activation timeout finishes the job.
      if (o.error?.step === 'activation' && o.error.code === 'activation_timeout' && e.state === 'ACTIVE') {
        reopen(job, 'activation', now);
      }
      effects.push({ type: 'wake' }, { type: 'run' });
      return;
    case 'verification_code_sent':
      noteCodeSent(job, e.senderId, e.method, e.codeSentAt, e.resendAvailableAt);
      return;
    case 'verification_passed':
      noteVerified(job, e.senderId, now);
      // A right code after the verification window closed still finishes the job.
      if (o.error?.step === 'activation' && o.error.code === 'verification_timeout') reopen(job, 'activation', now);
      effects.push({ type: 'wake' }, { type: 'run' });
      return;
    case 'expired':
      if (!i.signup && !i.expired) {
        i.expired = true;
        effects.push({ type: 'run' });
      }
      return;
    case 'step_started': {
      const s = getStep(job, e.step);
      s.status = 'running';
      s.attempts++;
      s.startedAt ??= iso(now);
      return;
    }
    case 'step_waiting':
      setStep(job, e.step, e.note === undefined ? { status: 'waiting' } : { status: 'waiting', note: e.note });
      return;
    case 'step_resumed':
      setStep(job, e.step, { status: 'running', note: undefined });
      return;
    case 'step_noted':
      setStep(job, e.step, { note: e.note });
      return;
    case 'step_done':
      setStep(job, e.step, { status: 'done', endedAt: iso(now) });
      delete i.retryFrom?.[e.step];
      if (o.steps.every((s) => s.status === 'done')) o.completedAt = iso(now);
      return;
    case 'step_failed':
      setStep(job, e.step, { status: 'failed', endedAt: iso(now) });
      o.error = { step: e.step, ...e.error };
      return;
    case 'retry_window_opened':
      (i.retryFrom ??= {})[e.key] ??= iso(now);
      return;
    case 'intent_recorded': {
      const prev = i.intents[e.key];
      i.intents[e.key] = { at: prev?.at ?? iso(now), lastAt: iso(now), attempts: (prev?.attempts ?? 0) + 1 };
      return;
    }
    case 'subproject_recorded':
      o.subprojectId = e.subprojectId;
      return;
    case 'subproject_ready':
      i.subprojectReady = true;
      return;
    case 'solution_assigned':
      i.solutionAssigned = true;
      return;
    case 'sender_recorded': {
      let entry = o.phoneNumbers.find((p) => p.phoneNumberId === e.phoneNumberId);
      if (entry) entry.senderId = e.senderId;
      else o.phoneNumbers.push((entry = { phoneNumberId: e.phoneNumberId, senderId: e.senderId }));
      if (e.displayPhoneNumber) entry.displayPhoneNumber ??= e.displayPhoneNumber;
      if (e.verifiedName) entry.verifiedName ??= e.verifiedName;
      if (e.primary) o.senderId = e.senderId;
      setSenderState(job, e.senderId, e.state);
      noteSenderState(job, e.senderId, e.state, now);
      if (e.sealedBearerToken) i.sealedBearerTokens[e.senderId] = e.sealedBearerToken;
      i.pendingNumbers = i.pendingNumbers.filter((p) => p.phoneNumberId !== e.phoneNumberId);
      delete i.retryFrom?.[`sender:${e.phoneNumberId}`];
      return;
    }
    case 'app_recorded':
      o.appId = e.appId;
      // The token now lives in Sinch's app; we stop keeping it.
      if (o.senderId) delete i.sealedBearerTokens[o.senderId];
      return;
    case 'webhook_secret_sealed':
      i.sealedWebhookSecret = e.sealed;
      return;
    case 'webhook_recorded':
      o.webhookId = e.webhookId;
      return;
    case 'activation_started':
      i.activationStartedAt ??= iso(now);
      return;
    case 'extra_activation_started':
      i.extraActivationStartedAt ??= {};
      i.extraActivationStartedAt[e.senderId] ??= iso(now);
      return;
    case 'extra_sender_failed': {
      i.pendingNumbers = i.pendingNumbers.filter((p) => p.phoneNumberId !== e.phoneNumberId);
      delete i.retryFrom?.[`sender:${e.phoneNumberId}`];
      const entry = o.phoneNumbers.find((p) => p.phoneNumberId === e.phoneNumberId);
      if (entry) entry.error = { step: 'sender', ...e.error };
      return;
    }
    case 'extra_activation_failed': {
      const entry = o.phoneNumbers.find((p) => p.senderId === e.senderId);
      if (entry) entry.error = { step: 'activation', ...e.error };
      return;
    }
    case 'subproject_deleted':
      i.subprojectDeleted = true;
      return;
    case 'numbers_found':
    case 'numbers_lookup_failed':
    case 'phone_numbers_selected':
      if (applyNumberEvent(job, e) === 'run') effects.push({ type: 'run' });
      return;
    case 'provisioning_webhook_sealed':
      i.provisioningWebhook = { sealedSecret: e.sealedSecret };
      return;
    case 'provisioning_webhook_recorded':
      if (i.provisioningWebhook) i.provisioningWebhook.id = e.webhookId;
      return;
  }
}

/** The public onboarding of a job, for callers that may keep or change it. */
export const publicCopy = (job: JobRecord): Onboarding => JSON.parse(jsonOf(job).onboarding) as Onboarding;
