/**
 * The composition root: the one place that builds the BFF's parts from the configuration and joins them.
 * server.ts, the test harnesses, the e2e child, the benches and the demos all call `composeBff`; none wires
 * the parts itself. Nothing listens here: server.ts (or a test's supertest) serves `app`.
 *
 * Order: logger → Sinch sandbox (sandbox mode without credentials) → database (SQLite, or PostgreSQL with
 * DATABASE_URL; migrated) → metrics → metered Sinch
 * transport → Sinch clients → Meta number lookup → engine → notifier → HTTP app with its readiness checks.
 */
import type { Express } from 'express';
import type { DestinationStream } from 'pino';
import type { SinchSandbox, SinchSandboxOptions } from '@whatsapp-signup/sandbox';
import { createApp } from './app.js';
import { createSinchClients, defaultTransport, type RetryPolicy, type SinchClients, type Transport } from './clients/sinch/index.js';
import { createNumberLookup } from './clients/meta/index.js';
import { configWarnings, metaSettings, sinchSettings, withSinchSandbox, type Config } from './config.js';
import { SecretBox } from './crypto/secret-box.js';
import type { Database } from './data/database.js';
import type { Pool } from './data/postgres.js';
import { openStorage, type Storage } from './data/storage.js';
import { importSandbox } from './sandbox-import.js';
import type { ChangeHandlers } from './data/change-feed.js';
import { systemClock, type Clock, type EngineTiming } from './domain/clock.js';
import { OnboardingEngine } from './domain/onboarding.engine.js';
import { SenderHealthPoll } from './domain/sender-health.js';
import type { HttpConfig } from './http/http-config.js';
import { DEFAULT_WIDGET_FILE } from './http/http-config.js';
import { DEFAULT_STREAM_LIMITS, StreamRegistry } from './http/stream-registry.js';
import { createLogger, type Logger } from './logger.js';
import { meteredTransport, sinchApiOf } from './metrics/metered-transport.js';
import { Metrics } from './metrics/metrics.js';
import { Notifier } from './notify/notifier.js';

/** What callers (tests, benches, demos) may put in place of the defaults. */
export interface BffOverrides {
  /** Default: a pino logger at the configured level, writing to `logDestination` (stdout when unset). */
  logger?: Logger;
  logDestination?: DestinationStream;
  /** The Sinch transport under the metering (default: node-fetch with keep-alive). */
  transport?: Transport;
  retry?: Partial<RetryPolicy>;
  timing?: Partial<EngineTiming>;
  clock?: Clock;
  /** Runtime-only HTTP settings (rate limits, widget file, the hosted page's SDK and CSP origins). */
  http?: Partial<HttpConfig>;
  /** The operator console's built UI (default packages/console/dist/console.js). */
  consoleFile?: string;
  /** SSE keep-alive interval of the HTTP app. */
  ssePingMs?: number;
  /** A running Sinch sandbox to point the Sinch clients at (sandbox mode); the caller closes it. */
  sandbox?: SinchSandbox;
  /** Delays of the sandbox composeBff starts itself (sandbox mode without credentials). */
  sandboxOptions?: SinchSandboxOptions;
}

