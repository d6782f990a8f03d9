/**
 * The wire shapes the domain shares with the HTTP API, as zod schemas: what the browser and the ASP send
 * (the signup result, a customer, Meta's pre-fill) and the `Onboarding` every route and callback returns.
 * The domain types (domain/onboarding.types.ts) are `z.output` of these, so a field the engine keeps but the
 * wire lacks, or the reverse, is a compile error; the OpenAPI document is generated from them (http/openapi.ts).
 * This folder imports nothing of the BFF, so both domain/ and http/ can import it without a cycle.
 */
import { z } from 'zod';
import {
  ES_FINISH_EVENT_PATTERN,
  ES_FINISH_EVENTS,
  FEATURE_TYPES,
  JOB_STATES,
  META_LOCAL_STORAGE,
  ONBOARDING_ERROR_CODES,
  PHONE_NUMBER_STATUSES,
  QUALITY_RATINGS,
  REGIONS,
  STEP_NAMES,
  STEP_STATUSES,
  TERMINAL_JOB_STATES,
  VERIFICATION_METHODS,
  WIDGET_LOCALES,
} from './enums.js';

/** Meta's numeric ids travel as strings of digits. */
export const numericId = (what: string) =>
  z.string().regex(/^\d{1,32}$/, `${what} must be a string of digits`);

/** A non-empty string of at most `max` characters. */
export const text = (max: number) => z.string().min(1).max(max);

/** ISO 8601 timestamps are sent as strings. */
export const iso = z.string().describe('ISO 8601 timestamp');

export const RegionSchema = z.enum(REGIONS).meta({ id: 'Region' });
export const MetaLocalStorageSchema = z.enum(META_LOCAL_STORAGE).meta({ id: 'MetaLocalStorage' });
export const FeatureTypeSchema = z.enum(FEATURE_TYPES).meta({ id: 'FeatureType' });
// A string with a pattern rather than an enum: Meta adds finish events (FINISH_OBO_MIGRATION came later), and an
// unknown one must be accepted, not refused with a 400 that drops the customer's signup.
export const EsFinishEventSchema = z
  .string()
  .regex(new RegExp(ES_FINISH_EVENT_PATTERN), 'event must be FINISH or FINISH_<NAME>')
  .meta({
    id: 'EsFinishEvent',
    description: `A WA_EMBEDDED_SIGNUP success event. Documented: ${ES_FINISH_EVENTS.join(', ')}; any other FINISH_* is accepted the same way (and logged). The fields sent, not the event, decide the path.`,
    examples: [...ES_FINISH_EVENTS],
  });
export const JobStateSchema = z.enum(JOB_STATES).meta({ id: 'JobState' });
/** Not used by a route: the list of terminal states, carried by the document to the widget. */
export const TerminalJobStateSchema = z
  .enum(TERMINAL_JOB_STATES)
  .meta({ id: 'TerminalJobState', description: 'States after which the job never changes; the event stream ends after one.' });
export const StepNameSchema = z.enum(STEP_NAMES).meta({ id: 'StepName' });
export const StepStatusSchema = z.enum(STEP_STATUSES).meta({ id: 'StepStatus' });
export const OnboardingErrorCodeSchema = z.enum(ONBOARDING_ERROR_CODES).meta({ id: 'OnboardingErrorCode' });
export const PhoneNumberStatusSchema = z.enum(PHONE_NUMBER_STATUSES).meta({ id: 'PhoneNumberStatus' });
export const QualityRatingSchema = z.enum(QUALITY_RATINGS).meta({ id: 'QualityRating' });
export const VerificationMethodSchema = z.enum(VERIFICATION_METHODS).meta({ id: 'VerificationMethod' });

// ---- sent by clients -----------------------------------------------------------------------

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

/** What the browser posts once Meta returned both halves of the signup. */
export const SubmitSignupBodySchema = z
  .strictObject({
    code: z.string().min(1).max(2048).describe('FB.login authResponse.code (single use, 30 s).'),
    event: EsFinishEventSchema,
    wabaId: numericId('wabaId'),
    phoneNumberId: numericId('phoneNumberId')
      .optional()
      .describe('When present the sender is created for it; missing (WABA-only, coexistence) → awaiting_phone_number.'),
    businessId: numericId('businessId').optional().describe('Missing for coexistence and WABA-only finishes.'),
    wabaIds: z
      .array(numericId('wabaIds[]'))
      .max(20)
      .optional()
      .describe("Meta's session-info `waba_ids` when sent. Another WABA than `wabaId` is refused (`multiple_wabas`): Sinch allows one WABA per project."),
    phoneNumberIds: z
      .array(numericId('phoneNumberIds[]'))
      .max(20)
      .optional()
      .describe("Meta's session-info `phone_number_ids` when sent: every number shared in this signup gets its own sender."),
    region: RegionSchema,
    metaLocalStorage: MetaLocalStorageSchema.optional(),
  })
  .meta({ id: 'SubmitSignupRequest' });

export const AddPhoneNumberBodySchema = z
  .strictObject({
    phoneNumberId: numericId('phoneNumberId'),
    code: z.string().min(1).max(2048).optional(),
    metaLocalStorage: MetaLocalStorageSchema.optional(),
  })
  .meta({ id: 'AddPhoneNumberRequest' });

/** The customer's pick among `Onboarding.phoneNumberChoices` (`POST /v1/session/phone-numbers`). */
export const SelectPhoneNumbersBodySchema = z
  .strictObject({
    phoneNumberIds: z.array(numericId('phoneNumberIds[]')).min(1).max(20).describe('One or more ids from phoneNumberChoices.'),
  })
  .meta({ id: 'SelectPhoneNumbersRequest' });

