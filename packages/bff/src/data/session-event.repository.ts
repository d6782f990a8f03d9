/**
 * The signup funnel's milestones (`POST /v1/session/events`): one row per session and milestone, the first report
 * kept (table `session_events`, migration 004). Read back per session, and for `GET /v1/funnel` as per-session facts.
 */
import type { FUNNEL_MILESTONES } from '../contract/enums.js';

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

export interface SessionEventRepository {
  /** Stores the first report of (session, milestone); true when stored, false when that milestone was already there (nothing changes). */
  record(event: SessionEvent): Promise<boolean>;
  /** The session's milestones, in the order they were first reported. */
  listOfSession(sessionId: string): Promise<SessionEvent[]>;
}
