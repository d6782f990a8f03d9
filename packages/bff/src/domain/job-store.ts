/**
 * The engine's access to persisted jobs, over {@link OnboardingRepository}:
 * - updates of one job are serialised (read-modify-write in order), so API calls and the runner never
 *   overwrite each other;
 * - a job is saved only when an update changed it (the update function returns the same object otherwise);
 * - the last written copy of every job in flight (the engine still has work on it, or a runner holds it)
 *   is kept, so nothing re-reads what it just wrote;
 * - onChange listeners hear each change of the public onboarding once.
 * Several instances on one database (`shared`): a save meets the version the job was read at or fails with
 * VersionConflict, and the update runs again on a fresh read (after its `guard`: the runner's lease check); only
 * the jobs this instance's runner holds are kept, refreshed by the change feed (`refresh`), whose changes the
 * listeners hear too.
 */
import type { SignupLink } from '../data/link.repository.js';
import type { OnboardingRepository } from '../data/onboarding.repository.js';
import { VersionConflict } from '../data/version-conflict.js';
import { AppError } from '../errors.js';
import type { JobRecord } from './job.types.js';
import type { Onboarding, Session } from './onboarding.types.js';
import { publicCopy } from './transitions.js';

export const notFound = () => new AppError('not_found', 'No such onboarding', 404);

export interface JobStoreOptions {
  repo: OnboardingRepository;
  /** Whether the engine still has work on the job: saved as `active` (resumed at start) and kept in memory. */
  isActive(job: JobRecord): boolean;
  /** A listener threw (it must not break the update that notified it). */
  onListenerError(e: unknown): void;
  /** Other instances write to the same database: keep only held jobs, and expect version conflicts. */
  shared?: boolean;
}

/** Saves that meet a newer version in a row before an update gives up (each one means another save won). */
const MAX_CONFLICTS = 20;
/** Versions this store wrote or read lately, so the change feed's echo of them is not read back. */
const RECENT_WRITES = 2048;

export class JobStore {
  readonly #o: JobStoreOptions;
  readonly #kept = new Map<string, JobRecord>();
  readonly #holds = new Map<string, number>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #listeners = new Set<(o: Onboarding) => void>();
  readonly #written = new Map<string, number>();

  constructor(o: JobStoreOptions) {
    this.#o = o;
  }

  get repo(): OnboardingRepository {
    return this.#o.repo;
  }

  /** Inserts a new session with its job and signup link (one transaction in the repository). */
  async insert(session: Session, job: JobRecord, link?: SignupLink): Promise<void> {
    await this.#o.repo.insertSession(session, job, link);
    this.#wrote(job);
    this.#keepOrDrop(job);
    this.#emit(job);
  }

  /** The job's latest written copy (from memory when in flight). Callers must not change it. */
  async get(id: string): Promise<JobRecord | undefined> {
    const kept = this.#kept.get(id);
    if (kept) return kept;
    const job = await this.#o.repo.getJob(id);
    if (job && !this.#kept.has(id)) this.#keepOrDrop(job);
    return this.#kept.get(id) ?? job;
  }

  /** The kept copy of a job in flight, without I/O (a held job always has one after its first get). */
  peek(id: string): JobRecord | undefined {
    return this.#kept.get(id);
  }

  /** Keeps the job in memory while a runner works on it, even when it has no more work. */
  hold(id: string): void {
    this.#holds.set(id, (this.#holds.get(id) ?? 0) + 1);
  }

  release(id: string): void {
    const n = (this.#holds.get(id) ?? 1) - 1;
    if (n > 0) return void this.#holds.set(id, n);
    this.#holds.delete(id);
    const kept = this.#kept.get(id);
    if (kept) this.#keepOrDrop(kept);
  }

  /** Puts a copy read elsewhere (a lease claim's) in place of an older kept one. */
  prime(job: JobRecord): void {
    const kept = this.#kept.get(job.onboarding.id);
    if (!kept || kept.version < job.version) {
      this.#kept.set(job.onboarding.id, job);
      this.#keepOrDrop(job);
    }
  }

  /**
   * Serialised update: `fn` gets the latest copy and returns the next one (the same object = no change,
   * nothing saved). Throws not_found for an unknown job, and whatever `fn` throws (nothing changed then).
   * When another instance saved the job first, it is read again, `guard` (if any) may refuse it by throwing,
   * and `fn` runs again on the fresh copy.
   */
  update(id: string, fn: (job: JobRecord) => JobRecord, guard?: (fresh: JobRecord) => Promise<void>): Promise<JobRecord> {
    return this.#serial(id, async () => {
      for (let conflicts = 0; ; conflicts++) {
        const current = conflicts === 0 ? await this.get(id) : await this.#o.repo.getJob(id);
        if (!current) throw notFound();
        if (conflicts > 0) {
          this.#refreshed(current);
          await guard?.(current);
        }
        const next = fn(current);
        if (next === current) return current;
        try {
          await this.#o.repo.saveJob(next, this.#o.isActive(next));
        } catch (e) {
          if (e instanceof VersionConflict && conflicts < MAX_CONFLICTS) continue;
          throw e;
        }
        this.#wrote(next);
        this.#kept.set(id, next);
        this.#keepOrDrop(next);
        if (next.onboarding !== current.onboarding) this.#emit(next);
        return next;
      }
    });
  }

