/**
 * An onboarding's signup link as the console shows it (SignupLinkSchema's lifecycle view), built from the link row
 * and its session. TODO(console-api): use the `funnel` part's exported view builder of GET /v1/signup-links once
 * it is on main (it also knows `openedAt`), so the view is written once.
 */
import type { z } from 'zod';
import type { SignupLink } from '../data/link.repository.js';
import type { Session } from '../domain/onboarding.types.js';
import type { SignupLinkSchema } from '../http/schemas.js';

export type SignupLinkView = z.output<typeof SignupLinkSchema>;

export function linkView(link: SignupLink, session: Session, now: number): SignupLinkView {
  const state = link.revokedAt ? 'revoked' : link.usedAt ? 'used' : Date.parse(link.expiresAt) <= now ? 'expired' : 'active';
  return {
    id: link.id,
    sessionId: link.sessionId,
    onboardingId: link.sessionId,
    state,
    customer: { reference: session.customer.reference, displayName: session.customer.displayName },
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    ...(link.usedAt ? { usedAt: link.usedAt } : {}),
    ...(link.revokedAt ? { revokedAt: link.revokedAt } : {}),
  };
}
