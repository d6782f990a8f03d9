/**
 * BFF configuration: `process.env` parsed once with zod into typed, frozen sections (`http`, `sinch`,
 * `engine`, `notify`, `storage`, `crypto`, `log`, `sandbox`). This is the only file that knows the
 * environment variables' names: a bad or missing value throws a {@link ConfigError} naming every offending one.
 *
 * Add new variables to `schemaShape` (one `.describe()` each, documented in the README) and map them into
 * their section in `toSections`; secrets never get a default.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { MetaSettings } from './clients/meta/index.js';
import type { SinchSettings } from './clients/sinch/index.js';
import type { StorageSettings } from './data/storage.js';
import type { EngineSettings } from './domain/engine-settings.js';
import type { HttpSettings } from './http/http-config.js';
import { DEFAULT_LEASE_TTL_MS } from './domain/job-leases.js';
import { DEFAULT_STREAM_LIMITS } from './http/stream-registry.js';
import { parseOperatorAccounts, type OperatorAccount } from './console/accounts.js';
import { BrandingSchema, httpsUrl } from './contract/schemas.js';

const list = (def: string) =>
  z
    .string()
    .default(def)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    );

const bool = (def: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
      error: 'expected one of 1, 0, true, false',
    })
    .optional()
    .transform((v) => (v === undefined ? def : ['1', 'true', 'yes', 'on'].includes(v)));

const int = (def: number, min = 0) =>
  z.coerce.number({ error: 'expected an integer' }).int('expected an integer').min(min).default(def);

const url = () => z.url({ error: 'expected an absolute URL' });

/** Comma-separated https origins (a trailing slash is fine; a path, query or fragment is not). */
const httpsOrigins = () =>
  list('').pipe(
    z.array(
      z
        .string()
        .refine((s) => URL.canParse(s) && new URL(s).protocol === 'https:' && new URL(s).href === `${new URL(s).origin}/`, {
          error: (i) => `expected https origins like https://acme.example, but received ${JSON.stringify(i.input)}`,
        })
        .transform((s) => new URL(s).origin),
    ),
  );
const optionalString = () => z.string().min(1).optional();

/** Decodes ENCRYPTION_KEY (base64 of 32 bytes or 64 hex chars); undefined when malformed. */
export function decodeEncryptionKey(raw: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    const b = Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
    if (b.length === 32) return b;
  }
  return undefined;
}

