import { iso, type SandboxClock } from './clock.js';
import { senderDto } from './sender-dto.js';
import { foldSender, senderSteps, triggersOf } from './sender-lifecycle.js';
import { signBody } from './signing.js';
import type { ProvisioningWebhookRecord, SandboxState, SenderRecord } from './state.js';

const MAX_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 250;
const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Announces every step of a sender's life (sender-lifecycle.ts) to the provisioning webhooks registered in
 * the sender's project whose triggers include the step's type (or `ALL`): a signed POST of
 * `{type, payload: the sender as it was after that step, comment?}`. A cheap unref'd timer notices due
 * activations, so callbacks fire without anyone polling. Nothing goes anywhere but registered webhooks.
 */
export class ProvisioningNotifier {
  private interval?: NodeJS.Timeout;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();

  constructor(
    private readonly state: SandboxState,
    private readonly clock: SandboxClock,
  ) {}

  start(everyMs = 200): void {
    this.interval = setInterval(() => this.check(), everyMs);
    this.interval.unref();
  }

  /** Announces every step since the last check. */
  check(): void {
    if (this.closed) return;
    const now = this.clock.now();
    for (const s of this.state.senders.values()) {
      const steps = senderSteps(this.state, s, now);
      for (let i = s.announced; i < steps.length; i++) {
        const step = steps[i]!;
        const prev = foldSender(s, steps.slice(0, i));
        const next = foldSender(s, steps.slice(0, i + 1));
        for (const type of triggersOf(prev, step, next)) this.notify(s, type, senderDto(this.state, s, now, { view: next }), step.comment);
      }
      s.announced = steps.length;
    }
  }

  /** Stops the timer, pending retries and in-flight deliveries. */
  close(): void {
    this.closed = true;
    clearInterval(this.interval);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inflight) c.abort();
    this.inflight.clear();
  }

  private notify(s: SenderRecord, type: string, payload: unknown, comment: string | undefined): void {
    const body = JSON.stringify({ type, payload, ...(comment !== undefined ? { comment } : {}) });
    for (const wh of this.state.provisioningWebhooks.values()) {
      if (wh.projectId !== s.projectId) continue;
      if (!wh.triggers.includes('ALL') && !wh.triggers.includes(type)) continue;
      void this.deliver(wh, type, s.id, body, 1);
    }
  }

  private async deliver(wh: ProvisioningWebhookRecord, type: string, senderId: string, body: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    timeout.unref();
    let status = 0;
    try {
      // The webhook's secret as it is now: a PUT/PATCH between attempts signs the retry with the new one.
      const res = await fetch(wh.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signBody(wh.secret, body) },
        body,
        signal: controller.signal,
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
    } catch {
      status = 0;
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
    if (this.closed) return;
    this.state.deliveries.push({ at: iso(this.clock.now()), webhookId: wh.id, target: wh.target, type, senderId, attempt, status });
    if ((status < 200 || status >= 300) && attempt < MAX_ATTEMPTS && this.state.provisioningWebhooks.get(wh.id) === wh) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.deliver(wh, type, senderId, body, attempt + 1);
      }, BASE_BACKOFF_MS * 2 ** (attempt - 1));
      t.unref();
      this.timers.add(t);
    }
  }
}
