/**
 * The durable onboarding engine: one persisted job per signup session,
 * `warm_up → sender → app → webhook → activation`, then `completed` (or `failed` with a stable code).
 *
 * Three parts: transitions.ts (every change of a job, pure), job-store.ts (serialised per-job updates,
 * saved only on change, the last written copy kept while in flight) and runner.ts (drives the steps).
 * This class is the command side: it turns each API call into an event, applies it through the store,
 * and carries out the effects (hold the ES code, run the job, wake its wait).
 *
 * Durability: every Sinch call is preceded by a persisted intent and followed by a persisted result.
 * A job with an intent but no result is reconciled by lookup (subproject by label, sender by WABA +
 * phone number id, app and webhook by listing) before anything is created again, so a crash, a lost
 * response or a retry never creates a resource twice. `start()` resumes every unfinished job.
 * Several instances on one database (`leases`): a job runs where its lease is (domain/job-leases.ts), the
 * others take over jobs whose lease expired, and hear each other's changes through `jobChanged`.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { SecretBox } from '../crypto/secret-box.js';
import type { JobLeaseRepository } from '../data/job-lease.repository.js';
import type { OnboardingRepository } from '../data/onboarding.repository.js';
import { AppError, ValidationError } from '../errors.js';
import { createLogger } from '../logger.js';
import { DEFAULT_TIMING, systemClock, type Clock, type EngineTiming } from './clock.js';
import type { EngineSettings } from './engine-settings.js';
import { JobLeases } from './job-leases.js';
import type { JobRecord } from './job.types.js';
import { JobStore } from './job-store.js';
import { nextAction } from './next-action.js';
import type { NumberLookup } from './number-lookup.js';
import { assertOneWaba } from './number-resolution.js';
import type {
  Abandonment,
  JobState,
  ListOnboardingsQuery,
  MetaLocalStorage,
  Onboarding,
  OnboardingService,
  SenderUpdate,
  Session,
  SessionInput,
  SignupResult,
} from './onboarding.types.js';
import { senderDetails } from './phone-numbers.js';
import { Runner } from './runner.js';
import { provisioningSecretAad } from './steps/provisioning-webhook.js';
import type { EngineSinch } from './steps/step-context.js';
import { initialJob, publicCopy, transition, type Effect, type JobEvent } from './transitions.js';
import { NumberVerification } from './verification.js';
import type { VerificationMethod } from './verification-state.js';

export { deriveState } from './transitions.js';

export interface OnboardingEngineDeps {
  settings: EngineSettings;
  repo: OnboardingRepository;
  /** The three Sinch API clients (see clients/sinch: createSinchClients). */
  sinch: EngineSinch;
  /** AES-256-GCM box keyed from the encryption key. */
  secretBox: SecretBox;
  logger?: Logger;
  clock?: Clock;
  timing?: Partial<EngineTiming>;
  random?: () => number;
  /** Session/job id generator (default `ses_` + 32 hex chars). */
  newId?: () => string;
  /** Several instances share the database: jobs run under leases (omitted: this process owns every job). */
  leases?: { repo: JobLeaseRepository; ttlMs?: number; owner?: string };
  /** Finds a WABA's phone numbers when a finish carried none (clients/meta: createNumberLookup). */
  numbers?: NumberLookup;
}

/** Session states in which an unused session can expire. */
const EXPIRABLE: readonly JobState[] = ['warming_up', 'awaiting_signup', 'abandoned', 'failed'];

export class OnboardingEngine implements OnboardingService {
  readonly #settings: EngineSettings;
  readonly #repo: OnboardingRepository;
  readonly #box: SecretBox;
  readonly #clock: Clock;
  readonly #timing: EngineTiming;
  readonly #newId: () => string;
  readonly #log: Logger;
  readonly #store: JobStore;
  readonly #runner: Runner;
  readonly #verification: NumberVerification;
  readonly #leases: JobLeases | undefined;
  readonly #numbers: NumberLookup | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #started = false;