const schemaShape = {
  SANDBOX: bool(false).describe('"1" runs against the Sinch sandbox; Sinch credentials may then be supplied by the caller.'),
  PORT: int(8080, 0).describe('HTTP port the BFF listens on.'),
  HOST: z
    .union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'expected an IP address or a host name' })
    .optional()
    .describe('Interface the BFF listens on: 127.0.0.1 in sandbox mode (a demo is not exposed to the network), else 0.0.0.0.'),
  PUBLIC_URL: url()
    .optional()
    .describe('Public base URL of the BFF (hosted page links, its own CORS origin); required outside sandbox mode, where the Host header is never trusted.'),
  DATABASE_PATH: z.string().min(1).default('./.data/bff.db').describe('SQLite file of sessions and onboarding jobs (when DATABASE_URL is unset).'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
    .optional()
    .describe('PostgreSQL connection URL; selects PostgreSQL instead of the SQLite file (several instances share it). Secret (holds the password).'),
  DATABASE_POOL_SIZE: int(10, 1).describe('Most PostgreSQL connections one instance opens (with DATABASE_URL).'),
  DATABASE_STATEMENT_TIMEOUT_MS: int(10_000, 0).describe('PostgreSQL statement_timeout of every query, in ms; 0 = none (with DATABASE_URL).'),
  SINCH_AUTH_URL: url().default('https://auth.sinch.com/oauth2/token').describe('OAuth2 token endpoint.'),
  SINCH_SUBPROJECT_URL: url().default('https://subproject.api.sinch.com').describe('Subprojects API base URL.'),
  SINCH_PROVISIONING_URL: url().default('https://provisioning.api.sinch.com').describe('Provisioning API base URL.'),
  SINCH_CONVERSATION_URL: z
    .string()
    .default('https://{region}.conversation.api.sinch.com')
    .refine((s) => URL.canParse(s.replaceAll('{region}', 'us')), 'expected an absolute URL (may contain {region})')
    .describe('Conversation API base URL; {region} becomes us, eu or br.'),
  SINCH_PROJECT_ID: optionalString().describe('Parent Sinch project id (subprojects are created under it).'),
  SINCH_KEY_ID: optionalString().describe('Sinch access key id.'),
  SINCH_KEY_SECRET: optionalString().describe('Sinch access key secret (secret).'),
  SINCH_AUTH_MODE: z.enum(['oauth2', 'basic']).default('oauth2').describe('oauth2 (production) or basic (testing only; heavily rate limited).'),
  SINCH_SOLUTION_ID: optionalString().describe('Meta multi-partner solution id assigned to each new subproject.'),
  SINCH_TIMEOUT_MS: int(10_000, 1).describe('Timeout of every Sinch HTTP call.'),
  SINCH_MAX_RETRIES: int(3, 0).describe('Retries of a Sinch call on network errors, timeouts, 429 and 5xx.'),
  // UNCONFIRMED facts (reference/api-facts.md) made switchable until verified against real Sinch:
  SINCH_SEND_AUTH_CODE: bool(true).describe(
    'UNCONFIRMED: send the ES code as authenticationCode on create-sender (schema marks it optional).',
  ),
  SINCH_ASSIGN_SOLUTION_PER_SUBPROJECT: bool(true).describe(
    'UNCONFIRMED: assign SINCH_SOLUTION_ID to every new subproject (vs once on the parent).',
  ),
  SINCH_CLAIMED_IDENTITY: z
    .enum(['sender_id', 'phone_number_id'])
    .default('sender_id')
    .describe('UNCONFIRMED: what goes into static_bearer.claimed_identity of the Conversation app.'),
  SINCH_TREAT_409_USED_PHONE_AS_EXISTING: bool(true).describe(
    'UNCONFIRMED: on 409 used_/provisioned_phone_number_id, look for our own sender (by listing) before failing.',
  ),
  BFF_API_KEYS: list('').describe('Comma-separated API keys of the ASP servers (secret).'),
  ALLOWED_ORIGINS: list('').describe('Comma-separated browser origins allowed by CORS.'),
  SESSION_SECRET: z.string().min(32, 'expected at least 32 characters').optional().describe('HMAC key of session tokens (secret).'),
  ENCRYPTION_KEY: z
    .string()
    .refine((s) => decodeEncryptionKey(s) !== undefined, 'expected 32 bytes as base64 or 64 hex characters')
    .optional()
    .describe('AES-256-GCM key for secrets at rest (secret).'),
  META_APP_ID: optionalString().describe("ASP's Meta app id (FB.init)."),
  META_CONFIG_ID: optionalString().describe('Embedded Signup configuration id (FB.login config_id).'),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'expected like v25.0')
    .default('v25.0')
    .describe('Graph API version for FB.init and the BFF\'s own Graph calls (code exchange, phone numbers).'),
  META_GRAPH_URL: url()
    .optional()
    .describe('Graph API base URL (default https://graph.facebook.com; in sandbox mode the Meta sandbox).'),
  META_GRAPH_TIMEOUT_MS: int(10_000, 1).describe('Timeout of every Graph call.'),
  META_SYSTEM_USER_TOKEN: optionalString().describe(
    "System-user token of the ASP's Tech Provider business: lists a WABA's numbers when Meta sent none (secret).",
  ),
  META_APP_SECRET: optionalString().describe(
    "The ASP's Meta app secret: exchanges the ES code for the customer's business token to list the WABA's numbers (secret).",
  ),
  META_ES_VERSION: z
    .enum(['v4'])
    .optional()
    .describe('UNCONFIRMED: v4 makes the element add extras.version "v4" to FB.login; unset: today\'s extras.'),
  WEBHOOK_TARGET: url().optional().describe('Conversation webhook target URL for every new app (a session may override it).'),
  WEBHOOK_TRIGGERS: list('MESSAGE_DELIVERY,MESSAGE_INBOUND').describe('Conversation webhook triggers.'),
  WEBHOOK_TARGET_TYPE: z.enum(['HTTP', 'DISMISS']).default('HTTP').describe('Conversation webhook target_type (DISMISS drops events).'),
  NOTIFY_URL: url().optional().describe("ASP server URL told about terminal onboarding states."),
  NOTIFY_SECRET: optionalString().describe('HMAC key signing NOTIFY_URL callbacks and the hosted page\'s return URLs (secret).'),
  BRAND_NAME: BrandingSchema.shape.name.describe('Who asks on the hosted page ("Acme Messaging asks you to connect …"); a link\'s branding.name overrides it.'),
  BRAND_LOGO_URL: httpsUrl('the URL').optional().describe("The hosted page's logo (https; its origin joins the page's CSP img-src)."),
  BRAND_COLOR: BrandingSchema.shape.color.describe('Brand colour of the hosted page and its element (#rrggbb).'),
  BRAND_SUPPORT_URL: httpsUrl('the URL').optional().describe('Support link on the hosted page (https); or BRAND_SUPPORT_EMAIL.'),
  BRAND_SUPPORT_EMAIL: BrandingSchema.shape.supportEmail.describe('Support e-mail on the hosted page (mailto:); or BRAND_SUPPORT_URL.'),
  BRAND_PRIVACY_URL: httpsUrl('the URL').optional().describe('Privacy policy link on the hosted page (https).'),
  RETURN_URL_ORIGINS: httpsOrigins().describe(
    "Comma-separated https origins a signup link's returnUrl may be on (\"Back to <brand>\", signed with NOTIFY_SECRET); empty: no returnUrl is accepted.",
  ),
  PROVISIONING_WEBHOOK_SECRET: optionalString().describe(
    'Secret of a Provisioning webhook you registered yourself, e.g. in the parent project (secret); callbacks signed with it are accepted too.',
  ),
  PROVISIONING_WEBHOOKS: bool(true).describe(
    'Register a Provisioning webhook (sender callbacks, own secret) in every new subproject; needs PUBLIC_URL, off without it. "0" = activation polls only.',
  ),
  DELETE_EXPIRED_SUBPROJECTS: bool(true).describe('Delete the warm subproject of a session that expired unused.'),
  SUBPROJECT_READY_TIMEOUT_MS: int(120_000, 1).describe(
    'How long warm-up polls a new subproject before counting "not usable yet" as a fault (retried within WARM_UP_RETRY_HORIZON_MS).',
  ),
  ACTIVATION_TIMEOUT_MS: int(1_800_000, 1).describe('How long the activation step follows a sender before failing.'),
  VERIFICATION_TIMEOUT_MS: int(86_400_000, 1).describe(
    'How long a number in PENDING_VERIFICATION waits for the customer to enter a right code before the job fails (verification_timeout).',
  ),
  VERIFICATION_RESEND_COOLDOWN_MS: int(60_000, 0).describe('How long after a verification code was sent a new one may be asked for.'),
  WARM_UP_RETRY_HORIZON_MS: int(900_000, 1).describe(
    'How long warm-up keeps retrying Sinch faults (network, timeout, 429, 5xx, subproject not ready) before the job fails.',
  ),
  APP_RETRY_HORIZON_MS: int(3_600_000, 1).describe(
    "How long the app step (and the sender's lookups once the ES code has expired) keeps retrying Sinch faults before the job fails.",
  ),
  WEBHOOK_RETRY_HORIZON_MS: int(3_600_000, 1).describe('How long the webhook step keeps retrying Sinch faults before the job fails.'),
  SENDER_HEALTH_POLL_MS: int(21_600_000, 0).describe(
    "How often the senders of completed onboardings are read for a state Sinch sends no callback for (SUSPENDED) or a missed one; 0 = off.",
  ),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\w.:/, -]+)$/, 'expected true, false, a hop count or comma-separated subnets')
    .optional()
    .transform((v): boolean | number | string => (v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v))
    .describe('Express `trust proxy` behind a reverse proxy, so rate limits and logs see the client: true, false, a hop count or subnets.'),
  SSE_MAX_STREAMS_PER_SESSION: int(DEFAULT_STREAM_LIMITS.perSession, 1).describe(
    'Most open progress streams (SSE) of one session at once; more answer 429 too_many_streams.',
  ),
  SSE_MAX_STREAMS_PER_IP: int(DEFAULT_STREAM_LIMITS.perIp, 1).describe(
    'Most open progress streams (SSE) from one client IP at once (IPv6 by /56); more answer 429 too_many_streams.',
  ),
  JOB_LEASE_TTL_MS: int(DEFAULT_LEASE_TTL_MS, 1000).describe(
    'Several instances (PostgreSQL): how long a job stays with an instance that stopped renewing its lease, i.e. how soon another one resumes it.',
  ),
  OPERATOR_ACCOUNTS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return parseOperatorAccounts(raw ?? '');
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    })
    .describe('Operator console accounts: comma-separated name:hash pairs, each hash printed by npm run operator:hash (secret); unset: /console answers 404.'),
  CONSOLE_IDLE_TIMEOUT_MS: int(900_000, 10_000).describe('How long an operator console session lasts without a request (each request moves it).'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
};

