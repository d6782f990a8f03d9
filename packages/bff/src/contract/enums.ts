/**
 * Every enumeration of the wire, once. The zod schemas (contract/schemas.ts) are built from these lists,
 * the domain types are derived from those schemas, and the OpenAPI document (docs/openapi.json) and the
 * widget's generated types come from the schemas: adding a value here is the only edit a new value needs.
 */

/** Data regions a customer can pick; Sinch's provisioning `region` enum. */
export const REGIONS = ['US', 'EU', 'BR'] as const;

/** Meta data-residency values Sinch accepts as `metaLocalStorage`. */
export const META_LOCAL_STORAGE = [
  'AE', 'AU', 'BH', 'BR', 'CA', 'CH', 'DE', 'GB', 'ID', 'IN', 'JP', 'KR', 'SG', 'US', 'ZA',
] as const;

/** ES `featureType` values (Meta `extras.featureType`). */
export const FEATURE_TYPES = ['', 'whatsapp_business_app_onboarding', 'only_waba_sharing'] as const;

/**
 * The WA_EMBEDDED_SIGNUP success events Meta documents (api-facts §8). Any event matching
 * {@link ES_FINISH_EVENT_PATTERN} is accepted the same way; one not in this list is logged by name, so a new
 * Meta event shows up in the logs instead of dropping a signup. What the job does depends on the fields sent
 * (a phone number id or not), never on the event name.
 */
export const ES_FINISH_EVENTS = [
  'FINISH',
  'FINISH_ONLY_WABA',
  'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING',
  'FINISH_OBO_MIGRATION',
  'FINISH_GRANT_ONLY_API_ACCESS',
] as const;

/** Every success event, known or future: `FINISH` or `FINISH_` followed by upper-case words. */
export const ES_FINISH_EVENT_PATTERN = '^FINISH(_[A-Z0-9_]+)?$';

/** The onboarding's steps, in the order they run. */
export const STEP_NAMES = ['warm_up', 'sender', 'app', 'webhook', 'activation'] as const;

/** Status of one step (`Onboarding.steps[].status`). */
export const STEP_STATUSES = ['pending', 'running', 'waiting', 'done', 'failed'] as const;

/**
 * - warming_up: subproject being created / waited on; no ES result yet.
 * - awaiting_signup: warm, waiting for the browser's ES result.
 * - running: sender → app → webhook → activation in progress.
 * - awaiting_phone_number: the finish carried no phone number id (WABA-only, coexistence) and no lookup found one;
 *   the ASP adds a number with the same sender call later (its callback gets `onboarding.action_required`).
 * - awaiting_phone_number_choice: a lookup of the WABA's numbers found several; the customer picks one or more
 *   (`Onboarding.phoneNumberChoices`, `POST /v1/session/phone-numbers`).
 * - awaiting_verification: the first number's sender is PENDING_VERIFICATION; the customer registers it (SMS or
 *   voice) and enters the code (`POST /v1/session/verification`, `…/verification/code`).
 * - completed / failed: terminal (failed can be retried when error.retryable).
 * - abandoned: the customer cancelled or Meta reported an error (can still submit later while the session lives).
 * - expired: the session ended unused; its warm subproject is deleted (configurable).
 */
export const JOB_STATES = [
  'warming_up',
  'awaiting_signup',
  'running',
  'awaiting_phone_number',
  'awaiting_phone_number_choice',
  'awaiting_verification',
  'completed',
  'failed',
  'abandoned',
  'expired',
] as const;

/** States after which a job never changes (failed can still be retried by the ASP); the event stream ends there. */
export const TERMINAL_JOB_STATES = ['completed', 'failed', 'expired'] as const satisfies ReadonlyArray<(typeof JOB_STATES)[number]>;

/**
 * Where one phone number of an onboarding stands (`Onboarding.phoneNumbers[].status`), read by the element
 * and the ASP without knowing Sinch's sender states:
 * - pending: its sender, app or webhook is being set up;
 * - verification_required: the sender is PENDING_VERIFICATION (register by SMS or voice, then the code);
 * - active: it can send and receive;
 * - failed: it could not be onboarded (`error` says why);
 * - suspended / inactive: Sinch reported the sender SUSPENDED or INACTIVE after it was active.
 */
export const PHONE_NUMBER_STATUSES = ['pending', 'verification_required', 'active', 'failed', 'suspended', 'inactive'] as const;

/** Meta's quality rating of a number, as Sinch's sender `qualityRating` reports it. */
export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;

/** How Sinch sends the verification code of a PENDING_VERIFICATION sender (`register` `method`). */
export const VERIFICATION_METHODS = ['SMS', 'VOICE'] as const;

