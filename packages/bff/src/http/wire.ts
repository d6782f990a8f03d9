import type { Logger } from 'pino';
import type { Onboarding } from '../domain/onboarding.types.js';
import { OnboardingSchema } from './schemas.js';

/**
 * The onboarding as documented: parsing with the response schema drops any field the engine keeps
 * for itself, so an internal field can never reach a client by accident.
 */
export function wireOnboarding(o: Onboarding, log?: Pick<Logger, 'error'>): Onboarding {
  const r = OnboardingSchema.safeParse(o);
  if (r.success) return r.data as Onboarding;
  log?.error({ onboardingId: o.id, issues: r.error.issues.map((i) => ({ path: i.path, code: i.code })) }, 'onboarding does not match the documented shape');
  const { id, state, customer, phoneNumbers, steps, createdAt, updatedAt } = o;
  return { id, state, customer, phoneNumbers, steps, createdAt, updatedAt };
}