type Env = z.output<z.ZodObject<typeof schemaShape>>;

const CREDENTIALS = ['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET'] as const;
/**
 * Required outside sandbox mode (sandbox mode starts a Sinch sandbox, makes up the secrets and, without
 * PUBLIC_URL, trusts only a loopback Host as its own origin).
 */
const REQUIRED_IN_PRODUCTION = [...CREDENTIALS, 'SESSION_SECRET', 'ENCRYPTION_KEY', 'PUBLIC_URL'] as const;

/** Cross-variable rules, checked in the same parse (each missing variable is one issue at its name). */
function requirements(e: Env, ctx: z.RefinementCtx): void {
  const missing = (k: keyof Env) => ctx.addIssue({ code: 'custom', path: [k], message: 'required' });
  if (!e.SANDBOX) {
    for (const k of REQUIRED_IN_PRODUCTION) if (e[k] === undefined) missing(k);
  } else if (CREDENTIALS.some((k) => e[k] !== undefined)) {
    // Sandbox mode with credentials of a running sandbox: all three or none (none starts one in-process).
    for (const k of CREDENTIALS) if (e[k] === undefined) missing(k);
  }
  if (e.NOTIFY_URL !== undefined && e.NOTIFY_SECRET === undefined) missing('NOTIFY_SECRET');
  // The return URL is signed with the callbacks' key.
  if (e.RETURN_URL_ORIGINS.length > 0 && e.NOTIFY_SECRET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['NOTIFY_SECRET'], message: 'required with RETURN_URL_ORIGINS (it signs the return URLs)' });
  }
  if (e.BRAND_SUPPORT_URL !== undefined && e.BRAND_SUPPORT_EMAIL !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['BRAND_SUPPORT_EMAIL'], message: 'set BRAND_SUPPORT_URL or BRAND_SUPPORT_EMAIL, not both' });
  }
  // The code exchange sends the app's id with its secret.
  if (e.META_APP_SECRET !== undefined && e.META_APP_ID === undefined) missing('META_APP_ID');
}

