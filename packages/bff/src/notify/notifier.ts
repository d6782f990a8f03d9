/**
 * ASP callbacks: every terminal state of an onboarding becomes a signed POST to NOTIFY_URL, and so do an
 * onboarding that waits for the ASP (`onboarding.action_required`, once: notify/action-required.ts) and each
 * phone number's outcome: `onboarding.number_added` / `onboarding.number_failed` for every number after the
 * first (the first one's outcome is `onboarding.completed` / `failed`), `onboarding.number_suspended` /
 * `onboarding.number_inactive` for any number Sinch suspends or deactivates (once per number, sender and status).
 * Events go through a durable outbox (SQLite) first and are retried with capped exponential backoff
 * and jitter until the ASP answers 2xx. On start, terminal onboardings without an outbox row (e.g.
 * the process died between the state change and the insert) are enqueued.
 * Several instances on one database (`claims`): an instance delivers only the events it claimed
 * (data/outbox-claim.repository.ts), so each event goes out at least once and never from two instances at once.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { TERMINAL_STATES, type Onboarding, type OnboardingService, type PhoneNumberRecord } from '../domain/onboarding.types.js';
import { isPrimary } from '../domain/phone-numbers.js';
import { backoff } from '../lib/backoff.js';
import type { Metrics } from '../metrics/metrics.js';
import type { OutboxClaimRepository } from '../data/outbox-claim.repository.js';
import type { OutboxRepository } from '../data/outbox.repository.js';
import { ACTION_REQUIRED_STATES, actionEventKey, needsAction, requiredAction, type RequiredAction } from './action-required.js';
import { NOTIFY_SIGNATURE_HEADER, signNotification } from './signature.js';

export interface NotifierOptions {
  outbox: OutboxRepository;
  engine: Pick<OnboardingService, 'onChange' | 'listOnboardings'>;
  url: string;
  secret: string;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** First retry after ~baseMs, doubling up to capMs (defaults 1 s and 10 min). */
  backoff?: { baseMs: number; capMs: number };
  /** Per-attempt timeout (10 s). */
  timeoutMs?: number;
  metrics?: Metrics;
  /** Several instances share the outbox: claim events before delivering them, as `owner`. */
  claims?: { repo: OutboxClaimRepository; owner: string };
}

/** Callback types about one phone number, by the number's status. */
const NUMBER_EVENT_TYPES = {
  active: 'onboarding.number_added',
  failed: 'onboarding.number_failed',
  suspended: 'onboarding.number_suspended',
  inactive: 'onboarding.number_inactive',
} as const;
type NumberEventType = (typeof NUMBER_EVENT_TYPES)[keyof typeof NUMBER_EVENT_TYPES];

/** Body of a callback; a number's event names the number in `data.phoneNumber`. */
export interface NotificationEvent {
  id: string;
  type: `onboarding.${'completed' | 'failed' | 'expired' | 'action_required'}` | NumberEventType;
  createdAt: string;
  /** `action`: what an `onboarding.action_required` is missing and the call that gives it; `phoneNumber`: a number's event names it. */
  data: { onboarding: Onboarding; action?: RequiredAction; phoneNumber?: PhoneNumberRecord };
}

export class Notifier {
  readonly outbox: OutboxRepository;
  private readonly o: Required<Omit<NotifierOptions, 'metrics' | 'claims'>> & Pick<NotifierOptions, 'metrics' | 'claims'>;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Number events this process has written already (the outbox ignores a repeated id anyway; this saves the write). */
  private readonly numberEvents = new Set<string>();

  constructor(opts: NotifierOptions) {
    this.o = {
      fetch: globalThis.fetch,
      now: Date.now,
      random: Math.random,
      backoff: { baseMs: 1000, capMs: 600_000 },
      timeoutMs: 10_000,
      ...opts,
    };
    this.outbox = opts.outbox;
  }