/** The composed BFF. `start()` resumes the engine and the notifier; `close()` stops and closes what it opened. */
export interface Bff {
  /** The configuration in effect (its `sinch` section pointed at the sandbox in sandbox mode). */
  config: Config;
  logger: Logger;
  /** The SQLite database (SQLite mode only). */
  db?: Database;
  /** The PostgreSQL pool (DATABASE_URL only). */
  pool?: Pool;
  metrics: Metrics;
  sinch: SinchClients;
  /** Every repository, over `db` or `pool` (the one storage boundary; the engine, notifier and routes share it). */
  storage: Storage;
  engine: OnboardingEngine;
  notifier?: Notifier;
  app: Express;
  /** The Sinch sandbox in use in sandbox mode (started here unless passed in). */
  sandbox?: SinchSandbox;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Delays of the in-process sandbox of `npm run bff` in sandbox mode: slow enough to watch each step. */
const SANDBOX_DELAYS: SinchSandboxOptions = { subprojectReadyDelayMs: 3000, senderActivationDelayMs: 5000 };

export async function composeBff(loaded: Config, o: BffOverrides = {}): Promise<Bff> {
  const logger = o.logger ?? createLogger(loaded.log.level, o.logDestination);
  for (const w of configWarnings(loaded)) logger.warn(w);

  let config = loaded;
  let sandbox = o.sandbox;
  let ownSandbox: SinchSandbox | undefined;
  if (config.sandbox && !sandbox && !config.sinch.credentials) {
    // Loaded only in sandbox mode: production never imports the emulator.
    const { startSinchSandbox } = await importSandbox();
    // Its Graph accepts the Meta app and system-user token this BFF is configured with.
    const { appId, appSecret, systemUserToken } = config.meta;
    const meta = { ...(appId ? { appId } : {}), ...(appSecret ? { appSecret } : {}), ...(systemUserToken ? { systemUserToken } : {}) };
    sandbox = ownSandbox = await startSinchSandbox({ ...SANDBOX_DELAYS, meta, ...o.sandboxOptions });
  }
  if (sandbox) config = withSinchSandbox(config, sandbox);
  const sinchConfig = sinchSettings(config);

  const opened = await openStorage(config.storage, {
    onIdleError: (err) => logger.warn({ err: err.message }, 'an idle database connection failed; the pool replaces it'),
    onFeedError: (err) => logger.warn({ err: err.message }, 'the change feed connection failed; polling until it is back'),
  }).catch(async (e: unknown) => {
    await ownSandbox?.close(); // e.g. the SQLite file is in use by another process
    throw e;
  });
  const { storage, db, pool } = opened;
  const metrics = new Metrics();
  const transport = meteredTransport(metrics, sinchApiOf(sinchConfig.urls), o.transport ?? defaultTransport);
  const sinch = createSinchClients(sinchConfig, { transport, logger, ...(o.retry ? { retry: o.retry } : {}) });
  // Several instances on one database (PostgreSQL): leases, outbox claims and the change feed join them.
  const cluster = storage.cluster;
  // Meta's Graph, when a finish carries no phone number id (system-user token, else app secret, else none).
  const numbers = createNumberLookup(metaSettings(config), { logger });
  const engine = new OnboardingEngine({
    settings: config.engine,
    repo: storage.onboarding,
    sinch,
    secretBox: new SecretBox(config.crypto.encryptionKey),
    logger,
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.timing ? { timing: o.timing } : {}),
    ...(cluster ? { leases: { repo: cluster.leases, ttlMs: config.cluster.leaseTtlMs } } : {}),
    ...(numbers ? { numbers } : {}),
  });
  metrics.follow(engine);
  const health = new SenderHealthPoll({
    repo: storage.onboarding,
    provisioning: sinch.provisioning,
    onUpdate: (u) => engine.handleSenderUpdate(u),
    clock: o.clock ?? systemClock,
    intervalMs: config.engine.senderHealthPollMs ?? 0,
    log: logger,
  });
  const claims = cluster && { repo: cluster.outboxClaims, owner: engine.leaseOwner! };
  const notifier = config.notify
    ? new Notifier({ outbox: storage.outbox, engine, url: config.notify.url, secret: config.notify.secret, logger, metrics, ...(claims ? { claims } : {}) })
    : undefined;

  // In sandbox mode the hosted page loads the Meta sandbox's fake FB SDK from the sandbox server.
  const sandboxHosted: Partial<HttpConfig> = sandbox ? { hostedExtraOrigins: [sandbox.url], hostedSdkSrc: `${sandbox.url}/meta/sdk.js` } : {};
  const httpConfig: HttpConfig = { ...config.http, widgetFile: DEFAULT_WIDGET_FILE, ...sandboxHosted, ...o.http };
  const streams = new StreamRegistry(httpConfig.streamLimits ?? DEFAULT_STREAM_LIMITS);
  const app = createApp({
    engine,
    storage,
    logger,
    metrics,
    streams,
    config: httpConfig,
    readiness: { sinch: () => sinch.auth.header() },
    ...(o.ssePingMs ? { ssePingMs: o.ssePingMs } : {}),
    ...(o.clock ? { now: () => o.clock!.now() } : {}),
    console: {
      accounts: config.console.accounts,
      idleTimeoutMs: config.console.idleTimeoutMs,
      operators: storage.operators,
      outbox: storage.outbox,
      ...(notifier ? { notifier } : {}),
      ...(o.consoleFile ? { bundleFile: o.consoleFile } : {}),
    },
  });

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    ...(db ? { db } : {}),
    ...(pool ? { pool } : {}),
    metrics,
    sinch,
    storage,
    engine,
    ...(notifier ? { notifier } : {}),
    app,
    ...(sandbox ? { sandbox } : {}),
    async start() {
      await engine.start();
      await notifier?.start();
      health.start();
      await cluster?.changes.start(changeHandlers(engine, storage, streams, logger));
    },
    close: () =>
      (closing ??= (async () => {
        await cluster?.changes.close();
        await notifier?.stop();
        await health.stop();
        await engine.stop();
        await opened.close();
        await ownSandbox?.close();
      })()),
  };
}

/** What another instance changed reaches this one: its jobs' listeners (streams, notifier, metrics) and its streams of revoked links. */
function changeHandlers(engine: OnboardingEngine, storage: Storage, streams: StreamRegistry, logger: Logger): ChangeHandlers {
  const failed = (e: unknown) => logger.error({ err: e }, 'applying a change of another instance failed');
  return {
    job: (id, version, onboarding) => void engine.jobChanged(id, version, onboarding).catch(failed),
    revoked: (sessionId) => void streams.endSession(sessionId),
    // The feed may have missed changes: every session streamed here is read again (and its links checked).
    resync: () =>
      void Promise.all(
        streams.sessions().map(async (id) => {
          if (await storage.links.isSessionRevoked(id)) streams.endSession(id);
          else await engine.jobChanged(id);
        }),
      ).catch(failed),
  };
}
