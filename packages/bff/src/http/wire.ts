import type { Onboarding } from '../domain/onboarding.types.js';

/**
 * The onboarding as sent. The domain's `Onboarding` is the wire type itself (`z.output` of
 * contract/schemas.ts's OnboardingSchema) and the engine keeps its private state apart (JobRecord.internal),
 * so nothing is stripped or cast here: a field the document lacks is a compile error in the domain, and the
 * route tests validate the bytes each route sends against docs/openapi.json (test/fixtures/openapi-check.ts).
 * The optional logger is accepted for the callers that pass one.
 */
export function wireOnboarding(o: Onboarding, _log?: unknown): Onboarding {
  return o;
}
