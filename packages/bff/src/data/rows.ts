/**
 * The rows of the tables in migrations.ts as both engines return them, and their mapping to the domain's
 * records: written once, so the SQLite and PostgreSQL repositories cannot drift apart on what a column means.
 * Epoch-millisecond columns are BIGINT on PostgreSQL, which `pg` may hand back as strings: `Number()` reads both.
 */
import type { JobRecord } from '../domain/job.types.js';
import type { SignupLink } from './link.repository.js';
import type { DeliveryAttempt, OutboxEvent } from './outbox.repository.js';
import type { FunnelFacts, SessionEvent } from './session-event.repository.js';

/** The columns of `onboarding_jobs` a job is read from. */
export interface JobRow {
  onboarding_json: string;
  internal_json: string;
  version: number;
}

export const toJob = (r: JobRow | undefined): JobRecord | undefined =>
  r && { onboarding: JSON.parse(r.onboarding_json), internal: JSON.parse(r.internal_json), version: Number(r.version) };

/** A row of `http_signup_links`. */
export interface LinkRow {
  id: string;
  session_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export const toLink = (r: LinkRow | undefined): SignupLink | undefined =>
  r && {
    id: r.id,
    sessionId: r.session_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ...(r.used_at ? { usedAt: r.used_at } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  };

/** A row of `http_notify_outbox` (the claim columns are not part of an event). */
export interface OutboxRow {
  id: string;
  onboarding_id: string;
  state: string;
  body: string;
  attempts: number;
  next_attempt_at: number | string;
  delivered_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
}

export const toEvent = (r: OutboxRow): OutboxEvent => ({
  id: r.id,
  onboardingId: r.onboarding_id,
  state: r.state,
  body: r.body,
  attempts: r.attempts,
  nextAttemptAt: Number(r.next_attempt_at),
  createdAt: r.created_at,
  ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
  ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
  ...(r.last_error !== null ? { lastError: r.last_error } : {}),
});

/** A row of `session_events` (the funnel's milestones). */
export interface SessionEventRow {
  session_id: string;
  milestone: string;
  at: string;
  current_step: string | null;
  error_code: string | null;
}

export const toSessionEvent = (r: SessionEventRow): SessionEvent => ({
  sessionId: r.session_id,
  milestone: r.milestone as SessionEvent['milestone'],
  at: r.at,
  ...(r.current_step !== null ? { currentStep: r.current_step } : {}),
  ...(r.error_code !== null ? { errorCode: r.error_code } : {}),
});

/** A session of the funnel's query, its job's fields read out of the JSON columns by each engine's SQL. */
export interface FunnelRow {
  id: string;
  created_at: string;
  expires_at: string;
  state: string;
  updated_at: string;
  error_code: string | null;
  signup_at: string | null;
  sender_id: string | null;
  /** The onboarding's `abandonment`, as JSON text. */
  abandonment: string | null;
}

/** The funnel's facts: the sessions' rows with their milestones (rows of `session_events`, in report order). */
export function toFunnelFacts(rows: readonly FunnelRow[], events: readonly SessionEventRow[]): FunnelFacts[] {
  const bySession = new Map<string, FunnelFacts['milestones']>();
  for (const e of events) {
    const { sessionId: _, ...m } = toSessionEvent(e);
    let list = bySession.get(e.session_id);
    if (!list) bySession.set(e.session_id, (list = []));
    list.push(m);
  }
  return rows.map((r) => ({
    sessionId: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    state: r.state as FunnelFacts['state'],
    updatedAt: r.updated_at,
    ...(r.error_code !== null ? { errorCode: r.error_code } : {}),
    ...(r.signup_at !== null ? { signupAt: r.signup_at } : {}),
    senderCreated: r.sender_id !== null,
    ...(r.abandonment !== null ? { abandonment: JSON.parse(r.abandonment) as FunnelFacts['abandonment'] } : {}),
    milestones: bySession.get(r.id) ?? [],
  }));
}

/** A row of `http_notify_attempts`. */
export interface AttemptRow {
  event_id: string;
  at: string;
  status: number | null;
  error: string | null;
}

/** The attempt log by event id, in row order (the queries sort by `seq`). */
export function groupAttempts(rows: readonly AttemptRow[]): Map<string, DeliveryAttempt[]> {
  const byEvent = new Map<string, DeliveryAttempt[]>();
  for (const r of rows) {
    const list = byEvent.get(r.event_id) ?? [];
    list.push({ at: r.at, ...(r.status !== null ? { status: r.status } : {}), ...(r.error !== null ? { error: r.error } : {}) });
    byEvent.set(r.event_id, list);
  }
  return byEvent;
}
