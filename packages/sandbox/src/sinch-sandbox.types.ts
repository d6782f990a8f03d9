/**
 * Public surface of the Sinch sandbox. The BFF's tests, benchmarks and the demo use only this.
 * (Contract agreed between the sandbox and the BFF; change it only with both sides.)
 */

export type SandboxRegion = 'us' | 'eu' | 'br';

/** Which upstream API a fault rule applies to. */
export type SandboxApi = 'auth' | 'subproject' | 'provisioning' | 'conversation' | 'graph';

export interface FaultRule {
  /** Limit the rule to one API; all APIs when omitted. */
  api?: SandboxApi;
  /** Limit to one HTTP method. */
  method?: string;
  /** Limit to paths matching this regular expression (tested against the path after the API prefix, e.g. `/v1/projects/x/apps`). */
  path?: string;
  /** Added latency in ms before the request is handled. */
  latencyMs?: number;
  /** Share (0..1) of matching requests answered 429 with `Retry-After: retryAfterSeconds`. */
  rate429?: number;
  retryAfterSeconds?: number;
  /** Share (0..1) of matching requests answered 500, 502 or 503 (500/503 in the API's error dialect, 502 as a gateway's HTML page). */
  rate5xx?: number;
  /** Share (0..1) of matching requests that never get an answer (the socket stays open until close()). */
  rateHang?: number;
  /** Share (0..1) of matching requests that are carried out but whose response is dropped (socket destroyed). */
  rateLostResponse?: number;
  /** Stop applying the rule after this many hits. */
  times?: number;
}

export interface SinchSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Parent project and access key the sandbox accepts. Random-looking fixed defaults otherwise. */
  projectId?: string;
  keyId?: string;
  keySecret?: string;
  /** OAuth2 token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** How long a new subproject is unusable (default 0 in tests; the CLI uses 3000). */
  subprojectReadyDelayMs?: number;
  /** How long a new sender stays IN_PROGRESS before turning ACTIVE (default 0 → ACTIVE on the first GET after creation). */
  senderActivationDelayMs?: number;
  /** Life of an ES code minted by mintCode (default 30 000 ms). */
  codeTtlMs?: number;
  /** Seed of the PRNG that decides which requests a fault rule hits (default 1). */
  seed?: { rng?: number };
  /**
   * What the Meta sandbox's Graph endpoints accept: the ASP's app id and secret (code exchange `client_id`,
   * `client_secret`) and its system-user token. Fixed random-looking defaults otherwise (`DEFAULT_META`).
   */
  meta?: { appId?: string; appSecret?: string; systemUserToken?: string };
}

/** A phone number of a WABA in the Meta sandbox (Graph `phone_numbers` fields). */
export interface SandboxPhoneNumber {
  id: string;
  display_phone_number: string;
  verified_name: string;
  code_verification_status?: string;
  quality_rating?: string;
  platform_type?: string;
}

/**
 * How the sandbox treats `register` for a number that needs verification (SinchSandbox.requireVerification):
 * - `code` (default): a 6-digit code is "sent" (read it with verificationCode), `verify` needs it;
 * - `meta_verified`: Meta verified the number already: register answers `verificationCodeSent: false` and
 *   `verify` without a code passes;
 * - `registered_elsewhere`: the number is registered on another WhatsApp account: register answers
 *   429 `sender-already-registered`.
 */
export interface PhoneVerificationSetting {
  registration: 'code' | 'meta_verified' | 'registered_elsewhere';
}

/** What the sandbox "sent" to a number in verification (test hook; never in a Sinch response). */
export interface SandboxVerificationCode {
  code: string;
  method: 'SMS' | 'VOICE';
  sentAt: string;
}

export interface SandboxRequestLog {
  at: string;
  api: SandboxApi | 'admin';
  method: string;
  path: string;
  status: number;
  fault?: '429' | '5xx' | 'hang' | 'lost' | 'latency';
}

/**
 * A change a test makes to a sender (also POST /_sandbox/senders/{id}/changes). Fields left out stay as they
 * are. `state: ERROR` sets `changes {status: ERROR, errorCode (default CANNOT_REGISTER_TO_CLOUD_API), errorReason}`;
 * `changesStatus: REJECTED` rejects the pending change (the state stays); entering ACTIVE, PENDING_VERIFICATION,
 * SUSPENDED or INACTIVE clears `changes`. Each change is one provisioning callback per trigger it causes.
 */
export interface SandboxSenderUpdate {
  state?: 'IN_PROGRESS' | 'ACTIVE' | 'ERROR' | 'PENDING_VERIFICATION' | 'SUSPENDED' | 'INACTIVE';
  changesStatus?: 'DRAFT' | 'IN_PROGRESS' | 'ERROR' | 'REJECTED' | 'MULTIPLE_WABA_ERROR';
  /** One of WhatsappSenderErrorCodeEnum (api-facts §8); only with state ERROR or a failed changesStatus. */
  errorCode?: string;
  errorReason?: string;
  qualityRating?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  /** details.displayName */
  displayName?: string;
  /** Sent as the callback's `comment`. */
  comment?: string;
}

