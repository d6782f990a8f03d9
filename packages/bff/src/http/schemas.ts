/**
 * Zod schemas of the HTTP API: request bodies are strict (unknown fields → 400), response shapes are
 * what the routes send. The shapes the domain shares (the `Onboarding`, the signup result, a customer) are in
 * contract/schemas.ts and re-exported here; the enumerations are in contract/enums.ts. The OpenAPI document
 * (openapi.ts, committed as docs/openapi.json) is generated from all of them.
 */
import { z } from 'zod';
import {
  API_ERROR_CODES,
  FUNNEL_DROP_CAUSES,
  FUNNEL_GROUP_BY,
  FUNNEL_MILESTONES,
  FUNNEL_STAGES,
  REGIONS,
  SESSION_API_ERROR_CODES,
  SIGNUP_LINK_STATES,
} from '../contract/enums.js';
import {
  BrandingSchema,
  CustomerSchema,
  httpsUrl,
  WidgetLocaleSchema,
  FeatureTypeSchema,
  iso,
  JobStateSchema,
  numericId,
  OnboardingSchema,
  PrefillSchema,
  RegionSchema,
  StartVerificationBodySchema,
  text,
  VerificationCodeBodySchema,
} from '../contract/schemas.js';

export {
  AbandonmentSchema,
  BrandingSchema,
  WidgetLocaleSchema,
  AddPhoneNumberBodySchema,
  CustomerSchema,
  EsFinishEventSchema,
  FeatureTypeSchema,
  JobStateSchema,
  MetaLocalStorageSchema,
  OnboardingErrorCodeSchema,
  OnboardingErrorSchema,
  OnboardingSchema,
  PhoneNumberChoiceSchema,
  PhoneNumberRecordSchema,
  PhoneNumberStatusSchema,
  QualityRatingSchema,
  SelectPhoneNumbersBodySchema,
  StartVerificationBodySchema,
  VerificationCodeBodySchema,
  VerificationMethodSchema,
  VerificationProgressSchema,
  PrefillSchema,
  RegionSchema,
  StepNameSchema,
  StepProgressSchema,
  StepStatusSchema,
  SubmitSignupBodySchema,
  TerminalJobStateSchema,
} from '../contract/schemas.js';

// ---- requests ------------------------------------------------------------------------------

const RegionsInputSchema = z
  .strictObject({
    allowed: z
      .array(RegionSchema)
      .min(1)
      .max(REGIONS.length)
      .refine((a) => new Set(a).size === a.length, 'regions must be unique'),
    default: RegionSchema.optional(),
  })
  .refine((r) => r.default === undefined || r.allowed.includes(r.default), {
    message: 'default must be one of the allowed regions',
    path: ['default'],
  });

const sessionBodyShape = {
  customer: CustomerSchema,
  regions: RegionsInputSchema.optional().describe('Regions the customer may pick (all by default).'),
  prefill: PrefillSchema.optional(),
  featureType: FeatureTypeSchema.optional(),
  webhookTarget: z
    .url({ protocol: /^https?$/ })
    .max(742)
    .optional()
    .describe("Overrides WEBHOOK_TARGET for this customer's Conversation app webhook."),
};

/** Lifetimes in seconds. */
export const SESSION_TTL = { default: 3600, min: 60, max: 86_400 } as const;
export const LINK_TTL = { default: 86_400, min: 60, max: 3 * 86_400 } as const;

export const CreateSessionBodySchema = z
  .strictObject({
    ...sessionBodyShape,
    ttl: z.int().min(SESSION_TTL.min).max(SESSION_TTL.max).optional().describe('Session lifetime in seconds (default 3600).'),
  })
  .meta({ id: 'CreateSessionRequest' });

export const CreateLinkBodySchema = z
  .strictObject({
    ...sessionBodyShape,
    ttl: z
      .int()
      .min(LINK_TTL.min)
      .max(LINK_TTL.max)
      .optional()
      .describe('Link lifetime in seconds (default 86400 = 24 h, at most 3 days).'),
    branding: BrandingSchema.optional().describe('Overrides BRAND_* for this link, field by field.'),
    locale: WidgetLocaleSchema.optional().describe("The hosted page's language (default: the customer's browser)."),
    returnUrl: httpsUrl('returnUrl')
      .optional()
      .describe('Where "Back to <brand>" leads once the onboarding completes, fails or is cancelled: an https URL on an origin of RETURN_URL_ORIGINS. The page appends the onboarding id, its state and a signature.'),
  })
  .meta({ id: 'CreateSignupLinkRequest' });