/** The Sinch section; `credentials` is absent only in sandbox mode, before a sandbox is wired in. */
export type SinchConfig = Omit<SinchSettings, 'credentials'> & { credentials?: SinchSettings['credentials'] };

/** The `meta` section; `graphUrl` is absent when META_GRAPH_URL is unset (see metaSettings). */
export type MetaConfig = Omit<MetaSettings, 'graphUrl'> & { graphUrl?: string };

/** Meta's own Graph host: META_GRAPH_URL's default outside sandbox mode. */
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';

/** The parsed configuration, one section per part of the BFF. */
export interface Config {
  /** Runs against the Sinch sandbox (started in-process when no credentials are given). */
  readonly sandbox: boolean;
  readonly http: Readonly<HttpSettings>;
  readonly sinch: Readonly<SinchConfig>;
  /**
   * Meta's Graph API (number lookup when a finish carries no phone number id). `graphUrl` absent: Meta's
   * (https://graph.facebook.com), or the Meta sandbox once one is wired in. The token and secret are secrets.
   */
  readonly meta: Readonly<MetaConfig>;
  readonly engine: Readonly<EngineSettings>;
  /** Where terminal onboarding states are posted (signed), when configured. */
  readonly notify?: Readonly<{ url: string; secret: string }>;
  /** SQLite (`databasePath`) unless DATABASE_URL names a PostgreSQL database. */
  readonly storage: StorageSettings;
  /** AES-256-GCM key of secrets at rest (base64 or hex; random per process in sandbox mode). */
  readonly crypto: Readonly<{ encryptionKey: string }>;
  readonly log: Readonly<{ level: Env['LOG_LEVEL'] }>;
  /** Several instances on one database: the job lease's time to live. */
  readonly cluster: Readonly<{ leaseTtlMs: number }>;
  /** The operator console (/console): its accounts (none: it answers 404) and its sessions' idle timeout. */
  readonly console: Readonly<{ accounts: readonly OperatorAccount[]; idleTimeoutMs: number }>;
}

