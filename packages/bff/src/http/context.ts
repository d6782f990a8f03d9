/**
 * What the route modules share: built once by createApp, frozen, and only read by the routes (no route
 * sets anything here, so mount order does not matter). Routes import this type, never app.ts.
 */
import type { TokenService } from '../auth/tokens.js';
import type { OnboardingService } from '../domain/onboarding.types.js';
import type { LinkRepository } from '../data/link.repository.js';
import type { SessionEventRepository } from '../data/session-event.repository.js';
import type { WebhookNonceRepository } from '../data/webhook-nonce.repository.js';
import type { Metrics } from '../metrics/metrics.js';
import type { RateLimitOptions } from '../middleware/rate-limit.js';
import type { HttpConfig } from './http-config.js';
import type { StreamRegistry } from './stream-registry.js';
import type { WidgetBundle } from './widget-bundle.js';

export interface HttpContext {
  readonly engine: OnboardingService;
  readonly config: Readonly<HttpConfig>;
  readonly tokens: TokenService;
  readonly links: LinkRepository;
  readonly nonces: WebhookNonceRepository;
  /** The signup funnel's milestones (routes/session-events.routes.ts writes them). */
  readonly sessionEvents: SessionEventRepository;
  readonly metrics: Metrics;
  readonly now: () => number;
  readonly rateLimits: Readonly<RateLimitOptions>;
  /** The configured origins plus the BFF's own public origin. */
  readonly allowedOrigins: readonly string[];
  readonly readiness: Readonly<{ database: () => unknown; sinch: () => Promise<unknown> }>;
  readonly ssePingMs: number;
  /** The open event streams (caps per session and per client; the revoke route ends a session's). */
  readonly streams: StreamRegistry;
  /** The built widget bundle and its content hash (served by the public routes, linked by the hosted page). */
  readonly widget: WidgetBundle;
}
