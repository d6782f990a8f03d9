/**
 * The durable onboarding engine: one persisted job per signup session,
 * `warm_up → sender → app → webhook → activation`, then `completed` (or `failed` with a stable code).
 *
 * Durability: every Sinch call is preceded by a persisted intent and followed by a persisted result.
 * A job with an intent but no result is reconciled by lookup (subproject by label, sender by WABA +
 * phone number id, app and webhook by listing) before anything is created again, so a crash, a lost
 * response or a retry never creates a resource twice. `start()` resumes every unfinished job.
 *
 * Concurrency: one runner per job (a loop picking the next action from the stored record); every write
 * goes through a per-job serialised read-modify-write, so API calls (submitSignup, webhooks) and the
 * runner never overwrite each other. Single process per database (see TODO on leases).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { EngineSettings } from './engine-settings.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { OnboardingRepository } from '../data/onboarding.repository.js';
import { AppError, ValidationError } from '../errors.js';
import { createLogger } from '../logger.js';
import { DEFAULT_TIMING, systemClock, type Clock, type EngineTiming } from './clock.js';
import type { JobRecord, PendingNumber } from './job.types.js';
import {
  STEP_NAMES,
  type Abandonment,
  type JobState,
  type ListOnboardingsQuery,
  type MetaLocalStorage,
  type Onboarding,
  type OnboardingService,
  type SenderUpdate,
  type Session,
  type SessionInput,
  type SignupResult,
  type StepName,
} from './onboarding.types.js';
import { mapSinchError, type StepFailure } from './sinch-error-map.js';
import { followSender, runActivation, senderOutcome } from './steps/activation.step.js';
import { runApp } from './steps/app.step.js';
import { runSender, type SenderTarget } from './steps/sender.step.js';
import { getStep, SESSION_LABEL, setStep, type EngineSinch, type StepContext } from './steps/step-context.js';
import { runWarmUp } from './steps/warm-up.step.js';
import { runWebhook } from './steps/webhook.step.js';

export interface OnboardingEngineDeps {
  settings: EngineSettings;
  repo: OnboardingRepository;
  /** The three Sinch API clients (see clients/sinch: createSinchClients). */
  sinch: EngineSinch;
  /** AES-256-GCM box keyed from ENCRYPTION_KEY. */
  secretBox: SecretBox;
  logger?: Logger;
  clock?: Clock;
  timing?: Partial<EngineTiming>;
  random?: () => number;
  /** Session/job id generator (default `ses_` + 32 hex chars). */
  newId?: () => string;
}

type Action =
  | { kind: 'none' }
  | { kind: 'cleanup' }
  | { kind: 'step'; step: StepName }
  | { kind: 'extra_sender'; pending: PendingNumber }
  | { kind: 'extra_activation'; senderIds: string[] };

/** Session states in which an unused session can expire. */
const EXPIRABLE: readonly JobState[] = ['warming_up', 'awaiting_signup', 'abandoned', 'failed'];

const sessionExpired = () => new AppError('session_expired', 'The signup session has expired', 401);
const notFound = () => new AppError('not_found', 'No such onboarding', 404);

export class OnboardingEngine implements OnboardingService {
  readonly #d: Required<Omit<OnboardingEngineDeps, 'timing'>> & { timing: EngineTiming };
  readonly #log: Logger;
  readonly #listeners = new Set<(o: Onboarding) => void>();
  readonly #runners = new Map<string, { again: boolean; done: Promise<void> }>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #codes = new Map<string, string>();
  readonly #wakers = new Map<string, Set<() => void>>();
  /** Intents this process wrote (`id|key|lastAt`): their requests are over, no need to settle. */
  readonly #ownIntents = new Set<string>();
  readonly #abort = new AbortController();
  #sweepTimer: NodeJS.Timeout | undefined;
  #started = false;

