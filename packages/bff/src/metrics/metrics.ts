/**
 * Prometheus text exposition, by hand: counters, one gauge family and histograms are all we need.
 * Series: HTTP requests, onboardings by state, step latencies, Sinch calls by API and status, the signup funnel's
 * stages and drop causes (funnel-meter.ts).
 */
import type { JobState, Onboarding, OnboardingService } from '../domain/onboarding.types.js';
import { JOB_STATES } from '../domain/onboarding.types.js';
import { FUNNEL_DROP_CAUSES, FUNNEL_STAGES } from '../contract/enums.js';
import type { SessionEvent } from '../data/session-event.repository.js';
import { FunnelMeter } from './funnel-meter.js';

type Labels = Record<string, string>;
const key = (l: Labels) =>
  Object.keys(l)
    .sort()
    .map((k) => `${k}="${l[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

class Counter {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(l: Labels, by = 1) {
    const k = key(l);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}{${k}} ${v}`);
    return lines.join('\n');
  }
}

class Histogram {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly bounds: number[]) {}
  observe(l: Labels, v: number) {
    const k = key(l);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    this.bounds.forEach((b, i) => {
      if (v <= b) s.buckets[i]!++;
    });
    s.sum += v;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k === '' ? '' : ',';
      this.bounds.forEach((b, i) => lines.push(`${this.name}_bucket{${k}${sep}le="${b}"} ${s.buckets[i]}`));
      lines.push(`${this.name}_bucket{${k}${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum{${k}} ${s.sum}`);
      lines.push(`${this.name}_count{${k}} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class Metrics {
  readonly httpRequests = new Counter('whatsapp_signup_http_requests_total', 'HTTP requests by method, route and status.');
  readonly httpDuration = new Histogram(
    'whatsapp_signup_http_request_duration_seconds',
    'HTTP request latency by route.',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly stepDuration = new Histogram(
    'whatsapp_signup_onboarding_step_duration_seconds',
    'Onboarding step latency by step and outcome.',
    [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  );
  readonly sinchCalls = new Counter('whatsapp_signup_sinch_calls_total', 'Outgoing Sinch API calls by API and HTTP status.');
  readonly notifyDeliveries = new Counter('whatsapp_signup_notify_deliveries_total', 'ASP callback attempts by outcome.');
  readonly funnelSessions = new Counter('whatsapp_signup_funnel_sessions_total', 'Signup sessions that reached each funnel stage (counted when first reached).');
  readonly funnelDrops = new Counter('whatsapp_signup_funnel_drops_total', "Signup sessions by drop cause (counted when a cause first becomes a session's drop).");
  readonly #funnel = new FunnelMeter({
    stage: (stage) => this.funnelSessions.inc({ stage }),
    drop: (cause) => this.funnelDrops.inc({ cause }),
  });
  private readonly states = new Map<string, JobState>();
  private readonly seenSteps = new Set<string>();
  private seeded: Promise<void> | undefined;

  /** Follows the engine so that onboardings-by-state and step latencies need no DB schema knowledge. */
  private engine: Pick<OnboardingService, 'onChange' | 'listOnboardings'> | undefined;
  constructor(engine?: Pick<OnboardingService, 'onChange' | 'listOnboardings'>) {
    // Every stage and cause from 0, so that rate() sees the first one.
    for (const stage of FUNNEL_STAGES) this.funnelSessions.inc({ stage }, 0);
    for (const cause of FUNNEL_DROP_CAUSES) this.funnelDrops.inc({ cause }, 0);
    if (engine) this.follow(engine);
  }

  /** The first report of a funnel milestone (routes/session-events.routes.ts). */
  observeMilestone(event: SessionEvent): void {
    this.#funnel.milestone(event);
  }

  /** Follows an engine created after the metrics (the Sinch transport wrapper needs metrics first). */
  follow(engine: Pick<OnboardingService, 'onChange' | 'listOnboardings'>): () => void {
    this.engine = engine;
    return engine.onChange((o) => this.onOnboarding(o));
  }

  /** Hook for the Sinch client (or a fetch wrapper): one call per upstream response. */
  observeSinchCall(api: string, status: number | 'network_error') {
    this.sinchCalls.inc({ api, status: String(status) });
  }

  observeRequest(method: string, route: string, status: number, seconds: number) {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ route }, seconds);
  }

  private onOnboarding(o: Onboarding) {
    this.states.set(o.id, o.state);
    this.#funnel.job(o);
    for (const s of o.steps) {
      if ((s.status !== 'done' && s.status !== 'failed') || !s.startedAt || !s.endedAt) continue;
      const k = `${o.id}/${s.name}/${s.attempts}/${s.status}`;
      if (this.seenSteps.has(k)) continue;
      this.seenSteps.add(k);
      const secs = (Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000;
      if (Number.isFinite(secs) && secs >= 0) this.stepDuration.observe({ step: s.name, outcome: s.status }, secs);
    }
  }

  /** Loads the current state of every onboarding once (later changes arrive through onChange). */
  private seed(): Promise<void> {
    const engine = this.engine;
    if (!engine) return Promise.resolve();
    this.seeded ??= (async () => {
      let pageToken: string | undefined;
      do {
        const page = await engine.listOnboardings({ pageSize: 100, ...(pageToken ? { pageToken } : {}) });
        for (const o of page.items) if (!this.states.has(o.id)) this.states.set(o.id, o.state);
        pageToken = page.nextPageToken;
      } while (pageToken);
    })().catch((e: unknown) => {
      this.seeded = undefined;
      throw e;
    });
    return this.seeded;
  }

  async render(): Promise<string> {
    await this.seed().catch(() => undefined);
    const counts = new Map<JobState, number>(JOB_STATES.map((s) => [s, 0]));
    for (const s of this.states.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const gauge = [
      '# HELP whatsapp_signup_onboardings Onboardings by state.',
      '# TYPE whatsapp_signup_onboardings gauge',
      ...[...counts].map(([s, n]) => `whatsapp_signup_onboardings{state="${s}"} ${n}`),
    ].join('\n');
    return (
      [
        this.httpRequests.render(),
        this.httpDuration.render(),
        gauge,
        this.stepDuration.render(),
        this.sinchCalls.render(),
        this.notifyDeliveries.render(),
        this.funnelSessions.render(),
        this.funnelDrops.render(),
      ].join('\n') + '\n'
    );
  }
}
