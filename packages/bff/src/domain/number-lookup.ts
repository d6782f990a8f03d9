/**
 * The port through which the engine finds the phone numbers of a WABA when Meta's finish carried none
 * (coexistence, WABA-only): implemented over Meta's Graph API by clients/meta/number-lookup.ts. The engine
 * never sees a Meta token: it hands over the ES code (the app-secret path spends it) and gets numbers back.
 */
import type { GraphFailureReason } from '../clients/meta/errors.js';

/**
 * How the numbers are looked up (config decides, in this order):
 * - `system_user_token`: META_SYSTEM_USER_TOKEN lists them; the ES code stays for Sinch (`authenticationCode`).
 * - `app_secret`: META_APP_SECRET exchanges the code for the customer's business token (used for this lookup
 *   only, never stored or logged); the code is spent, so senders are created without `authenticationCode`.
 */
export type NumberLookupVia = 'system_user_token' | 'app_secret';

/** One phone number of the customer's WABA as the lookup found it. */
export interface FoundNumber {
  phoneNumberId: string;
  /** Meta's display_phone_number, e.g. "+1 631-555-0101". */
  displayPhoneNumber?: string;
  /** Meta's verified_name. */
  verifiedName?: string;
}

/** Why a lookup found nothing to work with (the ASP's callback and the sender step's note say it). */
export type NumberLookupFailure = 'not_configured' | 'code_unavailable' | GraphFailureReason;

/** A lookup that could not list the numbers; `message` is safe for logs and the ASP. */
export class NumberLookupError extends Error {
  override readonly name = 'NumberLookupError';
  constructor(
    readonly reason: NumberLookupFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface NumberLookup {
  readonly via: NumberLookupVia;
  /**
   * Every phone number of the WABA. `code`: the ES code, required by (and spent by) `app_secret`, unused by
   * `system_user_token`. Throws NumberLookupError.
   */
  list(wabaId: string, code: string | undefined, signal?: AbortSignal): Promise<FoundNumber[]>;
}
