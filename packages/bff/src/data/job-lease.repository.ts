/**
 * Job leases (several instances on one database): the instance that runs a job's steps holds its lease, an
 * owner id and an expiry (epoch ms, on the `onboarding_jobs` row), renewed by a heartbeat. Taking a lease from
 * another owner bumps the job's version, so a save by the owner that lost it fails with VersionConflict: the
 * version is the fence (domain/job-leases.ts).
 */
import type { JobRecord } from '../domain/job.types.js';

export interface JobLeaseRepository {
  /**
   * Takes the lease of job `id` for `owner` until `until` when it is free, expired at `now` or `owner`'s already.
   * Returns the job as stored after the claim (its version bumped when the owner changed), or undefined when
   * another owner holds it (or the job does not exist).
   */
  claim(id: string, owner: string, now: number, until: number): Promise<JobRecord | undefined>;
  /** Active jobs whose lease is free or expired at `now`, oldest first, at most `limit`: candidates for {@link claim}. */
  orphans(now: number, limit: number): Promise<string[]>;
  /**
   * Extends every lease `owner` still holds to `until` (an expired one nobody took too: nobody else ran the job
   * meanwhile, since a claim would have changed the owner); returns their ids.
   */
  renew(owner: string, until: number): Promise<string[]>;
  /** Gives the lease up if `owner` holds it. */
  release(id: string, owner: string): Promise<void>;
  /** Gives up every lease of `owner` (graceful shutdown). */
  releaseAll(owner: string): Promise<void>;
  /** Whether `owner` still holds the lease of `id` (expired or not: nobody took it). */
  holds(id: string, owner: string): Promise<boolean>;
}
