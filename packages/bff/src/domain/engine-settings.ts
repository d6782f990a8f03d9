import type { StepName } from './onboarding.types.js';

/** Meta's Embedded Signup code is single-use and lives 30 seconds (api-facts §5): held no longer than that. */
export const ES_CODE_LIFE_MS = 30_000;

/** What the onboarding engine needs to know from the configuration (config.ts builds it). */
export interface EngineSettings {
  /** Delete the warm subproject of a session that expired unused. */
  deleteExpiredSubprojects: boolean;
  /** How long warm-up polls a new subproject before "not usable yet" counts as a fault (retried within the horizon). */
  subprojectReadyTimeoutMs: number;
  /** How long activation follows a sender before failing. */
  activationTimeoutMs: number;
  /** Between two reads of every completed onboarding's senders (domain/sender-health.ts); 0 or unset = off. */
  senderHealthPollMs?: number;
  /**
   * Number verification (a sender in PENDING_VERIFICATION): how long the customer has to enter a right code
   * before the job fails with `verification_timeout` (the activation timeout does not run meanwhile), and how
   * long after a code was sent a new one may be asked for.
   */
  verification: { timeoutMs: number; resendCooldownMs: number };
  /**
   * How long a step keeps retrying retryable failures (network, timeout, 429, 5xx, a subproject not ready
   * yet), counted from the first one of its current retry window (kept in the job, so a restart does not
   * reset it). Only a non-retryable answer or a passed horizon fails the job. The sender step is bounded by
   * the ES code's life ({@link ES_CODE_LIFE_MS}: past it the next attempt looks our sender up, else fails
   * code_expired) and, for its lookups and a number without a code, by the app step's horizon; activation
   * by activationTimeoutMs.
   */
  retryHorizonMs: { warmUp: number; app: number; webhook: number };
  /** Timeout of one Sinch HTTP call: a request sent at t may still land until t + this (settle before lookup). */
  sinchRequestTimeoutMs: number;
  /** Meta multi-partner solution id assigned to each new subproject (if any). */
  solutionId?: string;
  /**
   * Where Sinch's provisioning callbacks go (`<PUBLIC_URL>/v1/sinch/provisioning-events`): warm-up registers a
   * Provisioning webhook there in every new subproject. Unset = no registration (activation polls).
   */
  provisioningWebhookTarget?: string;
  /** The Conversation webhook every new app gets (a session may override target). */
  webhook: { target?: string; targetType: 'HTTP' | 'DISMISS'; triggers: readonly string[] };
  /** UNCONFIRMED Sinch behaviours (api-facts.md), switchable until verified. */
  unconfirmed: {
    sendAuthCode: boolean;
    assignSolutionPerSubproject: boolean;
    claimedIdentity: 'sender_id' | 'phone_number_id';
    treat409UsedPhoneAsExisting: boolean;
  };
}

/** The retry horizon of a step (see {@link EngineSettings.retryHorizonMs}). */
export function retryHorizonMs(s: Pick<EngineSettings, 'retryHorizonMs' | 'activationTimeoutMs'>, step: StepName): number {
  switch (step) {
    case 'warm_up':
      return s.retryHorizonMs.warmUp;
    case 'sender':
    case 'app':
      return s.retryHorizonMs.app;
    case 'webhook':
      return s.retryHorizonMs.webhook;
    case 'activation':
      return s.activationTimeoutMs;
  }
}
