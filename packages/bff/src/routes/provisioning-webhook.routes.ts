/**
 * POST /v1/sinch/provisioning-events — Sinch provisioning callbacks (sender state changes).
 * Verified before anything is parsed: HMAC-SHA256 over `rawBody.nonce.timestamp` with
 * the configured provisioning webhook secret (constant-time), timestamp within ±5 min, nonce never seen before.
 */
import { Router } from 'express';
import { AppError } from '../errors.js';
import type { HttpContext } from '../http/context.js';
import { parseOrThrow } from '../http/validate.js';
import { ProvisioningEventSchema } from '../http/schemas.js';
import { SIGNATURE_WINDOW_MS, safeEqual, sinchSignature, timestampMs } from '../auth/webhook-signature.js';

const bad = (message: string) => new AppError('invalid_signature', message, 401);

export function provisioningWebhookRoutes(ctx: HttpContext): Router {
  const r = Router();

  r.post('/v1/sinch/provisioning-events', async (req, res) => {
    const secret = ctx.config.provisioningWebhookSecret;
    if (!secret) throw new AppError('not_found', 'Provisioning webhooks are not configured', 404);
    const signature = req.get('x-sinch-webhook-signature');
    const nonce = req.get('x-sinch-webhook-signature-nonce');
    const timestamp = req.get('x-sinch-webhook-signature-timestamp');
    const raw = req.rawBody;
    if (!signature || !nonce || !timestamp) throw bad('Missing Sinch signature headers');
    if (!raw) throw new AppError('invalid_request', 'Expected a JSON body', 400);
    if (nonce.length > 256) throw bad('Invalid nonce');
    const expected = sinchSignature(secret, raw, nonce, timestamp);
    if (!safeEqual(expected, signature.trim())) throw bad('Invalid signature');
    const ts = timestampMs(timestamp);
    const now = ctx.now();
    if (!Number.isFinite(ts) || Math.abs(now - ts) > SIGNATURE_WINDOW_MS) throw bad('Timestamp outside the accepted window');
    if (!(await ctx.nonces.remember(nonce, ts + SIGNATURE_WINDOW_MS, now))) {
      throw new AppError('replayed', 'This callback was already received', 409);
    }
    const event = parseOrThrow(ProvisioningEventSchema, req.body);
    if (event.type.startsWith('WHATSAPP_SENDER_') && event.payload) {
      const { id, state, changes } = event.payload;
      await ctx.engine.handleSenderUpdate({
        id,
        ...(state !== undefined ? { state } : {}),
        ...(changes
          ? {
              changes: {
                ...(changes.status !== undefined ? { status: changes.status } : {}),
                ...(changes.errorCode !== undefined ? { errorCode: changes.errorCode } : {}),
                ...(changes.errorReason !== undefined ? { errorReason: changes.errorReason } : {}),
              },
            }
          : {}),
      });
    }
    res.json({ status: 'accepted' });
  });

  return r;
}
