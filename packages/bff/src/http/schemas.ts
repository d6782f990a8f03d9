/**
 * Zod schemas of the HTTP API: request bodies are strict (unknown fields → 400), response shapes are
 * what the routes send. The OpenAPI document (openapi.ts) is generated from these same schemas.
 */
import { z } from 'zod';
import {
  ES_FINISH_EVENTS,
  FEATURE_TYPES,
  JOB_STATES,
  META_LOCAL_STORAGE,
  ONBOARDING_ERROR_CODES,
  REGIONS,
  STEP_NAMES,
} from '../domain/onboarding.types.js';

/** Meta's numeric ids travel as strings of digits. */
const numericId = (what: string) =>
  z.string().regex(/^\d{1,32}$/, `${what} must be a string of digits`);

const text = (max: number) => z.string().min(1).max(max);

export const RegionSchema = z.enum(REGIONS);
export const MetaLocalStorageSchema = z.enum(META_LOCAL_STORAGE);
export const FeatureTypeSchema = z.enum(FEATURE_TYPES);
export const JobStateSchema = z.enum(JOB_STATES);

// ---- requests ------------------------------------------------------------------------------

export const CustomerSchema = z.strictObject({
  reference: text(255).describe("The ASP's own reference for this customer."),
  displayName: text(255).describe('Display name of the Sinch subproject.'),
  labels: z
    .record(z.string().min(1).max(63).regex(/^[a-zA-Z0-9_.-]+$/), text(255))
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 labels')
    .optional()
    .describe('Extra subproject labels.'),
});

export const PrefillSchema = z
  .strictObject({
    business: z
      .strictObject({
        name: text(100).optional(),
        email: z.email().max(255).optional(),
        website: z.url({ protocol: /^https?$/ }).max(2048).optional(),
        phone: z
          .strictObject({ code: z.int().min(1).max(9999), number: z.string().regex(/^\d{3,20}$/) })
          .optional(),
        address: z
          .strictObject({
            streetAddress1: text(255).optional(),
            streetAddress2: text(255).optional(),
            city: text(255).optional(),
            state: text(255).optional(),
            zipPostal: text(32).optional(),
            country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166 alpha-2 code').optional(),
          })
          .optional(),
        timezone: z.string().regex(/^UTC[+-]\d{2}:\d{2}$/, 'timezone must look like UTC-07:00').optional(),
      })
      .optional(),
    phone: z
      .strictObject({ displayName: text(255), category: text(64), description: text(512) })
      .optional(),
  })
  .describe("Meta's extras.setup pre-fill.");

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
  })
  .meta({ id: 'CreateSignupLinkRequest' });

export const SubmitSignupBodySchema = z
  .strictObject({
    code: z.string().min(1).max(2048).describe('FB.login authResponse.code (single use, 30 s).'),
    event: z.enum(ES_FINISH_EVENTS),
    wabaId: numericId('wabaId'),
    phoneNumberId: numericId('phoneNumberId').optional(),
    businessId: numericId('businessId'),
    region: RegionSchema,
    metaLocalStorage: MetaLocalStorageSchema.optional(),
  })
  .meta({ id: 'SubmitSignupRequest' });

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

export const AddPhoneNumberBodySchema = z
  .strictObject({
    phoneNumberId: numericId('phoneNumberId'),
    code: z.string().min(1).max(2048).optional(),
    metaLocalStorage: MetaLocalStorageSchema.optional(),
  })
  .meta({ id: 'AddPhoneNumberRequest' });

export const ListOnboardingsQuerySchema = z.strictObject({
  state: JobStateSchema.optional(),
  pageSize: z
    .string()
    .regex(/^\d{1,3}$/, 'pageSize must be an integer from 1 to 100')
    .transform(Number)
    .pipe(z.int().min(1).max(100))
    .optional(),
  pageToken: z.string().min(1).max(512).optional(),
});

export const IdParamSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id is malformed');

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
      })
      .optional(),
  })
  .meta({ id: 'ProvisioningEvent' });

// ---- responses -----------------------------------------------------------------------------

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

const iso = z.string().describe('ISO 8601 timestamp');

export const OnboardingSchema = z
  .object({
    id: z.string(),
    state: JobStateSchema,
    customer: z.object({
      reference: z.string(),
      displayName: z.string(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
    region: RegionSchema.optional(),
    event: z.enum(ES_FINISH_EVENTS).optional(),
    wabaId: z.string().optional(),
    phoneNumberId: z.string().optional(),
    businessId: z.string().optional(),
    subprojectId: z.string().optional(),
    senderId: z.string().optional(),
    senderState: z.string().optional(),
    appId: z.string().optional(),
    webhookId: z.string().optional(),
    phoneNumbers: z.array(
      z.object({
        phoneNumberId: z.string(),
        senderId: z.string().optional(),
        senderState: z.string().optional(),
      }),
    ),
    steps: z.array(
      z.object({
        name: z.enum(STEP_NAMES),
        status: z.enum(['pending', 'running', 'waiting', 'done', 'failed']),
        attempts: z.int().min(0),
        startedAt: iso.optional(),
        endedAt: iso.optional(),
      }),
    ),
    error: z
      .object({
        step: z.enum(STEP_NAMES),
        code: z.enum(ONBOARDING_ERROR_CODES),
        message: z.string(),
        retryable: z.boolean(),
        sinch: z
          .object({ status: z.int(), code: z.string().optional(), message: z.string().optional() })
          .optional(),
      })
      .optional(),
    abandonment: z
      .union([
        z.object({ kind: z.literal('cancel'), currentStep: z.string().optional(), at: iso }),
        z.object({
          kind: z.literal('error'),
          message: z.string().optional(),
          code: z.string().optional(),
          errorId: z.string().optional(),
          metaSessionId: z.string().optional(),
          at: iso,
        }),
      ])
      .optional(),
    createdAt: iso,
    updatedAt: iso,
    completedAt: iso.optional(),
  })
  .meta({ id: 'Onboarding' });

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