/** A milestone of the signup funnel, reported by the element or the hosted page (`POST /v1/session/events`). */
export const SessionEventBodySchema = z
  .strictObject({
    milestone: z.enum(FUNNEL_MILESTONES),
    currentStep: text(64).optional().describe("Meta's CANCEL `current_step` (with milestone cancelled)."),
    errorCode: z.union([text(64), z.int()]).optional().describe("Meta's error code (with milestone meta_error)."),
  })
  .meta({ id: 'SessionEventRequest' });

const isoDateOrTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO 8601 date (2026-12-01) or timestamp')
  // Date.parse takes 2026-02-30 for March 2: the day must exist in its month too.
  .refine((v) => {
    const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
    return !Number.isNaN(Date.parse(v)) && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  }, 'must be a real date');

/** `GET /v1/funnel`: sessions created in [from, to) (UTC; `to` defaults to now, `from` to 7 days before `to`). */
export const FunnelQuerySchema = z.strictObject({
  from: isoDateOrTime.optional(),
  to: isoDateOrTime.optional(),
  groupBy: z.enum(FUNNEL_GROUP_BY).optional().describe('day (default), week or total'),
});

const FunnelCountsSchema = z.object({
  stages: z.object(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, z.int().min(0)])) as Record<(typeof FUNNEL_STAGES)[number], z.ZodInt>),
  drops: z.array(
    z.object({
      cause: z.enum(FUNNEL_DROP_CAUSES),
      detail: z.string().optional().describe("cancelled: Meta's current_step; failed: the onboarding error code; meta_error: Meta's code."),
      count: z.int().min(1),
    }),
  ),
});

export const FunnelResponseSchema = z
  .object({
    from: iso,
    to: iso,
    groupBy: z.enum(FUNNEL_GROUP_BY),
    stageOrder: z.array(z.enum(FUNNEL_STAGES)),
    periods: z.array(FunnelCountsSchema.extend({ start: iso, end: iso })),
    totals: FunnelCountsSchema,
  })
  .meta({ id: 'Funnel' });

export const SignupLinkStateSchema = z.enum(SIGNUP_LINK_STATES).meta({ id: 'SignupLinkState' });

/** A signup link's lifecycle (`GET /v1/signup-links[/{id}]`). The onboarding id is the session id. */
export const SignupLinkSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    onboardingId: z.string(),
    state: SignupLinkStateSchema,
    customer: z.object({ reference: z.string(), displayName: z.string() }),
    createdAt: iso,
    expiresAt: iso,
    openedAt: iso.optional().describe('First time the hosted page ran in a browser (mail scanners do not count).'),
    usedAt: iso.optional().describe('When its onboarding was submitted.'),
    revokedAt: iso.optional(),
    locale: WidgetLocaleSchema.optional(),
    returnUrl: z.string().optional(),
    branding: BrandingSchema.optional(),
  })
  .meta({ id: 'SignupLink' });

export const SignupLinkListSchema = z
  .object({ items: z.array(SignupLinkSchema), nextPageToken: z.string().optional() })
  .meta({ id: 'SignupLinkList' });

/** The keyset paging of every list route's query: `pageSize` (1–100, a string of the query) and the opaque `pageToken`. */
export const pagingQuery = {
  pageSize: z
    .string()
    .regex(/^\d{1,3}$/, 'pageSize must be an integer from 1 to 100')
    .transform(Number)
    .pipe(z.int().min(1).max(100))
    .optional(),
  pageToken: z.string().min(1).max(512).optional(),
};

export const ListSignupLinksQuerySchema = z.strictObject({
  state: SignupLinkStateSchema.optional(),
  ...pagingQuery,
});

export const AbandonBodySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('cancel'), currentStep: text(64).optional() }),
    z.strictObject({
      kind: z.literal('error'),
      message: text(1024).optional(),
      code: z.union([text(64), z.int()]).optional(),
      errorId: z.union([text(64), z.int()]).optional(),
      metaSessionId: text(128).optional(),
    }),
  ])
  .meta({ id: 'AbandonRequest' });

/** `GET /v1/session/return-url`: where the hosted page's "Back to <brand>" leads, signed by the BFF. */
export const ReturnUrlResponseSchema = z
  .object({
    url: z
      .url()
      .nullable()
      .describe(
        "The link's returnUrl with onboarding_id, state, t (unix seconds) and signature = hex(HMAC-SHA256(NOTIFY_SECRET, \"<t>.<onboarding_id>.<state>\")) added; null while the onboarding has no outcome (state completed, failed, abandoned or expired) or when the link has no returnUrl.",
      ),
  })
  .meta({ id: 'ReturnUrl' });

