import express, { type Request, type RequestHandler, type Response } from 'express';
import type { SandboxContext } from './context.js';
import { commonError, sendError, type Dialect } from './errors.js';
import { logNow } from './request-log.js';
import type { SandboxApi } from './sinch-sandbox.types.js';

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/** The routers' own body parser (they skip a body read already). */
const readBody = express.json({ limit: '256kb' });

const BAD_GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n';

/** Applies the fault rules to one API's requests (mounted first in that API's router). */
export function injectFaults(ctx: SandboxContext, api: SandboxApi, dialect: Dialect): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const d = ctx.faults.decide(api, req.method, req.path);
    if (d.latencyMs > 0) {
      // A slow server has read the request before it stalls: it carries it out even when the client stopped waiting.
      const bad = await new Promise<unknown>((resolve) => readBody(req, res, resolve));
      if (bad) return next(bad);
      res.locals.fault = 'latency';
      await sleep(d.latencyMs);
    }
    switch (d.outcome) {
      case undefined:
        return next();
      case '429': {
        res.locals.fault = '429';
        const err = commonError(dialect, 'rate_limited', 'Too many requests.');
        err.headers['Retry-After'] = String(d.retryAfterSeconds);
        return sendError(res, err, dialect);
      }
      case '5xx':
        res.locals.fault = '5xx';
        // A 502 comes from the load balancer in front of the API, not from the API: a page, in no dialect.
        if (d.status5xx === 502) return void res.status(502).type('html').send(BAD_GATEWAY_PAGE);
        return sendError(res, commonError(dialect, d.status5xx === 500 ? 'internal' : 'unavailable', d.status5xx === 500 ? 'Internal server error.' : 'The service is temporarily unavailable.'), dialect);
      case 'hang':
        // Never answer: the socket stays open until the client gives up or close() destroys it.
        res.locals.fault = 'hang';
        logNow(res, 0, 'hang');
        return;
      case 'lost': {
        // Carry the request out, then drop the connection instead of sending the response.
        res.locals.fault = 'lost';
        res.end = function lostEnd(this: Response) {
          logNow(res, res.statusCode, 'lost');
          req.socket.destroy();
          return this;
        } as Response['end'];
        return next();
      }
    }
  };
}
