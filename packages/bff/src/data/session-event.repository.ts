/**
 * The signup funnel's milestones (`POST /v1/session/events`): one row per session and milestone, the first report
 * kept (table `session_events`, migration 004). Read back per session, and for `GET /v1/funnel` as per-session facts.
 */
import type { FUNNEL_MILESTONES } from '../contract/enums.js';
import type { Abandonment, JobState } from '../domain/onboarding.types.js';

export type FunnelMilestone = (typeof FUNNEL_MILESTONES)[number];

export interface SessionEvent {
  sessionId: string;
  milestone: FunnelMilestone;
  /** When the BFF received the first report (ISO 8601). */
  at: string;
  /** Meta's `current_step` (milestone cancelled). */
  currentStep?: string;
  /** Meta's error code (milestone meta_error). */
  errorCode?: string;
}

/** What the funnel needs of one session (domain/funnel.ts computes its stage and its drop cause from it). */
export interface FunnelFacts {
  sessionId: string;
  createdAt: string;
  expiresAt: string;
  /** Its job as it stands. */
  state: JobState;
  /** The job's last change (a failed job failed then). */
  updatedAt: string;
  errorCode?: string;
  /** When its signup was submitted. */
  signupAt?: string;
  /** Its first number has a sender. */
  senderCreated: boolean;
  /** Meta's CANCEL or error, as the element posted it (`POST /v1/session/abandon`). */
  abandonment?: Abandonment;
  milestones: Array<Omit<SessionEvent, 'sessionId'>>;
}

export interface SessionEventRepository {
  /** Stores the first report of (session, milestone); true when stored, false when that milestone was already there (nothing changes). */
  record(event: SessionEvent): Promise<boolean>;
  /** The session's milestones, in the order they were first reported. */
  listOfSession(sessionId: string): Promise<SessionEvent[]>;
  /** The facts of every session created in [fromIso, toIso), with its milestones (one query each for sessions and milestones). */
  funnelFacts(fromIso: string, toIso: string): Promise<FunnelFacts[]>;
}
