import { z } from 'zod';
import { createRng, type Rng } from './rng.js';
import type { FaultRule, SandboxApi } from './sinch-sandbox.types.js';

const share = z.number().min(0).max(1);

/** Validates a FaultRule (from code or POST /_sandbox/faults). */
export const faultRuleSchema = z.strictObject({
  api: z.enum(['auth', 'subproject', 'provisioning', 'conversation', 'graph']).optional(),
  method: z.string().min(1).optional(),
  path: z
    .string()
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'must be a valid regular expression')
    .optional(),
  latencyMs: z.number().int().min(0).optional(),
  rate429: share.optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  rate5xx: share.optional(),
  rateHang: share.optional(),
  rateLostResponse: share.optional(),
  times: z.number().int().min(1).optional(),
});

export type FaultOutcome = '429' | '5xx' | 'hang' | 'lost';

/** The server errors a 5xx fault answers, picked evenly: 500 and 503 in the API's dialect, 502 as a gateway's page. */
export const FAULT_5XX_STATUSES = [500, 502, 503] as const;

export interface FaultDecision {
  latencyMs: number;
  outcome?: FaultOutcome;
  retryAfterSeconds: number;
  /** The status when outcome is 5xx. */
  status5xx: (typeof FAULT_5XX_STATUSES)[number];
}

interface ActiveRule {
  rule: FaultRule;
  re?: RegExp;
  hits: number;
}

/**
 * Holds the fault rules and decides, per request, what goes wrong.
 * All matching rules add their latency; the first rule whose dice roll fires picks the outcome.
 * A rule counts a hit each time it adds latency or fires, and retires after `times` hits.
 */
export class FaultEngine {
  private rules: ActiveRule[] = [];

  constructor(private rng: Rng) {}

  /** Starts the dice again from `seed`: the same requests in the same order then meet the same faults. */
  seed(seed: number): void {
    this.rng = createRng(seed);
  }

  add(rule: FaultRule): void {
    const parsed = faultRuleSchema.parse(rule);
    this.rules.push({ rule: parsed, re: parsed.path !== undefined ? new RegExp(parsed.path) : undefined, hits: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  decide(api: SandboxApi, method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, retryAfterSeconds: 1, status5xx: 500 };
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.hits >= rule.times) continue;
      if (rule.api !== undefined && rule.api !== api) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (active.re && !active.re.test(path)) continue;

      let hit = false;
      if (rule.latencyMs) {
        decision.latencyMs += rule.latencyMs;
        hit = true;
      }
      if (!decision.outcome) {
        // One roll per rule, cut into consecutive shares, so rates add up and stay deterministic per seed.
        const rates = rule.rate429 || rule.rate5xx || rule.rateHang || rule.rateLostResponse;
        if (rates) {
          const r = this.rng();
          let edge = 0;
          const pick = (rate: number | undefined, outcome: FaultOutcome): boolean => {
            edge += rate ?? 0;
            if (r < edge) {
              decision.outcome = outcome;
              return true;
            }
            return false;
          };
          if (pick(rule.rate429, '429') || pick(rule.rate5xx, '5xx') || pick(rule.rateHang, 'hang') || pick(rule.rateLostResponse, 'lost')) {
            hit = true;
            if (decision.outcome === '429') decision.retryAfterSeconds = rule.retryAfterSeconds ?? 1;
            if (decision.outcome === '5xx') decision.status5xx = FAULT_5XX_STATUSES[Math.floor(this.rng() * FAULT_5XX_STATUSES.length)]!;
          }
        }
      }
      if (hit) active.hits++;
    }
    return decision;
  }
}
