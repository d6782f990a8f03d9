import { iso, type SandboxClock } from './clock.js';
import { senderDto } from './sender-dto.js';
import { signBody } from './signing.js';
import type { ProvisioningWebhookRecord, SandboxState, SenderRecord } from './state.js';

const MAX_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 250;
const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Watches sender states (computed lazily from the sandbox clock) and POSTs signed
 * `{type: WHATSAPP_SENDER_ACTIVE|WHATSAPP_SENDER_ERROR, payload}` callbacks to the project's provisioning webhooks.
 * A cheap unref'd timer notices due activations, so callbacks fire without anyone polling.
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

  /** Announces every state change since the last check. */
  check(): void {
    if (this.closed) return;
    const now = this.clock.now();
    for (const s of this.state.senders.values()) {
      const st = this.state.senderState(s, now);
      if (st === s.notifiedState) continue;
      s.notifiedState = st;
      if (st === 'ACTIVE' || st === 'ERROR' || st === 'PENDING_VERIFICATION') this.notify(s, `WHATSAPP_SENDER_${st}`, now);
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

  private notify(s: SenderRecord, type: string, now: number): void {
    const body = JSON.stringify({ type, payload: senderDto(this.state, s, now) });
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
    if ((status < 200 || status >= 300) && attempt < MAX_ATTEMPTS) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.deliver(wh, type, senderId, body, attempt + 1);
      }, BASE_BACKOFF_MS * 2 ** (attempt - 1));
      t.unref();
      this.timers.add(t);
    }
  }
}