export const ListOnboardingsQuerySchema = z.strictObject({
  state: JobStateSchema.optional(),
  ...pagingQuery,
});

export const IdParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id is malformed');

/** `{phoneNumberId}` in a path: Meta's numeric id. */
export const PhoneNumberIdParamSchema = numericId('phoneNumberId');

/** Server API: `POST /v1/onboardings/{id}/phone-numbers/{phoneNumberId}/verification` (the number is in the path). */
export const AspStartVerificationBodySchema = StartVerificationBodySchema.omit({ phoneNumberId: true }).meta({ id: 'AspStartVerificationRequest' });
/** Server API: `POST /v1/onboardings/{id}/phone-numbers/{phoneNumberId}/verification/code`. */
export const AspVerificationCodeBodySchema = VerificationCodeBodySchema.omit({ phoneNumberId: true }).meta({ id: 'AspVerificationCodeRequest' });

/** Sinch provisioning callback: `{type, payload: WhatsappSenderDto}`; other fields pass through. */
export const ProvisioningEventSchema = z
  .looseObject({
    type: z.string().min(1).max(128),
    payload: z
      .looseObject({
        id: z.string().min(1).max(128),
        state: z.string().max(64).optional(),
        changes: z
          .looseObject({
            status: z.string().max(64).optional(),
            errorCode: z.string().max(128).optional(),
            errorReason: z.string().max(2048).optional(),
          })
          .optional(),
        countryCode: z.string().max(8).optional(),
        phoneNumber: z.string().max(32).optional(),
        details: z.looseObject({ displayName: z.string().max(256).optional() }).optional(),
        qualityRating: z.string().max(32).optional(),
      })
      .optional(),
  })
  .meta({ id: 'ProvisioningEvent' });

// ---- responses -----------------------------------------------------------------------------

export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES).meta({ id: 'ApiErrorCode' });
export const SessionApiErrorCodeSchema = z.enum(SESSION_API_ERROR_CODES).meta({ id: 'SessionApiErrorCode' });

const errorBody = (code: z.ZodType) =>
  z.object({
    error: z.object({
      code,
      message: z.string(),
      field: z.string().optional(),
    }),
  });

export const ErrorResponseSchema = errorBody(ApiErrorCodeSchema).meta({ id: 'Error' });
/** The errors of the browser's routes: the same shape, with the codes the widget must have a message for. */
export const SessionErrorResponseSchema = errorBody(SessionApiErrorCodeSchema).meta({ id: 'SessionError' });

export const OnboardingEnvelopeSchema = z.object({ onboarding: OnboardingSchema }).meta({ id: 'OnboardingEnvelope' });

export const OnboardingListSchema = z
  .object({ items: z.array(OnboardingSchema), nextPageToken: z.string().optional() })
  .meta({ id: 'OnboardingList' });

export const CreateSessionResponseSchema = z
  .object({ id: z.string(), token: z.string(), expiresAt: iso })
  .meta({ id: 'CreateSessionResponse' });

export const CreateLinkResponseSchema = z
  .object({ id: z.string(), sessionId: z.string(), url: z.string(), expiresAt: iso })
  .meta({ id: 'CreateSignupLinkResponse' });

export const SessionViewSchema = z
  .object({
    session: z.object({ id: z.string(), expiresAt: iso }),
    meta: z.object({
      appId: z.string(),
      configId: z.string(),
      graphVersion: z.string(),
      solutionId: z.string().nullable(),
      esVersion: z
        .enum(['v4'])
        .optional()
        .describe("META_ES_VERSION (UNCONFIRMED): when 'v4' the element adds extras.version: \"v4\" to FB.login; missing: today's extras."),
    }),
    regions: z.object({ allowed: z.array(RegionSchema), default: RegionSchema.optional() }),
    prefill: z.record(z.string(), z.unknown()).optional(),
    featureType: FeatureTypeSchema,
    onboarding: OnboardingSchema,
    hostedUrl: z.string().nullable(),
  })
  .meta({ id: 'SessionView' });

export const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export const ReadySchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: z.enum(['ok', 'failed']), sinch: z.enum(['ok', 'failed']) }),
  })
  .meta({ id: 'Readiness' });
export const AcceptedSchema = z.object({ status: z.literal('accepted') }).meta({ id: 'Accepted' });

export type CreateSessionBody = z.infer<typeof CreateSessionBodySchema>;
export type CreateLinkBody = z.infer<typeof CreateLinkBodySchema>;
