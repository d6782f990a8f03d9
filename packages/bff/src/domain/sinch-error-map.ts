/**
 * Turns a failure of a step into the stable onboarding error the widget and the ASP see. What a Sinch
 * failure means (code, retryable, worth another attempt) is decided by classifySinchError; this adds
 * Sinch's own details, scrubbed of the secrets the call carried.
 */
import { classifySinchError, type SinchCallContext } from '../clients/sinch/classify.js';
import { SinchApiError, SinchTransportError } from '../clients/sinch/errors.js';
import type { OnboardingError, OnboardingErrorCode, StepName } from './onboarding.types.js';

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

/** How a family of Sinch's sender `changes.errorCode` values ends an onboarding: one stable code, and whether a retry can help. */
interface SenderErrorFamily {
  code: OnboardingErrorCode;
  retryable: boolean;
  message: string;
}

const family = (code: OnboardingErrorCode, retryable: boolean, message: string): SenderErrorFamily => ({ code, retryable, message });
const WABA_IN_USE = family('waba_in_use', false, 'The WhatsApp Business Account is already connected elsewhere');
const NUMBER_IN_USE = family('phone_number_in_use', false, 'The phone number is already used by another sender');
const NOT_VERIFIED = family('phone_number_not_verified', false, 'The phone number is not verified with WhatsApp');
const ACCOUNT = family('sinch_account_setup', true, "The ASP's Sinch account is not set up for this sender (retry once it is)");
const META = family('meta_setup_failed', true, 'Meta could not set up the sender (retry may help)');

/** Sinch's sender errorCode values (api-facts §8) by family. Unknown and future values are `sender_error`. */
const SENDER_ERROR_FAMILIES: Record<string, SenderErrorFamily> = {
  WABA_CONNECTED_TO_ANOTHER_PROJECT: WABA_IN_USE,
  MULTIPLE_WABA_FOR_PROJECT_ID: WABA_IN_USE,
  PROJECT_ID_CONFLICT: WABA_IN_USE,
  NOVA_ACCOUNT_ID_CONFLICT: WABA_IN_USE,
  DUPLICATES_ON_SENDER_PHONE_NUMBER: NUMBER_IN_USE,
  REQUESTED_PHONE_NUMBER_OR_COUNTRY_CODE_CONFLICT: NUMBER_IN_USE,
  NO_VERIFIED_PHONE_NUMBER: NOT_VERIFIED,
  NOT_VERIFIED_REQUESTED_PHONE_NUMBER: NOT_VERIFIED,
  NOT_VERIFY_BUSINESS_VIA_WHATSAPP: family('business_not_verified', false, 'The business is not verified by Meta'),
  NO_PRICING_PLAN: ACCOUNT,
  CANNOT_ASSIGN_CREDIT_LINE: ACCOUNT,
  CANNOT_ASSIGN_SYSTEM_USER: ACCOUNT,
  NO_NOVA_ACCOUNT_ID: ACCOUNT,
  NO_PROJECT_ID: ACCOUNT,
  NO_CERTIFICATE_AVAILABLE: ACCOUNT,
  CANNOT_CREATE_NEW_WHATSAPP_SENDER: META,
  CANNOT_CREATE_WABA_FOR_BUSINESS: META,
  CANNOT_GET_DETAILS_FOR_CLOUD_API: META,
  CANNOT_GET_WABA_DETAILS: META,
  CANNOT_REGISTER_NEW_WHATSAPP_SENDER: META,
  CANNOT_REGISTER_TO_CLOUD_API: META,
  CANNOT_SUBSCRIBE_TO_CLOUD_API: META,
  CANNOT_SUBSCRIBE_TO_WEBHOOK: META,
  FAILED_TO_FETCH_APPROVED_MESSAGE_TEMPLATES: META,
  SENDER_HAS_BEEN_DELETED: family('sender_deleted', false, 'The sender was deleted'),
};

/** A sender as Sinch reports it (GET, create, provisioning callback): the fields that say why it failed. */
export interface SenderVerdictInput {
  state?: string;
  changes?: { status?: string; errorCode?: string; errorReason?: string };
}

/**
 * The failure a sender's state means, or undefined while it can still become ACTIVE: ERROR (and the legacy
 * MULTIPLE_WABA_ERROR) by its errorCode family, `changes.status: REJECTED` (sender_rejected unless the
 * errorCode says more), SUSPENDED and INACTIVE before the number was ever active.
 */
export function senderFailure(s: SenderVerdictInput): StepFailure | undefined {
  const status = s.changes?.status;
  const errorCode = s.changes?.errorCode;
  const reason = [errorCode, s.changes?.errorReason].filter(Boolean).join(': ');
  const sinch = { status: 200, ...(errorCode ? { code: errorCode } : {}), ...(s.changes?.errorReason ? { message: s.changes.errorReason } : {}) };
  const known = errorCode ? SENDER_ERROR_FAMILIES[errorCode] : undefined;
  let f: SenderErrorFamily | undefined;
  if (s.state === 'ERROR' || status === 'ERROR' || status === 'MULTIPLE_WABA_ERROR') {
    f = known ?? (status === 'MULTIPLE_WABA_ERROR' ? WABA_IN_USE : family('sender_error', false, 'Sinch could not activate the sender'));
  } else if (status === 'REJECTED') {
    f = known ?? family('sender_rejected', false, 'Sinch or Meta rejected the sender');
  } else if (s.state === 'SUSPENDED') {
    f = family('sender_suspended', false, 'The sender was suspended');
  } else if (s.state === 'INACTIVE') {
    f = family('sender_deleted', false, 'The sender is inactive');
  }
  if (!f) return undefined;
  return new StepFailure({ code: f.code, message: `${f.message}${reason ? ` (${reason})` : ''}`, retryable: f.retryable, sinch });
}
