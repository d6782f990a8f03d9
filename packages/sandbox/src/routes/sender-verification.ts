/**
 * Number verification of a WhatsApp sender (api-facts §8 "Sender lifecycle"): `POST …/senders/{id}/register`
 * `{method: SMS|VOICE}` sends a code, `POST …/senders/{id}/verify` `{code}` checks it. Both work only while the
 * sender is PENDING_VERIFICATION, which a sender reaches when its phone number was marked with
 * `requireVerification` (the admin routes below, or SinchSandbox.requireVerification). A right code moves the
 * sender to IN_PROGRESS, then ACTIVE after the activation delay. Errors in the PAPI dialect, with Sinch's codes
 * (some hyphenated, as documented).
 */
import { randomInt } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth.js';
import { iso } from '../clock.js';
import type { SandboxContext } from '../context.js';
import { AdminError, PapiError } from '../errors.js';
import { injectFaults } from '../fault-middleware.js';
import type { PhoneVerificationSetting, SandboxVerificationCode } from '../sinch-sandbox.types.js';
import type { SenderRecord, SenderVerificationRecord } from '../state.js';
import { describeIssues, parsePapi } from '../validation.js';
import { errorHandler } from './common.js';
import { recordVerified, senderView } from '../sender-lifecycle.js';

/** Wrong codes after which register and verify answer 429 too_many_invalid_verification_codes. */
export const MAX_WRONG_CODES = 5;
/** A second register sooner than this answers 429 sender-register-too-many-requests. */
export const REGISTER_INTERVAL_MS = 30_000;

const registerBody = z.strictObject({ method: z.enum(['SMS', 'VOICE']) });
const verifyBody = z.strictObject({ code: z.string().length(6, 'code must be exactly 6 characters').optional() });

const PENDING = 'PENDING_VERIFICATION';

function progressOf(ctx: SandboxContext, s: SenderRecord): SenderVerificationRecord {
  let v = ctx.state.verifications.get(s.id);
  if (!v) ctx.state.verifications.set(s.id, (v = { wrongCodes: 0 }));
  return v;
}

const tooManyCodes = () =>
  new PapiError(429, 'too_many_invalid_verification_codes', 'Too many invalid verification codes were entered.', 'Wait before trying again, or contact support.');

/** The sandbox's record of what it "sent" (test hook), if a code was sent. */
export function sentCode(ctx: SandboxContext, senderId: string): SandboxVerificationCode | undefined {
  const v = ctx.state.verifications.get(senderId);
  return v?.code && v.method && v.codeSentAt !== undefined ? { code: v.code, method: v.method, sentAt: iso(v.codeSentAt) } : undefined;
}

/** Marks a phone number id as needing verification (senders created for it, now or later). */
export function requireVerification(ctx: SandboxContext, phoneNumberId: string, setting: Partial<PhoneVerificationSetting> = {}): void {
  ctx.state.phoneVerification.set(phoneNumberId, { registration: setting.registration ?? 'code' });
  ctx.notifier.check();
}

