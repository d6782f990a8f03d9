/**
 * The onboarding domain: the shapes the engine stores and the HTTP layer exposes.
 * One signup session owns exactly one onboarding job; they share the same id.
 */

import type { z } from 'zod';
import type { ES_FINISH_EVENTS, FEATURE_TYPES, JOB_STATES, META_LOCAL_STORAGE, ONBOARDING_ERROR_CODES, REGIONS, STEP_NAMES, STEP_STATUSES } from '../contract/enums.js';
import { TERMINAL_JOB_STATES } from '../contract/enums.js';
import type {
  AbandonmentSchema,
  BrandingSchema,
  WidgetLocaleSchema,
  CustomerSchema,
  OnboardingErrorSchema,
  OnboardingSchema,
  PhoneNumberRecordSchema,
  PrefillSchema,
  StepProgressSchema,
  SubmitSignupBodySchema,
} from '../contract/schemas.js';

// The lists live in the contract (one list each); re-exported so the domain's importers keep one entry point.
export {
  ES_FINISH_EVENTS,
  FEATURE_TYPES,
  JOB_STATES,
  META_LOCAL_STORAGE,
  ONBOARDING_ERROR_CODES,
  REGIONS,
  STEP_NAMES,
  STEP_STATUSES,
} from '../contract/enums.js';

/** Data regions a customer can pick; Sinch's provisioning `region` enum. */
export type Region = (typeof REGIONS)[number];

/** Lower-case host prefix of the Conversation API for a region. */
export const conversationRegion = (r: Region): 'us' | 'eu' | 'br' =>
  r.toLowerCase() as 'us' | 'eu' | 'br';

export type MetaLocalStorage = (typeof META_LOCAL_STORAGE)[number];
export type FeatureType = (typeof FEATURE_TYPES)[number];
export type EsFinishEvent = (typeof ES_FINISH_EVENTS)[number];
export type StepName = (typeof STEP_NAMES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type JobState = (typeof JOB_STATES)[number];
export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];

export const TERMINAL_STATES: readonly JobState[] = TERMINAL_JOB_STATES;

// The shapes below are the wire's: each is `z.output` of its schema in contract/schemas.ts, so the engine
// cannot keep a public field the API does not send (or the reverse) without a compile error.

/** Meta `extras.setup` pre-fill (subset we pass through). */
export type Prefill = z.output<typeof PrefillSchema>;
/** The ASP's customer: `reference` (opaque to us), subproject `displayName`, extra `labels` (ours are added). */
export type CustomerInput = z.output<typeof CustomerSchema>;

export interface SessionInput {
  customer: CustomerInput;
  regions: { allowed: Region[]; default?: Region };
  prefill?: Prefill;
  featureType?: FeatureType;
  /** Overrides WEBHOOK_TARGET for this customer's Conversation app webhook. */
  webhookTarget?: string;
  /** Session lifetime in seconds. */
  ttlSeconds: number;
  /** 'widget' sessions are minted by POST /v1/sessions, 'link' by POST /v1/signup-links. */
  kind: 'widget' | 'link';
  /** A signup link's page options (POST /v1/signup-links), kept in the session's JSON: the hosted page reads them. */
  hosted?: HostedOptions;
}

/** How a link's hosted page looks and where it leads back: `branding` over BRAND_*, the page's `locale`, `returnUrl`. */
export interface HostedOptions {
  branding?: z.output<typeof BrandingSchema>;
  locale?: z.output<typeof WidgetLocaleSchema>;
  returnUrl?: string;
}

