/**
 * The phone numbers of a signup, when Meta's finish did not name exactly one (issue 9 items 2 and 3), as pure
 * changes of the job that transitions.ts applies:
 * - several numbers shared (`phoneNumberIds[]`): the first is the job's number, the others queue as
 *   additional numbers (the same sender call, without the code: it is single use);
 * - none (coexistence, WABA-only): with a lookup configured the job looks the WABA's numbers up
 *   (steps/numbers.step.ts) — one → onboarded, several → `awaiting_phone_number_choice` until the customer
 *   picks (`phone_numbers_selected`), none or a failed lookup → `awaiting_phone_number`; without a lookup it
 *   waits in `awaiting_phone_number` at once. The sender step's note says what is missing.
 * - another WABA than `wabaId` in `wabaIds[]` is refused before anything reaches Sinch (`multiple_wabas`).
 * No I/O and no import of transitions.ts (it imports this).
 */
import { AppError, ValidationError } from '../errors.js';
import type { JobRecord, StoredSignup } from './job.types.js';
import type { FoundNumber, NumberLookupFailure, NumberLookupVia } from './number-lookup.js';
import type { JobState, PhoneNumberRecord, SignupResult } from './onboarding.types.js';

/** The key the ES code is held under in memory while the signup's number is not known yet. */
export const UNRESOLVED_NUMBER = '';

export type NumberEvent =
  /** The lookup listed the WABA's numbers (none, one or several). */
  | { type: 'numbers_found'; numbers: FoundNumber[] }
  /** The lookup could not list them; `message` is safe for the ASP. */
  | { type: 'numbers_lookup_failed'; reason: NumberLookupFailure; message: string }
  /** The customer's pick among `phoneNumberChoices` (POST /v1/session/phone-numbers). */
  | { type: 'phone_numbers_selected'; phoneNumberIds: string[] };

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** The signup's own number: `phoneNumberId`, else the first of the session-info array. */
export const primaryNumber = (r: Pick<SignupResult, 'phoneNumberId' | 'phoneNumberIds'>): string | undefined => r.phoneNumberId ?? r.phoneNumberIds?.[0];

/**
 * Refuses a signup that names another WABA than `wabaId` in `wabaIds[]`: Sinch allows one WABA per project,
 * so it must not reach Sinch at all. 422 `multiple_wabas`, naming the other WABA.
 */
export function assertOneWaba(r: Pick<SignupResult, 'wabaId' | 'wabaIds'>): void {
  const other = r.wabaIds?.find((id) => id !== r.wabaId);
  if (other === undefined) return;
  throw new AppError(
    'multiple_wabas',
    `One WhatsApp Business Account per signup: wabaIds names ${other} besides wabaId ${r.wabaId} (Sinch allows one WABA per project); run the signup again sharing only one`,
    422,
    { details: { field: 'wabaIds', wabaId: other } },
  );
}

/** Whether a repeated submission is the one already stored (same WABA and, when it names one, the same number). */
export function sameSignup(stored: StoredSignup, r: SignupResult): boolean {
  // A number the job found itself (lookup, pick) was not part of what the browser sent.
  const submitted = stored.numberFrom ? undefined : stored.phoneNumberId;
  return stored.wabaId === r.wabaId && (submitted ?? null) === (primaryNumber(r) ?? null);
}

/** A lookup was asked for and has not answered yet. */
export const lookupPending = (job: JobRecord): boolean => !!job.internal.lookup && job.internal.lookup.outcome === undefined;

/** The job's state once a signup is in (deriveState, after the terminal and warm-up checks). */
export function signupState(job: JobRecord, warm: boolean): JobState {
  if (job.internal.signup?.phoneNumberId) return 'running';
  if (job.onboarding.phoneNumberChoices?.length) return 'awaiting_phone_number_choice';
  if (lookupPending(job)) return 'running';
  return warm ? 'awaiting_phone_number' : 'running';
}

/** Under which phone number the ES code of a submission is held (undefined: nothing will use it). */
export const codeNumberOf = (job: JobRecord): string | undefined =>
  job.internal.signup?.phoneNumberId ?? (lookupPending(job) ? UNRESOLVED_NUMBER : undefined);

function senderStep(job: JobRecord) {
  return job.onboarding.steps.find((s) => s.name === 'sender')!;
}

/** The sender step waits for a number, and its note says why (the ASP's callback carries it). */
function waitForNumber(job: JobRecord, why: string): void {
  Object.assign(senderStep(job), { status: 'waiting', note: `Waiting for a phone number: ${why}` });
}

/** A number arrived: the sender step is no longer waiting for one (the ASP's add, a pick, a lookup). */
export function numberArrived(job: JobRecord): void {
  const s = senderStep(job);
  if (s.status === 'waiting') Object.assign(s, { status: 'pending', note: undefined });
}

