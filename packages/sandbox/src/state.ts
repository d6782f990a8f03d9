import type { SenderChange, SenderStep } from './sender-types.js';
import type { IssuedSecret, PhoneVerificationSetting, SandboxRegion, SandboxRequestLog, SandboxWebhookDelivery } from './sinch-sandbox.types.js';

/** A WABA's phone number as Graph's `GET /{waba-id}/phone_numbers` returns it (api-facts §8). */
export interface GraphPhoneNumber {
  id: string;
  display_phone_number: string;
  verified_name: string;
  code_verification_status: string;
  quality_rating: string;
  platform_type: string;
}

/** Resolved options, every default applied. */
export interface SandboxConfig {
  port: number;
  host: string;
  projectId: string;
  keyId: string;
  keySecret: string;
  tokenTtlSeconds: number;
  subprojectReadyDelayMs: number;
  senderActivationDelayMs: number;
  codeTtlMs: number;
  rngSeed: number;
  /** What the Meta sandbox's Graph endpoints accept (meta/graph.router.ts). */
  meta: { appId: string; appSecret: string; systemUserToken: string };
}

export interface SubprojectRecord {
  subprojectId: string;
  displayName: string;
  labels?: Record<string, string>;
  parentProjectId: string;
  createdAt: number;
  updatedAt: number;
  deleted: boolean;
}

export type SenderRegion = 'BR' | 'EU' | 'US';

export interface SenderRecord {
  id: string;
  projectId: string;
  /** From the create body; never in the DTO (the real one has neither), only in inspect(). */
  wabaId: string;
  phoneNumberId: string;
  region: SenderRegion;
  metaLocalStorage: string;
  businessManager: string;
  bearerToken: string;
  createdAt: number;
  /** The number as Sinch took it from Meta at creation: country calling code, national number. */
  countryCode: string;
  phoneNumber: string;
  /** Display name at creation (Meta's verified name). */
  displayName: string;
  /**
   * What happens at the activation delay: fixed when it first comes due (a plan, a number that needs
   * verification, else ACTIVE), so a later plan does not rewrite a sender's past.
   */
  outcome?: SenderChange;
  /** Set when a change came before the activation delay: the planned outcome never happens. */
  activationCancelled: boolean;
  /** Changes made by tests and by register/verify, ordered by time (some are scheduled ahead). */
  steps: SenderStep[];
  /** How many steps were announced to provisioning webhooks. */
  announced: number;
}

export interface ChannelCredentialRecord {
  channel: string;
  /** Everything the client sent for this credential except `channel` (echoed back as the SDK's response model does). */
  fields: Record<string, unknown>;
  credential_ordinal_number: number;
}

export interface AppRecord {
  id: string;
  projectId: string;
  region: SandboxRegion;
  createdAt: number;
  display_name: string;
  channel_credentials: ChannelCredentialRecord[];
  /** Optional settings as sent, merged over the defaults when rendered. */
  settings: Record<string, unknown>;
}

export interface ConversationWebhookRecord {
  id: string;
  projectId: string;
  region: SandboxRegion;
  app_id: string;
  target: string;
  target_type: 'HTTP' | 'DISMISS';
  triggers: string[];
  secret?: string;
  client_credentials?: Record<string, unknown>;
}

export interface ProvisioningWebhookRecord {
  id: string;
  projectId: string;
  target: string;
  secret: string;
  triggers: string[];
  createdAt: number;
}

/** Number verification of one sender (routes/sender-verification.ts): the code it "sent", wrong tries, when it passed. */
export interface SenderVerificationRecord {
  code?: string;
  method?: 'SMS' | 'VOICE';
  codeSentAt?: number;
  /** Register calls, for the register rate limit. */
  lastRegisterAt?: number;
  wrongCodes: number;
  /** A right code (or Meta's own verification) was accepted (the sender's steps: IN_PROGRESS, then ACTIVE after the activation delay). */
  verifiedAt?: number;
}

/** One attempt to deliver a signed provisioning callback (the public snapshot's shape). */
export type WebhookDelivery = SandboxWebhookDelivery;

/** Everything the sandbox holds. Plain maps; the routes hold the rules. */
export class SandboxState {
  readonly subprojects = new Map<string, SubprojectRecord>();
  readonly senders = new Map<string, SenderRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly conversationWebhooks = new Map<string, ConversationWebhookRecord>();
  readonly provisioningWebhooks = new Map<string, ProvisioningWebhookRecord>();
  /** Planned activation outcomes by phone number id (admin: POST /_sandbox/senders/plans). */
  readonly senderPlans = new Map<string, SenderChange>();
  /** projectId → solutionId */
  readonly solutionAssignments = new Map<string, string>();
  /** Phone number ids whose senders need number verification (PENDING_VERIFICATION after creation), and how. */
  readonly phoneVerification = new Map<string, PhoneVerificationSetting>();
  /** Verification progress by sender id. */
  readonly verifications = new Map<string, SenderVerificationRecord>();
  /**
   * ES codes minted as Meta would: code → issue time and first use. One store for Meta and Sinch: a code
   * exchanged at Graph can no longer be Sinch's authenticationCode, and the reverse. `wabaId`: the WABA
   * the customer shared in that signup (a business token from this code may read it).
   */
  readonly codes = new Map<string, { issuedAt: number; usedAt?: number; wabaId?: string }>();
  /** Meta sandbox (Graph): each WABA's phone numbers, as `GET /{waba}/phone_numbers` lists them. */
  readonly wabaNumbers = new Map<string, GraphPhoneNumber[]>();
  /** Business tokens the Graph code exchange issued → the WABA they may read. */
  readonly businessTokens = new Map<string, { wabaId?: string; issuedAt: number }>();
  /** OAuth2 access tokens → expiry (sandbox clock). */
  readonly tokens = new Map<string, { expiresAt: number }>();
  requests: SandboxRequestLog[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  /** Every secret issued or received, kept after the resource is gone (test support: issuedSecrets()). */
  readonly #issued = new Map<string, IssuedSecret['kind']>();

  constructor(readonly config: SandboxConfig) {
    this.remember('Sinch key secret', config.keySecret);
    this.remember('Meta app secret', config.meta.appSecret);
    this.remember('Meta system-user token', config.meta.systemUserToken);
  }

  /** A phone number the Meta sandbox knows (any WABA), by its id. */
  graphNumber(phoneNumberId: string): GraphPhoneNumber | undefined {
    for (const list of this.wabaNumbers.values()) for (const n of list) if (n.id === phoneNumberId) return n;
    return undefined;
  }

  /** Records a secret the sandbox issued or received (first kind wins). */
  remember(kind: IssuedSecret['kind'], value: string | undefined): void {
    if (value && !this.#issued.has(value)) this.#issued.set(value, kind);
  }

  issuedSecrets(): IssuedSecret[] {
    return [...this.#issued].map(([value, kind]) => ({ kind, value }));
  }

  /** True once a subproject has existed for subprojectReadyDelayMs. */
  isReady(sp: SubprojectRecord, now: number): boolean {
    return now >= sp.createdAt + this.config.subprojectReadyDelayMs;
  }

  /** Whether the parent's credentials may act on `projectId` right now. */
  projectAccess(projectId: string, now: number): 'ok' | 'unknown' | 'not_ready' {
    if (projectId === this.config.projectId) return 'ok';
    const sp = this.subprojects.get(projectId);
    if (!sp || sp.deleted || sp.parentProjectId !== this.config.projectId) return 'unknown';
    return this.isReady(sp, now) ? 'ok' : 'not_ready';
  }
}