/** `register` and `verify` under `/provisioning` (mounted before the provisioning router, which ends in its 404). */
export function senderVerificationRouter(ctx: SandboxContext): Router {
  const r = Router();
  // Route-level, so requests for other provisioning paths pass through untouched (faults counted once).
  const projectAccess: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
    const projectId = String(req.params.projectId);
    const access = ctx.state.projectAccess(projectId, ctx.clock.now());
    if (access === 'unknown') return next(new PapiError(404, 'project_not_found', `Project ${projectId} not found.`, 'Verify that projectId is correct.'));
    if (access === 'not_ready') {
      return next(new PapiError(403, 'forbidden', `Project ${projectId} is not accessible with these credentials yet.`, 'A new subproject can take up to 30 seconds to become usable. Retry later.'));
    }
    next();
  };
  const guard = [injectFaults(ctx, 'provisioning', 'papi'), requireAuth(ctx, 'papi'), express.json({ limit: '16kb' }), projectAccess];
  const base = '/v1/projects/:projectId/whatsapp/senders/:senderId';

  const pendingSender = (req: Request, notAllowed: string): SenderRecord => {
    const s = ctx.state.senders.get(String(req.params.senderId));
    if (!s || s.projectId !== req.params.projectId) {
      throw new PapiError(404, 'sender_not_found', `Sender ${String(req.params.senderId)} not found.`, 'Verify the sender id and the projectId.');
    }
    ctx.notifier.check();
    const state = senderView(ctx.state, s, ctx.clock.now()).state;
    if (state !== PENDING) {
      throw new PapiError(409, notAllowed, `The sender is ${state}; this is allowed only in ${PENDING}.`, 'Check the sender state before retrying.');
    }
    return s;
  };

  r.post(`${base}/register`, ...guard, (req, res) => {
    const { method } = parsePapi(registerBody, req.body);
    const s = pendingSender(req, 'not_allowed_register');
    const v = progressOf(ctx, s);
    const now = ctx.clock.now();
    if (v.wrongCodes >= MAX_WRONG_CODES) throw tooManyCodes();
    const setting = ctx.state.phoneVerification.get(s.phoneNumberId);
    if (setting?.registration === 'registered_elsewhere') {
      throw new PapiError(429, 'sender-already-registered', 'The phone number is already registered on another WhatsApp account.', 'Remove the number from the other WhatsApp account, then register again.');
    }
    if (v.lastRegisterAt !== undefined && now - v.lastRegisterAt < REGISTER_INTERVAL_MS) {
      throw new PapiError(429, 'sender-register-too-many-requests', 'Too many register requests for this sender.', 'Wait before asking for a new code.');
    }
    v.lastRegisterAt = now;
    if (setting?.registration === 'meta_verified') {
      return void res.json({ id: s.id, method, accepted: true, verificationCodeSent: false });
    }
    v.code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    v.method = method;
    v.codeSentAt = now;
    ctx.state.remember('verification code', v.code);
    res.json({ id: s.id, method, accepted: true, verificationCodeSent: true });
  });

  r.post(`${base}/verify`, ...guard, (req, res) => {
    const { code } = parsePapi(verifyBody, req.body);
    const s = pendingSender(req, 'not_allowed_verify');
    const v = progressOf(ctx, s);
    if (v.wrongCodes >= MAX_WRONG_CODES) throw tooManyCodes();
    const setting = ctx.state.phoneVerification.get(s.phoneNumberId);
    if (code === undefined) {
      if (setting?.registration !== 'meta_verified') {
        throw new PapiError(400, 'invalid_input', 'Invalid input.', 'Correct the validation errors and submit again.', {
          validationErrors: ['code is required: the number has not been verified by Meta'],
        });
      }
    } else if (!v.code || code !== v.code) {
      v.wrongCodes++;
      throw new PapiError(409, 'wrong_otp', 'The verification code is wrong.', 'Check the code received and try again.');
    }
    v.verifiedAt = ctx.clock.now();
    delete v.code;
    recordVerified(ctx.state, s, v.verifiedAt);
    ctx.notifier.check();
    res.status(204).end();
  });

  r.use(errorHandler('papi'));
  return r;
}

function parseAdmin<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new AdminError(400, 'invalid_request', describeIssues(parsed.error).join('; '));
}

/** Test hooks under `/_sandbox` (mounted before the admin router, which ends in its 404). */
export function verificationAdminRouter(ctx: SandboxContext): Router {
  const r = Router();
  const json = express.json({ limit: '16kb' });

  r.put('/phone-numbers/:phoneNumberId/verification', json, (req, res) => {
    const setting = parseAdmin(z.strictObject({ registration: z.enum(['code', 'meta_verified', 'registered_elsewhere']).optional() }), req.body);
    requireVerification(ctx, req.params.phoneNumberId, setting);
    res.json({ phoneNumberId: req.params.phoneNumberId, ...ctx.state.phoneVerification.get(req.params.phoneNumberId) });
  });

  r.get('/senders/:id/verification-code', (req, res) => {
    if (!ctx.state.senders.has(req.params.id)) throw new AdminError(404, 'not_found', `Sender ${req.params.id} not found.`);
    const sent = sentCode(ctx, req.params.id);
    if (!sent) throw new AdminError(404, 'not_found', `No verification code was sent for sender ${req.params.id}.`);
    res.json(sent);
  });

  r.use(errorHandler('admin'));
  return r;
}
