/**
 * The operator console's JSON API (`/console/api/…`, served by the BFF beside the console's page at `/console`).
 * The console (packages/console, Lit) is its only client; these schemas are the contract between the two.
 *
 * Auth: `POST /console/api/session` signs in (OPERATOR_ACCOUNTS) and sets an HttpOnly, SameSite=Strict cookie
 * (Secure outside loopback) with a short idle timeout; every other route needs it. Every state-changing route
 * (POST, DELETE) also needs the header `X-CSRF-Token` equal to the signed-in session's `csrfToken` (403
 * `csrf_invalid` otherwise). Without OPERATOR_ACCOUNTS every /console path answers 404. Errors use the API's
 * `{error: {code, message, field?}}` envelope.
 *
 * Routes:
 * - POST   /console/api/session                      {name, password} → 200 OperatorSession (401 sign_in_failed, 429)
 * - GET    /console/api/session                      → OperatorSession (401 when signed out or idle too long)
 * - DELETE /console/api/session                      → 204 (signs out)
 * - GET    /console/api/onboardings?state&region&from&to&q&pageSize&pageToken → ConsoleOnboardingList
 * - GET    /console/api/onboardings/:id              → ConsoleOnboardingDetail
 * - POST   /console/api/onboardings/:id/retry        {} → {onboarding}   (the same engine call as the server API)
 * - POST   /console/api/onboardings/:id/phone-numbers {phoneNumberId} → {onboarding}
 * - POST   /console/api/signup-links/:id/revoke      {} → 204
 * - GET    /console/api/funnel?days=7|30             → Funnel (the same computation as GET /v1/funnel, by day)
 * - GET    /console/api/callbacks?failing=true       → {items: CallbackDelivery[]} (failing: not delivered, ≥ 1 attempt)
 * - POST   /console/api/callbacks/:id/redeliver      {} → {callback} (sent again now, same event id)
 * - GET    /console/api/audit?pageToken              → {items: AuditEntry[], nextPageToken?}
 */
import { z } from 'zod';
import { OPERATOR_ACTIONS } from '../contract/enums.js';
import { iso, numericId, OnboardingSchema, RegionSchema, JobStateSchema, text } from '../contract/schemas.js';
import { pagingQuery, SignupLinkSchema } from './schemas.js';

export const OperatorSignInBodySchema = z.strictObject({ name: text(64), password: text(256) });

export const OperatorSessionSchema = z.object({
  operator: z.object({ name: z.string() }),
  csrfToken: z.string().describe('Send it back as X-CSRF-Token on every POST and DELETE.'),
  idleExpiresAt: iso.describe('The session ends unless used before this time; each request moves it.'),
});

const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01');

export const ConsoleOnboardingsQuerySchema = z.strictObject({
  state: JobStateSchema.optional(),
  region: RegionSchema.optional(),
  from: dateParam.optional().describe('Created on or after this UTC day.'),
  to: dateParam.optional().describe('Created on or before this UTC day.'),
  q: z.string().min(1).max(255).optional().describe("Part of the customer's reference or display name (case-insensitive)."),
  ...pagingQuery,
});

export const ConsoleOnboardingListSchema = z.object({
  items: z.array(OnboardingSchema),
  nextPageToken: z.string().optional(),
});

/** One delivery attempt of an ASP callback. */
export const CallbackAttemptSchema = z.object({
  at: iso,
  status: z.int().optional().describe("The ASP server's HTTP status; missing when it did not answer."),
  error: z.string().optional().describe('Why the attempt failed (first 500 characters).'),
});

/** One ASP callback (a row of the outbox) with its delivery attempts. */
export const CallbackDeliverySchema = z.object({
  id: z.string().describe('The event id the ASP sees (redelivery keeps it).'),
  onboardingId: z.string(),
  type: z.string().describe('e.g. onboarding.completed'),
  createdAt: iso,
  attempts: z.int().min(0),
  deliveredAt: iso.optional(),
  nextAttemptAt: iso.optional().describe('When the next attempt is due (undelivered only).'),
  lastStatus: z.int().optional(),
  lastError: z.string().optional(),
  attemptLog: z.array(CallbackAttemptSchema).describe('Every attempt, oldest first.'),
});

export const ConsoleOnboardingDetailSchema = z.object({
  onboarding: OnboardingSchema,
  link: SignupLinkSchema.optional().describe("Its hosted signup link's lifecycle, when it came through one."),
  callbacks: z.array(CallbackDeliverySchema),
});

export const ConsoleFunnelQuerySchema = z.strictObject({ days: z.enum(['7', '30']).optional() });

export const ConsoleCallbacksQuerySchema = z.strictObject({ failing: z.enum(['true', 'false']).optional() });

export const ConsoleAddPhoneNumberBodySchema = z.strictObject({ phoneNumberId: numericId('phoneNumberId') });

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: iso,
  operator: z.string(),
  action: z.enum(OPERATOR_ACTIONS),
  target: z.string().optional().describe('The onboarding, link or callback id acted on.'),
  outcome: z.enum(['ok', 'error']),
  detail: z.string().optional().describe('The error code when the action failed; never a secret.'),
});

export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema), nextPageToken: z.string().optional() });

export type OperatorSession = z.infer<typeof OperatorSessionSchema>;
export type CallbackDelivery = z.infer<typeof CallbackDeliverySchema>;
export type ConsoleOnboardingDetail = z.infer<typeof ConsoleOnboardingDetailSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
