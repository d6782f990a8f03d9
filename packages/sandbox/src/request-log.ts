import type { Request, RequestHandler, Response } from 'express';
import { iso } from './clock.js';
import type { SandboxContext } from './context.js';
import type { SandboxApi, SandboxRequestLog } from './sinch-sandbox.types.js';

type Fault = SandboxRequestLog['fault'];

/** Which API a full request path belongs to. */
export function apiOf(path: string): SandboxApi | 'admin' {
  if (path.startsWith('/auth/')) return 'auth';
  if (path.startsWith('/subproject/')) return 'subproject';
  if (path.startsWith('/provisioning/')) return 'provisioning';
  if (path.startsWith('/conversation/')) return 'conversation';
  if (path.startsWith('/graph/')) return 'graph';
  return 'admin';
}

/** Writes the log entry of this request now (used by hangs and lost responses, which never "finish"). */
export function logNow(res: Response, status: number, fault?: Fault): void {
  (res.locals.sandboxLog as ((status: number, fault?: Fault) => void) | undefined)?.(status, fault);
}

/**
 * Records every request (api, method, path, status, fault) — never bodies, headers or query strings,
 * so no secret ends up in the log.
 */
export function requestLog(ctx: SandboxContext): RequestHandler {
  return (req: Request, res: Response, next) => {
    const entry = { at: iso(ctx.clock.now()), api: apiOf(req.path), method: req.method, path: req.path };
    let logged = false;
    res.locals.sandboxLog = (status: number, fault?: Fault) => {
      if (logged) return;
      logged = true;
      if (status < 0) return;
      ctx.state.requests.push({ ...entry, status, ...(fault ? { fault } : {}) });
    };
    res.on('finish', () => logNow(res, res.statusCode, res.locals.fault as Fault));
    res.on('close', () => logNow(res, 0, res.locals.fault as Fault));
    next();
  };
}
