/**
 * What the engine persists per onboarding job: the public {@link Onboarding} plus engine-private state
 * (intents written before each Sinch call, sealed secrets, queued phone numbers). Never holds the ES code.
 */
import type { NumberLookupFailure, NumberLookupVia } from './number-lookup.js';
import type { MetaLocalStorage, Onboarding, SignupResult } from './onboarding.types.js';

/** A Sinch call the engine was about to make; present without a result means "reconcile before redoing". */
export interface Intent {
  /** First attempt. */
  at: string;
  /** Latest attempt: a request sent then may still land until SINCH_TIMEOUT_MS later. */
  lastAt?: string;
  attempts: number;
}

/** The browser's signup result as stored: everything but the code itself. */
export interface StoredSignup extends Omit<SignupResult, 'code'> {
  /** Whether an ES code came with it (kept in memory only; after a restart it is gone). */
  withCode: boolean;
  receivedAt: string;
  /** Where `phoneNumberId` came from when the finish did not name it: a lookup of the WABA, or the customer's pick. */
  numberFrom?: 'lookup' | 'pick';
}

export interface PendingNumber {
  phoneNumberId: string;
  withCode: boolean;
  metaLocalStorage?: MetaLocalStorage;
  requestedAt: string;
}

/** Where one sender's number verification stands (domain/verification-state.ts). */
export interface SenderVerification {
  /** Start of the current wait for the customer's code (the sender was first seen PENDING_VERIFICATION, or a retry). */
  requiredAt: string;
  /** Sinch took a right code (or Meta's own verification): activation follows again, its timeout from here. */
  verifiedAt?: string;
  /** When Sinch was last seen moving the sender on from PENDING_VERIFICATION (a poll may see that before the code's answer lands). */
  leftAt?: string;
}

export interface JobInternal {
  signup?: StoredSignup;
  /** The lookup of the WABA's numbers after a finish without any (number-resolution.ts); no outcome yet = to run. */
  lookup?: { via: NumberLookupVia; outcome?: 'found' | 'none' | 'failed'; reason?: NumberLookupFailure };
  /** Keys: `subproject`, `solution`, `provisioning_webhook`, `sender:<phoneNumberId>`, `app`, `webhook`, `app:<phoneNumberId>`, `webhook:<phoneNumberId>` (additional numbers). */
  intents: Record<string, Intent>;
  subprojectReady?: boolean;
  /** Start of the current readiness wait (reset by a retry of warm-up). */
  readinessFrom?: string;
  /**
   * Start of the current retry window by step (`sender:<phoneNumberId>` for an added number): its first
   * retryable failure. The step's retry horizon counts from here, across restarts; closed when the step
   * ends or is reopened.
   */
  retryFrom?: Record<string, string>;
  solutionAssigned?: boolean;
  subprojectDeleted?: boolean;
  /** Sealed (AES-256-GCM) sender bearer tokens by sender id, kept only until the Conversation app holds them. */
  sealedBearerTokens: Record<string, string>;
  /** Sealed webhook secret, written with the webhook intent so a reconciled webhook keeps its secret. */
  sealedWebhookSecret?: string;
  /** Phone numbers queued by addPhoneNumber, processed with the same sender call. */
  pendingNumbers: PendingNumber[];
  activationStartedAt?: string;
  /** When the activation wait of each additional number's sender began (by sender id), so its timeout survives restarts. */
  extraActivationStartedAt?: Record<string, string>;
  /** Number verification by sender id, for senders that were PENDING_VERIFICATION. */
  verifications?: Record<string, SenderVerification>;
  /** Per phone number id: engine-private progress of that number (domain/phone-numbers.ts). */
  numbers?: Record<string, { webhookSkipped?: boolean }>;
  /** The Provisioning webhook of the subproject (sender callbacks) and its secret, sealed before the call. */
  provisioningWebhook?: { sealedSecret: string; id?: string };
  /** Session lifetime end (copied from the session for the expiry sweep). */
  expiresAt: string;
  /** The session ended unused; the warm subproject is deleted (DELETE_EXPIRED_SUBPROJECTS). */
  expired?: boolean;
}

export interface JobRecord {
  onboarding: Onboarding;
  internal: JobInternal;
  /** Incremented on every save. */
  version: number;
}
