/**
 * `GET /v1/funnel` (API key): the signup funnel of the sessions created in [from, to), per UTC day, ISO week or in
 * total — how many reached each stage and why the others dropped (domain/funnel.ts, the console's funnel too).
 */
import { Router } from 'express';
import type { z } from 'zod';
import { requireApiKey } from '../auth/api-keys.js';
import { funnelRange, readFunnel, type FunnelReport } from '../domain/funnel.js';
import { parseOrThrow } from '../http/validate.js';
import { FunnelQuerySchema, type FunnelResponseSchema } from '../http/schemas.js';
import type { HttpContext } from '../http/context.js';

export function funnelRoutes(ctx: HttpContext): Router {
  const r = Router();

  r.get('/v1/funnel', requireApiKey(ctx.config.apiKeys), async (req, res) => {
    const q = parseOrThrow(FunnelQuerySchema, { ...req.query }, 'query');
    const now = ctx.now();
    // The domain's report is the documented response (checked here at compile time).
    const report: z.input<typeof FunnelResponseSchema> = (await readFunnel(ctx.sessionEvents, funnelRange(q, now), now)) satisfies FunnelReport;
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });

  return r;
}
