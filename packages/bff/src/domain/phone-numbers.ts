/**
 * Every phone number of an onboarding, as pure functions over the job (no I/O): the events that record a
 * number's own app, webhook, details and failure, the status the element and the ASP read
 * (`PHONE_NUMBER_STATUSES`), and which numbers still need work. transitions.ts applies these events and
 * refreshes the statuses after every change; the runner drives the work (number-pipeline.ts).
 *
 * The first number keeps its top-level fields (`senderId`, `appId`, `webhookId`) and its steps; every number,
 * the first included, has its own Conversation app (an app holds one WhatsApp credential) and webhook.
 */
import { PHONE_NUMBER_STATUSES, QUALITY_RATINGS } from '../contract/enums.js';
import type { JobRecord } from './job.types.js';
import type { Onboarding, PhoneNumberRecord, StepName } from './onboarding.types.js';
import type { StepError } from './sinch-error-map.js';
import { waitsForCode } from './verification-state.js';

export type PhoneNumberStatus = (typeof PHONE_NUMBER_STATUSES)[number];
export type QualityRating = (typeof QUALITY_RATINGS)[number];

/** What a sender DTO (create, GET, provisioning callback) tells about the number, for the customer. */
export interface SenderDetails {
  displayPhoneNumber?: string;
  verifiedName?: string;
  qualityRating?: QualityRating;
}

export type PhoneNumberEvent =
  /** The number's Conversation app holds its sender's token (the sealed copy is dropped). */
  | { type: 'number_app_recorded'; phoneNumberId: string; appId: string }
  | { type: 'number_webhook_recorded'; phoneNumberId: string; webhookId: string }
  /** No webhook target is configured: the number needs none. */
  | { type: 'number_webhook_skipped'; phoneNumberId: string }
  /** An additional number ended at `step` (the job itself keeps its state). */
  | { type: 'number_failed'; phoneNumberId: string; step: StepName; error: StepError }
  | { type: 'sender_details'; senderId: string; details: SenderDetails };

const NUMBER_EVENTS = new Set<string>(['number_app_recorded', 'number_webhook_recorded', 'number_webhook_skipped', 'number_failed', 'sender_details']);
export const isPhoneNumberEvent = (e: { type: string }): e is PhoneNumberEvent => NUMBER_EVENTS.has(e.type);

/** The customer-facing details of a sender DTO; fields Sinch did not send stay undefined. */
export function senderDetails(s: {
  countryCode?: string;
  phoneNumber?: string;
  details?: { displayName?: string };
  qualityRating?: string;
}): SenderDetails {
  const d: SenderDetails = {};
  if (s.phoneNumber) d.displayPhoneNumber = s.countryCode ? `+${s.countryCode.replace(/^\+/, '')} ${s.phoneNumber}` : s.phoneNumber;
  if (s.details?.displayName) d.verifiedName = s.details.displayName;
  if (s.qualityRating && (QUALITY_RATINGS as readonly string[]).includes(s.qualityRating)) d.qualityRating = s.qualityRating as QualityRating;
  return d;
}

/**
 * What `details` changes on a number: the name and the quality as Sinch reports them now; the display number only
 * when none is known (the number does not change, and Meta's lookup spells it best, e.g. "+1 631-555-0142").
 */
export function detailsChange(p: PhoneNumberRecord, d: SenderDetails): SenderDetails {
  const c: SenderDetails = {};
  if (d.displayPhoneNumber !== undefined && p.displayPhoneNumber === undefined) c.displayPhoneNumber = d.displayPhoneNumber;
  if (d.verifiedName !== undefined && d.verifiedName !== p.verifiedName) c.verifiedName = d.verifiedName;
  if (d.qualityRating !== undefined && d.qualityRating !== p.qualityRating) c.qualityRating = d.qualityRating;
  return c;
}

/** The job's first number (the one of the signup), whose fields are mirrored at the top of the onboarding. */
export const isPrimary = (o: Onboarding, p: PhoneNumberRecord): boolean =>
  p.phoneNumberId === o.phoneNumberId && (o.senderId === undefined || p.senderId === undefined || p.senderId === o.senderId);

const entry = (job: JobRecord, phoneNumberId: string) => job.onboarding.phoneNumbers.find((p) => p.phoneNumberId === phoneNumberId);