  constructor(deps: OnboardingEngineDeps) {
    this.#d = {
      settings: deps.settings,
      repo: deps.repo,
      sinch: deps.sinch,
      secretBox: deps.secretBox,
      logger: deps.logger ?? createLogger('silent'),
      clock: deps.clock ?? systemClock,
      random: deps.random ?? Math.random,
      newId: deps.newId ?? (() => `ses_${randomBytes(16).toString('hex')}`),
      timing: { ...DEFAULT_TIMING, ...deps.timing },
    };
    this.#log = this.#d.logger.child({ component: 'onboarding-engine' });
  }

  // ---------------------------------------------------------------- public API (OnboardingService)

  async createSession(input: SessionInput, link?: { id: string }): Promise<{ session: Session; onboarding: Onboarding }> {
    const id = this.#d.newId();
    const now = this.#d.clock.now();
    const createdAt = new Date(now).toISOString();
    const expiresAt = new Date(now + input.ttlSeconds * 1000).toISOString();
    const { ttlSeconds: _ttl, ...rest } = input;
    const session: Session = { ...rest, id, createdAt, expiresAt };
    const job: JobRecord = {
      onboarding: {
        id,
        state: 'warming_up',
        customer: input.customer,
        phoneNumbers: [],
        steps: STEP_NAMES.map((name) => ({ name, status: 'pending', attempts: 0 })),
        createdAt,
        updatedAt: createdAt,
      },
      internal: { intents: {}, sealedBearerTokens: {}, pendingNumbers: [], expiresAt },
      version: 0,
    };
    await this.#d.repo.insertSession(session, job, link && { id: link.id, sessionId: id, createdAt, expiresAt });
    this.#log.info({ jobId: id, kind: input.kind }, 'session created');
    this.#emit(job.onboarding);
    this.#kick(id);
    return { session, onboarding: structuredClone(job.onboarding) };
  }

  getSession(id: string): Promise<Session | undefined> {
    return this.#d.repo.getSession(id);
  }

  async getOnboarding(id: string): Promise<Onboarding | undefined> {
    return (await this.#d.repo.getJob(id))?.onboarding;
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
    const rows = await this.#d.repo.listJobs({ state: q.state, pageSize: q.pageSize + 1, after });
    const items = rows.slice(0, q.pageSize).map((r) => r.onboarding);
    const last = items[items.length - 1];
    return rows.length > q.pageSize && last
      ? { items, nextPageToken: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') }
      : { items };
  }

  async submitSignup(sessionId: string, result: SignupResult): Promise<Onboarding> {
    const session = await this.#d.repo.getSession(sessionId);
    if (!session) throw new AppError('not_found', 'No such session', 404);
    if (!session.regions.allowed.includes(result.region)) {
      throw new ValidationError(`region must be one of ${session.regions.allowed.join(', ')}`, 'region');
    }
    let accepted = false;
    const job = await this.#update(sessionId, (j) => {
      const o = j.onboarding;
      const i = j.internal;
      if (i.expired) throw sessionExpired();
      if (i.signup) {
        if (i.signup.wabaId !== result.wabaId || (i.signup.phoneNumberId ?? null) !== (result.phoneNumberId ?? null)) {
          throw new AppError('signup_already_submitted', 'A different signup result was already submitted for this session', 409);
        }
        // Same ids again: a fresh code revives a sender step that failed on its code; otherwise idempotent.
        if (o.error?.step === 'sender' && (o.error.code === 'code_expired' || o.error.code === 'code_invalid')) {
          delete o.error;
          setStep(j, 'sender', { status: 'pending', endedAt: undefined });
          i.signup.withCode = true;
          accepted = true;
        }
      } else {
        if (this.#d.clock.now() > Date.parse(session.expiresAt)) throw sessionExpired();
        i.signup = {
          withCode: true,
          event: result.event,
          wabaId: result.wabaId,
          phoneNumberId: result.phoneNumberId,
          businessId: result.businessId,
          region: result.region,
          metaLocalStorage: result.metaLocalStorage,
          receivedAt: new Date(this.#d.clock.now()).toISOString(),
        };
        Object.assign(o, {
          event: result.event,
          wabaId: result.wabaId,
          phoneNumberId: result.phoneNumberId,
          businessId: result.businessId,
          region: result.region,
        });
        if (result.phoneNumberId) o.phoneNumbers.push({ phoneNumberId: result.phoneNumberId });
        if (o.error?.step === 'warm_up' && o.error.retryable) {
          // Warm-up failed before the customer arrived: the signup is the natural moment to try again.
          delete o.error;
          setStep(j, 'warm_up', { status: 'pending', endedAt: undefined });
          i.readinessFrom = new Date(this.#d.clock.now()).toISOString();
        }
        // A job that failed for good keeps the result for the record but will not use the code.
        accepted = o.error === undefined;
      }
      // Held in memory only, set before the save so the runner can never see the job without its code.
      if (accepted && result.phoneNumberId) this.#codes.set(this.#codeKey(sessionId, result.phoneNumberId), result.code);
    });
    if (accepted) {
      this.#log.info({ jobId: sessionId, event: result.event, region: result.region }, 'signup submitted');
      this.#kick(sessionId);
    }
    return job.onboarding;
  }

  async retry(id: string): Promise<Onboarding> {
    const job = await this.#update(id, (j) => {
      const e = j.onboarding.error;
      if (!e) throw new AppError('not_retryable', 'Only a failed onboarding can be retried', 409);
      if (!e.retryable) throw new AppError('not_retryable', `This failure (${e.code}) cannot be fixed by a retry`, 409);
      delete j.onboarding.error;
      setStep(j, e.step, { status: 'pending', endedAt: undefined });
      if (e.step === 'activation') delete j.internal.activationStartedAt;
      if (e.step === 'warm_up') j.internal.readinessFrom = new Date(this.#d.clock.now()).toISOString();
    });
    this.#log.info({ jobId: id }, 'retry requested');
    this.#kick(id);
    return job.onboarding;
  }

  async addPhoneNumber(
    id: string,
    input: { phoneNumberId: string; code?: string; metaLocalStorage?: MetaLocalStorage },
  ): Promise<Onboarding> {
    let accepted = false;
    const job = await this.#update(id, (j) => {
      const o = j.onboarding;
      const i = j.internal;
      if (o.phoneNumbers.some((p) => p.phoneNumberId === input.phoneNumberId && !p.error)) return;
      if (i.pendingNumbers.some((p) => p.phoneNumberId === input.phoneNumberId)) return;
      if (o.state === 'awaiting_phone_number' && i.signup) {
        i.signup.phoneNumberId = input.phoneNumberId;
        i.signup.withCode = input.code !== undefined;
        if (input.metaLocalStorage) i.signup.metaLocalStorage = input.metaLocalStorage;
        o.phoneNumberId = input.phoneNumberId;
        o.phoneNumbers.push({ phoneNumberId: input.phoneNumberId });
      } else if (o.state === 'completed' || o.state === 'running') {
        o.phoneNumbers = o.phoneNumbers.filter((p) => p.phoneNumberId !== input.phoneNumberId);
        i.pendingNumbers.push({
          phoneNumberId: input.phoneNumberId,
          withCode: input.code !== undefined,
          metaLocalStorage: input.metaLocalStorage,
          requestedAt: new Date(this.#d.clock.now()).toISOString(),
        });
        o.phoneNumbers.push({ phoneNumberId: input.phoneNumberId });
      } else {
        throw new AppError('invalid_state', `A phone number cannot be added while the onboarding is ${o.state}`, 409);
      }
      accepted = true;
      if (input.code) this.#codes.set(this.#codeKey(id, input.phoneNumberId), input.code);
    });
    if (accepted) this.#kick(id);
    return job.onboarding;
  }

  async abandon(sessionId: string, info: Abandonment): Promise<Onboarding> {
    const job = await this.#update(sessionId, (j) => {
      if (j.internal.expired) throw sessionExpired();
      // Once the ES result is in, a late CANCEL from the popup is noise.
      if (!j.internal.signup) j.onboarding.abandonment = info;
    });
    return job.onboarding;
  }

  onChange(listener: (o: Onboarding) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async handleSenderUpdate(update: SenderUpdate): Promise<void> {
    const found = await this.#d.repo.findJobBySenderId(update.id);
    if (!found) {
      this.#log.info({ senderId: update.id }, 'sender update for an unknown sender ignored');
      return;
    }
    const state = update.state ?? update.changes?.status;
    const id = found.onboarding.id;
    await this.#update(id, (j) => {
      const o = j.onboarding;
      const p = o.phoneNumbers.find((x) => x.senderId === update.id);
      if (p && state) p.senderState = state;
      if (o.senderId === update.id && state) o.senderState = state;
      // A late ACTIVE after an activation timeout finishes the job.
      if (o.error?.step === 'activation' && o.error.code === 'activation_timeout' && state === 'ACTIVE') {
        delete o.error;
        setStep(j, 'activation', { status: 'pending', endedAt: undefined });
      }
    });
    this.#wake(id);
    this.#kick(id);
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const active = await this.#d.repo.listActiveJobs();
    if (active.length > 0) this.#log.info({ jobs: active.length }, 'resuming unfinished jobs');
    for (const j of active) this.#kick(j.onboarding.id);
    this.#sweepTimer = setInterval(() => {
      this.sweepExpired().catch((e: unknown) => this.#log.error({ err: e }, 'expiry sweep failed'));
    }, this.#d.timing.sweepIntervalMs);
    this.#sweepTimer.unref();
    await this.sweepExpired();
  }

  async stop(): Promise<void> {
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    this.#abort.abort(new AppError('engine_stopped', 'Engine stopped', 503));
    await Promise.allSettled([...this.#runners.values()].map((r) => r.done));
  }

  // ---------------------------------------------------------------- extras for the HTTP layer, tests and benches

  /** Marks sessions that ended unused as expired and deletes their warm subprojects. Runs periodically after start(). */
  async sweepExpired(): Promise<number> {
    const nowIso = new Date(this.#d.clock.now()).toISOString();
    const jobs = await this.#d.repo.listExpiredJobs(nowIso, EXPIRABLE);
    let n = 0;
    for (const job of jobs) {
      if (job.internal.signup) continue;
      await this.#update(job.onboarding.id, (j) => {
        if (!j.internal.signup) j.internal.expired = true;
      });
      this.#log.info({ jobId: job.onboarding.id }, 'session expired unused');
      this.#kick(job.onboarding.id);
      n++;
    }
    return n;
  }

  /** The Conversation webhook secret of an onboarding (for the ASP to verify callbacks), if one was created. */
  async getWebhookSecret(id: string): Promise<string | undefined> {
    const job = await this.#d.repo.getJob(id);
    const sealed = job?.internal.sealedWebhookSecret;
    if (!sealed || !job?.onboarding.webhookId) return undefined;
    try {
      return this.#d.secretBox.open(sealed, `${id}:webhook`);
    } catch {
      this.#log.warn({ jobId: id }, 'webhook secret unreadable with the current ENCRYPTION_KEY');
      return undefined;
    }
  }

  /** Resolves when no job is being worked on (tests, benches, demo). */
  async idle(): Promise<void> {
    while (this.#runners.size > 0) await Promise.allSettled([...this.#runners.values()].map((r) => r.done));
  }

  // ---------------------------------------------------------------- runner

  #kick(id: string): void {
    if (this.#abort.signal.aborted) return;
    const running = this.#runners.get(id);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    this.#runners.set(id, entry);
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await this.#drive(id);
        } while (entry.again && !this.#abort.signal.aborted);
      } catch (e) {
        if (!this.#abort.signal.aborted) this.#log.error({ jobId: id, err: e }, 'job runner crashed');
      } finally {
        this.#runners.delete(id);
      }
    })();
  }

  async #drive(id: string): Promise<void> {
    const ctx = this.#context(id);
    for (;;) {
      if (this.#abort.signal.aborted) return;
      const job = await this.#d.repo.getJob(id);
      if (!job) return;
      const action = nextAction(job, this.#d.settings);
      switch (action.kind) {
        case 'none':
          return;
        case 'cleanup':
          await this.#cleanup(ctx, job);
          break;
        case 'step':
          await this.#runStep(ctx, action.step);
          break;
        case 'extra_sender':
          await this.#runExtraSender(ctx, job, action.pending);
          break;
        case 'extra_activation':
          await this.#followExtras(ctx, action.senderIds);
          break;
      }
    }
  }

  async #runStep(ctx: StepContext, step: StepName): Promise<void> {
    const { maxAttempts } = this.#d.timing.stepRetry;
    for (let attempt = 0; ; attempt++) {
      const begin = (j: JobRecord) => {
        const s = getStep(j, step);
        s.status = 'running';
        s.attempts++;
        s.startedAt ??= ctx.nowIso();
      };
      // The sender step folds this write into its intent write: one write fewer between the code's
      // arrival and create-sender (the latency bench/engine.bench.ts measures).
      if (step !== 'sender') await ctx.update(begin);
      this.#log.info({ jobId: ctx.id, step, attempt }, 'step started');
      try {
        await this.#stepBody(ctx, step, begin);
        await ctx.update((j) => {
          setStep(j, step, { status: 'done', endedAt: ctx.nowIso() });
          if (j.onboarding.steps.every((s) => s.status === 'done')) j.onboarding.completedAt = ctx.nowIso();
        });
        this.#log.info({ jobId: ctx.id, step }, 'step done');
        return;
      } catch (e) {
        if (this.#abort.signal.aborted) return; // resumed by the next start()
        const f: StepFailure = mapSinchError(step, e);
        if (f.transient && attempt + 1 < maxAttempts) {
          this.#log.warn({ jobId: ctx.id, step, errorCode: f.error.code, attempt }, 'step failed transiently; will reconcile and retry');
          await this.#sleepBackoff(attempt);
          continue;
        }
        await ctx.update((j) => {
          setStep(j, step, { status: 'failed', endedAt: ctx.nowIso() });
          j.onboarding.error = { step, ...f.error };
        });
        this.#log.warn({ jobId: ctx.id, step, errorCode: f.error.code, retryable: f.error.retryable, err: f.cause }, 'step failed');
        return;
      }
    }
  }

  #stepBody(ctx: StepContext, step: StepName, begin: (j: JobRecord) => void): Promise<void> {
    switch (step) {
      case 'warm_up':
        return runWarmUp(ctx);
      case 'sender':
        return ctx.load().then((j) => {
          const s = j.internal.signup!;
          return runSender(ctx, {
            wabaId: s.wabaId,
            phoneNumberId: s.phoneNumberId!,
            metaLocalStorage: s.metaLocalStorage,
            withCode: s.withCode,
            primary: true,
            begin,
          });
        });
      case 'app':
        return runApp(ctx);
      case 'webhook':
        return runWebhook(ctx);
      case 'activation':
        return runActivation(ctx);
    }
  }

  async #runExtraSender(ctx: StepContext, job: JobRecord, p: PendingNumber): Promise<void> {
    const target: SenderTarget = {
      wabaId: job.internal.signup!.wabaId,
      phoneNumberId: p.phoneNumberId,
      metaLocalStorage: p.metaLocalStorage,
      withCode: p.withCode,
      primary: false,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await runSender(ctx, target);
        return;
      } catch (e) {
        if (this.#abort.signal.aborted) return;
        const f = mapSinchError('sender', e);
        if (f.transient && attempt + 1 < this.#d.timing.stepRetry.maxAttempts) {
          await this.#sleepBackoff(attempt);
          continue;
        }
        await ctx.update((j) => {
          j.internal.pendingNumbers = j.internal.pendingNumbers.filter((x) => x.phoneNumberId !== p.phoneNumberId);
          const entry = j.onboarding.phoneNumbers.find((x) => x.phoneNumberId === p.phoneNumberId);
          if (entry) entry.error = { step: 'sender', ...f.error };
        });
        return;
      }
    }
  }

  async #followExtras(ctx: StepContext, senderIds: string[]): Promise<void> {
    await Promise.all(
      senderIds.map(async (senderId) => {
        // Persisted on the first wait, so a restart resumes the same activation timeout instead of a new one.
        let since = (await ctx.load()).internal.extraActivationStartedAt?.[senderId];
        if (!since) {
          const now = ctx.nowIso();
          const job = await ctx.update((j) => {
            j.internal.extraActivationStartedAt ??= {};
            j.internal.extraActivationStartedAt[senderId] ??= now;
          });
          since = job.internal.extraActivationStartedAt![senderId]!;
        }
        const patch = (fn: (p: Onboarding['phoneNumbers'][number]) => void) =>
          ctx.update((j) => {
            const p = j.onboarding.phoneNumbers.find((x) => x.senderId === senderId);
            if (p) fn(p);
          });
        try {
          await followSender(ctx, senderId, since, async (state) => {
            await patch((p) => void (p.senderState = state));
          });
          await patch((p) => void (p.senderState = 'ACTIVE'));
        } catch (e) {
          if (this.#abort.signal.aborted) return;
          const f = mapSinchError('activation', e);
          await patch((p) => void (p.error = { step: 'activation', ...f.error }));
        }
      }),
    );
  }

  async #cleanup(ctx: StepContext, job: JobRecord): Promise<void> {
    try {
      const ids = new Set<string>();
      if (job.onboarding.subprojectId) ids.add(job.onboarding.subprojectId);
      if (job.internal.intents.subproject) {
        for (const s of await this.#d.sinch.subprojects.findByLabel(SESSION_LABEL, job.onboarding.id, ctx.signal)) ids.add(s.subprojectId);
      }
      for (const sp of ids) {
        try {
          await this.#d.sinch.subprojects.delete(sp, ctx.signal);
        } catch (e) {
          if (!(e instanceof AppError && 'httpStatus' in e && e.httpStatus === 404)) throw e;
        }
      }
      await ctx.update((j) => void (j.internal.subprojectDeleted = true));
      this.#log.info({ jobId: job.onboarding.id, subprojects: [...ids] }, 'warm subproject deleted');
    } catch (e) {
      if (this.#abort.signal.aborted) return;
      // Leave it for the next sweep/start rather than spinning.
      this.#log.warn({ jobId: job.onboarding.id, err: e }, 'deleting the warm subproject failed');
      await this.#sleepBackoff(this.#d.timing.stepRetry.maxAttempts);
    }
  }

  async #sleepBackoff(attempt: number): Promise<void> {
    const { baseMs, capMs } = this.#d.timing.stepRetry;
    const ms = Math.floor(this.#d.random() * Math.min(capMs, baseMs * 2 ** attempt));
    try {
      await this.#d.clock.sleep(ms, this.#abort.signal);
    } catch {
      /* stopping */
    }
  }

  // ---------------------------------------------------------------- persistence helpers

  /** Serialised per-job read-modify-write; derives the state, persists, then notifies listeners. */
  async #update(id: string, fn: (job: JobRecord) => void): Promise<JobRecord> {
    const prev = this.#locks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.#locks.set(id, tail);
    await prev;
    try {
      const job = await this.#d.repo.getJob(id);
      if (!job) throw notFound();
      const before = JSON.stringify(job.onboarding);
      fn(job);
      job.onboarding.state = deriveState(job);
      const changed = JSON.stringify(job.onboarding) !== before;
      if (changed) job.onboarding.updatedAt = new Date(this.#d.clock.now()).toISOString();
      await this.#d.repo.saveJob(job, nextAction(job, this.#d.settings).kind !== 'none');
      if (changed) this.#emit(job.onboarding);
      return job;
    } finally {
      release();
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    }
  }

  #emit(o: Onboarding): void {
    if (this.#listeners.size === 0) return;
    // One copy shared by every listener (SSE streams can be many); listeners must not mutate it.
    const copy = structuredClone(o);
    for (const l of this.#listeners) {
      try {
        l(copy);
      } catch (e) {
        this.#log.error({ err: e }, 'onChange listener threw');
      }
    }
  }

  #codeKey(id: string, phoneNumberId: string): string {
    return `${id}\u0000${phoneNumberId}`;
  }

  #wake(id: string): void {
    for (const w of this.#wakers.get(id) ?? []) w();
  }

  #context(id: string): StepContext {
    const d = this.#d;
    const signal = this.#abort.signal;
    return {
      id,
      settings: d.settings,
      sinch: d.sinch,
      box: d.secretBox,
      clock: d.clock,
      timing: d.timing,
      random: d.random,
      log: this.#log,
      signal,
      load: async () => {
        const j = await d.repo.getJob(id);
        if (!j) throw notFound();
        return j;
      },
      session: async () => {
        const s = await d.repo.getSession(id);
        if (!s) throw notFound();
        return s;
      },
      update: (fn) => this.#update(id, fn),
      wait: (ms) => {
        const ac = new AbortController();
        const wakeUp = () => ac.abort();
        const set = this.#wakers.get(id) ?? new Set();
        set.add(wakeUp);
        this.#wakers.set(id, set);
        return d.clock
          .sleep(ms, AbortSignal.any([signal, ac.signal]))
          .catch((e: unknown) => {
            if (signal.aborted) throw e;
          })
          .finally(() => {
            set.delete(wakeUp);
            if (set.size === 0) this.#wakers.delete(id);
          });
      },
      code: (pn) => this.#codes.get(this.#codeKey(id, pn)),
      dropCode: (pn) => void this.#codes.delete(this.#codeKey(id, pn)),
      nowIso: () => new Date(d.clock.now()).toISOString(),
      recordIntent: (key, extra) =>
        this.#update(id, (j) => {
          const prev = j.internal.intents[key];
          const now = new Date(d.clock.now()).toISOString();
          j.internal.intents[key] = { at: prev?.at ?? now, lastAt: now, attempts: (prev?.attempts ?? 0) + 1 };
          this.#ownIntents.add(`${id}|${key}|${now}`);
          extra?.(j);
        }),
      settle: async (key) => {
        const j = await d.repo.getJob(id);
        const intent = j?.internal.intents[key];
        if (!intent) return;
        const lastAt = intent.lastAt ?? intent.at;
        if (this.#ownIntents.has(`${id}|${key}|${lastAt}`)) return;
        const wait = Date.parse(lastAt) + d.settings.sinchRequestTimeoutMs + 250 - d.clock.now();
        if (wait > 0) {
          this.#log.info({ jobId: id, intent: key, waitMs: wait }, 'waiting for a request of a previous run to settle before lookup');
          await d.clock.sleep(wait, signal);
        }
      },
    };
  }
}

