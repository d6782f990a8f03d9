/**
 * The customer's number verification, as two commands of the engine (the browser's `POST /v1/session/verification`
 * and `…/verification/code`, and the same two on the server API): ask Sinch to send the code of a sender in
 * PENDING_VERIFICATION (`register`, SMS or voice), then hand Sinch the code (`verify`). A right code records the
 * sender's new state and wakes the job, whose activation then follows the sender as usual (verification-state.ts).
 *
 * The code is the customer's secret: it goes to Sinch in the request body and nowhere else (no log line, no error
 * message, no stored record). Sinch's refusals become the stable codes the element has messages for.
 */
import type { Logger } from 'pino';
import type { ProvisioningClient } from '../clients/sinch/provisioning.client.js';
import { SinchApiError } from '../clients/sinch/errors.js';
import { AppError } from '../errors.js';
import type { Clock } from './clock.js';
import type { EngineSettings } from './engine-settings.js';
import type { JobRecord } from './job.types.js';
import type { Onboarding, PhoneNumberRecord } from './onboarding.types.js';
import { publicCopy, type JobEvent } from './transitions.js';
import { PENDING_VERIFICATION, waitsForCode, type VerificationMethod } from './verification-state.js';

export interface NumberVerificationDeps {
  get(id: string): Promise<JobRecord | undefined>;
  /** Applies events as one change through the engine (effects carried out: wake, run). */
  apply(id: string, events: JobEvent[]): Promise<JobRecord>;
  provisioning: Pick<ProvisioningClient, 'registerSender' | 'verifySender' | 'getSender'>;
  clock: Clock;
  settings: EngineSettings['verification'];
  log: Logger;
}

const iso = (ms: number) => new Date(ms).toISOString();

const notAllowed = (why: string) => new AppError('verification_not_allowed', why, 409);

/** What Sinch's register/verify refusals mean for the customer (api-facts §8). */
function fromSinch(e: unknown): unknown {
  if (!(e instanceof SinchApiError)) return e;
  switch (e.sinchCode) {
    case 'wrong_otp':
      return new AppError('wrong_otp', 'The code is not the one sent to this number', 409);
    case 'too_many_invalid_verification_codes':
      return new AppError('too_many_attempts', 'Too many wrong codes were entered for this number; wait before trying again', 429);
    case 'sender-already-registered':
      return new AppError('already_registered', 'This number is registered on another WhatsApp account; remove it there, then try again', 409);
    case 'not_allowed_register':
    case 'not_allowed_verify':
      return notAllowed('This number is not waiting for a verification');
    case 'sender-number-not-approved-for-enterprise':
      return notAllowed('This number is not approved for WhatsApp Business; it cannot be verified');
    case 'sender-register-too-many-requests':
      return new AppError('rate_limited', 'A new code was asked for too often; wait a moment', 429);
    case 'sender_request_code_failed':
      return new AppError('sinch_error', 'The code could not be sent; try again or choose the other method', 502);
  }
  if (e.httpStatus === 429) return new AppError('rate_limited', 'Sinch is busy; try again in a moment', 429);
  if (e.httpStatus >= 500) return new AppError('sinch_unavailable', 'Sinch is unavailable; try again in a moment', 503);
  // Never Sinch's own message: it might quote what was sent.
  return new AppError('sinch_error', `Sinch refused the verification request (${e.httpStatus}${e.sinchCode ? ` ${e.sinchCode}` : ''})`, 502);
}

export class NumberVerification {
  readonly #d: NumberVerificationDeps;
  /** One command per number at a time (two quick clicks must not send two codes). */
  readonly #busy = new Map<string, Promise<unknown>>();

  constructor(deps: NumberVerificationDeps) {
    this.#d = deps;
  }