  constructor(deps: OnboardingEngineDeps) {
    this.#settings = deps.settings;
    this.#repo = deps.repo;
    this.#box = deps.secretBox;
    this.#clock = deps.clock ?? systemClock;
    this.#timing = { ...DEFAULT_TIMING, ...deps.timing };
    this.#newId = deps.newId ?? (() => `ses_${randomBytes(16).toString('hex')}`);
    this.#log = (deps.logger ?? createLogger('silent')).child({ component: 'onboarding-engine' });
    this.#numbers = deps.numbers;
    this.#store = new JobStore({
      repo: deps.repo,
      isActive: (job) => nextAction(job, this.#settings).kind !== 'none',
      onListenerError: (e) => this.#log.error({ err: e }, 'onChange listener threw'),
      shared: deps.leases !== undefined,
    });
    this.#leases = deps.leases && new JobLeases({ ...deps.leases, clock: this.#clock, log: this.#log });
    this.#runner = new Runner({
      settings: deps.settings,
      store: this.#store,
      sinch: deps.sinch,
      box: deps.secretBox,
      clock: this.#clock,
      timing: this.#timing,
      random: deps.random ?? Math.random,
      log: this.#log,
      ...(this.#leases ? { leases: this.#leases } : {}),
      ...(deps.numbers ? { numbers: deps.numbers } : {}),
    });
    this.#verification = new NumberVerification({
      get: (id) => this.#store.get(id),
      apply: async (id, events) => (await this.#apply(id, events)).job,
      provisioning: deps.sinch.provisioning,
      clock: this.#clock,
      settings: deps.settings.verification,
      log: this.#log,
    });
  }

  // ---------------------------------------------------------------- public API (OnboardingService)

  async createSession(input: SessionInput, link?: { id: string }): Promise<{ session: Session; onboarding: Onboarding }> {
    const id = this.#newId();
    const now = this.#clock.now();
    const { ttlSeconds, ...rest } = input;
    const session: Session = { ...rest, id, createdAt: iso(now), expiresAt: iso(now + ttlSeconds * 1000) };
    const job = initialJob(session);
    // The session, its job and its signup link (if any) in one transaction.
    await this.#store.insert(session, job, link && { id: link.id, sessionId: id, createdAt: session.createdAt, expiresAt: session.expiresAt });
    this.#log.info({ jobId: id, kind: input.kind }, 'session created');
    this.#runner.kick(id);
    return { session, onboarding: publicCopy(job) };
  }

  getSession(id: string): Promise<Session | undefined> {
    return this.#repo.getSession(id);
  }

  async getOnboarding(id: string): Promise<Onboarding | undefined> {
    const job = await this.#store.get(id);
    return job && publicCopy(job);
  }

  async listOnboardings(q: ListOnboardingsQuery): Promise<{ items: Onboarding[]; nextPageToken?: string }> {
    let after: { createdAt: string; id: string } | undefined;
    if (q.pageToken) {
      try {
        const [createdAt, id] = JSON.parse(Buffer.from(q.pageToken, 'base64url').toString('utf8')) as [string, string];
        if (typeof createdAt !== 'string' || typeof id !== 'string') throw new Error('bad token');
        after = { createdAt, id };
      } catch {
        throw new ValidationError('pageToken is not valid', 'pageToken');
      }
    }
    const { pageToken: _, pageSize, ...filter } = q;
    const rows = await this.#repo.listJobs({ ...filter, pageSize: pageSize + 1, after });
    const items = rows.slice(0, q.pageSize).map((r) => r.onboarding);
    const last = items[items.length - 1];
    return rows.length > q.pageSize && last
      ? { items, nextPageToken: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') }
      : { items };
  }

  async submitSignup(sessionId: string, result: SignupResult): Promise<Onboarding> {
    // The one read of the session per onboarding outside the runner: its allowed regions.
    const session = await this.#repo.getSession(sessionId);
    if (!session) throw new AppError('not_found', 'No such session', 404);
    if (!session.regions.allowed.includes(result.region)) {
      throw new ValidationError(`region must be one of ${session.regions.allowed.join(', ')}`, 'region');
    }
    assertOneWaba(result);
    const { job, effects } = await this.#apply(sessionId, {
      type: 'signup_submitted',
      result,
      ...(this.#numbers ? { lookup: this.#numbers.via } : {}),
    });
    if (effects.some((e) => e.type === 'run')) {
      this.#log.info({ jobId: sessionId, event: result.event, region: result.region }, 'signup submitted');
    }
    return publicCopy(job);
  }

  async retry(id: string): Promise<Onboarding> {
    const { job } = await this.#apply(id, { type: 'retry_requested' });
    this.#log.info({ jobId: id }, 'retry requested');
    return publicCopy(job);
  }

  async addPhoneNumber(id: string, input: { phoneNumberId: string; code?: string; metaLocalStorage?: MetaLocalStorage }): Promise<Onboarding> {
    const { job } = await this.#apply(id, { type: 'phone_number_added', ...input });
    return publicCopy(job);
  }

  async selectPhoneNumbers(sessionId: string, phoneNumberIds: string[]): Promise<Onboarding> {
    const { job } = await this.#apply(sessionId, { type: 'phone_numbers_selected', phoneNumberIds });
    this.#log.info({ jobId: sessionId, picked: phoneNumberIds.length }, 'phone numbers picked');
    return publicCopy(job);
  }

  async abandon(sessionId: string, info: Abandonment): Promise<Onboarding> {
    const { job } = await this.#apply(sessionId, { type: 'abandoned', info });
    return publicCopy(job);
  }

  startVerification(id: string, input: { phoneNumberId: string; method: VerificationMethod }): Promise<Onboarding> {
    return this.#verification.start(id, input.phoneNumberId, input.method);
  }

  submitVerificationCode(id: string, input: { phoneNumberId: string; code: string }): Promise<Onboarding> {
    return this.#verification.submitCode(id, input.phoneNumberId, input.code);
  }

  onChange(listener: (o: Onboarding) => void): () => void {
    return this.#store.onChange(listener);
  }

  async handleSenderUpdate(update: SenderUpdate): Promise<void> {
    const found = await this.#repo.findJobBySenderId(update.id);
    if (!found) {
      this.#log.info({ senderId: update.id }, 'sender update for an unknown sender ignored');
      return;
    }
    const details = senderDetails(update);
    await this.#apply(found.onboarding.id, [
      { type: 'sender_update', senderId: update.id, state: update.state ?? update.changes?.status },
      ...(Object.keys(details).length > 0 ? [{ type: 'sender_details' as const, senderId: update.id, details }] : []),
    ]);
  }

  async provisioningWebhookSecret(senderId: string): Promise<string | undefined> {
    const found = await this.#repo.findJobBySenderId(senderId);
    const sealed = found?.internal.provisioningWebhook?.sealedSecret;
    if (!found || !sealed) return undefined;
    try {
      return this.#box.open(sealed, provisioningSecretAad(found.onboarding.id));
    } catch {
      this.#log.warn({ jobId: found.onboarding.id }, 'provisioning webhook secret unreadable with the current ENCRYPTION_KEY');
      return undefined;
    }
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const active = await this.#repo.listActiveJobs();
    if (active.length > 0) this.#log.info({ jobs: active.length }, 'resuming unfinished jobs');
    for (const j of active) this.#runner.kick(j.onboarding.id);
    this.#leases?.start({ onLost: (id) => this.#runner.lost(id), onOrphans: (ids) => this.#runner.kickAll(ids) });
    this.#sweepTimer = setInterval(() => {
      this.sweepExpired().catch((e: unknown) => this.#log.error({ err: e }, 'expiry sweep failed'));
    }, this.#timing.sweepIntervalMs);
    this.#sweepTimer.unref();
    await this.sweepExpired();
  }

  async stop(): Promise<void> {
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    await this.#runner.stop();
    await this.#leases?.stop();
  }

  /**
   * Another instance saved job `id` (at `version` when known; the change feed): listeners hear the change, and a
   * wait of this instance's runner on it ends.
   */
  async jobChanged(id: string, version?: number, onboarding?: Onboarding): Promise<void> {
    this.#runner.nudge(id, await this.#store.refresh(id, version, onboarding));
  }

  /** This instance's lease owner id (several instances), for logs and tests. */
  get leaseOwner(): string | undefined {
    return this.#leases?.owner;
  }

  // ---------------------------------------------------------------- extras for the HTTP layer, tests and benches

  /** Marks sessions that ended unused as expired and deletes their warm subprojects. Runs periodically after start(). */
  async sweepExpired(): Promise<number> {
    const jobs = await this.#repo.listExpiredJobs(iso(this.#clock.now()), EXPIRABLE);
    let n = 0;
    for (const job of jobs) {
      if (job.internal.signup) continue;
      await this.#apply(job.onboarding.id, { type: 'expired' });
      this.#log.info({ jobId: job.onboarding.id }, 'session expired unused');
      n++;
    }
    return n;
  }

  /** The Conversation webhook secret of an onboarding (for the ASP to verify callbacks), if one was created. */
  async getWebhookSecret(id: string): Promise<string | undefined> {
    const job = await this.#store.get(id);
    const sealed = job?.internal.sealedWebhookSecret;
    if (!sealed || !job?.onboarding.webhookId) return undefined;
    try {
      return this.#box.open(sealed, `${id}:webhook`);
    } catch {
      this.#log.warn({ jobId: id }, 'webhook secret unreadable with the current ENCRYPTION_KEY');
      return undefined;
    }
  }

  /** Resolves when no job is being worked on (tests, benches, demo). */
  idle(): Promise<void> {
    return this.#runner.idle();
  }

  // ---------------------------------------------------------------- commands → events → effects

  /** Applies an API event through the store, then carries out its effects. */
  async #apply(id: string, event: JobEvent | JobEvent[]): Promise<{ job: JobRecord; effects: Effect[] }> {
    let effects: Effect[] = [];
    const job = await this.#store.update(id, (current) => {
      const t = transition(current, event, this.#clock.now());
      effects = t.effects;
      // Before the save, so the runner can never see the job without its code.
      for (const e of effects) if (e.type === 'keep_code') this.#runner.keepCode(id, e.phoneNumberId, e.code);
      return t.job;
    });
    for (const e of effects) {
      if (e.type === 'wake') this.#runner.wake(id);
      if (e.type === 'run') this.#runner.kick(id);
    }
    return { job, effects };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