/** Where Sinch posts provisioning callbacks: the route of routes/provisioning-webhook.routes.ts under PUBLIC_URL. */
const provisioningEventsUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/, '')}/v1/sinch/provisioning-events`;

function toSections(e: Env): Config {
  const credentials =
    e.SINCH_PROJECT_ID && e.SINCH_KEY_ID && e.SINCH_KEY_SECRET
      ? { projectId: e.SINCH_PROJECT_ID, keyId: e.SINCH_KEY_ID, keySecret: e.SINCH_KEY_SECRET }
      : undefined;
  return deepFreeze({
    sandbox: e.SANDBOX,
    http: {
      port: e.PORT,
      host: e.HOST ?? (e.SANDBOX ? '127.0.0.1' : '0.0.0.0'),
      apiKeys: e.BFF_API_KEYS,
      allowedOrigins: e.ALLOWED_ORIGINS,
      // The parse guarantees both outside sandbox mode; sandbox mode gets per-process random values.
      sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
      meta: {
        appId: e.META_APP_ID ?? '',
        configId: e.META_CONFIG_ID ?? '',
        graphVersion: e.META_GRAPH_VERSION,
        solutionId: e.SINCH_SOLUTION_ID ?? null,
        ...(e.META_ES_VERSION ? { esVersion: e.META_ES_VERSION } : {}),
      },
      ...(e.PROVISIONING_WEBHOOK_SECRET ? { provisioningWebhookSecret: e.PROVISIONING_WEBHOOK_SECRET } : {}),
      provisioningWebhooks: e.PROVISIONING_WEBHOOKS && e.PUBLIC_URL !== undefined,
      trustProxy: e.TRUST_PROXY,
      streamLimits: { perSession: e.SSE_MAX_STREAMS_PER_SESSION, perIp: e.SSE_MAX_STREAMS_PER_IP },
      hosted: {
        brand: {
          ...(e.BRAND_NAME ? { name: e.BRAND_NAME } : {}),
          ...(e.BRAND_LOGO_URL ? { logoUrl: e.BRAND_LOGO_URL } : {}),
          ...(e.BRAND_COLOR ? { color: e.BRAND_COLOR } : {}),
          ...(e.BRAND_SUPPORT_URL ? { supportUrl: e.BRAND_SUPPORT_URL } : {}),
          ...(e.BRAND_SUPPORT_EMAIL ? { supportEmail: e.BRAND_SUPPORT_EMAIL } : {}),
          ...(e.BRAND_PRIVACY_URL ? { privacyUrl: e.BRAND_PRIVACY_URL } : {}),
        },
        ...(e.RETURN_URL_ORIGINS.length > 0 && e.NOTIFY_SECRET ? { returnUrl: { origins: e.RETURN_URL_ORIGINS, secret: e.NOTIFY_SECRET } } : {}),
      },
    },
    sinch: {
      urls: { auth: e.SINCH_AUTH_URL, subproject: e.SINCH_SUBPROJECT_URL, provisioning: e.SINCH_PROVISIONING_URL, conversation: e.SINCH_CONVERSATION_URL },
      ...(credentials ? { credentials } : {}),
      authMode: e.SINCH_AUTH_MODE,
      timeoutMs: e.SINCH_TIMEOUT_MS,
      maxRetries: e.SINCH_MAX_RETRIES,
    },
    meta: {
      ...(e.META_GRAPH_URL ? { graphUrl: e.META_GRAPH_URL } : {}),
      graphVersion: e.META_GRAPH_VERSION,
      timeoutMs: e.META_GRAPH_TIMEOUT_MS,
      ...(e.META_APP_ID ? { appId: e.META_APP_ID } : {}),
      ...(e.META_APP_SECRET ? { appSecret: e.META_APP_SECRET } : {}),
      ...(e.META_SYSTEM_USER_TOKEN ? { systemUserToken: e.META_SYSTEM_USER_TOKEN } : {}),
    },
    engine: {
      deleteExpiredSubprojects: e.DELETE_EXPIRED_SUBPROJECTS,
      subprojectReadyTimeoutMs: e.SUBPROJECT_READY_TIMEOUT_MS,
      activationTimeoutMs: e.ACTIVATION_TIMEOUT_MS,
      verification: { timeoutMs: e.VERIFICATION_TIMEOUT_MS, resendCooldownMs: e.VERIFICATION_RESEND_COOLDOWN_MS },
      retryHorizonMs: { warmUp: e.WARM_UP_RETRY_HORIZON_MS, app: e.APP_RETRY_HORIZON_MS, webhook: e.WEBHOOK_RETRY_HORIZON_MS },
      sinchRequestTimeoutMs: e.SINCH_TIMEOUT_MS,
      senderHealthPollMs: e.SENDER_HEALTH_POLL_MS,
      ...(e.PROVISIONING_WEBHOOKS && e.PUBLIC_URL ? { provisioningWebhookTarget: provisioningEventsUrl(e.PUBLIC_URL) } : {}),
      ...(e.SINCH_SOLUTION_ID ? { solutionId: e.SINCH_SOLUTION_ID } : {}),
      webhook: { ...(e.WEBHOOK_TARGET ? { target: e.WEBHOOK_TARGET } : {}), targetType: e.WEBHOOK_TARGET_TYPE, triggers: e.WEBHOOK_TRIGGERS },
      unconfirmed: {
        sendAuthCode: e.SINCH_SEND_AUTH_CODE,
        assignSolutionPerSubproject: e.SINCH_ASSIGN_SOLUTION_PER_SUBPROJECT,
        claimedIdentity: e.SINCH_CLAIMED_IDENTITY,
        treat409UsedPhoneAsExisting: e.SINCH_TREAT_409_USED_PHONE_AS_EXISTING,
      },
    },
    ...(e.NOTIFY_URL && e.NOTIFY_SECRET ? { notify: { url: e.NOTIFY_URL, secret: e.NOTIFY_SECRET } } : {}),
    storage: e.DATABASE_URL
      ? { engine: 'postgres', databaseUrl: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS }
      : { engine: 'sqlite', databasePath: e.DATABASE_PATH },
    crypto: { encryptionKey: e.ENCRYPTION_KEY ?? randomBytes(32).toString('base64') },
    log: { level: e.LOG_LEVEL },
    cluster: { leaseTtlMs: e.JOB_LEASE_TTL_MS },
    console: { accounts: e.OPERATOR_ACCOUNTS, idleTimeoutMs: e.CONSOLE_IDLE_TIMEOUT_MS },
  });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** The one parse: variables → checked values → cross-variable rules → sections. */
const configSchema = z.strictObject(schemaShape).superRefine(requirements).transform(toSections);

/** Raw input shape, handy for tests and for the sandbox wiring. */
export type ConfigInput = Partial<Record<keyof typeof schemaShape, string>>;
export const CONFIG_KEYS = Object.keys(schemaShape) as Array<keyof typeof schemaShape>;

/** Thrown when the environment is invalid; `variables` lists every offending name. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
  }
}

/**
 * Parses the environment once. Unrelated variables are ignored; empty strings count as unset.
 * In sandbox mode, missing SESSION_SECRET / ENCRYPTION_KEY get per-process random values (never a fixed default).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const k of CONFIG_KEYS) {
    const v = env[k];
    if (v !== undefined && v !== '') picked[k] = v;
  }
  const res = configSchema.safeParse(picked);
  if (res.success) return res.data;
  const byVar = new Map<string, string>();
  for (const issue of res.error.issues) {
    const name = String(issue.path[0] ?? '(config)');
    if (!byVar.has(name)) byVar.set(name, issue.message);
  }
  const sinchMissing = [...byVar].some(([k, m]) => k.startsWith('SINCH_') && m === 'required');
  throw new ConfigError(
    `Invalid configuration: ${[...byVar].map(([k, m]) => `${k}: ${m}`).join('; ')}${sinchMissing ? ' (or set SANDBOX=1 to run against the Sinch sandbox)' : ''}`,
    [...byVar.keys()],
  );
}

/** A running Sinch sandbox's addresses and key (what `startSinchSandbox()` returns); `graph`: its Meta Graph. */
export interface SinchSandboxAddress {
  urls: SinchSettings['urls'] & { graph?: string };
  credentials: SinchSettings['credentials'];
}

/**
 * The configuration pointed at a running Sinch sandbox (its URLs and key replace the `sinch` section's; its
 * Graph becomes the `meta` section's unless META_GRAPH_URL named one).
 */
export function withSinchSandbox(c: Config, sb: SinchSandboxAddress): Config {
  const { graph, ...urls } = sb.urls;
  return deepFreeze({
    ...c,
    sandbox: true,
    sinch: { ...c.sinch, urls, credentials: { ...sb.credentials } },
    meta: { ...c.meta, ...(c.meta.graphUrl === undefined && graph ? { graphUrl: graph } : {}) },
  });
}

/** The `meta` section with its Graph URL resolved (META_GRAPH_URL, else Meta's own). */
export function metaSettings(c: Config): MetaSettings {
  return { ...c.meta, graphUrl: c.meta.graphUrl ?? DEFAULT_GRAPH_URL };
}

/** The `sinch` section with its credentials asserted present (they are, outside sandbox mode or once one is wired in). */
export function sinchSettings(c: Config): SinchSettings {
  const { credentials } = c.sinch;
  if (!credentials) {
    throw new ConfigError(`Invalid configuration: ${CREDENTIALS.map((k) => `${k}: required`).join('; ')}`, [...CREDENTIALS]);
  }
  return { ...c.sinch, credentials };
}

/** The SINCH_* variables (and META_GRAPH_URL) that point the BFF at a running sandbox (its `urls` and `credentials`). */
export function sandboxEnv(sb: SinchSandboxAddress): Record<string, string> {
  return {
    ...(sb.urls.graph ? { META_GRAPH_URL: sb.urls.graph } : {}),
    SANDBOX: '1',
    SINCH_AUTH_URL: sb.urls.auth,
    SINCH_SUBPROJECT_URL: sb.urls.subproject,
    SINCH_PROVISIONING_URL: sb.urls.provisioning,
    SINCH_CONVERSATION_URL: sb.urls.conversation,
    SINCH_PROJECT_ID: sb.credentials.projectId,
    SINCH_KEY_ID: sb.credentials.keyId,
    SINCH_KEY_SECRET: sb.credentials.keySecret,
  };
}

/** Settings that are valid but probably not meant (logged as warnings at start-up). */
export function configWarnings(c: Config): string[] {
  return [
    ...(c.http.apiKeys.length === 0 ? ['BFF_API_KEYS is empty: every server-to-server route answers 401'] : []),
    ...(c.http.allowedOrigins.length === 0 ? ["ALLOWED_ORIGINS is empty: only the BFF's own pages may call the browser routes"] : []),
  ];
}