export interface Session extends Omit<SessionInput, 'ttlSeconds'> {
  id: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * What the browser posts once Meta returned both halves of the signup. `code` (FB.login authResponse.code)
 * is single use and dies 30 s after Meta issued it: never logged or stored. `phoneNumberId` (and `businessId`)
 * are missing from some finishes (WABA-only, coexistence: api-facts §8); without a phone number id the job
 * waits in `awaiting_phone_number`, whatever the event's name.
 */
export type SignupResult = z.output<typeof SubmitSignupBodySchema>;

/** One step's progress; `note` says why a step was skipped or what it waits for. */
export type StepProgress = z.output<typeof StepProgressSchema>;
/** `message` is safe for the ASP and the customer: never a secret or the ES code. */
export type OnboardingError = z.output<typeof OnboardingErrorSchema>;
/** `error` is the failure of an additional number (added after completion); the job itself stays completed. */
export type PhoneNumberRecord = z.output<typeof PhoneNumberRecordSchema>;
export type Abandonment = z.output<typeof AbandonmentSchema>;
export type Onboarding = z.output<typeof OnboardingSchema>;

/** An operator's narrowing of the list (the console): each given field must hold. */
export interface OnboardingFilter {
  region?: Region;
  /** Created at or after this ISO time. */
  createdFrom?: string;
  /** Created before this ISO time. */
  createdBefore?: string;
  /** Part of the customer's reference or display name, case-insensitive (ASCII letters on SQLite). */
  text?: string;
}

export interface ListOnboardingsQuery extends OnboardingFilter {
  state?: JobState;
  pageSize: number;
  pageToken?: string;
}

/** A sender's state as seen in a Sinch provisioning webhook or a GET. */
export interface SenderUpdate {
  id: string;
  state?: string;
  changes?: { status?: string; errorCode?: string; errorReason?: string };
  /** What the customer sees of the number (quality-rating and display-name callbacks carry the new values). */
  countryCode?: string;
  phoneNumber?: string;
  details?: { displayName?: string };
  qualityRating?: string;
}

/**
 * What the HTTP layer needs from the engine. Implemented by `OnboardingEngine`
 * (domain/onboarding.engine.ts). Methods throw `AppError` (errors.ts) with a stable code.
 */
export interface OnboardingService {
  /**
   * Stores the session, its job and (when `link` is given) its signup link in one transaction, and starts
   * subproject warm-up in the background. The link gets the session's id, creation time and expiry.
   */
  createSession(input: SessionInput, link?: { id: string }): Promise<{ session: Session; onboarding: Onboarding }>;
  getSession(id: string): Promise<Session | undefined>;
  /**
   * Hands the ES result to the job; create-sender goes out at once (after warm-up if still running).
   * Idempotent: the same wabaId/phoneNumberId again returns the same job; a different one → AppError 409
   * `signup_already_submitted`. An expired session → AppError 401 `session_expired`
   * (the wire contract's status: the session token is no longer good).
   */
  submitSignup(sessionId: string, result: SignupResult): Promise<Onboarding>;
  getOnboarding(id: string): Promise<Onboarding | undefined>;
  listOnboardings(q: ListOnboardingsQuery): Promise<{ items: Onboarding[]; nextPageToken?: string }>;
  /** Resumes a failed job from its failed step. AppError 409 `not_retryable` when not failed. */
  retry(id: string): Promise<Onboarding>;
  /** Same Sinch sender call for another number of the onboarded WABA (and for a finish that came without one). */
  addPhoneNumber(
    id: string,
    input: { phoneNumberId: string; code?: string; metaLocalStorage?: MetaLocalStorage },
  ): Promise<Onboarding>;
  /**
   * Number verification of a sender in PENDING_VERIFICATION (domain/verification.ts): Sinch sends the code by SMS
   * or voice. AppError 404 `not_found` (no such number), 409 `verification_not_allowed` (not waiting for a code),
   * 429 `rate_limited` (before `verification.resendAvailableAt`), 409 `already_registered`, 429 `too_many_attempts`.
   */
  startVerification(id: string, input: { phoneNumberId: string; method: 'SMS' | 'VOICE' }): Promise<Onboarding>;
  /** The customer's 6-digit code: right → the job goes on; AppError 409 `wrong_otp`, 429 `too_many_attempts`, 409 `verification_not_allowed`. */
  submitVerificationCode(id: string, input: { phoneNumberId: string; code: string }): Promise<Onboarding>;
  /**
   * The customer's pick among `phoneNumberChoices` (state awaiting_phone_number_choice): each picked number is
   * onboarded. 400 naming `phoneNumberIds` for an id not offered; 409 `invalid_state` when none are offered
   * (the same pick again is idempotent).
   */
  selectPhoneNumbers(sessionId: string, phoneNumberIds: string[]): Promise<Onboarding>;
  /** Records a CANCEL or ERROR from Meta so the ASP sees where customers drop out. */
  abandon(sessionId: string, info: Abandonment): Promise<Onboarding>;
  /**
   * Called on every persisted change of any onboarding (SSE, metrics, ASP callbacks). All listeners share
   * one copy per change: read it, don't mutate it.
   */
  onChange(listener: (o: Onboarding) => void): () => void;
  /** Advances activation from a verified Sinch provisioning webhook, and records the number's details it carries. */
  handleSenderUpdate(update: SenderUpdate): Promise<void>;
  /**
   * The secret of the Provisioning webhook registered in the subproject that holds this sender (undefined when
   * the sender is unknown or its subproject has none): the callback route verifies with it.
   */
  provisioningWebhookSecret(senderId: string): Promise<string | undefined>;
  /** Resumes unfinished jobs and starts the expiry sweeper. */
  start(): Promise<void>;
  /** Stops timers and waits for in-flight steps to settle. */
  stop(): Promise<void>;
}
