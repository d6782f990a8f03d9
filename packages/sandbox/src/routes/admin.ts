import express, { Router } from 'express';
import { z } from 'zod';
import { iso } from '../clock.js';
import type { SandboxContext } from '../context.js';
import { AdminError } from '../errors.js';
import { faultRuleSchema } from '../faults.js';
import { SenderUpdateError } from '../sender-changes.js';
import { senderDto } from '../sender-dto.js';
import type { SandboxSenderUpdate, SandboxSnapshot } from '../sinch-sandbox.types.js';
import { describeIssues } from '../validation.js';
import { errorHandler, notFound } from './common.js';

function parseAdmin<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new AdminError(400, 'invalid_request', describeIssues(r.error).join('; '));
}

export interface AdminHooks {
  inspect(): SandboxSnapshot;
  failSender(id: string, errorCode?: string): void;
  updateSender(id: string, update: SandboxSenderUpdate): void;
  planSender(phoneNumberId: string, outcome: SandboxSenderUpdate): void;
}

/** Runs a sender change, its validation errors as 400. */
function asAdmin(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof SenderUpdateError) throw new AdminError(400, 'invalid_request', e.message);
    throw e;
  }
}

/** Test and demo controls under `/_sandbox` (not part of any Sinch API). */
export function adminRouter(ctx: SandboxContext, hooks: AdminHooks): Router {
  const r = Router();
  // The Meta sandbox page (another origin) mints codes from the browser.
  r.use((req, res, next) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,POST,DELETE,OPTIONS', 'Access-Control-Allow-Headers': 'content-type' });
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  r.use(express.json({ limit: '64kb' }));

  r.get('/inspect', (_req, res) => {
    res.json(hooks.inspect());
  });

  r.post('/meta/codes', (_req, res) => {
    const { code, issuedAt } = ctx.mintCode();
    res.status(201).json({ code, issuedAt: iso(issuedAt) });
  });

  r.post('/clock/advance', (req, res) => {
    const { ms } = parseAdmin(z.strictObject({ ms: z.number().min(0).finite() }), req.body);
    ctx.clock.advance(ms);
    res.json({ now: iso(ctx.clock.now()) });
  });

  r.post('/senders/:id/fail', (req, res) => {
    const { errorCode } = parseAdmin(z.strictObject({ errorCode: z.string().min(1).optional() }), req.body);
    const sender = ctx.state.senders.get(req.params.id);
    if (!sender) throw new AdminError(404, 'not_found', `Sender ${req.params.id} not found.`);
    hooks.failSender(sender.id, errorCode);
    res.json(senderDto(ctx.state, sender, ctx.clock.now()));
  });

  // Any state a test needs: ERROR with an errorCode, changes.status REJECTED, SUSPENDED or INACTIVE after
  // ACTIVE, PENDING_VERIFICATION, a quality rating, a display name (SandboxSenderUpdate).
  r.post('/senders/:id/changes', (req, res) => {
    const sender = ctx.state.senders.get(req.params.id);
    if (!sender) throw new AdminError(404, 'not_found', `Sender ${req.params.id} not found.`);
    asAdmin(() => hooks.updateSender(sender.id, (req.body ?? {}) as SandboxSenderUpdate));
    res.json(senderDto(ctx.state, sender, ctx.clock.now()));
  });

  // What the next sender for a phone number id becomes at the activation delay, instead of ACTIVE.
  r.post('/senders/plans', (req, res) => {
    const { phoneNumberId, ...outcome } = parseAdmin(z.looseObject({ phoneNumberId: z.string().min(1) }), req.body);
    asAdmin(() => hooks.planSender(phoneNumberId, outcome as SandboxSenderUpdate));
    res.status(201).json({ phoneNumberId, ...outcome });
  });

  r.delete('/senders/plans', (_req, res) => {
    ctx.state.senderPlans.clear();
    res.status(204).end();
  });

  r.delete('/requests', (_req, res) => {
    ctx.state.requests = [];
    // The clearing request itself is not logged, so the log starts empty.
    res.locals.sandboxLog?.(-1);
    res.status(204).end();
  });

  r.post('/faults', (req, res) => {
    const rule = parseAdmin(faultRuleSchema, req.body);
    ctx.faults.add(rule);
    res.status(201).json(rule);
  });

  r.post('/faults/seed', (req, res) => {
    const { seed } = parseAdmin(z.strictObject({ seed: z.number().int().min(0).max(0xffff_ffff) }), req.body);
    ctx.faults.seed(seed);
    res.json({ seed });
  });

  r.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.status(204).end();
  });

  r.use(notFound('admin'));
  r.use(errorHandler('admin'));
  return r;
}