  /** Subscribes to the engine, enqueues missed terminal onboardings, and starts delivering. */
  async start(): Promise<void> {
    this.stopped = false;
    this.unsubscribe = this.o.engine.onChange((o) => {
      this.enqueueNumbers(o).then(
        (n) => n > 0 && this.kick(),
        (e: unknown) => this.o.logger.error({ onboardingId: o.id, error: e instanceof Error ? e.message : String(e) }, 'notify: enqueue failed'),
      );
      if (!TERMINAL_STATES.includes(o.state) && !needsAction(o)) return;
      // A failed insert is not lost: enqueueMissing() at the next start finds the terminal onboarding again.
      this.enqueue(o).then(
        () => this.kick(),
        (e: unknown) => this.o.logger.error({ onboardingId: o.id, error: e instanceof Error ? e.message : String(e) }, 'notify: enqueue failed'),
      );
    });
    await this.enqueueMissing();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Writes the event for this terminal state (idempotent per onboarding, state and change), or the
   * onboarding's one `action_required` while it waits for the ASP. A completed onboarding is told once per
   * completion: later changes of its numbers have their own events.
   */
  enqueue(o: Onboarding): Promise<boolean> {
    const action = needsAction(o);
    const change = o.state === 'completed' ? (o.completedAt ?? o.updatedAt) : o.updatedAt;
    const key = action ? actionEventKey(o) : `${o.id}|${o.state}|${change}`;
    const id = `evt_${createHash('sha256').update(key).digest('base64url').slice(0, 24)}`;
    const now = this.o.now();
    const event: NotificationEvent = {
      id,
      type: action ? 'onboarding.action_required' : (`onboarding.${o.state}` as NotificationEvent['type']),
      createdAt: new Date(now).toISOString(),
      data: { onboarding: o, ...(action ? { action: requiredAction(o) } : {}) },
    };
    return this.outbox.insert({ id, onboardingId: o.id, state: o.state, body: JSON.stringify(event), nextAttemptAt: now, createdAt: event.createdAt });
  }

  /** Writes the event of every phone number whose status is worth a callback (idempotent per number, sender and status). */
  async enqueueNumbers(o: Onboarding): Promise<number> {
    let n = 0;
    for (const p of o.phoneNumbers) {
      const status = p.status;
      if (status === undefined || !(status in NUMBER_EVENT_TYPES)) continue;
      const type = NUMBER_EVENT_TYPES[status as keyof typeof NUMBER_EVENT_TYPES];
      if ((type === 'onboarding.number_added' || type === 'onboarding.number_failed') && isPrimary(o, p)) continue;
      const id = `evt_${createHash('sha256').update(`${o.id}|${p.phoneNumberId}|${p.senderId ?? ''}|${status}|${p.error?.code ?? ''}`).digest('base64url').slice(0, 24)}`;
      if (this.numberEvents.has(id)) continue;
      const now = this.o.now();
      const event: NotificationEvent = { id, type, createdAt: new Date(now).toISOString(), data: { onboarding: o, phoneNumber: p } };
      const state = `${type.slice('onboarding.'.length)}:${p.phoneNumberId}`;
      if (await this.outbox.insert({ id, onboardingId: o.id, state, body: JSON.stringify(event), nextAttemptAt: now, createdAt: event.createdAt })) n++;
      this.numberEvents.add(id);
    }
    return n;
  }

  /** Terminal (or waiting-for-the-ASP) onboardings that have no outbox row for their state yet. */
  async enqueueMissing(): Promise<number> {
    let n = 0;
    for (const state of [...TERMINAL_STATES, ...ACTION_REQUIRED_STATES]) {
      let pageToken: string | undefined;
      do {
        const page = await this.o.engine.listOnboardings({ state, pageSize: 100, ...(pageToken ? { pageToken } : {}) });
        for (const o of page.items) {
          if (!(await this.outbox.hasEventFor(o.id, o.state)) && (await this.enqueue(o))) n++;
          n += await this.enqueueNumbers(o);
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
    }
    if (n > 0) this.o.logger.info({ enqueued: n }, 'notify: enqueued terminal onboardings found at start');
    return n;
  }

  /** Delivers everything due now (one run at a time); resolves when the run is over. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.deliverDue().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.flush();
      } else {
        this.schedule().catch((e: unknown) =>
          this.o.logger.error({ error: e instanceof Error ? e.message : String(e) }, 'notify: scheduling the next delivery failed'),
        );
      }
    });
    return this.running;
  }

  /**
   * An operator's redelivery: the event (same id, delivered or not) becomes due now and a delivery run starts.
   * False when there is no such event. Every attempt joins the event's attempt log (markDelivered / markFailed).
   */
  async redeliver(id: string): Promise<boolean> {
    if (!(await this.outbox.requeue(id, this.o.now()))) return false;
    this.kick();
    return true;
  }

  private kick() {
    if (!this.stopped) void this.flush();
  }

  private async schedule() {
    if (this.stopped) return;
    const next = await this.outbox.nextDueAt();
    if (this.timer) clearTimeout(this.timer);
    if (next === undefined || this.stopped) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, Math.min(next - this.o.now(), 60_000)));
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    for (;;) {
      const now = this.o.now();
      // A claim outlasts an attempt (its timeout) threefold: nobody else takes the event while it is on the wire.
      const due = this.o.claims
        ? await this.o.claims.repo.claimDue(this.o.claims.owner, now, now + 3 * this.o.timeoutMs, 20)
        : await this.outbox.due(now);
      if (due.length === 0 || this.stopped) return;
      await Promise.all(due.map((e) => this.deliver(e.id, e.body, e.attempts)));
    }
  }

  private async deliver(id: string, body: string, attempts: number): Promise<void> {
    const ts = Math.floor(this.o.now() / 1000);
    let status: number | undefined;
    let error = '';
    try {
      const res = await this.o.fetch(this.o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'whatsapp-signup-bff',
          'x-whatsapp-signup-event-id': id,
          [NOTIFY_SIGNATURE_HEADER]: signNotification(this.o.secret, body, ts),
        },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status >= 200 && status < 300) {
        await this.outbox.markDelivered(id, status, new Date(this.o.now()).toISOString());
        this.o.metrics?.notifyDeliveries.inc({ outcome: 'delivered' });
        this.o.logger.info({ eventId: id, status, attempts: attempts + 1 }, 'notify: delivered');
        return;
      }
      error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.name : 'network error';
    }
    const { baseMs, capMs } = this.o.backoff;
    const delay = backoff(attempts, { baseMs, capMs, jitter: 'equal' }, this.o.random);
    await this.outbox.markFailed(id, this.o.now() + delay, status, error, new Date(this.o.now()).toISOString());
    await this.o.claims?.repo.release(id, this.o.claims.owner);
    this.o.metrics?.notifyDeliveries.inc({ outcome: 'failed' });
    this.o.logger.warn({ eventId: id, status, error, attempts: attempts + 1, retryInMs: Math.round(delay) }, 'notify: delivery failed');
  }
}
