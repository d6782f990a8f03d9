/**
 * Turns a Sinch failure into the stable onboarding error the widget and the ASP see.
 * `transient` = worth another attempt inside the same run (after a lookup for creating calls).
 */
import { SinchApiError, SinchTransportError } from '../clients/sinch/errors.js';
import type { OnboardingError, OnboardingErrorCode, StepName } from './onboarding.types.js';

export type StepError = Omit<OnboardingError, 'step'>;

/** A step ended: carries the error to record. */
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

const FAIL_CODE: Record<StepName, OnboardingErrorCode> = {
  warm_up: 'subproject_create_failed',
  sender: 'sender_create_failed',
  app: 'app_create_failed',
  webhook: 'webhook_create_failed',
  activation: 'sender_error',
};

const SENDER_CODES: Record<string, OnboardingErrorCode> = {
  used_phone_number_id: 'phone_number_in_use',
  provisioned_phone_number_id: 'phone_number_in_use',
  all_phone_number_id_provisioned: 'phone_number_in_use',
  waba_id_used: 'waba_in_use',
  wrong_waba_id: 'waba_invalid',
  not_found_waba_id: 'waba_invalid',
  too_many_waba_id: 'waba_invalid',
  invalid_waba_id_or_phone_number_id_for_region: 'waba_invalid',
};

/** Replaces every occurrence of the given secrets (e.g. the ES code) in a message. */
export function scrub(message: string, secrets: Array<string | undefined>): string {
  let m = message;
  for (const s of secrets) if (s && s.length >= 4) m = m.split(s).join('[redacted]');
  return m;
}

export function mapSinchError(step: StepName, e: unknown, secrets: Array<string | undefined> = []): StepFailure {
  if (e instanceof StepFailure) return e;
  if (e instanceof SinchTransportError) {
    return new StepFailure(
      { code: 'sinch_unavailable', message: `Sinch did not answer in time (${e.api})`, retryable: true, sinch: { status: 0 } },
      true,
      { cause: e },
    );
  }
  if (e instanceof SinchApiError) {
    const sinch = { status: e.httpStatus, code: e.sinchCode, message: e.sinchMessage && scrub(e.sinchMessage, secrets) };
    const msg = (fallback: string) => sinch.message ?? fallback;
    if (e.httpStatus === 429 || e.httpStatus >= 500) {
      return new StepFailure({ code: 'sinch_unavailable', message: msg('Sinch is unavailable'), retryable: true, sinch }, true, { cause: e });
    }
    if (e.httpStatus === 401 || e.httpStatus === 403) {
      return new StepFailure(
        { code: 'sinch_unauthorized', message: msg('Sinch refused our credentials'), retryable: true, sinch },
        false,
        { cause: e },
      );
    }
    if (step === 'sender') {
      if (e.sinchCode === 'invalid_facebook_token') {
        // Sinch uses one code for "expired" and "invalid"; the message tells which. Either way a new ES run is needed.
        const used = /used|redeemed|consumed/i.test(e.sinchMessage ?? '');
        return new StepFailure(
          {
            code: used ? 'code_invalid' : 'code_expired',
            message: msg('The signup code expired; run Embedded Signup again'),
            retryable: false,
            sinch,
          },
          false,
          { cause: e },
        );
      }
      const mapped = e.sinchCode ? SENDER_CODES[e.sinchCode] : undefined;
      if (mapped) return new StepFailure({ code: mapped, message: msg(mapped), retryable: false, sinch }, false, { cause: e });
      if (e.sinchCode === 'project_not_found' || e.sinchCode === 'project_not_initialized' || e.httpStatus === 404) {
        // A young subproject can still be propagating: worth another try.
        return new StepFailure({ code: 'sender_create_failed', message: msg('Subproject not usable yet'), retryable: true, sinch }, true, {
          cause: e,
        });
      }
    }
    if ((step === 'app' || step === 'webhook') && e.httpStatus === 404) {
      return new StepFailure({ code: FAIL_CODE[step], message: msg('Not found'), retryable: true, sinch }, true, { cause: e });
    }
    return new StepFailure({ code: FAIL_CODE[step], message: msg(`Sinch refused the ${step} step`), retryable: false, sinch }, false, {
      cause: e,
    });
  }
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return new StepFailure({ code: 'sinch_unavailable', message: 'Sinch call aborted', retryable: true }, true, { cause: e });
  }
  return new StepFailure({ code: 'internal_error', message: 'Internal error', retryable: true }, false, { cause: e });
}
