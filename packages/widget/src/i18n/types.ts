import type {PhoneNumberStatus} from '../internal/bff-api.generated.js';

/**
 * The strings of one language. English is built into the element; the others are JSON files next to the
 * script (see `load.ts`), made from these modules by the build, so each language still has to compile.
 * Error messages are keyed by group (see `GROUPS` in index.ts).
 */
export interface Messages {
  button: string;
  loading: string;
  region: string;
  US: string;
  EU: string;
  BR: string;
  waiting: string;
  progress: string;
  warm_up: string;
  sender: string;
  app: string;
  webhook: string;
  activation: string;
  pending: string;
  running: string;
  done: string;
  failed: string;
  complete: string;
  /** The WABA is connected but no number came with it (coexistence, WABA-only): what happens next. */
  noPhone: string;
  /** Legend of the number picker (several numbers found in the WABA). */
  choose: string;
  /** The picker was submitted with nothing checked. */
  chooseOne: string;
  retry: string;
  /** The verification view (a file of its own) did not load (a retry button follows). */
  viewFailed: string;
  cancelled: string;
  hosted: string;
  /**
   * The number verification view (views/verification.ts). `{time}` is replaced by a local time. Required in
   * every language file but English, whose strings come with the view's own file (views/verification.en.ts).
   */
  verification?: VerificationMessages;
  /**
   * The phone-number views (views/phone-numbers.ts): the picker's button and the numbers' list. Required in every
   * language file but English, whose strings come with the view's own file (views/phone-numbers.en.ts).
   */
  numbers?: NumbersMessages;
  /** Every group's message but the verification refusals' (in `verification.errors`). */
  errors: Record<Exclude<ErrorGroup, VerificationErrorGroup>, string>;
}

/** Strings of the phone-number views. */
export interface NumbersMessages {
  /** Submit button of the number picker. */
  connect: string;
  /** Summary of the disclosure holding Meta's ids. */
  details: string;
  phone: string;
  waba: string;
  /** A number's `status`, in words. */
  status: Record<PhoneNumberStatus, string>;
}

/** Strings of the number verification view. */
export interface VerificationMessages {
  title: string;
  intro: string;
  number: string;
  method: string;
  SMS: string;
  VOICE: string;
  send: string;
  sending: string;
  sentSMS: string;
  sentVOICE: string;
  code: string;
  codeHint: string;
  submit: string;
  checking: string;
  resend: string;
  resendAt: string;
  invalidCode: string;
  verified: string;
  /** The refusals of the verification routes (`wrong_otp`, …), which only the view shows. */
  errors: Record<VerificationErrorGroup, string>;
}

/** The groups of the verification routes' refusals: their messages are the verification view's. */
export type VerificationErrorGroup = 'wrongOtp' | 'tooManyAttempts' | 'alreadyRegistered' | 'verificationNotAllowed';

/** Groups of error codes that share one message. */
export type ErrorGroup =
  | 'session'
  | 'request'
  | 'submitted'
  | 'busy'
  | 'server'
  | 'code'
  | 'inUse'
  | 'waba'
  | 'multipleWabas'
  | 'activation'
  | 'region'
  | 'rejected'
  | 'unverified'
  | 'business'
  | 'sdk'
  | 'popupBlocked'
  | 'popupClosed'
  | 'incomplete'
  | 'meta'
  | 'network'
  | 'config'
  | 'wrongOtp'
  | 'tooManyAttempts'
  | 'alreadyRegistered'
  | 'verificationNotAllowed'
  | 'verificationTimeout'
  | 'unknown';
