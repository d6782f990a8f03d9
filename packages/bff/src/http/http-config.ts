/**
 * What the HTTP layer reads: the `http` section of the configuration (config.ts builds it) plus the
 * runtime-only extras the composition root adds (the widget file, the hosted page's SDK in sandbox mode, limits).
 */
import { fileURLToPath } from 'node:url';
import type { RateLimitOptions } from '../middleware/rate-limit.js';
import type { StreamLimits } from './stream-registry.js';
import type { Branding } from '../hosted/branding.js';
import type { ReturnUrlSettings } from '../hosted/return-url.js';

/** The hosted page's brand (BRAND_*) and where its links may lead back (RETURN_URL_ORIGINS, signed with NOTIFY_SECRET). */
export interface HostedSettings {
  brand: Branding;
  /** Absent: no link may have a returnUrl. */
  returnUrl?: ReturnUrlSettings;
}

/** The `http` section of the configuration. */
export interface HttpSettings {
  /** Port the BFF listens on (0: any free port). */
  port: number;
  /** Interface it listens on (127.0.0.1 in sandbox mode, 0.0.0.0 otherwise, unless HOST says). */
  host: string;
  /** Every server-to-server API key is valid at once (rotation). */
  apiKeys: readonly string[];
  /** Browser origins allowed on the browser routes. */
  allowedOrigins: readonly string[];
  /** HS256 key of session and link tokens (≥ 32 chars; random per process in sandbox mode). */
  sessionSecret: string;
  /** Public base of hosted links and the BFF's own CORS origin; when unset (sandbox mode only), a loopback request origin. */
  publicUrl?: string;
  /** What the widget passes to FB.init / FB.login; `esVersion` (META_ES_VERSION) adds `extras.version`. */
  meta: { appId: string; configId: string; graphVersion: string; solutionId: string | null; esVersion?: 'v4' };
  /** Secret of a Provisioning webhook registered by hand (e.g. in the parent project); callbacks signed with it are accepted. */
  provisioningWebhookSecret?: string;
  /**
   * The engine registers a Provisioning webhook with its own secret in every subproject (PROVISIONING_WEBHOOKS and
   * PUBLIC_URL): callbacks are verified with the secret of the sender's subproject. Without this and without
   * provisioningWebhookSecret the callback route answers 404.
   */
  provisioningWebhooks?: boolean;
  /** Express `trust proxy` (e.g. 1 behind one reverse proxy) so per-IP limits see the client. */
  trustProxy: boolean | number | string;
  /** Most open event streams per session and per client IP (429 `too_many_streams` beyond). */
  streamLimits: StreamLimits;
  /** Branding and return URLs of the hosted page (absent: unbranded, no returnUrl accepted). */
  hosted?: HostedSettings;
}

/** Runtime-only parts of the HTTP configuration (not environment variables). */
export interface HttpExtras {
  /** packages/widget/dist/whatsapp-signup.js */
  widgetFile?: string;
  /** FB SDK URL for the hosted page's widget (`sdk-src`), e.g. a Meta sandbox; its origin joins the CSP. */
  hostedSdkSrc?: string;
  /** Extra origins for the hosted page's CSP (the Meta sandbox in sandbox mode). */
  hostedExtraOrigins?: readonly string[];
  /** JSON body limit in bytes (16 kB). */
  bodyLimitBytes?: number;
  rateLimits?: Partial<RateLimitOptions>;
}

/** Everything createApp reads from configuration. */
export type HttpConfig = Omit<HttpSettings, 'port' | 'host' | 'trustProxy' | 'streamLimits'> &
  Partial<Pick<HttpSettings, 'port' | 'host' | 'trustProxy' | 'streamLimits'>> &
  HttpExtras;

/** packages/widget/dist/whatsapp-signup.js, built by the widget package. */
export const DEFAULT_WIDGET_FILE = fileURLToPath(new URL('../../../widget/dist/whatsapp-signup.js', import.meta.url));