/** The job's state, derived from its record (never set by hand). */
export function deriveState(job: JobRecord): JobState {
  const o = job.onboarding;
  const i = job.internal;
  if (i.expired) return 'expired';
  if (o.error) return 'failed';
  if (o.steps.every((s) => s.status === 'done')) return 'completed';
  const warm = getStep(job, 'warm_up').status === 'done';
  if (i.signup) return warm && !i.signup.phoneNumberId ? 'awaiting_phone_number' : 'running';
  if (o.abandonment) return 'abandoned';
  return warm ? 'awaiting_signup' : 'warming_up';
}

/** What the runner does next for a job; `none` = nothing until an outside event. */
function nextAction(job: JobRecord, settings: EngineSettings): Action {
  const o = job.onboarding;
  const i = job.internal;
  if (i.expired) {
    const leftover = !i.subprojectDeleted && (o.subprojectId !== undefined || i.intents.subproject !== undefined);
    return settings.deleteExpiredSubprojects && leftover ? { kind: 'cleanup' } : { kind: 'none' };
  }
  if (o.error) return { kind: 'none' };
  const status = (n: StepName) => getStep(job, n).status;
  if (status('warm_up') !== 'done') return { kind: 'step', step: 'warm_up' };
  if (!i.signup) return { kind: 'none' };
  if (status('sender') !== 'done') return i.signup.phoneNumberId ? { kind: 'step', step: 'sender' } : { kind: 'none' };
  for (const step of ['app', 'webhook', 'activation'] as const) if (status(step) !== 'done') return { kind: 'step', step };
  const pending = i.pendingNumbers[0];
  if (pending) return { kind: 'extra_sender', pending };
  const following = o.phoneNumbers
    .filter((p) => p.senderId && p.senderId !== o.senderId && !p.error && senderOutcome({ state: p.senderState }) === 'pending')
    .map((p) => p.senderId!);
  return following.length > 0 ? { kind: 'extra_activation', senderIds: following } : { kind: 'none' };
}