export function applyPhoneNumberEvent(job: JobRecord, e: PhoneNumberEvent): void {
  const o = job.onboarding;
  const i = job.internal;
  switch (e.type) {
    case 'number_app_recorded': {
      const p = entry(job, e.phoneNumberId);
      if (!p) return;
      p.appId = e.appId;
      if (isPrimary(o, p)) o.appId = e.appId;
      // The token now lives in Sinch's app; we stop keeping it.
      if (p.senderId) delete i.sealedBearerTokens[p.senderId];
      return;
    }
    case 'number_webhook_recorded': {
      const p = entry(job, e.phoneNumberId);
      if (!p) return;
      p.webhookId = e.webhookId;
      if (isPrimary(o, p)) o.webhookId = e.webhookId;
      return;
    }
    case 'number_webhook_skipped':
      i.numbers ??= {};
      i.numbers[e.phoneNumberId] = { ...i.numbers[e.phoneNumberId], webhookSkipped: true };
      return;
    case 'number_failed': {
      i.pendingNumbers = i.pendingNumbers.filter((p) => p.phoneNumberId !== e.phoneNumberId);
      const p = entry(job, e.phoneNumberId);
      if (p) p.error = { step: e.step, ...e.error };
      return;
    }
    case 'sender_details':
      for (const p of o.phoneNumbers) if (p.senderId === e.senderId) Object.assign(p, detailsChange(p, e.details));
      return;
  }
}

/** Whether the number has everything it needs besides an ACTIVE sender: its app, and its webhook unless none is configured. */
function settled(job: JobRecord, p: PhoneNumberRecord, primary: boolean): boolean {
  // The first number's app and webhook are its steps (a skipped webhook step is done too).
  if (primary) return ['app', 'webhook'].every((n) => job.onboarding.steps.find((s) => s.name === n)?.status === 'done');
  const skipped = job.internal.numbers?.[p.phoneNumberId]?.webhookSkipped === true;
  return p.appId !== undefined && (p.webhookId !== undefined || skipped);
}

/** Where one number stands, from its record (and, for the first number, the job's error). */
export function numberStatus(job: JobRecord, p: PhoneNumberRecord): PhoneNumberStatus {
  const primary = isPrimary(job.onboarding, p);
  if (p.error || (primary && job.onboarding.error)) return 'failed';
  switch (p.senderState) {
    case 'ACTIVE':
      return settled(job, p, primary) ? 'active' : 'pending';
    case 'PENDING_VERIFICATION':
      // Once Sinch took the customer's code the number is set up further until Sinch moves the sender on.
      return waitsForCode(job, p.senderId) ? 'verification_required' : 'pending';
    case 'SUSPENDED':
      return 'suspended';
    case 'INACTIVE':
      return 'inactive';
    default:
      return 'pending';
  }
}

/** Sets every number's `status` from its record (called after every change). */
export function refreshNumberStatuses(job: JobRecord): void {
  for (const p of job.onboarding.phoneNumbers) {
    const s = numberStatus(job, p);
    if (p.status !== s) p.status = s;
  }
}

/** Sender states after which an additional number needs no more work from the engine (it is reported as it is). */
const SETTLED_STATES = new Set(['ACTIVE', 'SUSPENDED', 'INACTIVE']);

/**
 * The additional numbers the engine still has work for: queued for their sender call, or with a sender but
 * not yet an app, a webhook or an ACTIVE state. The first number is driven by the job's steps.
 */
export function numbersNeedingWork(job: JobRecord): string[] {
  const o = job.onboarding;
  const ids = new Set(job.internal.pendingNumbers.map((p) => p.phoneNumberId));
  for (const p of o.phoneNumbers) {
    if (!p.senderId || p.error || isPrimary(o, p)) continue;
    if (!settled(job, p, false) || !SETTLED_STATES.has(p.senderState ?? '')) ids.add(p.phoneNumberId);
  }
  return [...ids];
}

/** One number as the app, webhook and activation steps work on it. */
export interface NumberTarget {
  phoneNumberId: string;
  senderId: string;
  /** The job's first number: its results are mirrored at the top of the onboarding and its intents keep their old keys. */
  primary: boolean;
}

/** The first number of the job, once its sender is recorded. */
export function primaryTarget(job: JobRecord): NumberTarget {
  const o = job.onboarding;
  return { phoneNumberId: o.phoneNumberId!, senderId: o.senderId!, primary: true };
}

/** Intent key of a creating call for a number: `app`/`webhook` for the first one (as before), `app:<id>` for the others. */
export const numberIntentKey = (kind: 'app' | 'webhook', t: NumberTarget): string => (t.primary ? kind : `${kind}:${t.phoneNumberId}`);
