/**
 * BFF configuration: `process.env` parsed once with zod, frozen and typed.
 * A bad or missing value throws a {@link ConfigError} whose message names every offending variable.
 *
 * Keys keep their environment-variable names so grepping for `PORT` finds both the docs and the use.
 * Add new keys to `schemaShape` (one `.describe()` each); secrets never get a default.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

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
  PUBLIC_URL: url().optional().describe('Public base URL of the BFF (hosted page links, webhook URLs).'),
  DATABASE_PATH: z.string().min(1).default('./.data/bff.db').describe('SQLite file of sessions and onboarding jobs.'),
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
  META_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/, 'expected like v25.0').default('v25.0').describe('Graph API version for FB.init.'),
  WEBHOOK_TARGET: url().optional().describe('Conversation webhook target URL for every new app (a session may override it).'),
  WEBHOOK_TRIGGERS: list('MESSAGE_DELIVERY,MESSAGE_INBOUND').describe('Conversation webhook triggers.'),
  WEBHOOK_TARGET_TYPE: z.enum(['HTTP', 'DISMISS']).default('HTTP').describe('Conversation webhook target_type (DISMISS drops events).'),
  NOTIFY_URL: url().optional().describe("ASP server URL told about terminal onboarding states."),
  NOTIFY_SECRET: optionalString().describe('HMAC key signing NOTIFY_URL callbacks (secret).'),
  PROVISIONING_WEBHOOK_SECRET: optionalString().describe('Secret of the Sinch provisioning webhook (secret).'),
  DELETE_EXPIRED_SUBPROJECTS: bool(true).describe('Delete the warm subproject of a session that expired unused.'),
  SUBPROJECT_READY_TIMEOUT_MS: int(120_000, 1).describe('How long warm-up waits for a new subproject to become usable.'),
  ACTIVATION_TIMEOUT_MS: int(1_800_000, 1).describe('How long the activation step follows a sender before failing.'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\w.:/, -]+)$/, 'expected true, false, a hop count or comma-separated subnets')
    .optional()
    .transform((v): boolean | number | string => (v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v))
    .describe('Express `trust proxy` behind a reverse proxy, so rate limits and logs see the client: true, false, a hop count or subnets.'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
};

const configSchema = z.strictObject(schemaShape);

/** The parsed configuration (keys are the environment variable names). */
export type Config = Readonly<z.output<typeof configSchema>>;
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
  if (!res.success) {
    const byVar = new Map<string, string>();
    for (const issue of res.error.issues) {
      const name = String(issue.path[0] ?? '(config)');
      if (!byVar.has(name)) byVar.set(name, issue.message);
    }
    throw new ConfigError(
      `Invalid configuration: ${[...byVar].map(([k, m]) => `${k}: ${m}`).join('; ')}`,
      [...byVar.keys()],
    );
  }
  const c = { ...res.data };
  const missing: string[] = [];
  if (!c.SANDBOX) {
    for (const k of ['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET', 'SESSION_SECRET', 'ENCRYPTION_KEY'] as const) {
      if (c[k] === undefined) missing.push(k);
    }
  } else {
    c.SESSION_SECRET ??= randomBytes(32).toString('base64url');
    c.ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  }
  if (c.NOTIFY_URL !== undefined && c.NOTIFY_SECRET === undefined) missing.push('NOTIFY_SECRET');
  if (missing.length > 0) {
    const hint = missing.some((k) => k.startsWith('SINCH_')) ? ' (or set SANDBOX=1 to run against the Sinch sandbox)' : '';
    throw new ConfigError(
      `Invalid configuration: ${missing.map((k) => `${k}: required`).join('; ')}${hint}`,
      missing,
    );
  }
  return Object.freeze(c);
}

/** Sinch credentials, asserted present (the caller supplies the sandbox's in sandbox mode). */
export function sinchCredentials(c: Config): { projectId: string; keyId: string; keySecret: string } {
  if (!c.SINCH_PROJECT_ID || !c.SINCH_KEY_ID || !c.SINCH_KEY_SECRET) {
    const missing = (['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET'] as const).filter((k) => !c[k]);
    throw new ConfigError(`Invalid configuration: ${missing.map((k) => `${k}: required`).join('; ')}`, [...missing]);
  }
  return { projectId: c.SINCH_PROJECT_ID, keyId: c.SINCH_KEY_ID, keySecret: c.SINCH_KEY_SECRET };
}

/** The SINCH_* variables that point the BFF at a running Sinch sandbox (its `urls` and `credentials`). */
export function sandboxEnv(sb: {
  urls: { auth: string; subproject: string; provisioning: string; conversation: string };
  credentials: { projectId: string; keyId: string; keySecret: string };
}): Record<string, string> {
  return {
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
