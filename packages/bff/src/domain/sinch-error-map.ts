/**
 * Turns a failure of a step into the stable onboarding error the widget and the ASP see. What a Sinch
 * failure means (code, retryable, worth another attempt) is decided by classifySinchError; this adds
 * Sinch's own details, scrubbed of the secrets the call carried.
 */
import { classifySinchError, type SinchCallContext } from '../clients/sinch/classify.js';
import { SinchApiError, SinchTransportError } from '../clients/sinch/errors.js';
import type { OnboardingError, StepName } from './onboarding.types.js';

export type StepError = Omit<OnboardingError, 'step'>;

/** A step ended: carries the error to record. `transient` = worth another attempt inside the same run. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    readonly error: StepError,
    readonly transient = false,
    options?: { cause?: unknown },
  ) {
    super(error.message, options);
  }
}

/** Replaces every occurrence of the given secrets (e.g. the ES code) in a message. */
export function scrub(message: string, secrets: Array<string | undefined>): string {
  let m = message;
  for (const s of secrets) if (s && s.length >= 4) m = m.split(s).join('[redacted]');
  return m;
}

export function mapSinchError(
  step: StepName | (SinchCallContext & { step: StepName }),
  e: unknown,
  secrets: Array<string | undefined> = [],
): StepFailure {
  if (e instanceof StepFailure) return e;
  const v = classifySinchError(e, typeof step === 'string' ? { step } : step);
  let sinch: StepError['sinch'];
  let message = v.message;
  if (e instanceof SinchTransportError) sinch = { status: 0 };
  if (e instanceof SinchApiError) {
    sinch = { status: e.httpStatus, code: e.sinchCode, message: e.sinchMessage && scrub(e.sinchMessage, secrets) };
    message = sinch.message ?? message;
  }
  return new StepFailure({ code: v.code, message, retryable: v.retryable, ...(sinch ? { sinch } : {}) }, v.retryStep, { cause: e });
}
