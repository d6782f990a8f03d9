/**
 * POST /v1/sinch/provisioning-events — Sinch provisioning callbacks (sender state, quality and display name).
 * Verified before anything is acted on: HMAC-SHA256 over `rawBody.nonce.timestamp` (constant-time) with the
 * secret of the Provisioning webhook the engine registered in the sender's subproject (found by the payload's
 * sender id) or with PROVISIONING_WEBHOOK_SECRET, timestamp within ±5 min, nonce never seen before.
 */
import { Router } from 'express';
import { AppError } from '../errors.js';
import type { HttpContext } from '../http/context.js';
import { parseOrThrow } from '../http/validate.js';
import { ProvisioningEventSchema } from '../http/schemas.js';
import { SIGNATURE_WINDOW_MS, safeEqual, sinchSignature, timestampMs } from '../auth/webhook-signature.js';
import type { SenderUpdate } from '../domain/onboarding.types.js';

const bad = (message: string) => new AppError('invalid_signature', message, 401);

/** The sender id the (not yet verified) body names, used only to pick the secret to verify with. */
function claimedSenderId(body: unknown): string | undefined {
  const payload = typeof body === 'object' && body !== null ? (body as { payload?: unknown }).payload : undefined;
  const id = typeof payload === 'object' && payload !== null ? (payload as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 128 ? id : undefined;
}

export function provisioningWebhookRoutes(ctx: HttpContext): Router {
  const r = Router();

  r.post('/v1/sinch/provisioning-events', async (req, res) => {
    const fixed = ctx.config.provisioningWebhookSecret;
    if (!fixed && !ctx.config.provisioningWebhooks) throw new AppError('not_found', 'Provisioning webhooks are not configured', 404);
    const signature = req.get('x-sinch-webhook-signature');
    const nonce = req.get('x-sinch-webhook-signature-nonce');
    const timestamp = req.get('x-sinch-webhook-signature-timestamp');
    const raw = req.rawBody;
    if (!signature || !nonce || !timestamp) throw bad('Missing Sinch signature headers');
    if (!raw) throw new AppError('invalid_request', 'Expected a JSON body', 400);
    if (nonce.length > 256) throw bad('Invalid nonce');
    const senderId = ctx.config.provisioningWebhooks ? claimedSenderId(req.body) : undefined;
    const own = senderId ? await ctx.engine.provisioningWebhookSecret(senderId) : undefined;
    const secrets = [own, fixed].filter((s): s is string => s !== undefined);
    // Every candidate is compared (no early exit), so the answer's timing does not tell which secret exists.
    let valid = false;
    for (const secret of secrets) if (safeEqual(sinchSignature(secret, raw, nonce, timestamp), signature.trim())) valid = true;
    if (!valid) throw bad('Invalid signature');
    const ts = timestampMs(timestamp);
    const now = ctx.now();
    if (!Number.isFinite(ts) || Math.abs(now - ts) > SIGNATURE_WINDOW_MS) throw bad('Timestamp outside the accepted window');
    if (!(await ctx.nonces.remember(nonce, ts + SIGNATURE_WINDOW_MS, now))) {
      throw new AppError('replayed', 'This callback was already received', 409);
    }
    const event = parseOrThrow(ProvisioningEventSchema, req.body);
    if (event.type.startsWith('WHATSAPP_SENDER_') && event.payload) {
      const { id, state, changes, countryCode, phoneNumber, details, qualityRating } = event.payload;
      const update: SenderUpdate = { id };
      if (state !== undefined) update.state = state;
      if (changes) {
        update.changes = {};
        if (changes.status !== undefined) update.changes.status = changes.status;
        if (changes.errorCode !== undefined) update.changes.errorCode = changes.errorCode;
        if (changes.errorReason !== undefined) update.changes.errorReason = changes.errorReason;
      }
      if (countryCode !== undefined) update.countryCode = countryCode;
      if (phoneNumber !== undefined) update.phoneNumber = phoneNumber;
      if (details?.displayName !== undefined) update.details = { displayName: details.displayName };
      if (qualityRating !== undefined) update.qualityRating = qualityRating;
      await ctx.engine.handleSenderUpdate(update);
    }
    res.json({ status: 'accepted' });
  });

  return r;
}