/**
 * What the browser reports to `POST /v1/session/events`, once per session and milestone (the signup funnel):
 * - link_opened: the hosted page ran in a browser (a mail scanner's GET of the link runs no script);
 * - loaded: the element fetched its session (it can show the button);
 * - sdk_blocked / sdk_timeout: Meta's SDK failed to load (blocked by an extension or CSP) / did not load in time;
 * - start: the customer clicked the button (FB.login called);
 * - popup_blocked: the browser blocked Meta's dialog; popup_closed: the dialog closed without a result or CANCEL;
 * - cancelled: Meta's `CANCEL` message, with its `current_step`; meta_error: Meta's error message, with its code;
 * - finished: Meta returned both halves (the code and a FINISH* message).
 */
export const FUNNEL_MILESTONES = [
  'link_opened',
  'loaded',
  'sdk_blocked',
  'sdk_timeout',
  'start',
  'popup_blocked',
  'popup_closed',
  'cancelled',
  'meta_error',
  'finished',
] as const;

/**
 * The stages `GET /v1/funnel` counts sessions at, in order: a session counts at a stage when it reached it
 * (created → the element loaded → Meta's dialog opened → Meta finished → the first sender created → completed).
 */
export const FUNNEL_STAGES = ['created', 'element_loaded', 'dialog_opened', 'finished', 'sender_created', 'completed'] as const;

/**
 * Why sessions dropped out (`GET /v1/funnel` `drops[].cause`): `cancelled` is broken down by Meta's
 * `current_step` and `failed` by the onboarding error code (`drops[].detail`); `expired_unused` = the session
 * ended without a signup and without any of the other causes.
 */
export const FUNNEL_DROP_CAUSES = [
  'sdk_blocked',
  'sdk_timeout',
  'popup_blocked',
  'popup_closed',
  'cancelled',
  'meta_error',
  'code_expired',
  'failed',
  'expired_unused',
] as const;

/** `GET /v1/funnel?groupBy=`: one period per day, per ISO week (Monday), or one for the whole range. */
export const FUNNEL_GROUP_BY = ['day', 'week', 'total'] as const;

/**
 * Where a signup link stands (`GET /v1/signup-links`): revoked wins, then used (its onboarding was submitted),
 * then expired (its session ended unused), else active (opened or not: see `openedAt`).
 */
export const SIGNUP_LINK_STATES = ['active', 'used', 'revoked', 'expired'] as const;

/** Languages of the element (its `locale`), also a signup link's `locale`. English is built into the script. */
export const WIDGET_LOCALES = ['en', 'de', 'es', 'pt-BR'] as const;

/** What an operator did in the console (the audit log's `action`). */
export const OPERATOR_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'retry_onboarding',
  'add_phone_number',
  'revoke_link',
  'redeliver_callback',
] as const;

/** Stable error codes an onboarding (or an added phone number) can fail with; the widget maps each to a message. */
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
  // Sinch's sender errorCode families (domain/sinch-error-map.ts) and the region check of the app step.
  'sender_rejected',
  'sender_suspended',
  'sender_deleted',
  'phone_number_not_verified',
  'business_not_verified',
  'meta_setup_failed',
  'sinch_account_setup',
  'region_incompatible',
  'app_create_failed',
  'webhook_create_failed',
  'activation_timeout',
  // The number stayed PENDING_VERIFICATION (no right code) for VERIFICATION_TIMEOUT_MS; a retry asks again.
  'verification_timeout',
  'sinch_unavailable',
  'sinch_unauthorized',
  'internal_error',
] as const;

/**
 * Stable `error.code` values the browser's routes (`/v1/session…`, session token) can answer with: the widget
 * has a human message for each.
 */
export const SESSION_API_ERROR_CODES = [
  'unauthorized',
  'session_expired',
  'origin_not_allowed',
  'invalid_request',
  'payload_too_large',
  'rate_limited',
  // More open event streams than SSE_MAX_STREAMS_PER_SESSION / _PER_IP allow (429); the widget then polls.
  'too_many_streams',
  'not_found',
  'signup_already_submitted',
  // The signup names another WABA than wabaId (wabaIds[]); Sinch allows one WABA per project (422, names it).
  'multiple_wabas',
  // A command the onboarding's state refuses, e.g. a pick of phone numbers when none are offered (409).
  'invalid_state',
  'engine_stopped',
  // Number verification (`POST /v1/session/verification`, `…/verification/code`): the code is not the one sent
  // (409), too many wrong codes (429), the number is registered on another WhatsApp account (409), the number is
  // not waiting for a verification (409).
  'wrong_otp',
  'too_many_attempts',
  'already_registered',
  'verification_not_allowed',
  // A Sinch call that fails inside a request (clients/sinch/errors.ts) answers 502/504 with these.
  'sinch_error',
  'sinch_unavailable',
  'internal_error',
] as const;

/** Every `error.code` of an HTTP error response (`{error: {code, message, field?}}`): the browser's and the rest. */
export const API_ERROR_CODES = [
  ...SESSION_API_ERROR_CODES,
  'not_retryable',
  'invalid_signature',
  'replayed',
  'widget_not_built',
  // The operator console: a missing or stale X-CSRF-Token on an action (403), a wrong name or password (401).
  'csrf_invalid',
  'sign_in_failed',
] as const;
