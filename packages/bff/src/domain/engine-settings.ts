/** What the onboarding engine needs to know from the configuration (config.ts builds it). */
export interface EngineSettings {
  /** Delete the warm subproject of a session that expired unused. */
  deleteExpiredSubprojects: boolean;
  /** How long warm-up waits for a new subproject to become usable. */
  subprojectReadyTimeoutMs: number;
  /** How long activation follows a sender before failing. */
  activationTimeoutMs: number;
  /**
   * Number verification (a sender in PENDING_VERIFICATION): how long the customer has to enter a right code
   * before the job fails with `verification_timeout` (the activation timeout does not run meanwhile), and how
   * long after a code was sent a new one may be asked for.
   */
  verification: { timeoutMs: number; resendCooldownMs: number };
  /** Timeout of one Sinch HTTP call: a request sent at t may still land until t + this (settle before lookup). */
  sinchRequestTimeoutMs: number;
  /** Meta multi-partner solution id assigned to each new subproject (if any). */
  solutionId?: string;
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
