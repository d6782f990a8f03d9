/**
 * Persistence of sessions and onboarding jobs behind a small async interface, so a PostgreSQL version
 * can implement the same contract later (the SQLite one is synchronous underneath).
 */
import type { JobState, OnboardingFilter, Session } from '../domain/onboarding.types.js';
import type { JobRecord } from '../domain/job.types.js';
import type { SignupLink } from './link.repository.js';
import type { VersionConflict } from './version-conflict.js';

export interface ListJobsQuery extends OnboardingFilter {
  state?: JobState;
  pageSize: number;
  /** Keyset cursor: items strictly older than this (createdAt, id). */
  after?: { createdAt: string; id: string };
}

export interface OnboardingRepository {
  /**
   * Inserts a session, its job and (when given) its signup link in one transaction: if any insert fails
   * (e.g. a duplicate id), none of them is stored. Bumps `job.version` like {@link saveJob}.
   */
  insertSession(session: Session, job: JobRecord, link?: SignupLink): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /**
   * Upserts the job (bumping `version`) and indexes its sender ids. `active` = the engine still has work. Once the
   * job carries a signup (`internal.signup`), its session's signup links that are neither used nor revoked are
   * marked used at the signup's `receivedAt`, in the same transaction (a link is good for one onboarding; a link
   * already marked keeps its first time). Rejects with {@link VersionConflict} (nothing written, `version` as it was)
   * when the stored job is no longer at the version `job` was read at: another instance saved it in between.
   */
  saveJob(job: JobRecord, active: boolean): Promise<void>;
  findJobBySenderId(senderId: string): Promise<JobRecord | undefined>;
  listJobs(q: ListJobsQuery): Promise<JobRecord[]>;
  /** Jobs saved with `active = true` (resumed at start). */
  listActiveJobs(): Promise<JobRecord[]>;
  /** Jobs in one of `states` that never got a signup and whose session expired before `nowIso`. */
  listExpiredJobs(nowIso: string, states: readonly JobState[]): Promise<JobRecord[]>;
  close(): Promise<void>;
}
