/** The strings of one language. Error messages are keyed by group (see `ERROR_GROUPS` in index.ts). */
export interface Messages {
  /** Meta SDK locale, e.g. `en_US`. */
  fb: string;
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
  noPhone: string;
  phone: string;
  waba: string;
  senderState: string;
  retry: string;
  cancelled: string;
  hosted: string;
  /** The number verification view (internal/verification-view.ts). `{time}` is replaced by a local time. */
  verification: VerificationMessages;
  errors: Record<ErrorGroup, string>;
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
}

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
  | 'activation'
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
