/**
 * The engine's access to persisted jobs, over {@link OnboardingRepository}:
 * - updates of one job are serialised (read-modify-write in order), so API calls and the runner never
 *   overwrite each other;
 * - a job is saved only when an update changed it (the update function returns the same object otherwise);
 * - the last written copy of every job in flight (the engine still has work on it, or a runner holds it)
 *   is kept, so nothing re-reads what it just wrote;
 * - onChange listeners hear each change of the public onboarding once.
 * Single process per database (see the engine's TODO on leases): the kept copy is the database's.
 */
import type { SignupLink } from '../data/link.repository.js';
import type { OnboardingRepository } from '../data/onboarding.repository.js';
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
}

export class JobStore {
  readonly #o: JobStoreOptions;
  readonly #kept = new Map<string, JobRecord>();
  readonly #holds = new Map<string, number>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #listeners = new Set<(o: Onboarding) => void>();

  constructor(o: JobStoreOptions) {
    this.#o = o;
  }

  get repo(): OnboardingRepository {
    return this.#o.repo;
  }

  /** Inserts a new session with its job and signup link (one transaction in the repository). */
  async insert(session: Session, job: JobRecord, link?: SignupLink): Promise<void> {
    await this.#o.repo.insertSession(session, job, link);
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

  /**
   * Serialised update: `fn` gets the latest copy and returns the next one (the same object = no change,
   * nothing saved). Throws not_found for an unknown job, and whatever `fn` throws (nothing changed then).
   */
  async update(id: string, fn: (job: JobRecord) => JobRecord): Promise<JobRecord> {
    const prev = this.#locks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.#locks.set(id, tail);
    await prev;
    try {
      const current = await this.get(id);
      if (!current) throw notFound();
      const next = fn(current);
      if (next === current) return current;
      await this.#o.repo.saveJob(next, this.#o.isActive(next));
      this.#kept.set(id, next);
      this.#keepOrDrop(next);
      if (next.onboarding !== current.onboarding) this.#emit(next);
      return next;
    } finally {
      release();
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    }
  }

  onChange(listener: (o: Onboarding) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #keepOrDrop(job: JobRecord): void {
    const id = job.onboarding.id;
    if (this.#holds.has(id) || this.#o.isActive(job)) this.#kept.set(id, job);
    else this.#kept.delete(id);
  }

  #emit(job: JobRecord): void {
    if (this.#listeners.size === 0) return;
    // One copy shared by every listener (SSE streams can be many); listeners must not mutate it.
    const copy = publicCopy(job);
    for (const l of this.#listeners) {
      try {
        l(copy);
      } catch (e) {
        this.#o.onListenerError(e);
      }
    }
  }
}
