/**
 * The runner: one loop per job that picks the next action from the job as last written (nextAction) and
 * drives the steps, retrying transient failures with backoff. Steps get the job and the session from here
 * (the session is read at most once per run) and report what happened as events (transitions.ts).
 * Durability lives in the steps' order of writes: an intent is persisted before each creating Sinch call,
 * and an intent without a result is reconciled by lookup (after `settle`) before anything is created again.
 * With several instances on one database (`leases`), a job runs only under its lease (domain/job-leases.ts).
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { SecretBox } from '../crypto/secret-box.js';
import { AppError } from '../errors.js';
import { backoff } from '../lib/backoff.js';
import { RETRY, type Clock, type EngineTiming } from './clock.js';
import { ES_CODE_LIFE_MS, retryHorizonMs, type EngineSettings } from './engine-settings.js';
import { codeElsewhere, LeaseLost, type JobLeases } from './job-leases.js';
import type { JobRecord } from './job.types.js';
import { notFound, type JobStore } from './job-store.js';
import { nextAction } from './next-action.js';
import type { Session, StepName } from './onboarding.types.js';
import { runNumber } from './number-pipeline.js';
import { primaryTarget } from './phone-numbers.js';
import { mapSinchError, type StepFailure } from './sinch-error-map.js';
import { runActivation } from './steps/activation.step.js';
import type { NumberLookup } from './number-lookup.js';
import { runApp } from './steps/app.step.js';
import { UNRESOLVED_NUMBER } from './number-resolution.js';
import { runNumberLookup } from './steps/numbers.step.js';
import { runSender } from './steps/sender.step.js';
import { SESSION_LABEL, type EngineSinch, type StepContext } from './steps/step-context.js';
import { runWarmUp } from './steps/warm-up.step.js';
import { runWebhook } from './steps/webhook.step.js';
import { transition, type JobEvent } from './transitions.js';

export interface RunnerDeps {
  settings: EngineSettings;
  store: JobStore;
  sinch: EngineSinch;
  box: SecretBox;
  clock: Clock;
  timing: EngineTiming;
  random: () => number;
  log: Logger;
  /** Several instances share the database: run a job only while holding its lease. */
  leases?: JobLeases;
  /** Finds a WABA's numbers when a finish carried none (unset: the job waits for the ASP to add one). */
  numbers?: NumberLookup;
}

export class Runner {
  readonly #d: RunnerDeps;
  readonly #runs = new Map<string, { again: boolean; done: Promise<void>; stop: AbortController; kicked?: () => void }>();
  /** Additional numbers' pipelines in flight, by job and phone number id (they run side by side). */
  readonly #numbers = new Map<string, Map<string, Promise<void>>>();
  /** Jobs another instance holds while this one has their ES code: kicked again when their lease may be free (by id: since). */
  readonly #wanted = new Map<string, number>();
  readonly #wakers = new Map<string, Set<() => void>>();
  /** ES codes by job and phone number, with when they arrived: memory only, never stored, dropped at the code's life. */
  readonly #codes = new Map<string, { code: string; at: number }>();
  /** Intents this process wrote (`id|key|lastAt`): their requests are over, no need to settle. */
  readonly #ownIntents = new Set<string>();
  readonly #abort = new AbortController();