/** Ask Sinch to send a PENDING_VERIFICATION number its code (`register`), by SMS or voice. */
export const StartVerificationBodySchema = z
  .strictObject({ phoneNumberId: numericId('phoneNumberId'), method: VerificationMethodSchema })
  .meta({ id: 'StartVerificationRequest' });

/** The code the customer received (`verify`: exactly 6 characters). */
export const VerificationCodeBodySchema = z
  .strictObject({
    phoneNumberId: numericId('phoneNumberId'),
    code: z.string().regex(/^[0-9]{6}$/, 'code must be the 6 digits received'),
  })
  .meta({ id: 'VerificationCodeRequest' });

/** An https URL (never http, javascript:, data:): brand links and logos shown on the hosted page. */
export const httpsUrl = (what: string) => z.url({ protocol: /^https$/, error: `${what} must be an https URL` }).max(2048);

export const WidgetLocaleSchema = z.enum(WIDGET_LOCALES).meta({ id: 'WidgetLocale' });

/**
 * The ASP's brand on the hosted signup page: BRAND_* config, overridden field by field by a link's `branding`.
 * The page says "<name> asks you to connect your WhatsApp Business account", shows the logo (its origin is the
 * only one the page's CSP adds), the support and privacy links, and draws the element in `color`.
 */
export const BrandingSchema = z
  .strictObject({
    name: text(100).optional().describe('Who asks, e.g. "Acme Messaging".'),
    logoUrl: httpsUrl('logoUrl').optional(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be a hex colour like #0b5fff').optional(),
    supportUrl: httpsUrl('supportUrl').optional(),
    supportEmail: z.email().max(255).optional(),
    privacyUrl: httpsUrl('privacyUrl').optional(),
  })
  .meta({ id: 'Branding' });

// ---- sent by the BFF -----------------------------------------------------------------------

export const OnboardingErrorSchema = z
  .object({
    step: StepNameSchema,
    code: OnboardingErrorCodeSchema,
    message: z.string().describe('Safe for the ASP and the customer: never holds a secret or the ES code.'),
    retryable: z.boolean(),
    sinch: z
      .object({ status: z.int(), code: z.string().optional(), message: z.string().optional() })
      .optional()
      .describe('What Sinch said, when Sinch said it.'),
  })
  .meta({ id: 'OnboardingError' });

/** Where the customer's shared numbers are picked from, after a lookup of the WABA found several. */
export const PhoneNumberChoiceSchema = z
  .object({
    phoneNumberId: z.string(),
    displayPhoneNumber: z.string().optional().describe("Meta's display_phone_number, e.g. \"+1 555-0100\"."),
    verifiedName: z.string().optional().describe("Meta's verified_name: the business name the customer's contacts see."),
  })
  .meta({ id: 'PhoneNumberChoice' });

/** Where a number's verification stands while its sender is PENDING_VERIFICATION. */
export const VerificationProgressSchema = z
  .object({
    method: VerificationMethodSchema.optional().describe('How the last code was sent; missing before the first register.'),
    codeSentAt: iso.optional(),
    resendAvailableAt: iso.optional().describe('Before this time a new code cannot be asked for.'),
  })
  .meta({ id: 'VerificationProgress' });

export const PhoneNumberRecordSchema = z
  .object({
    phoneNumberId: z.string(),
    status: PhoneNumberStatusSchema.optional().describe('Where this number stands; missing on records written before it existed.'),
    displayPhoneNumber: z.string().optional().describe('The number as the customer knows it (Sinch sender countryCode + phoneNumber, or Meta display_phone_number).'),
    verifiedName: z.string().optional().describe("The business name shown to the number's contacts (Sinch details.displayName or Meta verified_name)."),
    qualityRating: QualityRatingSchema.optional(),
    senderId: z.string().optional(),
    senderState: z.string().optional(),
    appId: z.string().optional().describe('The Conversation app that holds this number (one WhatsApp credential per app).'),
    webhookId: z.string().optional(),
    verification: VerificationProgressSchema.optional(),
    error: OnboardingErrorSchema.extend({ step: StepNameSchema.optional() })
      .optional()
      .describe('Why this additional number failed (added after completion); the job itself stays completed.'),
  })
  .meta({ id: 'PhoneNumber' });

export const StepProgressSchema = z
  .object({
    name: StepNameSchema,
    status: StepStatusSchema,
    attempts: z.int().min(0),
    startedAt: iso.optional(),
    endedAt: iso.optional(),
    note: z.string().optional().describe('Why a step was skipped or what it waits for (e.g. "no webhook target configured").'),
  })
  .meta({ id: 'Step' });

export const AbandonmentSchema = z
  .discriminatedUnion('kind', [
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
  .meta({ id: 'Abandonment' });

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
    event: EsFinishEventSchema.optional(),
    wabaId: z.string().optional(),
    phoneNumberId: z.string().optional(),
    businessId: z.string().optional(),
    subprojectId: z.string().optional(),
    senderId: z.string().optional(),
    senderState: z.string().optional(),
    appId: z.string().optional(),
    webhookId: z.string().optional(),
    phoneNumbers: z.array(PhoneNumberRecordSchema).describe('Every number onboarded into this WABA (the first one included).'),
    phoneNumberChoices: z
      .array(PhoneNumberChoiceSchema)
      .optional()
      .describe('In state awaiting_phone_number_choice: the numbers of the WABA the customer may pick from.'),
    steps: z.array(StepProgressSchema),
    error: OnboardingErrorSchema.optional(),
    abandonment: AbandonmentSchema.optional(),
    createdAt: iso,
    updatedAt: iso,
    completedAt: iso.optional(),
  })
  .meta({ id: 'Onboarding' });
