/**
 * The phone numbers of the Meta sandbox's WABAs: what Graph's `GET /{waba-id}/phone_numbers` lists, what a
 * finish in the dialog shares, and what the Sinch sandbox's sender DTO shows of a number (countryCode,
 * phoneNumber, details.displayName). Made-up numbers are US numbers in the 555-01xx range.
 */
import { randomInt } from 'node:crypto';
import type { SandboxState, GraphPhoneNumber } from '../state.js';
import type { SandboxPhoneNumber } from '../sinch-sandbox.types.js';

/** A Meta-style numeric id (15 digits starting with `first`), never repeated within one process. */
const seen = new Set<string>();
export function metaId(first: string): string {
  for (;;) {
    const id = `${first}${randomInt(1e8, 1e9 - 1)}${randomInt(1e5, 1e6 - 1)}`;
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

/** `count` made-up numbers of one business (ids new, display numbers +1 631-555-01NN). */
export function makeNumbers(count: number, verifiedName = 'Sandbox Business'): GraphPhoneNumber[] {
  return Array.from({ length: count }, () => {
    const id = metaId('3');
    return full({ id, display_phone_number: `+1 631-555-01${id.slice(-2)}`, verified_name: verifiedName });
  });
}

function full(n: SandboxPhoneNumber): GraphPhoneNumber {
  return {
    id: n.id,
    display_phone_number: n.display_phone_number,
    verified_name: n.verified_name,
    code_verification_status: n.code_verification_status ?? 'VERIFIED',
    quality_rating: n.quality_rating ?? 'GREEN',
    platform_type: n.platform_type ?? 'CLOUD_API',
  };
}

/** Gives a WABA these numbers (replacing any) or `count` made-up ones. */
export function setNumbers(state: SandboxState, wabaId: string, numbers: number | SandboxPhoneNumber[]): GraphPhoneNumber[] {
  const list = typeof numbers === 'number' ? makeNumbers(numbers) : numbers.map(full);
  state.wabaNumbers.set(wabaId, list);
  return list.map((n) => ({ ...n }));
}

/**
 * How Sinch's sender DTO shows a number the Meta sandbox knows: `countryCode` and `phoneNumber` (national,
 * no country code) split from Meta's display number, `details.displayName` = Meta's verified name.
 */
export function senderNumberFields(state: SandboxState, phoneNumberId: string): { countryCode: string; phoneNumber: string; details: { displayName: string } } | undefined {
  const n = state.graphNumber(phoneNumberId);
  const m = n?.display_phone_number.match(/^\+(\d{1,3})[\s-]+(.*)$/);
  if (!n || !m) return undefined;
  return { countryCode: m[1]!, phoneNumber: m[2]!.replace(/\D/g, ''), details: { displayName: n.verified_name } };
}
