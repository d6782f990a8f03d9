/**
 * "Back to <brand>": where a hosted link leads once its onboarding has an outcome. The link's `returnUrl` must be
 * on an origin of RETURN_URL_ORIGINS; the BFF appends `onboarding_id`, `state`, `t` (unix seconds) and
 * `signature` = hex(HMAC-SHA256(NOTIFY_SECRET, "<t>.<onboarding_id>.<state>")), the callbacks' scheme
 * (notify/signature.ts), so the ASP's page can trust what it is told. The browser never signs anything.
 */
import { TERMINAL_JOB_STATES } from '../contract/enums.js';
import type { JobState } from '../domain/onboarding.types.js';
import { signatureV1 } from '../notify/signature.js';

/** RETURN_URL_ORIGINS (https origins) and the key of the return signature (NOTIFY_SECRET). */
export interface ReturnUrlSettings {
  origins: readonly string[];
  secret: string;
}

/** The states a return reports: an outcome (completed, failed, expired) or the customer's leaving Meta's dialog (abandoned). */
export const RETURN_STATES: readonly JobState[] = [...TERMINAL_JOB_STATES, 'abandoned'];

/** The query parameters the BFF adds to a return URL (they replace any of the same name). */
export const RETURN_PARAMS = ['onboarding_id', 'state', 't', 'signature'] as const;

/** Why `returnUrl` may not be used (a sentence naming it), or undefined when it may. */
export function returnUrlRefusal(returnUrl: string, settings: ReturnUrlSettings | undefined): string | undefined {
  if (!settings || settings.origins.length === 0) {
    return 'returnUrl is not accepted: set RETURN_URL_ORIGINS (and NOTIFY_SECRET, which signs the return) to the origins it may lead to';
  }
  const { origin } = new URL(returnUrl);
  if (!settings.origins.includes(origin)) return `returnUrl must be on one of the origins in RETURN_URL_ORIGINS (${settings.origins.join(', ')})`;
  return undefined;
}

/** `returnUrl` with the onboarding's id and state, the time and their signature. */
export function signedReturnUrl(
  secret: string,
  returnUrl: string,
  onboarding: { id: string; state: JobState },
  nowSec: number,
): string {
  const u = new URL(returnUrl);
  u.searchParams.set('onboarding_id', onboarding.id);
  u.searchParams.set('state', onboarding.state);
  u.searchParams.set('t', String(nowSec));
  u.searchParams.set('signature', signatureV1(secret, `${onboarding.id}.${onboarding.state}`, nowSec));
  return u.href;
}
