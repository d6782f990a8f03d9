/**
 * Request id + one structured log line per request (pino-http style, without pino-http).
 * The URL is logged with credentials redacted (`?access_token=` of the SSE route); bodies are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    /** Request id: the caller's `x-request-id` when well-formed, else a fresh UUID. */
    id: string;
    /** Child logger bound to the request id. */
    log: Logger;
  }
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SECRET_PARAMS = /([?&](?:access_token|token|code)=)[^&#]*/gi;

/** Removes credentials from a URL before it is logged. */
export const redactUrl = (url: string): string => url.replace(SECRET_PARAMS, '$1[REDACTED]');

/** Paths whose tail is itself a credential (hosted link tokens). */
const redactPath = (url: string): string => redactUrl(url).replace(/^\/signup\/[^/?#]+/, '/signup/[REDACTED]');

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('x-request-id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => logDone(false));
    res.on('close', () => logDone(true));
    let logged = false;
    function logDone(aborted: boolean) {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      req.log[level](
        {
          req: { method: req.method, url: redactPath(req.originalUrl), remoteAddress: req.ip },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(ms * 10) / 10,
          ...(aborted && !res.writableFinished ? { aborted: true } : {}),
        },
        'request completed',
      );
    }
    next();
  };
}
