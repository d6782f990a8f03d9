/**
 * The engine's NumberLookup over Meta's Graph API, in the order issue 9 gives: a system-user token when
 * configured (the ES code stays for Sinch), else the app secret (the code is exchanged for the customer's
 * business token, which lives in this function's scope for one listing and is then dropped), else none.
 */
import type { Logger } from 'pino';
import { NumberLookupError, type FoundNumber, type NumberLookup } from '../../domain/number-lookup.js';
import { GraphApiError, GraphTransportError } from './errors.js';
import { MetaGraphClient, type GraphPhoneNumber } from './graph.client.js';
import type { MetaSettings } from './settings.js';

const found = (n: GraphPhoneNumber): FoundNumber => ({
  phoneNumberId: n.id,
  ...(n.display_phone_number ? { displayPhoneNumber: n.display_phone_number } : {}),
  ...(n.verified_name ? { verifiedName: n.verified_name } : {}),
});

/** Graph's failure as the engine's, with a message safe for logs and the ASP (Meta's codes, no secret). */
function asLookupError(e: unknown, what: string): NumberLookupError {
  if (e instanceof GraphApiError || e instanceof GraphTransportError) return new NumberLookupError(e.reason, `${what}: ${e.message}`);
  return new NumberLookupError('unknown', `${what} failed`);
}

/** The lookup the configuration allows, or undefined when it has neither a system-user token nor an app secret. */
export function createNumberLookup(settings: MetaSettings, o: { client?: MetaGraphClient; logger?: Logger } = {}): NumberLookup | undefined {
  const client = o.client ?? new MetaGraphClient(settings, o.logger ? { logger: o.logger } : {});
  const { systemUserToken, appSecret, appId } = settings;
  if (systemUserToken) {
    return {
      via: 'system_user_token',
      async list(wabaId, _code, signal) {
        try {
          return (await client.listPhoneNumbers(wabaId, systemUserToken, signal)).map(found);
        } catch (e) {
          if (signal?.aborted) throw e;
          throw asLookupError(e, "Listing the WABA's phone numbers with the system-user token");
        }
      },
    };
  }
  if (appSecret && appId) {
    return {
      via: 'app_secret',
      async list(wabaId, code, signal) {
        if (!code) throw new NumberLookupError('code_unavailable', 'The signup code is no longer held (it lives 30 s and is kept in memory only)');
        let token: string;
        try {
          token = await client.exchangeCode(code, { appId, appSecret }, signal);
        } catch (e) {
          if (signal?.aborted) throw e;
          throw asLookupError(e, 'Exchanging the signup code for the business token');
        }
        try {
          return (await client.listPhoneNumbers(wabaId, token, signal)).map(found);
        } catch (e) {
          if (signal?.aborted) throw e;
          throw asLookupError(e, "Listing the WABA's phone numbers with the business token");
        }
      },
    };
  }
  return undefined;
}
