/**
 * The onboarding domain: the shapes the engine stores and the HTTP layer exposes.
 * One signup session owns exactly one onboarding job; they share the same id.
 */

/** Data regions a customer can pick; Sinch's provisioning `region` enum. */
export const REGIONS = ['US', 'EU', 'BR'] as const;
export type Region = (typeof REGIONS)[number];

/** Lower-case host prefix of the Conversation API for a region. */
export const conversationRegion = (r: Region): 'us' | 'eu' | 'br' =>
  r.toLowerCase() as 'us' | 'eu' | 'br';

/** Meta data-residency values Sinch accepts as `metaLocalStorage`. */
export const META_LOCAL_STORAGE = [
  'AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'US', 'ZA',
] as const;
export type MetaLocalStorage = (typeof META_LOCAL_STORAGE)[number];

/** ES `featureType` values (Meta `extras.featureType`). */
export const FEATURE_TYPES = ['', 'whatsapp_business_app_onboarding', 'only_waba_sharing'] as const;
export type FeatureType = (typeof FEATURE_TYPES)[number];

/** The WA_EMBEDDED_SIGNUP success events the BFF accepts. */
export const ES_FINISH_EVENTS = [
  'FINISH',
  'FINISH_ONLY_WABA',
  'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING',
] as const;
export type EsFinishEvent = (typeof ES_FINISH_EVENTS)[number];

/** Meta `extras.setup` pre-fill (subset we pass through). */
export interface Prefill {
  business?: {
    name?: string;
    email?: string;
    website?: string;
    phone?: { code: number; number: string };
    address?: {
      streetAddress1?: string;
      streetAddress2?: string;
      city?: string;
      state?: string;
      zipPostal?: string;
      country?: string;
    };
    timezone?: string;
  };
  phone?: { displayName: string; category: string; description: string };
}

export interface CustomerInput {
  /** The ASP's own reference for this customer (opaque to us). */
  reference: string;
  /** Subproject display name. */
  displayName: string;
  /** Extra subproject labels (ours are added: `wss-session`). */
  labels?: Record<string, string>;
}

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
}

export interface Session extends Omit<SessionInput, 'ttlSeconds'> {
  id: string;
  createdAt: string;
  expiresAt: string;
}

/** What the browser posts once Meta returned both halves of the signup. */
export interface SignupResult {
  /** FB.login authResponse.code: single use, dies 30 s after Meta issued it. Never logged or stored. */
  code: string;
  event: EsFinishEvent;
  wabaId: string;
  /** Missing for FINISH_ONLY_WABA: the job then waits in `awaiting_phone_number`. */
  phoneNumberId?: string;
  businessId: string;
  region: Region;
  metaLocalStorage?: MetaLocalStorage;
}

export const STEP_NAMES = ['warm_up', 'sender', 'app', 'webhook', 'activation'] as const;
export type StepName = (typeof STEP_NAMES)[number];
export type StepStatus = 'pending' | 'running' | 'waiting' | 'done' | 'failed';

export interface StepProgress {
  name: StepName;
  status: StepStatus;
  attempts: number;
  startedAt?: string;
  endedAt?: string;
  /** Why a step was skipped or what it waits for (e.g. "no webhook target configured"). */
  note?: string;
}

/**
 * - warming_up: subproject being created / waited on; no ES result yet.
 * - awaiting_signup: warm, waiting for the browser's ES result.
 * - running: sender → app → webhook → activation in progress.
 * - awaiting_phone_number: FINISH_ONLY_WABA; add a number with the same sender call later.
 * - completed / failed: terminal (failed can be retried when error.retryable).
 * - abandoned: the customer cancelled or Meta reported an error (can still submit later while the session lives).
 * - expired: the session ended unused; its warm subproject is deleted (configurable).
 */
export const JOB_STATES = [
  'warming_up',
  'awaiting_signup',
  'running',
  'awaiting_phone_number',
  'completed',
  'failed',
  'abandoned',
  'expired',
] as const;
export type JobState = (typeof JOB_STATES)[number];
export const TERMINAL_STATES: readonly JobState[] = ['completed', 'failed', 'expired'];

/** Stable error codes an onboarding can fail with (the widget maps each to a human message). */
export const ONBOARDING_ERROR_CODES = [
  'subproject_create_failed',
  'subproject_not_ready',
  'solution_assign_failed',
  'code_expired',
  'code_invalid',
  'phone_number_in_use',
  'waba_in_use',
  'waba_invalid',
  'sender_create_failed',
  'sender_error',
  'app_create_failed',
  'webhook_create_failed',
  'activation_timeout',
  'sinch_unavailable',
  'sinch_unauthorized',
  'internal_error',
] as const;
export type OnboardingErrorCode = (typeof ONBOARDING_ERROR_CODES)[number];

export interface OnboardingError {
  step: StepName;
  code: OnboardingErrorCode;
  /** Safe for the ASP and the customer: never holds a secret or the ES code. */
  message: string;
  retryable: boolean;
  /** What Sinch said, when Sinch said it. */
  sinch?: { status: number; code?: string; message?: string };
}

export interface PhoneNumberRecord {
  phoneNumberId: string;
  senderId?: string;
  senderState?: string;
  /** Failure of an additional number (added after completion); the job itself stays completed. */
  error?: Omit<OnboardingError, 'step'> & { step?: StepName };
}

export type Abandonment =
  | { kind: 'cancel'; currentStep?: string; at: string }
  | { kind: 'error'; message?: string; code?: string; errorId?: string; metaSessionId?: string; at: string };

export interface Onboarding {
  id: string;
  state: JobState;
  customer: CustomerInput;
  region?: Region;
  event?: EsFinishEvent;
  wabaId?: string;
  phoneNumberId?: string;
  businessId?: string;
  subprojectId?: string;
  senderId?: string;
  senderState?: string;
  appId?: string;
  webhookId?: string;
  /** Every number onboarded into this WABA (the first one included). */
  phoneNumbers: PhoneNumberRecord[];
  steps: StepProgress[];
  error?: OnboardingError;
  abandonment?: Abandonment;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
}

export interface ListOnboardingsQuery {
  state?: JobState;
  pageSize: number;
  pageToken?: string;
}

/** A sender's state as seen in a Sinch provisioning webhook or a GET. */
export interface SenderUpdate {
  id: string;
  state?: string;
  changes?: { status?: string; errorCode?: string; errorReason?: string };
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
  /** Same Sinch sender call for another number of the onboarded WABA (and for FINISH_ONLY_WABA). */
  addPhoneNumber(
    id: string,
    input: { phoneNumberId: string; code?: string; metaLocalStorage?: MetaLocalStorage },
  ): Promise<Onboarding>;
  /** Records a CANCEL or ERROR from Meta so the ASP sees where customers drop out. */
  abandon(sessionId: string, info: Abandonment): Promise<Onboarding>;
  /**
   * Called on every persisted change of any onboarding (SSE, metrics, ASP callbacks). All listeners share
   * one copy per change: read it, don't mutate it.
   */
  onChange(listener: (o: Onboarding) => void): () => void;
  /** Advances activation from a verified Sinch provisioning webhook. */
  handleSenderUpdate(update: SenderUpdate): Promise<void>;
  /** Resumes unfinished jobs and starts the expiry sweeper. */
  start(): Promise<void>;
  /** Stops timers and waits for in-flight steps to settle. */
  stop(): Promise<void>;
}