  /**
   * Another instance saved job `id` (the change feed says so, with the version when known): a kept copy is
   * replaced by the stored one and listeners hear the change. The echo of this store's own saves is skipped.
   * True when the stored copy was newer than anything this store had seen.
   */
  refresh(id: string, version?: number, onboarding?: Onboarding): Promise<boolean> {
    if (version !== undefined && this.#seen(id) >= version) return Promise.resolve(false);
    if (version !== undefined && onboarding && !this.#kept.has(id)) {
      // Not worked on here: the feed's copy is all the listeners need, heard in the order it was saved.
      this.#saw(id, version);
      this.#emitPublic(onboarding);
      return Promise.resolve(true);
    }
    return this.#serial(id, async () => {
      const job = await this.#o.repo.getJob(id);
      return job ? this.#refreshed(job) : false;
    });
  }

  #seen(id: string): number {
    return Math.max(this.#kept.get(id)?.version ?? 0, this.#written.get(id) ?? 0);
  }

  /** A copy read from the database: kept and heard when it is newer than what this store has; true then. */
  #refreshed(job: JobRecord): boolean {
    const id = job.onboarding.id;
    if (job.version <= this.#seen(id)) return false;
    const kept = this.#kept.get(id);
    if (kept) {
      this.#kept.set(id, job);
      this.#keepOrDrop(job);
    }
    this.#wrote(job);
    if (!kept || JSON.stringify(kept.onboarding) !== JSON.stringify(job.onboarding)) this.#emit(job);
    return true;
  }

  async #serial<T>(id: string, body: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.#locks.set(id, tail);
    await prev;
    try {
      return await body();
    } finally {
      release();
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    }
  }

  #wrote(job: JobRecord): void {
    if (this.#o.shared) this.#saw(job.onboarding.id, job.version);
  }

  #saw(id: string, version: number): void {
    this.#written.delete(id);
    this.#written.set(id, version);
    if (this.#written.size > RECENT_WRITES) this.#written.delete(this.#written.keys().next().value!);
  }

  onChange(listener: (o: Onboarding) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #keepOrDrop(job: JobRecord): void {
    const id = job.onboarding.id;
    if (this.#holds.has(id) || (!this.#o.shared && this.#o.isActive(job))) this.#kept.set(id, job);
    else this.#kept.delete(id);
  }

  #emit(job: JobRecord): void {
    if (this.#listeners.size === 0) return;
    // One copy shared by every listener (SSE streams can be many); listeners must not mutate it.
    this.#emitPublic(publicCopy(job));
  }

  #emitPublic(copy: Onboarding): void {
    for (const l of this.#listeners) {
      try {
        l(copy);
      } catch (e) {
        this.#o.onListenerError(e);
      }
    }
  }
}
