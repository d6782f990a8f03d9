/**
 * A small stand-in for the BFF's console API (packages/bff/src/console), for the console's own browser tests:
 * it serves the shell page, dist/console.js and `/console/api/…` from memory. Every request is parsed with the
 * contract's zod schemas (strict, as the server does) and every answer is validated with them before it is
 * sent, so the fake cannot drift from packages/bff/src/http/console.schemas.ts; `problems` lists what failed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  AuditListSchema,
  CallbackDeliverySchema,
  ConsoleAddPhoneNumberBodySchema,
  ConsoleCallbacksQuerySchema,
  ConsoleFunnelQuerySchema,
  ConsoleOnboardingDetailSchema,
  ConsoleOnboardingListSchema,
  ConsoleOnboardingsQuerySchema,
  OperatorSessionSchema,
  OperatorSignInBodySchema,
  type AuditEntry,
  type CallbackDelivery,
} from '../../bff/src/http/console.schemas.js';
import { FunnelResponseSchema, SignupLinkSchema } from '../../bff/src/http/schemas.js';
import { OnboardingSchema } from '../../bff/src/contract/schemas.js';
import { FUNNEL_STAGES } from '../../bff/src/contract/enums.js';
import { CONSOLE_JS, SHELL_CSP, shellHtml } from './shell.js';

export type Onboarding = z.output<typeof OnboardingSchema>;
export type SignupLink = z.output<typeof SignupLinkSchema>;
export type Funnel = z.output<typeof FunnelResponseSchema>;

export interface FakeData {
  onboardings: Onboarding[];
  links: SignupLink[];
  callbacks: CallbackDelivery[];
  funnel: Record<'7' | '30', Funnel>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown, where: 'query' | 'body'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new HttpError(400, 'invalid_request', issue.message, [where, ...issue.path.map(String)].join('.'));
}

export interface FakeConsoleApi {
  url: string;
  data: FakeData;
  audit: AuditEntry[];
  /** Schema failures of the fake's own answers and requests the real server would refuse for a reason other than the user's input. */
  problems: string[];
  /** Every POST/DELETE with whether it carried the session's CSRF token. */
  actions: Array<{ method: string; path: string; csrf: boolean }>;
  /** Ends every session (the next call answers 401, as after the idle timeout). */
  expireSessions(): void;
  close(): Promise<void>;
}

