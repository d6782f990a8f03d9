/**
 * The operator console, mounted by app.ts only when OPERATOR_ACCOUNTS lists an account (without one every
 * /console path answers the API's 404): its JSON API (console-api.routes.ts) and its page (console-page.ts).
 */
import { Router } from 'express';
import type { HttpContext } from '../http/context.js';
import { consoleApiRoutes } from './console-api.routes.js';
import type { ConsoleDeps } from './console-deps.js';
import { consolePageRoutes, DEFAULT_CONSOLE_FILE } from './console-page.js';

export type { ConsoleDeps } from './console-deps.js';

export function consoleRoutes(ctx: HttpContext, deps: ConsoleDeps): Router {
  const r = Router();
  r.use(consoleApiRoutes(ctx, deps));
  r.use(consolePageRoutes(deps.bundleFile ?? DEFAULT_CONSOLE_FILE));
  return r;
}
