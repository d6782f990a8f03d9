/**
 * The console API's shapes, derived type-only from the BFF's zod schemas (packages/bff/src/http/console.schemas.ts,
 * the contract): nothing of zod reaches the bundle, and a changed schema is a compile error here.
 */
import type {z} from 'zod';
import type * as C from '../../bff/src/http/console.schemas.js';
import type * as H from '../../bff/src/http/schemas.js';
import type * as S from '../../bff/src/contract/schemas.js';

export type OperatorSession = z.output<typeof C.OperatorSessionSchema>;
export type OnboardingList = z.output<typeof C.ConsoleOnboardingListSchema>;
export type OnboardingDetail = z.output<typeof C.ConsoleOnboardingDetailSchema>;
export type CallbackDelivery = z.output<typeof C.CallbackDeliverySchema>;
export type AuditList = z.output<typeof C.AuditListSchema>;
export type AuditEntry = z.output<typeof C.AuditEntrySchema>;
export type Funnel = z.output<typeof H.FunnelResponseSchema>;
export type SignupLink = z.output<typeof H.SignupLinkSchema>;
export type Onboarding = z.output<typeof S.OnboardingSchema>;
export type OnboardingsQuery = z.input<typeof C.ConsoleOnboardingsQuerySchema>;
/** The query of the onboardings list as the console keeps it (strings, as in the URL). */
export type OnboardingFilters = Partial<Record<'state' | 'region' | 'from' | 'to' | 'q', string>>;
