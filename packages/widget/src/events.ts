/**
 * The DOM events of `<whatsapp-signup>`: one `Event` subclass each, all `bubbles` + `composed`
 * (shape of Web Awesome's `src/events/*.ts`), registered in `GlobalEventHandlersEventMap`.
 */

import type {OnboardingErrorCode, SessionApiErrorCode, StepName, StepStatus} from './internal/bff-api.generated.js';

/** Names of the onboarding steps the BFF reports (`Onboarding.steps[].name`). */
export type SignupStepName = StepName;

/** Status of one onboarding step (`Onboarding.steps[].status`). */
export type SignupStepStatus = StepStatus;

/** Error codes the element raises itself, without the BFF (the BFF's come from its OpenAPI document). */
export const CLIENT_ERROR_CODES = [
  'sdk_blocked',
  'sdk_timeout',
  'popup_blocked',
  'popup_closed',
  'signup_incomplete',
  'meta_error',
  'network_error',
  'invalid_config',
] as const;

/** An error code of the element's own (see {@link CLIENT_ERROR_CODES}). */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every error code the element knows: the BFF's (its browser routes' and the onboarding's) and its own. */
export type KnownErrorCode = SessionApiErrorCode | OnboardingErrorCode | ClientErrorCode;

/**
 * Stable error codes the element reports: the BFF's HTTP codes of its browser routes
 * (`SessionApiErrorCode`) and onboarding codes (`OnboardingErrorCode`), generated from its OpenAPI document, plus the client-side ones
 * ({@link CLIENT_ERROR_CODES}). Unknown server codes pass through as plain strings.
 */
export type SignupErrorCode = KnownErrorCode | (string & {});

const init: EventInit = {bubbles: true, composed: true};

/** Fired once the element is interactive: session loaded, FB SDK ready, button enabled. */
export class WhatsappSignupReadyEvent extends Event {
  readonly detail: Record<string, never> = {};
  constructor() {
    super('whatsapp-signup-ready', init);
  }
}

/**
 * Fired on the customer's click, before Embedded Signup opens; cancelable: `preventDefault()` vetoes the start
 * (no popup, no request, the button stays usable). The listener runs synchronously inside the click.
 */
export class WhatsappSignupBeforeStartEvent extends Event {
  readonly detail: Record<string, never> = {};
  constructor() {
    super('whatsapp-signup-before-start', {...init, cancelable: true});
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
    'whatsapp-signup-before-start': WhatsappSignupBeforeStartEvent;
    'whatsapp-signup-start': WhatsappSignupStartEvent;
    'whatsapp-signup-cancel': WhatsappSignupCancelEvent;
    'whatsapp-signup-error': WhatsappSignupErrorEvent;
    'whatsapp-signup-progress': WhatsappSignupProgressEvent;
    'whatsapp-signup-complete': WhatsappSignupCompleteEvent;
  }
}
