/**
 * The operator console's JSON API (`/console/api/…`, shapes in http/console.schemas.ts). Every action goes
 * through the same operation as the ASP's server route (http/operations.ts, the notifier's redelivery) and is
 * written to the audit log with its outcome, as is every sign-in and sign-out.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, toAppError } from '../errors.js';
import type { OPERATOR_ACTIONS } from '../contract/enums.js';
import type { HttpContext } from '../http/context.js';
import { IdParamSchema, type FunnelResponseSchema } from '../http/schemas.js';
import { signupLinkView } from '../http/signup-link-view.js';
import { readFunnel, type FunnelReport } from '../domain/funnel.js';
import { parseOrThrow } from '../http/validate.js';
import { addPhoneNumber, retryOnboarding, revokeLink } from '../http/operations.js';
import {
  ConsoleAddPhoneNumberBodySchema,
  ConsoleCallbacksQuerySchema,
  ConsoleFunnelQuerySchema,
  ConsoleOnboardingsQuerySchema,
  OperatorSignInBodySchema,
  type OperatorSession,
} from '../http/console.schemas.js';
import { signInRateLimits } from '../middleware/rate-limit.js';
import type { OperatorSessionRecord } from '../data/operator.repository.js';
import { OperatorAccounts } from './accounts.js';
import { AuditLog } from './audit-log.js';
import { callbackViews } from './callbacks-view.js';
import { clearSessionCookie, operatorOf, requireOperator, requireSameOrigin, setSessionCookie } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { OperatorSessions } from './operator-sessions.js';

const EmptyBodySchema = z.strictObject({}).optional();
const AuditQuerySchema = z.strictObject({ pageToken: z.string().min(1).max(512).optional() });
const CALLBACKS_PAGE = 100;
const AUDIT_PAGE = 50;
const DAY_MS = 86_400_000;

const sessionBody = (s: OperatorSessionRecord): OperatorSession => ({
  operator: { name: s.operator },
  csrfToken: s.csrfToken,
  idleExpiresAt: new Date(s.idleExpiresAt).toISOString(),
});

export function consoleApiRoutes(ctx: HttpContext, deps: ConsoleDeps): Router {
  const r = Router();
  const accounts = new OperatorAccounts(deps.accounts);
  const sessions = new OperatorSessions(deps.operators, deps.idleTimeoutMs);
  const audit = new AuditLog(deps.operators, ctx.now);
  const operator = requireOperator(ctx, sessions);

  /** Runs an operator's action and records it with its outcome (the error's code when it fails). */
  async function act<T>(res: Response, action: (typeof OPERATOR_ACTIONS)[number], target: string, run: () => Promise<T>): Promise<T> {
    const who = operatorOf(res).operator;
    try {
      const out = await run();
      await audit.record({ operator: who, action, target, outcome: 'ok' });
      return out;
    } catch (e) {
      await audit.record({ operator: who, action, target, outcome: 'error', detail: toAppError(e).code });
      throw e;
    }
  }

  /** Who a failed sign-in names: the account when it exists (an unknown "name" may be a password typed in the wrong field). */
  const triedName = (body: unknown): string => {
    const name = (body as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && accounts.has(name) ? name : '(unknown)';
  };
  const limited = (req: Request) => audit.record({ operator: triedName(req.body), action: 'sign_in_failed', outcome: 'error', detail: 'rate_limited' });

  r.post('/console/api/session', requireSameOrigin(ctx), ...signInRateLimits(ctx.rateLimits, limited), async (req, res) => {
    const body = parseOrThrow(OperatorSignInBodySchema, req.body);
    const name = await accounts.verify(body.name, body.password);
    if (!name) {
      await audit.record({ operator: triedName(body), action: 'sign_in_failed', outcome: 'error', detail: 'sign_in_failed' });
      throw new AppError('sign_in_failed', 'Wrong name or password', 401);
    }
    const { value, session } = await sessions.create(name, ctx.now());
    setSessionCookie(ctx, req, res, value);
    await audit.record({ operator: name, action: 'sign_in', outcome: 'ok' });
    res.setHeader('Cache-Control', 'no-store');
    res.json(sessionBody(session));
  });

  r.use('/console/api', operator, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  r.get('/console/api/session', (_req, res) => {
    res.json(sessionBody(operatorOf(res)));
  });

  r.delete('/console/api/session', async (req, res) => {
    const s = operatorOf(res);
    await sessions.end(s);
    clearSessionCookie(ctx, req, res);
    await audit.record({ operator: s.operator, action: 'sign_out', outcome: 'ok' });
    res.status(204).end();
  });

  r.get('/console/api/onboardings', async (req, res) => {
    const q = parseOrThrow(ConsoleOnboardingsQuerySchema, { ...req.query }, 'query');
    const page = await ctx.engine.listOnboardings({
      pageSize: q.pageSize ?? 25,
      ...(q.state ? { state: q.state } : {}),
      ...(q.region ? { region: q.region } : {}),
      ...(q.from ? { createdFrom: `${q.from}T00:00:00.000Z` } : {}),
      ...(q.to ? { createdBefore: new Date(Date.parse(`${q.to}T00:00:00.000Z`) + DAY_MS).toISOString() } : {}),
      ...(q.q ? { text: q.q } : {}),
      ...(q.pageToken ? { pageToken: q.pageToken } : {}),
    });
    res.json({ items: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
  });

  r.get('/console/api/onboardings/:id', async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    const onboarding = await ctx.engine.getOnboarding(id);
    if (!onboarding) throw new AppError('not_found', 'No such onboarding', 404);
    const [link, events] = await Promise.all([ctx.links.detailOfSession(id), deps.outbox.forOnboarding(id)]);
    res.json({
      onboarding,
      // The same lifecycle view as GET /v1/signup-links/:id.
      ...(link ? { link: signupLinkView(link, ctx.now()) } : {}),
      callbacks: await callbackViews(deps.outbox, events),
    });
  });

  r.post('/console/api/onboardings/:id/retry', async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    parseOrThrow(EmptyBodySchema, req.body);
    res.json({ onboarding: await act(res, 'retry_onboarding', id, () => retryOnboarding(ctx, id)) });
  });

  r.post('/console/api/onboardings/:id/phone-numbers', async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    const { phoneNumberId } = parseOrThrow(ConsoleAddPhoneNumberBodySchema, req.body);
    res.json({ onboarding: await act(res, 'add_phone_number', id, () => addPhoneNumber(ctx, id, { phoneNumberId })) });
  });

  r.post('/console/api/signup-links/:id/revoke', async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    parseOrThrow(EmptyBodySchema, req.body);
    await act(res, 'revoke_link', id, () => revokeLink(ctx, id));
    res.status(204).end();
  });

  // The same computation as GET /v1/funnel, by UTC day: today and the days before it, 7 or 30 in all.
  r.get('/console/api/funnel', async (req, res) => {
    const q = parseOrThrow(ConsoleFunnelQuerySchema, { ...req.query }, 'query');
    const now = ctx.now();
    const days = Number(q.days ?? '7');
    const from = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
    const report: z.input<typeof FunnelResponseSchema> = (await readFunnel(ctx.sessionEvents, { from, to: now, groupBy: 'day' }, now)) satisfies FunnelReport;
    res.json(report);
  });

  r.get('/console/api/callbacks', async (req, res) => {
    const q = parseOrThrow(ConsoleCallbacksQuerySchema, { ...req.query }, 'query');
    const events = q.failing === 'true' ? await deps.outbox.failing(CALLBACKS_PAGE) : await deps.outbox.recent(CALLBACKS_PAGE);
    res.json({ items: await callbackViews(deps.outbox, events) });
  });

  r.post('/console/api/callbacks/:id/redeliver', async (req, res) => {
    const id = parseOrThrow(IdParamSchema, req.params.id, 'id');
    parseOrThrow(EmptyBodySchema, req.body);
    const callback = await act(res, 'redeliver_callback', id, async () => {
      if (!deps.notifier || !(await deps.notifier.redeliver(id))) throw new AppError('not_found', 'No such callback', 404);
      const event = await deps.outbox.get(id);
      return (await callbackViews(deps.outbox, event ? [event] : []))[0];
    });
    res.json({ callback });
  });

  r.get('/console/api/audit', async (req, res) => {
    const q = parseOrThrow(AuditQuerySchema, { ...req.query }, 'query');
    const page = await audit.page(AUDIT_PAGE, q.pageToken);
    res.json({ items: page.items, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) });
  });

  return r;
}
