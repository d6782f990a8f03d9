/**
 * Languages of the element: `locale` attribute, else the page's `lang`, else English. English is built in;
 * the others are loaded by `load.ts`. Each error code maps to a group that has one human message per language.
 */
import type {KnownErrorCode} from '../events.js';
import type {ErrorGroup, Messages} from './types.js';

export type {ErrorGroup, Messages, NumbersMessages, VerificationMessages} from './types.js';

/** Meta SDK locale of each language the element speaks, by BCP 47 tag. */
export const FB_LOCALES: Readonly<Record<string, string>> = {en: 'en_US', es: 'es_LA', 'pt-BR': 'pt_BR', de: 'de_DE'};

/** Locales supported, as `locale` attribute values. */
export const LOCALES = Object.keys(FB_LOCALES);

/**
 * The supported locale closest to `tag` (exact, then same language, e.g. `pt-PT` → `pt-BR`, `de-AT` → `de`),
 * or `undefined`.
 */
export function matchLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().replace('_', '-').toLowerCase();
  const lang = lower.split('-')[0];
  return (
    LOCALES.find((l) => l.toLowerCase() === lower) ?? LOCALES.find((l) => l.toLowerCase().split('-')[0] === lang)
  );
}

/** Picks the locale: the attribute, else the page's `lang`, else `en`. */
export const resolveLocale = (attr?: string | null, pageLang?: string | null): string =>
  matchLocale(attr) ?? matchLocale(pageLang) ?? 'en';

/**
 * The message group of every error code: keyed by each code the BFF documents for the browser (generated from
 * its OpenAPI document) and the element's own, so a code the BFF adds does not compile until it has a message.
 */
const GROUPS: Record<KnownErrorCode, ErrorGroup> = {
  unauthorized: 'session',
  session_expired: 'session',
  not_found: 'session',
  invalid_request: 'request',
  payload_too_large: 'request',
  signup_already_submitted: 'submitted',
  invalid_state: 'request',
  rate_limited: 'busy',
  too_many_streams: 'busy',
  engine_stopped: 'busy',
  origin_not_allowed: 'config',
  invalid_config: 'config',
  code_expired: 'code',
  code_invalid: 'code',
  phone_number_in_use: 'inUse',
  waba_in_use: 'inUse',
  waba_invalid: 'waba',
  multiple_wabas: 'multipleWabas',
  sender_error: 'activation',
  activation_timeout: 'activation',
  sender_suspended: 'activation',
  sender_deleted: 'activation',
  meta_setup_failed: 'activation',
  sender_rejected: 'rejected',
  region_incompatible: 'region',
  phone_number_not_verified: 'unverified',
  business_not_verified: 'business',
  sdk_blocked: 'sdk',
  sdk_timeout: 'sdk',
  popup_blocked: 'popupBlocked',
  popup_closed: 'popupClosed',
  signup_incomplete: 'incomplete',
  meta_error: 'meta',
  network_error: 'network',
  // Sinch or BFF infrastructure failures share one message.
  internal_error: 'server',
  sinch_error: 'server',
  sinch_unavailable: 'server',
  sinch_unauthorized: 'server',
  subproject_create_failed: 'server',
  subproject_not_ready: 'server',
  solution_assign_failed: 'server',
  sender_create_failed: 'server',
  app_create_failed: 'server',
  webhook_create_failed: 'server',
  // Number verification (the verification view shows these next to the code field, with its own messages).
  wrong_otp: 'wrongOtp',
  too_many_attempts: 'tooManyAttempts',
  already_registered: 'alreadyRegistered',
  verification_not_allowed: 'verificationNotAllowed',
  verification_timeout: 'verificationTimeout',
  sinch_account_setup: 'server',
};

/** The human message for an error code; a code the element does not know gets the `unknown` message. */
export function errorMessage(m: Messages, code: string): string {
  // A verification refusal's message is the verification view's (it passes its own with them in).
  return (m.errors as Partial<Record<ErrorGroup, string>>)[GROUPS[code as KnownErrorCode]] ?? m.errors.unknown;
}
