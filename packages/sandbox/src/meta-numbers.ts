import { createHash } from 'node:crypto';
import { senderNumberFields } from './meta/phone-numbers.js';
import type { SandboxState } from './state.js';

/**
 * The number behind a Meta phone number id as Sinch shows it on the sender: what the Meta sandbox knows
 * (meta/phone-numbers.ts), else, for an id it never handed out, one derived from the id (stable across runs;
 * a US 555 number, fictional) and "Sandbox Business".
 */
export function senderNumberOf(state: SandboxState, phoneNumberId: string): { countryCode: string; phoneNumber: string; displayName: string } {
  const known = senderNumberFields(state, phoneNumberId);
  if (known) return { countryCode: known.countryCode, phoneNumber: known.phoneNumber, displayName: known.details.displayName };
  const n = createHash('sha256').update(phoneNumberId).digest().readUInt32BE(0) % 10_000;
  return { countryCode: '1', phoneNumber: `631555${String(n).padStart(4, '0')}`, displayName: 'Sandbox Business' };
}
