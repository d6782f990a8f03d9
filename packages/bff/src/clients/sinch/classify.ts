/**
 * The one place that decides what a failed Sinch call means: may the HTTP client send it again, may a
 * wait loop keep waiting, may the step run again in this run, and which stable onboarding error it ends
 * in (and whether a later retry() can help). SinchHttp, the engine's error map, warm-up's readiness wait
 * and activation's polling all ask here instead of looking at statuses themselves.
 */
import type { OnboardingErrorCode, StepName } from '../../domain/onboarding.types.js';
import { SinchApiError, SinchTransportError } from './errors.js';

export interface SinchCallContext {
  /** The onboarding step making the call (absent for calls outside a step, e.g. the token endpoint). */
  step?: StepName;
  /**
   * What the call is for: `probe` = readiness of a young subproject (401/403/404 mean "not propagated yet"),
   * `poll` = following a sender's state, `assign_solution` = warm-up's solution assignment; default a plain call.
   */
  call?: 'probe' | 'poll' | 'assign_solution';
  /** A creating POST: after no answer or a 5xx its outcome is unknown, so it is not sent again blindly. */
  unsafe?: boolean;
}

export interface SinchErrorVerdict {
  /** SinchHttp may repeat the same request (Sinch surely did not act, or repeating it is harmless). */
  retryRequest: boolean;
  /** A readiness wait or activation poll keeps going (the state can still come). */
  keepWaiting: boolean;
  /** The step may run again within this run (it reconciles by lookup before creating again). */
  retryStep: boolean;
  /** The onboarding error the step ends in if it stops here. */
  code: OnboardingErrorCode;
  /** Whether a retry() requested later can help (shown to the ASP). */
  retryable: boolean;
  /** Our message when Sinch gave none. */
  message: string;
}

/** The code a failed step records when Sinch refused it for no more specific reason. */
const FAIL_CODE: Record<StepName, OnboardingErrorCode> = {
  warm_up: 'subproject_create_failed',
  sender: 'sender_create_failed',
  app: 'app_create_failed',
  webhook: 'webhook_create_failed',
  activation: 'sender_error',
};

/** Sender refusals with their own code: the customer must change something, a retry cannot help. */
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

/** Statuses a young subproject answers until Sinch has propagated it (~30 s). */
const NOT_READY_YET = new Set([401, 403, 404]);

type Verdict = Omit<SinchErrorVerdict, 'keepWaiting'>;
const verdict = (code: OnboardingErrorCode, retryable: boolean, retryStep: boolean, message: string, retryRequest = false): Verdict => ({
  retryRequest,
  retryStep,
  code,
  retryable,
  message,
});

function stepVerdict(e: unknown, ctx: SinchCallContext): Verdict {
  const step = ctx.step ?? 'warm_up';
  if (e instanceof SinchTransportError) return verdict('sinch_unavailable', true, true, `Sinch did not answer in time (${e.api})`, !ctx.unsafe);
  if (e instanceof SinchApiError) {
    const s = e.httpStatus;
    if (s === 429) return verdict('sinch_unavailable', true, true, 'Sinch is unavailable', true); // surely not acted on
    if (s >= 500) return verdict('sinch_unavailable', true, true, 'Sinch is unavailable', !ctx.unsafe);
    if (s === 401 || s === 403) return verdict('sinch_unauthorized', true, false, 'Sinch refused our credentials');
    if (step === 'sender') {
      if (e.sinchCode === 'invalid_facebook_token') {
        // Sinch uses one code for "expired" and "invalid"; the message tells which. Either way a new ES run is needed.
        const used = /used|redeemed|consumed/i.test(e.sinchMessage ?? '');
        return verdict(used ? 'code_invalid' : 'code_expired', false, false, 'The signup code expired; run Embedded Signup again');
      }
      const mapped = e.sinchCode ? SENDER_CODES[e.sinchCode] : undefined;
      if (mapped) return verdict(mapped, false, false, mapped);
      if (e.sinchCode === 'project_not_found' || e.sinchCode === 'project_not_initialized' || s === 404) {
        // A young subproject can still be propagating: worth another try.
        return verdict('sender_create_failed', true, true, 'Subproject not usable yet');
      }
    }
    if ((step === 'app' || step === 'webhook') && s === 404) return verdict(FAIL_CODE[step], true, true, 'Not found');
    return verdict(FAIL_CODE[step], false, false, `Sinch refused the ${step} step`);
  }
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return verdict('sinch_unavailable', true, true, 'Sinch call aborted');
  return verdict('internal_error', true, false, 'Internal error');
}

export function classifySinchError(e: unknown, ctx: SinchCallContext = {}): SinchErrorVerdict {
  const v = stepVerdict(e, ctx);
  const sinch = e instanceof SinchTransportError || e instanceof SinchApiError;
  const status = e instanceof SinchApiError ? e.httpStatus : undefined;
  let keepWaiting = false;
  if (ctx.call === 'probe') keepWaiting = sinch && (v.retryStep || (status !== undefined && NOT_READY_YET.has(status)));
  if (ctx.call === 'poll') keepWaiting = sinch && v.retryStep;
  if (ctx.call === 'assign_solution' && !v.retryStep) v.code = 'solution_assign_failed';
  return { ...v, keepWaiting };
}