/** Makes `numbers[0]` the job's number and queues the others as additional numbers (without the code). */
function useNumbers(job: JobRecord, numbers: FoundNumber[], o: { withCode: boolean; from?: StoredSignup['numberFrom'] }): void {
  const signup = job.internal.signup!;
  const [first, ...rest] = numbers;
  if (!first) return;
  signup.phoneNumberId = first.phoneNumberId;
  signup.withCode = o.withCode;
  if (o.from) signup.numberFrom = o.from;
  job.onboarding.phoneNumberId = first.phoneNumberId;
  for (const n of numbers) {
    if (job.onboarding.phoneNumbers.some((p) => p.phoneNumberId === n.phoneNumberId)) continue;
    const entry: PhoneNumberRecord = { phoneNumberId: n.phoneNumberId };
    if (n.displayPhoneNumber) entry.displayPhoneNumber = n.displayPhoneNumber;
    if (n.verifiedName) entry.verifiedName = n.verifiedName;
    job.onboarding.phoneNumbers.push(entry);
  }
  for (const n of rest) {
    if (job.internal.pendingNumbers.some((p) => p.phoneNumberId === n.phoneNumberId)) continue;
    job.internal.pendingNumbers.push({
      phoneNumberId: n.phoneNumberId,
      withCode: false,
      requestedAt: signup.receivedAt,
      ...(signup.metaLocalStorage ? { metaLocalStorage: signup.metaLocalStorage } : {}),
    });
  }
  numberArrived(job);
}

/** A new signup's numbers: the ones Meta sent, else a lookup to run, else a wait for the ASP. */
export function acceptSignupNumbers(job: JobRecord, r: SignupResult, lookup: NumberLookupVia | undefined): void {
  const ids = unique([primaryNumber(r), ...(r.phoneNumberIds ?? [])].filter((x): x is string => x !== undefined));
  if (ids.length > 0) return useNumbers(job, ids.map((phoneNumberId) => ({ phoneNumberId })), { withCode: true });
  if (lookup) {
    job.internal.lookup = { via: lookup };
    return;
  }
  waitForNumber(job, 'Meta sent none and no number lookup is configured; add one with POST /v1/onboardings/{id}/phone-numbers');
}

/** Applies a NumberEvent; `'run'` when the runner has something to do. Throws before changing anything. */
export function applyNumberEvent(job: JobRecord, e: NumberEvent): 'run' | undefined {
  const o = job.onboarding;
  const lookup = job.internal.lookup;
  switch (e.type) {
    case 'numbers_found': {
      if (!lookup || !lookupPending(job)) return undefined;
      const numbers = e.numbers.filter((n, i) => e.numbers.findIndex((m) => m.phoneNumberId === n.phoneNumberId) === i);
      lookup.outcome = numbers.length === 0 ? 'none' : 'found';
      if (numbers.length === 0) {
        waitForNumber(job, 'Meta lists no phone number for this WABA; add one with POST /v1/onboardings/{id}/phone-numbers');
      } else if (numbers.length === 1) {
        // The code (system-user token path) was moved to this number by the lookup step; the app secret spent it.
        useNumbers(job, numbers, { withCode: lookup.via === 'system_user_token' && job.internal.signup!.withCode, from: 'lookup' });
      } else {
        o.phoneNumberChoices = numbers.map((n) => ({ phoneNumberId: n.phoneNumberId, ...(n.displayPhoneNumber ? { displayPhoneNumber: n.displayPhoneNumber } : {}), ...(n.verifiedName ? { verifiedName: n.verifiedName } : {}) }));
        Object.assign(senderStep(job), { status: 'waiting', note: 'Waiting for the customer to pick the phone numbers to connect' });
      }
      return 'run';
    }
    case 'numbers_lookup_failed':
      if (!lookup || !lookupPending(job)) return undefined;
      lookup.outcome = 'failed';
      lookup.reason = e.reason;
      waitForNumber(job, `the number lookup failed (${e.reason}: ${e.message}); add one with POST /v1/onboardings/{id}/phone-numbers`);
      return undefined;
    case 'phone_numbers_selected': {
      const choices = o.phoneNumberChoices;
      const picked = unique(e.phoneNumberIds);
      if (!choices?.length) {
        // The same pick again (a double click): already taken.
        if (job.internal.signup?.numberFrom === 'pick' && picked.every((id) => o.phoneNumbers.some((p) => p.phoneNumberId === id))) return undefined;
        throw new AppError('invalid_state', `There are no phone numbers to choose from (the onboarding is ${o.state})`, 409);
      }
      const unknown = picked.find((id) => !choices.some((c) => c.phoneNumberId === id));
      if (unknown !== undefined) throw new ValidationError(`phoneNumberIds: ${unknown} is not one of the numbers offered (phoneNumberChoices)`, 'phoneNumberIds');
      // A person picked: long after the code's 30 s, so the senders are created without it (see README).
      useNumbers(job, picked.map((id) => choices.find((c) => c.phoneNumberId === id)!), { withCode: false, from: 'pick' });
      delete o.phoneNumberChoices;
      return 'run';
    }
  }
}
