/**
 * Sinch documents no callback for SUSPENDED, and the engine stops following a completed onboarding's senders:
 * this slow poll (SENDER_HEALTH_POLL_MS, 0 = off) reads every completed onboarding's senders and feeds each
 * changed state, quality or name to the callback's own path (`handleSenderUpdate`: the number's status and
 * `onboarding.number_suspended` / `_inactive` to the ASP). A sender that cannot be read is skipped until the
 * next round. With several instances each one polls (the updates are idempotent).
 */
import type { Logger } from 'pino';
import { SinchApiError } from '../clients/sinch/errors.js';
import type { ProvisioningClient } from '../clients/sinch/index.js';
import type { OnboardingRepository } from '../data/onboarding.repository.js';
import type { Clock } from './clock.js';
import type { SenderUpdate } from './onboarding.types.js';
import { detailsChange, senderDetails } from './phone-numbers.js';

export interface SenderHealthDeps {
  repo: Pick<OnboardingRepository, 'listJobs'>;
  provisioning: Pick<ProvisioningClient, 'getSender'>;
  onUpdate(update: SenderUpdate): Promise<void>;
  clock: Clock;
  /** Between two rounds; 0 = off. */
  intervalMs: number;
  log: Logger;
  pageSize?: number;
}

export class SenderHealthPoll {
  readonly #d: SenderHealthDeps;
  readonly #abort = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(d: SenderHealthDeps) {
    this.#d = d;
  }

  start(): void {
    if (this.#d.intervalMs <= 0 || this.#loop) return;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        await this.#d.clock.sleep(this.#d.intervalMs, signal);
      } catch {
        return; // stopped
      }
      await this.pollOnce().catch((e: unknown) => this.#d.log.warn({ err: e }, 'sender health poll failed; next round as planned'));
    }
  }

  /** One round over every completed onboarding; resolves to the number of changes it reported. */
  async pollOnce(): Promise<number> {
    const { repo, provisioning, log } = this.#d;
    const signal = this.#abort.signal;
    let changes = 0;
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await repo.listJobs({ state: 'completed', pageSize: this.#d.pageSize ?? 100, ...(after ? { after } : {}) });
      for (const job of page) {
        const { subprojectId, phoneNumbers } = job.onboarding;
        if (!subprojectId) continue;
        for (const p of phoneNumbers) {
          if (!p.senderId || p.error || signal.aborted) continue;
          try {
            const s = await provisioning.getSender(subprojectId, p.senderId, signal);
            const state = s.state ?? s.changes?.status;
            const moved = (state !== undefined && state !== p.senderState) || Object.keys(detailsChange(p, senderDetails(s))).length > 0;
            if (!moved) continue;
            log.info({ jobId: job.onboarding.id, senderId: p.senderId, state, was: p.senderState }, 'sender changed after completion');
            await this.#d.onUpdate(s as SenderUpdate);
            changes++;
          } catch (e) {
            if (signal.aborted) return changes;
            log.warn({ jobId: job.onboarding.id, senderId: p.senderId, status: e instanceof SinchApiError ? e.httpStatus : undefined }, 'sender health check failed');
          }
        }
      }
      const last = page.at(-1);
      if (!last || page.length < (this.#d.pageSize ?? 100)) return changes;
      after = { createdAt: last.onboarding.createdAt, id: last.onboarding.id };
    }
  }
}