  /** `register`: Sinch sends the code by SMS or voice. A number Meta verified already passes at once. */
  start(id: string, phoneNumberId: string, method: VerificationMethod): Promise<Onboarding> {
    return this.#serial(id, phoneNumberId, async () => {
      const { job, number, senderId } = await this.#waiting(id, phoneNumberId);
      const now = this.#d.clock.now();
      const resendAt = number.verification?.resendAvailableAt;
      if (resendAt && Date.parse(resendAt) > now) {
        throw new AppError('rate_limited', `A new code can be asked for from ${resendAt}`, 429);
      }
      const subprojectId = job.onboarding.subprojectId!;
      const sent = await this.#call(id, senderId, () => this.#d.provisioning.registerSender(subprojectId, senderId, method));
      if (!sent.verificationCodeSent) {
        // Already registered with Meta: `verify` without a code completes it (api-facts §8).
        this.#d.log.info({ jobId: id, senderId }, 'number already verified by Meta; verifying without a code');
        await this.#call(id, senderId, () => this.#d.provisioning.verifySender(subprojectId, senderId, undefined));
        return this.#passed(id, subprojectId, senderId);
      }
      const sentAt = this.#d.clock.now();
      const event: JobEvent = { type: 'verification_code_sent', senderId, method, codeSentAt: iso(sentAt), resendAvailableAt: iso(sentAt + this.#d.settings.resendCooldownMs) };
      this.#d.log.info({ jobId: id, senderId, method }, 'verification code sent');
      return publicCopy(await this.#d.apply(id, [event]));
    });
  }

  /** `verify`: the customer's code. Right → the job goes on; wrong → 409 wrong_otp; too many → 429 too_many_attempts. */
  submitCode(id: string, phoneNumberId: string, code: string): Promise<Onboarding> {
    return this.#serial(id, phoneNumberId, async () => {
      const { job, number, senderId } = await this.#waiting(id, phoneNumberId);
      if (!number.verification?.codeSentAt) throw notAllowed('No code was sent to this number yet; ask for one first');
      const subprojectId = job.onboarding.subprojectId!;
      await this.#call(id, senderId, () => this.#d.provisioning.verifySender(subprojectId, senderId, code));
      return this.#passed(id, subprojectId, senderId);
    });
  }

  /** The number and its sender, when it waits for the customer's code; else 404 or 409 verification_not_allowed. */
  async #waiting(id: string, phoneNumberId: string): Promise<{ job: JobRecord; number: PhoneNumberRecord; senderId: string }> {
    const job = await this.#d.get(id);
    if (!job) throw new AppError('not_found', 'No such onboarding', 404);
    const number = job.onboarding.phoneNumbers.find((p) => p.phoneNumberId === phoneNumberId);
    if (!number) throw new AppError('not_found', 'No such phone number in this onboarding', 404);
    if (!number.senderId || !job.onboarding.subprojectId || !waitsForCode(job, number.senderId)) {
      throw notAllowed(`This number is not waiting for a verification (its sender is ${number.senderState ?? 'not created yet'})`);
    }
    return { job, number, senderId: number.senderId };
  }

  /** A Sinch call; its refusal as the customer's error. When Sinch says "not allowed", the sender's state is recorded first. */
  async #call<T>(id: string, senderId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const mapped = fromSinch(e);
      if (mapped instanceof AppError && mapped.code === 'verification_not_allowed') await this.#refresh(id, senderId);
      this.#d.log.info({ jobId: id, senderId, errorCode: mapped instanceof AppError ? mapped.code : 'unknown' }, 'verification request refused');
      throw mapped;
    }
  }

  /** Sinch took the code: record it with the sender's state as Sinch reports it now (the job's activation wakes up). */
  async #passed(id: string, subprojectId: string, senderId: string): Promise<Onboarding> {
    const events: JobEvent[] = [{ type: 'verification_passed', senderId }];
    try {
      const s = await this.#d.provisioning.getSender(subprojectId, senderId);
      events.push({ type: 'sender_update', senderId, state: s.state ?? s.changes?.status });
    } catch {
      // The activation step polls the sender anyway.
    }
    this.#d.log.info({ jobId: id, senderId }, 'number verified');
    return publicCopy(await this.#d.apply(id, events));
  }

  async #refresh(id: string, senderId: string): Promise<void> {
    const job = await this.#d.get(id);
    const subprojectId = job?.onboarding.subprojectId;
    if (!subprojectId) return;
    try {
      const s = await this.#d.provisioning.getSender(subprojectId, senderId);
      const state = s.state ?? s.changes?.status;
      if (state && state !== PENDING_VERIFICATION) await this.#d.apply(id, [{ type: 'sender_update', senderId, state }]);
    } catch {
      /* the answer stays the same; the activation step polls */
    }
  }

  async #serial<T>(id: string, phoneNumberId: string, fn: () => Promise<T>): Promise<T> {
    const key = `${id}\u0000${phoneNumberId}`;
    const before = this.#busy.get(key) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(fn);
    this.#busy.set(key, run);
    try {
      return await run;
    } finally {
      if (this.#busy.get(key) === run) this.#busy.delete(key);
    }
  }
}
