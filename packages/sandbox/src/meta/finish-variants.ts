/**
 * What Meta's Embedded Signup dialog posts on Finish, per variant: the event and exactly the keys of its
 * `data` (api-facts §8 "Meta: what ES really sends", which overrides the earlier sections). The dialog builds
 * its message from this table and nothing else, so the sandbox never sends a field Meta does not.
 */

/** The `data` keys Meta sends with each success event. */
export const FINISH_DATA_KEYS = {
  FINISH: ['phone_number_id', 'waba_id', 'business_id'],
  // featureType only_waba_sharing ("bypass phone number addition"): the partner adds the number itself.
  FINISH_ONLY_WABA: ['waba_id'],
  // Coexistence (featureType whatsapp_business_app_onboarding): no business_id, no phone_number_id.
  FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING: ['waba_id'],
  // The fact sheet names the event but not its fields: treated as FINISH's.
  FINISH_OBO_MIGRATION: ['phone_number_id', 'waba_id', 'business_id'],
} as const satisfies Record<string, readonly ('phone_number_id' | 'waba_id' | 'business_id')[]>;

export type FinishEvent = keyof typeof FINISH_DATA_KEYS;

/**
 * Session-info arrays sent besides the single ids when the customer shares several numbers of the WABA in the
 * dialog (the "several numbers" variant): `waba_ids` (api-facts §5 lists it) and `phone_number_ids` (the name
 * the BFF's contract reads; UNCONFIRMED in Meta's text, which documents the arrays only for WABAs, pages, …).
 */
export const SESSION_INFO_ARRAYS = ['waba_ids', 'phone_number_ids'] as const;

/** Events whose data carries a phone number id: the dialog shares at least one number with them. */
export const sharesNumbers = (event: FinishEvent): boolean => (FINISH_DATA_KEYS[event] as readonly string[]).includes('phone_number_id');

/** The `data` keys of this finish when the dialog shares `shared` numbers (arrays only with several). */
export function dataKeysFor(event: FinishEvent, shared: number): string[] {
  const keys: string[] = [...FINISH_DATA_KEYS[event]];
  return sharesNumbers(event) && shared > 1 ? [...keys, ...SESSION_INFO_ARRAYS] : keys;
}

/** Events a sandbox user may ask for explicitly (`finish=` on sdk.js): those no featureType leads to. */
export const REQUESTABLE_FINISH_EVENTS = ['FINISH_OBO_MIGRATION'] as const satisfies readonly FinishEvent[];

/** The event Meta sends for this login: the requested one, else the one the featureType leads to. */
export function finishEventFor(featureType: string, requested?: string): FinishEvent {
  if (requested && (REQUESTABLE_FINISH_EVENTS as readonly string[]).includes(requested)) return requested as FinishEvent;
  if (featureType === 'only_waba_sharing') return 'FINISH_ONLY_WABA';
  if (featureType === 'whatsapp_business_app_onboarding') return 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING';
  return 'FINISH';
}