export async function startFakeConsoleApi(o: { accounts: Record<string, string>; data: FakeData }): Promise<FakeConsoleApi> {
  const sessions = new Map<string, { name: string; csrf: string }>();
  const audit: AuditEntry[] = [];
  const problems: string[] = [];
  const actions: FakeConsoleApi['actions'] = [];
  const data = o.data;
  let seq = 0;

  const record = (operator: string, action: AuditEntry['action'], target: string | undefined, outcome: 'ok' | 'error', detail?: string) =>
    audit.unshift({ id: `aud_${++seq}`, at: new Date(Date.UTC(2026, 11, 2, 9, 0, seq)).toISOString(), operator, action, ...(target ? { target } : {}), outcome, ...(detail ? { detail } : {}) });

  const send = (res: ServerResponse, status: number, schema: z.ZodType | undefined, body?: unknown) => {
    if (schema) {
      const r = schema.safeParse(body);
      if (!r.success) problems.push(`answer does not match its schema: ${r.error.message}`);
    }
    if (body === undefined) return void res.writeHead(status).end();
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  const detailOf = (ob: Onboarding) => ({
    onboarding: ob,
    ...(data.links.find((l) => l.onboardingId === ob.id) ? { link: data.links.find((l) => l.onboardingId === ob.id)! } : {}),
    callbacks: data.callbacks.filter((c) => c.onboardingId === ob.id),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && u.pathname === '/console') {
      const nonce = randomBytes(16).toString('base64');
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': SHELL_CSP(nonce) }).end(shellHtml(nonce));
    }
    if (req.method === 'GET' && u.pathname === '/console/console.js') {
      return void res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(readFileSync(CONSOLE_JS));
    }
    if (!u.pathname.startsWith('/console/api/')) throw new HttpError(404, 'not_found', 'Not found.');
    const path = u.pathname.slice('/console/api'.length);
    const query = Object.fromEntries(u.searchParams);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? JSON.parse(raw) : undefined;
    const sid = /(?:^|;\s*)console_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const session = sid ? sessions.get(sid) : undefined;

    if (path === '/session' && req.method === 'POST') {
      const b = parse(OperatorSignInBodySchema, body, 'body');
      if (o.accounts[b.name] !== b.password) {
        record(b.name, 'sign_in_failed', undefined, 'error', 'sign_in_failed');
        throw new HttpError(401, 'sign_in_failed', 'The name or the password is wrong.');
      }
      const id = randomBytes(16).toString('hex');
      const s = { name: b.name, csrf: randomBytes(16).toString('hex') };
      sessions.set(id, s);
      record(b.name, 'sign_in', undefined, 'ok');
      res.setHeader('set-cookie', `console_session=${id}; HttpOnly; SameSite=Strict; Path=/console`);
      return send(res, 200, OperatorSessionSchema, { operator: { name: s.name }, csrfToken: s.csrf, idleExpiresAt: new Date(Date.now() + 900_000).toISOString() });
    }
    if (!session) throw new HttpError(401, 'unauthorized', 'Sign in to use the console.');
    if (req.method !== 'GET') {
      const csrf = req.headers['x-csrf-token'] === session.csrf;
      actions.push({ method: req.method!, path, csrf });
      if (!csrf) throw new HttpError(403, 'csrf_invalid', 'The console page is out of date: reload it.');
    }
    if (path === '/session' && req.method === 'GET') {
      return send(res, 200, OperatorSessionSchema, { operator: { name: session.name }, csrfToken: session.csrf, idleExpiresAt: new Date(Date.now() + 900_000).toISOString() });
    }
    if (path === '/session' && req.method === 'DELETE') {
      sessions.delete(sid!);
      record(session.name, 'sign_out', undefined, 'ok');
      return send(res, 204, undefined);
    }
    if (path === '/onboardings' && req.method === 'GET') {
      const q = parse(ConsoleOnboardingsQuerySchema, query, 'query');
      const size = q.pageSize ?? 25; // the server's default page
      const start = q.pageToken ? Number(Buffer.from(q.pageToken, 'base64url').toString()) : 0;
      const needle = q.q?.toLowerCase();
      const all = data.onboardings
        .filter((x) => (!q.state || x.state === q.state) && (!q.region || x.region === q.region))
        .filter((x) => (!q.from || x.createdAt.slice(0, 10) >= q.from) && (!q.to || x.createdAt.slice(0, 10) <= q.to))
        .filter((x) => !needle || x.customer.reference.toLowerCase().includes(needle) || x.customer.displayName.toLowerCase().includes(needle))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const items = all.slice(start, start + size);
      const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
      return send(res, 200, ConsoleOnboardingListSchema, { items, ...(next ? { nextPageToken: next } : {}) });
    }
    const one = /^\/onboardings\/([^/]+)(\/retry|\/phone-numbers)?$/.exec(path);
    if (one) {
      const ob = data.onboardings.find((x) => x.id === decodeURIComponent(one[1]!));
      if (!ob) throw new HttpError(404, 'not_found', 'No such onboarding.');
      if (!one[2] && req.method === 'GET') return send(res, 200, ConsoleOnboardingDetailSchema, detailOf(ob));
      if (one[2] === '/retry' && req.method === 'POST') {
        parse(z.strictObject({}), body, 'body');
        if (ob.state !== 'failed' || !ob.error?.retryable) {
          record(session.name, 'retry_onboarding', ob.id, 'error', 'not_retryable');
          throw new HttpError(409, 'not_retryable', 'This onboarding cannot be retried.');
        }
        const failedStep = ob.error.step;
        delete ob.error;
        ob.state = 'running';
        ob.steps = ob.steps.map((s) => (s.name === failedStep ? { ...s, status: 'running', attempts: s.attempts + 1 } : s));
        record(session.name, 'retry_onboarding', ob.id, 'ok');
        return send(res, 200, z.object({ onboarding: OnboardingSchema }), { onboarding: ob });
      }
      if (one[2] === '/phone-numbers' && req.method === 'POST') {
        const b = parse(ConsoleAddPhoneNumberBodySchema, body, 'body');
        ob.phoneNumbers.push({ phoneNumberId: b.phoneNumberId, status: 'pending' });
        record(session.name, 'add_phone_number', ob.id, 'ok');
        return send(res, 200, z.object({ onboarding: OnboardingSchema }), { onboarding: ob });
      }
    }
    const revoke = /^\/signup-links\/([^/]+)\/revoke$/.exec(path);
    if (revoke && req.method === 'POST') {
      const link = data.links.find((l) => l.id === decodeURIComponent(revoke[1]!));
      if (!link) throw new HttpError(404, 'not_found', 'No such link.');
      link.state = 'revoked';
      link.revokedAt = new Date(Date.UTC(2026, 11, 2, 9, 30)).toISOString();
      record(session.name, 'revoke_link', link.id, 'ok');
      return send(res, 204, undefined);
    }
    if (path === '/funnel' && req.method === 'GET') {
      const q = parse(ConsoleFunnelQuerySchema, query, 'query');
      return send(res, 200, FunnelResponseSchema, data.funnel[q.days ?? '7']);
    }
    if (path === '/callbacks' && req.method === 'GET') {
      const q = parse(ConsoleCallbacksQuerySchema, query, 'query');
      const items = data.callbacks.filter((c) => q.failing !== 'true' || (!c.deliveredAt && c.attempts >= 1));
      return send(res, 200, z.object({ items: z.array(CallbackDeliverySchema) }), { items });
    }
    const redeliver = /^\/callbacks\/([^/]+)\/redeliver$/.exec(path);
    if (redeliver && req.method === 'POST') {
      const c = data.callbacks.find((x) => x.id === decodeURIComponent(redeliver[1]!));
      if (!c) throw new HttpError(404, 'not_found', 'No such callback.');
      const at = new Date(Date.UTC(2026, 11, 2, 9, 45)).toISOString();
      c.attempts += 1;
      c.attemptLog.push({ at, status: 200 });
      c.deliveredAt = at;
      c.lastStatus = 200;
      delete c.nextAttemptAt;
      delete c.lastError;
      record(session.name, 'redeliver_callback', c.id, 'ok');
      return send(res, 200, z.object({ callback: CallbackDeliverySchema }), { callback: c });
    }
    if (path === '/audit' && req.method === 'GET') {
      const q = parse(z.strictObject({ pageToken: z.string().optional() }), query, 'query');
      const start = q.pageToken ? Number(q.pageToken) : 0;
      const items = audit.slice(start, start + 20);
      return send(res, 200, AuditListSchema, { items, ...(start + 20 < audit.length ? { nextPageToken: String(start + 20) } : {}) });
    }
    throw new HttpError(404, 'not_found', 'Not found.');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        return send(res, e.status, undefined, { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
      }
      problems.push(`fake failed: ${String(e)}`);
      send(res, 500, undefined, { error: { code: 'internal_error', message: 'fake failed' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  for (const ob of data.onboardings) OnboardingSchema.parse(ob);
  for (const l of data.links) SignupLinkSchema.parse(l);
  for (const f of Object.values(data.funnel)) FunnelResponseSchema.parse(f);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    data,
    audit,
    problems,
    actions,
    expireSessions: () => sessions.clear(),
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** A funnel answer with these totals (one period), stages in the contract's order. */
export function funnelOf(stages: Record<(typeof FUNNEL_STAGES)[number], number>, drops: Funnel['totals']['drops'], days: number): Funnel {
  const to = '2026-12-02T00:00:00.000Z';
  const from = new Date(Date.parse(to) - days * 86_400_000).toISOString();
  return { from, to, groupBy: 'day', stageOrder: [...FUNNEL_STAGES], periods: [{ start: from, end: to, stages, drops }], totals: { stages, drops } };
}
