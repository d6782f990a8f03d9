/**
 * `onboarding.action_required`: the ASP's callback when an onboarding waits for something only the ASP can
 * give. Today that is a phone number (state awaiting_phone_number: Meta's finish named none and no lookup
 * found one, or none is configured); the event names what is missing and how to give it, once per onboarding.
 */
import type { Onboarding } from '../domain/onboarding.types.js';

/** Non-terminal states that need the ASP, and what each is missing. */
export const ACTION_REQUIRED_STATES = ['awaiting_phone_number'] as const satisfies ReadonlyArray<Onboarding['state']>;

export interface RequiredAction {
  /** What the onboarding cannot go on without. */
  missing: 'phone_number_id';
  /** Why, in words (the sender step's note: no lookup configured, none found, the lookup failed). */
  detail?: string;
  /** The call that gives it. */
  request: { method: 'POST'; path: string; body: { phoneNumberId: string } };
}

export const needsAction = (o: Onboarding): boolean => (ACTION_REQUIRED_STATES as readonly string[]).includes(o.state);

/** What an onboarding in awaiting_phone_number is missing. */
export function requiredAction(o: Onboarding): RequiredAction {
  const note = o.steps.find((s) => s.name === 'sender')?.note;
  return {
    missing: 'phone_number_id',
    ...(note ? { detail: note } : {}),
    request: { method: 'POST', path: `/v1/onboardings/${o.id}/phone-numbers`, body: { phoneNumberId: '<the WABA phone number id>' } },
  };
}

/** One event per onboarding and missing thing, however often the job changes while it waits. */
export const actionEventKey = (o: Onboarding): string => `${o.id}|action_required|phone_number_id`;
