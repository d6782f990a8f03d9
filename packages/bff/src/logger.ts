/**
 * JSON logging with pino. Secrets are redacted by path so a careless `log.info({req})` cannot leak them;
 * code never logs the ES code or tokens on purpose either.
 */
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'token',
  'accessToken',
  'access_token',
  'bearerToken',
  'authenticationCode',
  'code',
  'secret',
  'client_secret',
  'password',
  'keySecret',
  'apiKey',
  'cookie',
];

/** Redaction paths: every secret key at the top level and up to two levels deep, plus header maps. */
export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Creates a logger. Tests pass a destination (e.g. a stream collecting lines) to assert on output.
 */
export function createLogger(level: LevelWithSilent | string = 'info', destination?: DestinationStream): Logger {
  const opts = {
    level,
    base: { service: 'whatsapp-signup-bff' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(opts, destination) : pino(opts);
}
