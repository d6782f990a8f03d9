/**
 * `npm run bff`: reads the environment (loadConfig), composes the BFF (compose.ts: in sandbox mode with
 * the Sinch sandbox in-process unless the configuration points at one already running), listens on the
 * configured host and port (HOST: loopback in sandbox mode), and shuts down cleanly on SIGTERM/SIGINT.
 */
import type { Server } from 'node:http';
import { isIPv6, type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { SinchSandbox } from '@whatsapp-signup/sandbox';
import { composeBff, type Bff, type BffOverrides } from './compose.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseInUseError } from './data/database.js';
import type { Logger } from './logger.js';

export interface RunningServer {
  server: Server;
  /** Where this machine reaches it, e.g. http://127.0.0.1:8080 (loopback when listening on every interface). */
  url: string;
  config: Config;
  logger: Logger;
  /** The composed parts (engine, database, metrics…). */
  bff: Bff;
  sandbox?: SinchSandbox;
  stop(): Promise<void>;
}

/** How long in-flight requests and SSE streams get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(
  env: Record<string, string | undefined> = process.env,
  opts: BffOverrides & { shutdownGraceMs?: number } = {},
): Promise<RunningServer> {
  const { shutdownGraceMs, ...overrides } = opts;
  const bff = await composeBff(loadConfig(env), overrides);
  const { config, logger } = bff;
  let server: Server;
  try {
    await bff.start();
    server = bff.app.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (e) {
    await bff.close();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${localHostOf(config.http.host)}:${port}`;
  logger.info({ host: config.http.host, port, sandbox: bff.sandbox?.url, publicUrl: config.http.publicUrl }, 'BFF listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      // SSE streams never end on their own: give them the grace period, then cut them.
      const grace = setTimeout(() => server.closeAllConnections(), shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
      grace.unref();
      await closed;
      clearTimeout(grace);
      await bff.close();
      logger.info('stopped');
    })());
  return { server, url, config, logger, bff, ...(bff.sandbox ? { sandbox: bff.sandbox } : {}), stop };
}

/** How this machine reaches a server listening on `host`: loopback for the wildcard addresses, IPv6 in brackets. */
function localHostOf(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return isIPv6(host) ? `[${host}]` : host;
}

async function main() {
  let running: RunningServer;
  try {
    running = await startServer();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DatabaseInUseError) {
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
