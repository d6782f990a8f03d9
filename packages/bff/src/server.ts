/**
 * `npm run bff`: reads the environment (loadConfig), in SANDBOX=1 mode starts the Sinch sandbox
 * in-process (unless SINCH_KEY_ID points at one already running), opens the database, builds and
 * starts the engine, the ASP notifier and the HTTP app, listens on PORT, and shuts down cleanly on
 * SIGTERM/SIGINT.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { pathToFileURL } from 'node:url';
import type { SinchSandbox } from '@whatsapp-signup/sandbox';
import { createApp, type HttpConfig } from './app.js';
import { ConfigError, loadConfig, sandboxEnv, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openDatabase } from './data/database.js';
import { SqliteOutboxRepository } from './data/sqlite-outbox.repository.js';
import { createOnboardingEngine } from './domain/create-onboarding-engine.js';
import { systemClock } from './domain/clock.js';
import { httpConfigFrom, meteredTransport, sinchApiOf } from './http/http-config.js';
import { Metrics } from './metrics/metrics.js';
import { Notifier } from './notify/notifier.js';

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  config: Config;
  logger: Logger;
  sandbox?: SinchSandbox;
  stop(): Promise<void>;
}

/** How long in-flight requests and SSE streams get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(
  env: Record<string, string | undefined> = process.env,
  opts: { http?: Partial<HttpConfig>; host?: string; shutdownGraceMs?: number; /** Where log lines go (tests); stdout otherwise. */ logDestination?: DestinationStream } = {},
): Promise<RunningServer> {
  let config = loadConfig(env);
  let sandbox: SinchSandbox | undefined;
  if (config.SANDBOX && !env.SINCH_KEY_ID) {
    // Loaded only in sandbox mode: production never imports the emulator.
    const { startSinchSandbox } = await import('@whatsapp-signup/sandbox');
    sandbox = await startSinchSandbox({ subprojectReadyDelayMs: 3000, senderActivationDelayMs: 5000 });
    config = loadConfig({ ...env, ...sandboxEnv(sandbox) });
  }
  const logger = createLogger(config.LOG_LEVEL, opts.logDestination);
  if (config.BFF_API_KEYS.length === 0) logger.warn('BFF_API_KEYS is empty: every server-to-server route answers 401');
  if (config.ALLOWED_ORIGINS.length === 0) logger.warn('ALLOWED_ORIGINS is empty: only the BFF\'s own pages may call the browser routes');
  const db = openDatabase(config.DATABASE_PATH);
  const metrics = new Metrics();
  const bundle = createOnboardingEngine(config, {
    db,
    logger,
    clock: systemClock,
    transport: meteredTransport(metrics, sinchApiOf(config)),
  });
  metrics.follow(bundle.engine);
  await bundle.engine.start();

  let notifier: Notifier | undefined;
  if (config.NOTIFY_URL && config.NOTIFY_SECRET) {
    notifier = new Notifier({ outbox: new SqliteOutboxRepository(db), engine: bundle.engine, url: config.NOTIFY_URL, secret: config.NOTIFY_SECRET, logger, metrics });
    await notifier.start();
  }

  // SANDBOX=1: the hosted page loads the Meta sandbox's fake FB SDK from the in-process sandbox server.
  const app = createApp({
    engine: bundle.engine,
    db,
    logger,
    metrics,
    config: httpConfigFrom(config, { trustProxy: config.TRUST_PROXY, ...(sandbox ? { hostedExtraOrigins: [sandbox.url], hostedSdkSrc: `${sandbox.url}/meta/sdk.js` } : {}), ...opts.http }),
    readiness: { sinch: () => bundle.sinch.auth.header() },
  });
  const server = app.listen(config.PORT, opts.host ?? '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ port, sandbox: sandbox?.url, publicUrl: config.PUBLIC_URL }, 'BFF listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      // SSE streams never end on their own: give them the grace period, then cut them.
      const grace = setTimeout(() => server.closeAllConnections(), opts.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
      grace.unref();
      await closed;
      clearTimeout(grace);
      await notifier?.stop();
      await bundle.close();
      if (db.open) db.close();
      await sandbox?.close();
      logger.info('stopped');
    })());
  return { server, url, config, logger, ...(sandbox ? { sandbox } : {}), stop };
}

async function main() {
  let running: RunningServer;
  try {
    running = await startServer();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  if (running.sandbox) console.log(`SANDBOX=1: Sinch sandbox in-process at ${running.sandbox.url}`);
  console.log(`BFF listening on ${running.url}`);
  const onSignal = (signal: string) => {
    running.logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        running.logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
