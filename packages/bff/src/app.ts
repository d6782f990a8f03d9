/**
 * `createApp(deps)`: the BFF's Express application, without `listen` (server.ts listens; tests use
 * supertest). Order: helmet → request id + logging → metrics → CORS (browser routes) → per-IP rate
 * limit → JSON body (16 kB) → routes → 404 → error handler.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { OnboardingService } from './domain/onboarding.types.js';
import { TokenService } from './auth/tokens.js';
import type { Storage } from './data/storage.js';
import { Metrics } from './metrics/metrics.js';
import { requestContext } from './middleware/request-context.js';
import { browserCors, normaliseOrigin } from './middleware/cors.js';
import { loopbackOriginOf } from './http/base-url.js';
import { DEFAULT_RATE_LIMITS, ipRateLimit } from './middleware/rate-limit.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { aspRoutes } from './routes/asp.routes.js';
import { signupLinkRoutes } from './routes/signup-links.routes.js';
import { sessionRoutes } from './routes/session.routes.js';
import { sessionEventRoutes } from './routes/session-events.routes.js';
import { funnelRoutes } from './routes/funnel.routes.js';
import { publicRoutes } from './routes/public.routes.js';
import { provisioningWebhookRoutes } from './routes/provisioning-webhook.routes.js';
import { hostedRoutes } from './hosted/hosted.routes.js';
import type { HttpContext } from './http/context.js';
import type { HttpConfig } from './http/http-config.js';
import { WidgetBundle } from './http/widget-bundle.js';
import { DEFAULT_STREAM_LIMITS, StreamRegistry } from './http/stream-registry.js';
import { consoleRoutes, type ConsoleDeps } from './console/console.routes.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Exact bytes of a JSON body (for webhook signatures). */
    rawBody?: Buffer;
  }
}

/** What createApp is built from (compose.ts supplies it; the HTTP-only tests pass a fake engine). */
export interface AppDeps {
  engine: OnboardingService;
  /** The repositories the routes read and write (the same storage the engine uses; compose.ts builds it). */
  storage: Pick<Storage, 'links' | 'nonces' | 'sessionEvents' | 'ping'>;
  logger: Logger;
  config: HttpConfig;
  /** /readyz checks; the database check defaults to the storage's ping, Sinch to "not checked → failed". */
  readiness?: { database?: () => unknown; sinch?: () => Promise<unknown> };
  metrics?: Metrics;
  now?: () => number;
  /** SSE keep-alive interval (15 s). */
  ssePingMs?: number;
  /** The open event streams (default: a registry with `config.streamLimits`); compose.ts joins it to the change feed. */
  streams?: StreamRegistry;
  /** The operator console (/console); without it, or without accounts, every /console path answers 404. */
  console?: ConsoleDeps;
}

export const BODY_LIMIT_BYTES = 16 * 1024;

export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...config.rateLimits };
  const publicOrigin = config.publicUrl ? normaliseOrigin(config.publicUrl) : undefined;
  const ctx: HttpContext = Object.freeze({
    engine: deps.engine,
    config: Object.freeze({ ...config }),
    tokens: new TokenService(config.sessionSecret),
    links: deps.storage.links,
    nonces: deps.storage.nonces,
    sessionEvents: deps.storage.sessionEvents,
    metrics: deps.metrics ?? new Metrics(deps.engine),
    now: deps.now ?? Date.now,
    rateLimits: Object.freeze(rateLimits),
    allowedOrigins: Object.freeze([...config.allowedOrigins, ...(publicOrigin ? [publicOrigin] : [])]),
    readiness: Object.freeze({
      database: deps.readiness?.database ?? (() => deps.storage.ping()),
      sinch: deps.readiness?.sinch ?? (() => Promise.reject(new Error('no Sinch readiness check configured'))),
    }),
    ssePingMs: deps.ssePingMs ?? 15_000,
    streams: deps.streams ?? new StreamRegistry(config.streamLimits ?? DEFAULT_STREAM_LIMITS),
    widget: new WidgetBundle(config.widgetFile),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ?? false);
  app.set('etag', false);

  app.use(helmet());
  app.use(requestContext(deps.logger));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      ctx.metrics.observeRequest(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
  // With a public URL its origin is in allowedOrigins and nothing else is "self"; without one (sandbox mode) a loopback Host is.
  app.use('/v1/session', browserCors({ allowedOrigins: ctx.allowedOrigins, ...(publicOrigin ? {} : { selfOrigin: loopbackOriginOf }) }));
  app.use(ipRateLimit(rateLimits));
  app.use(
    express.json({
      limit: config.bodyLimitBytes ?? BODY_LIMIT_BYTES,
      verify: (req, _res, buf) => {
        (req as express.Request).rawBody = buf;
      },
    }),
  );

  app.use(publicRoutes(ctx));
  app.use(aspRoutes(ctx));
  app.use(signupLinkRoutes(ctx));
  app.use(sessionRoutes(ctx));
  app.use(sessionEventRoutes(ctx));
  app.use(funnelRoutes(ctx));
  app.use(provisioningWebhookRoutes(ctx));
  app.use(hostedRoutes(ctx));
  if (deps.console && deps.console.accounts.length > 0) app.use(consoleRoutes(ctx, deps.console));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