  constructor(d: RunnerDeps) {
    this.#d = d;
    // Every job's waits listen on this one signal: many jobs at once are expected, not a leak.
    setMaxListeners(0, this.#abort.signal);
  }

  /** Starts the job's loop, or makes a running one look again when its current action ends. */
  kick(id: string): void {
    if (this.#abort.signal.aborted) return;
    const running = this.#runs.get(id);
    if (running) {
      running.again = true;
      running.kicked?.();
      return;
    }
    const entry = { again: false, done: Promise.resolve(), stop: new AbortController() };
    this.#runs.set(id, entry);
    this.#d.store.hold(id);
    entry.done = (async () => {
      const ctx = this.#context(id, entry.stop.signal);
      const leases = this.#d.leases;
      let leased = false;
      try {
        if (leases) {
          const claimed = await leases.acquire(id);
          if (!claimed) return this.#wantIfCoded(id);
          leased = true;
          this.#wanted.delete(id);
          this.#d.store.prime(claimed);
        }
        do {
          entry.again = false;
          await this.#drive(ctx);
        } while (entry.again && !ctx.signal.aborted);
      } catch (e) {
        if (e instanceof LeaseLost) this.#d.log.info({ jobId: id }, 'job lease lost; another instance continues the job');
        else if (!ctx.signal.aborted) this.#d.log.error({ jobId: id, err: e }, 'job runner crashed');
      } finally {
        if (leased) await leases!.release(id).catch((e: unknown) => this.#d.log.warn({ jobId: id, err: e }, 'releasing a job lease failed'));
        this.#runs.delete(id);
        this.#d.store.release(id);
        // A kick that came while the lease was being given up.
        if (entry.again && !entry.stop.signal.aborted) this.kick(id);
      }
    })();
  }

  /** Cuts short the job's current wait (a sender state arrived). */
  wake(id: string): void {
    for (const w of this.#wakers.get(id) ?? []) w();
  }

  /**
   * The change feed saw job `id` saved (`changed`: by another instance): wake its wait here, and try again for
   * a job whose code this instance has (its lease may be free now).
   */
  nudge(id: string, changed: boolean): void {
    if (changed) this.wake(id);
    if (this.#wanted.has(id)) this.kick(id);
  }

  /** Another instance took the job's lease: stop working on it here (its writes would fail anyway). */
  lost(id: string): void {
    this.#runs.get(id)?.stop.abort(new LeaseLost(id));
  }

  /** Kicks the given jobs (orphans of the lease sweep) and the wanted ones whose code may still be good. */
  kickAll(ids: Iterable<string>): void {
    for (const id of ids) this.kick(id);
    const stale = this.#d.clock.now() - WANT_FOR_MS;
    for (const [id, since] of this.#wanted) {
      if (since < stale) this.#wanted.delete(id);
      else this.kick(id);
    }
  }

  /** Another instance holds the job: if this one has an ES code for it, it asks again when the lease may be free. */
  #wantIfCoded(id: string): void {
    const prefix = codeKey(id, '');
    for (const k of this.#codes.keys()) {
      if (k.startsWith(prefix)) return void this.#wanted.set(id, this.#wanted.get(id) ?? this.#d.clock.now());
    }
  }

  keepCode(id: string, phoneNumberId: string, code: string): void {
    this.#codes.set(codeKey(id, phoneNumberId), { code, at: this.#d.clock.now() });
  }

  /** Resolves when no job is being worked on. */
  async idle(): Promise<void> {
    while (this.#runs.size > 0) await Promise.allSettled([...this.#runs.values()].map((r) => r.done));
  }

  async stop(): Promise<void> {
    this.#abort.abort(new AppError('engine_stopped', 'Engine stopped', 503));
    await Promise.allSettled([...this.#runs.values()].map((r) => r.done));
    await Promise.allSettled([...this.#numbers.values()].flatMap((m) => [...m.values()]));
  }

  async #drive(ctx: StepContext): Promise<void> {
    for (;;) {
      if (ctx.signal.aborted) return;
      const job = await this.#d.store.get(ctx.id);
      if (!job) return;
      const action = nextAction(job, this.#d.settings);
      if (this.#d.leases && this.#d.settings.unconfirmed.sendAuthCode && codeElsewhere(job, action, (pn) => this.#codes.has(codeKey(ctx.id, pn)), this.#d.clock.now())) {
        // The customer's code reached another instance, which waits for this lease: give the job to it.
        this.#d.log.info({ jobId: ctx.id }, 'the ES code is with another instance; leaving the job to it');
        return;
      }
      switch (action.kind) {
        case 'none':
          return;
        case 'cleanup':
          await this.#cleanup(ctx);
          break;
        case 'step':
          await this.#runStep(ctx, action.step);
          break;
        case 'resolve_numbers':
          await runNumberLookup(ctx, this.#d.numbers);
          break;
        case 'numbers':
          await this.#runNumbers(ctx, action.phoneNumberIds);
          break;
      }
    }
  }

  async #runStep(ctx: StepContext, step: StepName): Promise<void> {
    const begin: JobEvent = { type: 'step_started', step };
    const failure = await this.#retrying(ctx, step, async (attempt) => {
      // The sender step folds this write into its intent write: one write fewer between the code's
      // arrival and create-sender (the latency bench/engine.bench.ts measures).
      if (step !== 'sender') await ctx.apply(begin);
      this.#d.log.info({ jobId: ctx.id, step, attempt }, 'step started');
      await this.#stepBody(ctx, step, begin);
      await ctx.apply({ type: 'step_done', step });
      this.#d.log.info({ jobId: ctx.id, step }, 'step done');
    });
    if (!failure) return;
    await ctx.apply({ type: 'step_failed', step, error: failure.error });
    this.#d.log.warn({ jobId: ctx.id, step, errorCode: failure.error.code, retryable: failure.error.retryable, err: failure.cause }, 'step failed');
  }

  /**
   * Runs `body` again after retryable failures, with capped backoff, for as long as the step's retry horizon
   * allows (engine-settings.ts), counted from the first failure of the window `windowKey` (persisted in the
   * job, so a restart keeps counting). Each attempt reconciles before it creates. Resolves to the failure to
   * record (non-retryable, or the horizon passed), or undefined when `body` succeeded or the engine is
   * stopping (the next start() resumes the job).
   */
  async #retrying(ctx: StepContext, step: StepName, body: (attempt: number) => Promise<void>, windowKey: string = step): Promise<StepFailure | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        await body(attempt);
        return undefined;
      } catch (e) {
        if (ctx.signal.aborted) return undefined;
        if (e instanceof LeaseLost) throw e;
        const f = mapSinchError(step, e);
        if (!f.transient) return f;
        const from = ctx.job.internal.retryFrom?.[windowKey] ?? (await ctx.apply({ type: 'retry_window_opened', key: windowKey })).internal.retryFrom![windowKey]!;
        const retryingMs = this.#d.clock.now() - Date.parse(from);
        const horizonMs = retryHorizonMs(this.#d.settings, step);
        if (retryingMs >= horizonMs) {
          this.#d.log.warn({ jobId: ctx.id, step, errorCode: f.error.code, attempt, retryingMs, horizonMs }, 'step still failing at its retry horizon');
          return f;
        }
        this.#d.log.warn({ jobId: ctx.id, step, errorCode: f.error.code, attempt, retryingMs }, 'step failed transiently; will reconcile and retry');
        await this.#sleepBackoff(attempt, ctx.signal);
      }
    }
  }

  #stepBody(ctx: StepContext, step: StepName, begin: JobEvent): Promise<void> {
    switch (step) {
      case 'warm_up':
        return runWarmUp(ctx);
      case 'sender': {
        const s = ctx.job.internal.signup!;
        return runSender(ctx, {
          wabaId: s.wabaId,
          phoneNumberId: s.phoneNumberId!,
          metaLocalStorage: s.metaLocalStorage,
          withCode: s.withCode,
          primary: true,
          begin,
        });
      }
      case 'app':
        return runApp(ctx, primaryTarget(ctx.job));
      case 'webhook':
        return runWebhook(ctx, primaryTarget(ctx.job));
      case 'activation':
        return runActivation(ctx, primaryTarget(ctx.job));
    }
  }

  /**
   * Starts the pipeline of every listed number not already running, then waits until they have all ended or
   * the job is kicked (a number added meanwhile starts at once instead of waiting behind another's activation).
   * Each number's stages retry in their own window (`<step>:<phoneNumberId>`).
   */
  async #runNumbers(ctx: StepContext, phoneNumberIds: string[]): Promise<void> {
    const running = this.#numbers.get(ctx.id) ?? new Map<string, Promise<void>>();
    this.#numbers.set(ctx.id, running);
    for (const pn of phoneNumberIds) {
      if (running.has(pn)) continue;
      const task = runNumber(ctx, pn, (step, body) => this.#retrying(ctx, step, body, `${step}:${pn}`))
        .catch((e: unknown) => {
          if (e instanceof LeaseLost) this.lost(ctx.id);
          else if (!ctx.signal.aborted) this.#d.log.error({ jobId: ctx.id, phoneNumberId: pn, err: e }, 'number pipeline crashed');
        })
        .finally(() => {
          running.delete(pn);
          if (running.size === 0) this.#numbers.delete(ctx.id);
        });
      running.set(pn, task);
    }
    const entry = this.#runs.get(ctx.id);
    const kicked = new Promise<void>((resolve) => {
      if (entry) entry.kicked = resolve;
    });
    await Promise.race([Promise.allSettled([...running.values()]), kicked]);
    if (entry) entry.kicked = undefined;
  }

  async #cleanup(ctx: StepContext): Promise<void> {
    const job = ctx.job;
    try {
      const ids = new Set<string>();
      if (job.onboarding.subprojectId) ids.add(job.onboarding.subprojectId);
      if (job.internal.intents.subproject) {
        for (const s of await this.#d.sinch.subprojects.findByLabel(SESSION_LABEL, ctx.id, ctx.signal)) ids.add(s.subprojectId);
      }
      for (const sp of ids) {
        try {
          await this.#d.sinch.subprojects.delete(sp, ctx.signal);
        } catch (e) {
          if (!(e instanceof AppError && 'httpStatus' in e && e.httpStatus === 404)) throw e;
        }
      }
      await ctx.apply({ type: 'subproject_deleted' });
      this.#d.log.info({ jobId: ctx.id, subprojects: [...ids] }, 'warm subproject deleted');
    } catch (e) {
      if (ctx.signal.aborted || e instanceof LeaseLost) return;
      // Leave it for the next sweep/start rather than spinning.
      this.#d.log.warn({ jobId: ctx.id, err: e }, 'deleting the warm subproject failed');
      await this.#sleepBackoff(Number.POSITIVE_INFINITY, ctx.signal); // at the cap
    }
  }

  async #sleepBackoff(attempt: number, signal: AbortSignal = this.#abort.signal): Promise<void> {
    const ms = backoff(attempt, { ...this.#d.timing.stepRetry, ...RETRY }, this.#d.random);
    try {
      await this.#d.clock.sleep(ms, signal);
    } catch {
      /* stopping */
    }
  }

  /** Records the runner's own events: no effects to carry out (it is running, and its waits are its own). */
  #apply(id: string, events: JobEvent[]): Promise<JobRecord> {
    const leases = this.#d.leases;
    const guard = leases && (() => leases.guard(id).catch((e: unknown) => (this.lost(id), Promise.reject(e))));
    return this.#d.store.update(id, (job) => transition(job, events, this.#d.clock.now()).job, guard);
  }

  #context(id: string, stop: AbortSignal): StepContext {
    const d = this.#d;
    const signal = AbortSignal.any([this.#abort.signal, stop]);
    const nowIso = () => new Date(d.clock.now()).toISOString();
    let session: Promise<Session> | undefined;
    const current = () => {
      const j = d.store.peek(id);
      if (!j) throw notFound();
      return j;
    };
    return {
      id,
      settings: d.settings,
      sinch: d.sinch,
      box: d.box,
      clock: d.clock,
      timing: d.timing,
      random: d.random,
      log: d.log,
      signal,
      get job() {
        return current();
      },
      session: () =>
        (session ??= d.store.repo.getSession(id).then((s) => {
          if (!s) throw notFound();
          return s;
        })),
      apply: (...events) => this.#apply(id, events),
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
      code: (pn) => {
        const held = this.#codes.get(codeKey(id, pn));
        // Past its life the code is worthless (Sinch would answer code_expired): the sender step's limit.
        if (held && d.clock.now() - held.at < ES_CODE_LIFE_MS) return held.code;
        this.#codes.delete(codeKey(id, pn));
        return undefined;
      },
      keepCode: (pn, code) => {
        // A code moved to the number a lookup found keeps its age: it dies 30 s after it arrived, wherever held.
        const unresolved = this.#codes.get(codeKey(id, UNRESOLVED_NUMBER));
        this.#codes.set(codeKey(id, pn), { code, at: unresolved?.code === code ? unresolved.at : d.clock.now() });
      },
      dropCode: (pn) => void this.#codes.delete(codeKey(id, pn)),
      nowIso,
      recordIntent: async (key, ...also) => {
        const job = await this.#apply(id, [...also, { type: 'intent_recorded', key }]);
        const intent = job.internal.intents[key]!;
        this.#ownIntents.add(`${id}|${key}|${intent.lastAt ?? intent.at}`);
        return job;
      },
      settle: async (key) => {
        const intent = current().internal.intents[key];
        if (!intent) return;
        const lastAt = intent.lastAt ?? intent.at;
        if (this.#ownIntents.has(`${id}|${key}|${lastAt}`)) return;
        const wait = Date.parse(lastAt) + d.settings.sinchRequestTimeoutMs + 250 - d.clock.now();
        if (wait > 0) {
          d.log.info({ jobId: id, intent: key, waitMs: wait }, 'waiting for a request of a previous run to settle before lookup');
          await d.clock.sleep(wait, signal);
        }
      },
    };
  }
}

const codeKey = (id: string, phoneNumberId: string) => `${id}\u0000${phoneNumberId}`;
/** How long an instance with a job's code keeps asking for its lease: past the code's life it is useless. */
const WANT_FOR_MS = 2 * ES_CODE_LIFE_MS;
