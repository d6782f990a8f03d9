import type { SIGNUP_LINK_STATES } from '../contract/enums.js';
import type { HostedOptions } from '../domain/onboarding.types.js';

/**
 * Signup links (hosted ES flow). A link points at one session and is revocable (`revokedAt`). "Single use" means
 * one onboarding: opening the page any number of times changes nothing (mail scanners open links too); the
 * link is marked used (`usedAt`) by {@link OnboardingRepository.saveJob} in the transaction that saves the
 * session's job with its signup. A link is normally written with its session by
 * {@link OnboardingRepository.insertSession}, in the same transaction.
 */
export interface SignupLink {
  id: string;
  sessionId: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  revokedAt?: string;
}

export type SignupLinkState = (typeof SIGNUP_LINK_STATES)[number];

/** A link with what its lifecycle view needs (`GET /v1/signup-links`): its session's customer and when the page first ran. */
export interface SignupLinkDetail extends SignupLink {
  /** The first `link_opened` milestone of its session (the hosted page ran in a browser). */
  openedAt?: string;
  customer: { reference: string; displayName: string };
  /** Its page options (branding, locale, returnUrl), kept in its session. */
  hosted?: HostedOptions;
}

export interface ListLinksQuery {
  /** Where the link stands at `now` (data/link-list.ts has the rule, in SQL and in code). */
  state?: SignupLinkState;
  now: string;
  pageSize: number;
  /** Keyset cursor: links strictly older than this (createdAt, id). */
  after?: { createdAt: string; id: string };
}

export interface LinkRepository {
  /** Inserts a link on its own; rejects when the id exists. */
  insert(link: SignupLink): Promise<void>;
  get(id: string): Promise<SignupLink | undefined>;
  /** Revokes the link; false when unknown. Revoking twice is fine (the first time is kept). */
  revoke(id: string, at: string): Promise<boolean>;
  /** True when any link of this session was revoked: its session tokens stop working too. */
  isSessionRevoked(sessionId: string): Promise<boolean>;
  /** The session's oldest link neither used nor revoked (for the widget's hosted-page fallback). */
  unusedLinkOf(sessionId: string): Promise<SignupLink | undefined>;
  /** Links newest first (createdAt, then id, descending), optionally in one state, in pages after the cursor. */
  list(q: ListLinksQuery): Promise<SignupLinkDetail[]>;
  /** One link with its lifecycle facts; undefined when unknown. */
  detail(id: string): Promise<SignupLinkDetail | undefined>;
  /** The newest link of a session (the operator console's onboarding view); undefined when it has none. */
  detailOfSession(sessionId: string): Promise<SignupLinkDetail | undefined>;
}
