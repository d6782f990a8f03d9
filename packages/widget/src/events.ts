/**
 * The DOM events of `<whatsapp-signup>`: one `Event` subclass each, all `bubbles` + `composed`
 * (shape of Web Awesome's `src/events/*.ts`), registered in `GlobalEventHandlersEventMap`.
 */

/** Names of the onboarding steps the BFF reports (`Onboarding.steps[].name`). */
export type SignupStepName = 'warm_up' | 'sender' | 'app' | 'webhook' | 'activation';

/** Status of one onboarding step (`Onboarding.steps[].status`). */
export type SignupStepStatus = 'pending' | 'running' | 'waiting' | 'done' | 'failed';

/**
 * Stable error codes the element reports: the BFF's HTTP and onboarding codes plus the client-side ones
 * (`sdk_blocked`, `sdk_timeout`, `popup_blocked`, `popup_closed`, `signup_incomplete`, `meta_error`,
 * `network_error`, `invalid_config`). Unknown server codes pass through as plain strings.
 */
export type SignupErrorCode =
  | 'unauthorized'
  | 'session_expired'
  | 'invalid_request'
  | 'rate_limited'
  | 'signup_already_submitted'
  | 'not_found'
  | 'payload_too_large'
  | 'internal_error'
  | 'code_expired'
  | 'code_invalid'
  | 'phone_number_in_use'
  | 'waba_in_use'
  | 'waba_invalid'
  | 'sender_error'
  | 'activation_timeout'
  | 'sinch_unavailable'
  | 'sdk_blocked'
  | 'sdk_timeout'
  | 'popup_blocked'
  | 'popup_closed'
  | 'signup_incomplete'
  | 'meta_error'
  | 'network_error'
  | 'invalid_config'
  | (string & {});

const init: EventInit = {bubbles: true, composed: true};

/** Fired once the element is interactive: session loaded, FB SDK ready, button enabled. */
export class WhatsappSignupReadyEvent extends Event {
  readonly detail: Record<string, never> = {};
  constructor() {
    super('whatsapp-signup-ready', init);
  }
}

/** Fired when the customer starts Embedded Signup (the popup is being opened). */
export class WhatsappSignupStartEvent extends Event {
  readonly detail: Record<string, never> = {};
  constructor() {
    super('whatsapp-signup-start', init);
  }
}

/** Fired when the customer leaves Embedded Signup; `currentStep` is Meta's `current_step`. */
export class WhatsappSignupCancelEvent extends Event {
  constructor(readonly detail: {currentStep: string | undefined}) {
    super('whatsapp-signup-cancel', init);
  }
}

/** Payload of {@link WhatsappSignupErrorEvent}. */
export interface WhatsappSignupErrorDetail {
  /** Stable error code. */
  code: SignupErrorCode;
  /** Human message in the element's locale. */
  message: string;
  /** Whether trying again can help. */
  retryable: boolean;
  /** Meta's `error_id` (or `error_code`) when Meta reported the error. */
  metaErrorId?: string;
  /** Meta's `session_id` when Meta reported the error. */
  metaSessionId?: string;
}

/** Fired on any failure: SDK, popup, Meta, network, BFF or onboarding. */
export class WhatsappSignupErrorEvent extends Event {
  constructor(readonly detail: WhatsappSignupErrorDetail) {
    super('whatsapp-signup-error', init);
  }
}

/** Fired each time an onboarding step changes status. */
export class WhatsappSignupProgressEvent extends Event {
  constructor(readonly detail: {step: SignupStepName | (string & {}); status: SignupStepStatus | (string & {})}) {
    super('whatsapp-signup-progress', init);
  }
}

/** Payload of {@link WhatsappSignupCompleteEvent}. */
export interface WhatsappSignupCompleteDetail {
  onboardingId: string;
  subprojectId: string;
  senderId: string;
  appId: string;
  wabaId: string;
  phoneNumberId: string;
}

/** Fired when the onboarding completed: the sender is active and the Conversation app exists. */
export class WhatsappSignupCompleteEvent extends Event {
  constructor(readonly detail: WhatsappSignupCompleteDetail) {
    super('whatsapp-signup-complete', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'whatsapp-signup-ready': WhatsappSignupReadyEvent;
    'whatsapp-signup-start': WhatsappSignupStartEvent;
    'whatsapp-signup-cancel': WhatsappSignupCancelEvent;
    'whatsapp-signup-error': WhatsappSignupErrorEvent;
    'whatsapp-signup-progress': WhatsappSignupProgressEvent;
    'whatsapp-signup-complete': WhatsappSignupCompleteEvent;
  }
}
