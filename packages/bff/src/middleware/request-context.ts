/**
 * Request id + one structured log line per request (pino-http style, without pino-http).
 * The URL is logged as log-url.ts reduces it (query values never, credential path segments redacted, by what
 * the router parses); the matched route pattern is logged as `route`. Bodies are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { logUrl } from './log-url.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Request id: the caller's `x-request-id` when well-formed, else a fresh UUID. */
    id: string;
    /** Child logger bound to the request id. */
    log: Logger;
  }
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

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
      // The names the query parser decoded (`?access%5Ftoken=` is `access_token` here, as the route sees it).
      const queryNames = Object.keys((req.query ?? {}) as Record<string, unknown>);
      const refused = res.statusCode === 401 || res.statusCode === 403;
      const route: unknown = req.route?.path;
      req.log[level](
        {
          req: {
            method: req.method,
            url: logUrl(req.originalUrl, queryNames, refused),
            ...(typeof route === 'string' ? { route } : {}),
            remoteAddress: req.ip,
          },
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