export interface SandboxSnapshot {
  subprojects: Array<{ subprojectId: string; displayName: string; labels: Record<string, string>; deleted: boolean; ready: boolean }>;
  senders: Array<{ id: string; projectId: string; wabaId: string; phoneNumberId: string; region: string; state: string }>;
  apps: Array<{ id: string; projectId: string; region: SandboxRegion; display_name: string; claimedIdentity?: string }>;
  webhooks: Array<{ id: string; projectId: string; region: SandboxRegion; app_id: string; target: string; target_type: string; triggers: string[] }>;
  provisioningWebhooks: Array<{ id: string; projectId: string; target: string; triggers: string[] }>;
  solutionAssignments: Array<{ projectId: string; solutionId: string }>;
  requests: SandboxRequestLog[];
  /** Provisioning webhook callbacks the sandbox attempted, one entry per attempt (added by the sandbox; optional). */
  webhookDeliveries?: SandboxWebhookDelivery[];
}

/** One attempt to deliver a signed provisioning callback. */
export interface SandboxWebhookDelivery {
  at: string;
  webhookId: string;
  target: string;
  type: string;
  senderId: string;
  attempt: number;
  /** HTTP status of the receiver, or 0 when the request failed. */
  status: number;
}

/** One secret the sandbox issued or received (see SinchSandbox.issuedSecrets). */
export interface IssuedSecret {
  kind:
    | 'Sinch key secret'
    | 'OAuth token'
    | 'sender bearer token'
    | 'ES code'
    | 'Conversation webhook secret'
    | 'provisioning webhook secret'
    | 'verification code'
    | 'Meta app secret'
    | 'Meta system-user token'
    | 'Meta business token';
  value: string;
}

export interface SinchSandbox {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Base URLs in the shape of the BFF's SINCH_* variables. */
  readonly urls: {
    /** Full token endpoint, like https://auth.sinch.com/oauth2/token */
    auth: string;
    /** like https://subproject.api.sinch.com */
    subproject: string;
    /** like https://provisioning.api.sinch.com */
    provisioning: string;
    /** with a literal `{region}` placeholder, like https://{region}.conversation.api.sinch.com */
    conversation: string;
    /** The Meta sandbox's Graph API, like https://graph.facebook.com (versioned paths below it: `/v25.0/…`). */
    graph: string;
  };
  readonly credentials: { projectId: string; keyId: string; keySecret: string };
  /**
   * Fault injection (also at POST/DELETE /_sandbox/faults). `seed` restarts the dice that decide which
   * requests a rule hits (also POST /_sandbox/faults/seed {seed}; at start: options.seed.rng).
   */
  readonly faults: { add(rule: FaultRule): void; clear(): void; seed(seed: number): void };
  /** The sandbox clock (codes, tokens, readiness, activation). advance() moves it forward without sleeping. */
  readonly clock: { now(): number; advance(ms: number): void };
  /**
   * Mints an ES authentication code as Meta would (also POST /_sandbox/meta/codes → {code, issuedAt}).
   * `wabaId`: the WABA shared in that signup, which a business token exchanged from this code may read.
   */
  mintCode(opts?: { wabaId?: string }): string;
  /** The Meta sandbox: what its Graph endpoints accept, and each WABA's phone numbers. */
  readonly meta: {
    readonly appId: string;
    readonly appSecret: string;
    readonly systemUserToken: string;
    /**
     * Gives a WABA these phone numbers (replacing any), or `count` made-up ones; returns them. A WABA the
     * sandbox never heard of is unknown to Graph (error 100).
     */
    setNumbers(wabaId: string, numbers: number | SandboxPhoneNumber[]): SandboxPhoneNumber[];
    numbersOf(wabaId: string): SandboxPhoneNumber[] | undefined;
  };
  /**
   * Senders created for this phone number id (now or later) go to PENDING_VERIFICATION instead of ACTIVE, and
   * wait for register + verify (also PUT /_sandbox/phone-numbers/{phoneNumberId}/verification).
   */
  requireVerification(phoneNumberId: string, setting?: Partial<PhoneVerificationSetting>): void;
  /** The last verification code the sandbox "sent" for a sender, if any (also GET /_sandbox/senders/{id}/verification-code). */
  verificationCode(senderId: string): SandboxVerificationCode | undefined;
  /** Makes a sender go to ERROR with the given errorCode (default CANNOT_REGISTER_TO_CLOUD_API). */
  failSender(senderId: string, errorCode?: string): void;
  /** Changes a sender now (state, rejection, quality rating, display name); throws on an invalid update. */
  updateSender(senderId: string, update: SandboxSenderUpdate): void;
  /**
   * What a sender created later for this Meta phone number id becomes at the activation delay, instead of
   * ACTIVE (e.g. `{state: 'PENDING_VERIFICATION'}`); also POST /_sandbox/senders/plans.
   */
  planSender(phoneNumberId: string, outcome: SandboxSenderUpdate): void;
  clearSenderPlans(): void;
  /** Everything the sandbox holds and every request it received (also GET /_sandbox/inspect). */
  inspect(): SandboxSnapshot;
  /** Forget all requests in the log (resources stay). */
  clearRequests(): void;
  /**
   * Test support (never exposed over HTTP): every secret this sandbox issued or received so far, by kind —
   * its own key secret, OAuth access tokens, sender bearer tokens, ES codes (mintCode, Meta dialog) and the
   * webhook secrets (Conversation and provisioning) clients registered. A client's tests scan their logs and
   * responses for these. Nothing is ever removed (a deleted sender's token still counts).
   */
  issuedSecrets(): IssuedSecret[];
  close(): Promise<void>;
}
