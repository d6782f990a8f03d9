/**
 * Job leases of this instance, when several instances share one database: the runner takes a job's lease
 * before it drives the job and gives it up when it stops (no more work, a shutdown); a heartbeat extends every
 * lease held; a sweep finds active jobs whose lease is free or expired (their instance died, or stopped) and
 * hands them to the runner, which resumes them through the same reconcile-before-create path as after a crash.
 *
 * The fence: taking a lease from another owner bumps the job's version (data/job-lease.repository.ts), so a
 * save by the instance that lost it fails with VersionConflict; the store then asks {@link JobLeases.guard},
 * which refuses when the lease is gone and the runner stops that job.
 *
 * Why not pg-boss or graphile-worker: a job here is a long-lived state machine (warm-up, then minutes waiting for
 * the customer, then activation waits of up to 30 minutes woken by webhooks), not a queue of short tasks; the ES
 * code must stay in the memory of the instance that received it (a queue would carry it through the database);
 * and SQLite mode has no such library. A lease over the existing job row is two columns and a few conditional
 * UPDATEs that run on both engines, and reuses the engine's own resume path.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { JobLeaseRepository } from '../data/job-lease.repository.js';
import type { Clock } from './clock.js';
import { ES_CODE_LIFE_MS } from './engine-settings.js';
import type { JobRecord } from './job.types.js';
import type { Action } from './next-action.js';
import { UNRESOLVED_NUMBER } from './number-resolution.js';

export interface LeaseTiming {
  /** How long a lease lasts without a heartbeat: how soon another instance resumes the jobs of one that died. */
  ttlMs: number;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

/** Thrown by {@link JobLeases.guard}: another instance holds the job now. */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
  constructor(readonly jobId: string) {
    super(`The lease of job ${jobId} went to another instance`);
  }
}

export interface JobLeasesOptions {
  repo: JobLeaseRepository;
  clock: Clock;
  log: Logger;
  ttlMs?: number;
  /** Default: host name, process id and random bytes. */
  owner?: string;
}

/** At most this many orphans taken per sweep (the rest on the next one, or by other instances). */
const SWEEP_BATCH = 100;

export class JobLeases {
  readonly owner: string;
  readonly ttlMs: number;
  readonly #o: JobLeasesOptions;
  readonly #held = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;

  constructor(o: JobLeasesOptions) {
    this.#o = o;
    this.ttlMs = o.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.owner = o.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  /** Takes the job's lease: the job as stored after the claim, or undefined when another instance holds it. */
  async acquire(id: string): Promise<JobRecord | undefined> {
    const now = this.#o.clock.now();
    const job = await this.#o.repo.claim(id, this.owner, now, now + this.ttlMs);
    if (job) this.#held.add(id);
    return job;
  }

  async release(id: string): Promise<void> {
    if (!this.#held.delete(id)) return;
    await this.#o.repo.release(id, this.owner);
  }

  /** For the store after a version conflict: resolves while this instance still holds the lease, else throws LeaseLost. */
  async guard(id: string): Promise<void> {
    if (this.#held.has(id) && (await this.#o.repo.holds(id, this.owner))) return;
    this.#held.delete(id);
    throw new LeaseLost(id);
  }

  /**
   * Starts the heartbeat and the sweep (every third of the TTL): `onLost` hears of leases that another instance
   * took, `onOrphans` of active jobs nobody holds (the runner kicks them; a kick takes the lease or skips).
   */
  start(h: { onLost(id: string): void; onOrphans(ids: string[]): void }): void {
    this.#timer = setInterval(() => void this.#tick(h), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.#timer.unref();
  }

  /** Stops the heartbeat and gives up every lease (call after the runner stopped). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#held.clear();
    // A database that is gone keeps them until they expire: other instances then take the jobs as after a crash.
    await this.#o.repo.releaseAll(this.owner).catch((e: unknown) => this.#o.log.warn({ err: e }, 'releasing the job leases at shutdown failed'));
  }

  async #tick(h: { onLost(id: string): void; onOrphans(ids: string[]): void }): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const now = this.#o.clock.now();
      if (this.#held.size > 0) {
        const still = new Set(await this.#o.repo.renew(this.owner, now + this.ttlMs));
        for (const id of [...this.#held]) {
          if (still.has(id)) continue;
          this.#held.delete(id);
          this.#o.log.warn({ jobId: id }, 'job lease lost to another instance; it continues the job');
          h.onLost(id);
        }
      }
      const orphans = await this.#o.repo.orphans(now, SWEEP_BATCH);
      if (orphans.length > 0) h.onOrphans(orphans.filter((id) => !this.#held.has(id)));
    } catch (e) {
      this.#o.log.error({ err: e }, 'job lease heartbeat failed');
    } finally {
      this.#ticking = false;
    }
  }
}

/**
 * Whether `action` needs an ES code this instance does not have while the code may still be good on another
 * instance (it arrived there less than the code's life, {@link ES_CODE_LIFE_MS}, ago; that instance asks for the lease). Past that,
 * the code is gone with whatever held it, and the step reports code_expired as after a crash.
 */
export function codeElsewhere(job: JobRecord, action: Action, hasCode: (phoneNumberId: string) => boolean, now: number): boolean {
  const fresh = (at: string) => now - Date.parse(at) < ES_CODE_LIFE_MS;
  if (action.kind === 'step' && action.step === 'sender') {
    const s = job.internal.signup;
    return !!s?.withCode && !!s.phoneNumberId && !hasCode(s.phoneNumberId) && fresh(s.receivedAt);
  }
  if (action.kind === 'resolve_numbers') {
    // The number lookup uses the code (app secret) or passes it on to the number it finds (system-user token).
    const s = job.internal.signup;
    return !!s?.withCode && !hasCode(UNRESOLVED_NUMBER) && fresh(s.receivedAt);
  }
  if (action.kind === 'numbers') {
    const queued = job.internal.pendingNumbers.filter((p) => action.phoneNumberIds.includes(p.phoneNumberId));
    return queued.some((p) => p.withCode && !hasCode(p.phoneNumberId) && fresh(p.requestedAt));
  }
  return false;
}
