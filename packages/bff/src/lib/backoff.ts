/**
 * The one backoff formula: capped exponential growth, `min(capMs, baseMs · factor^attempt)`, then jittered.
 * Every retry and poll loop uses it (Sinch HTTP retries, the engine's step retries and polls, the notifier).
 */

/**
 * How the delay is spread, so that many clients backing off together do not retry in lockstep:
 * - `full`:   uniform in [0, d) (AWS "full jitter": retries of failed calls, where an early retry is harmless);
 * - `equal`:  uniform in [d/2, d) (callbacks to an ASP: never hammer a receiver that just failed);
 * - `spread`: d ± 20 % (polls of a state that changes in its own time: keep the rhythm, lose the lockstep).
 */
export type Jitter = 'full' | 'equal' | 'spread';

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  jitter: Jitter;
}

/** Exponents beyond this are all at the cap anyway; clamping keeps `base · factor^n` finite. */
const MAX_EXPONENT = 64;

/** Delay in whole ms before the next try, `attempt` = tries already failed (0-based). */
export function backoff(attempt: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const d = Math.min(p.capMs, p.baseMs * (p.factor ?? 2) ** Math.min(Math.max(attempt, 0), MAX_EXPONENT));
  switch (p.jitter) {
    case 'full':
      return Math.floor(random() * d);
    case 'equal':
      return Math.round(d * (0.5 + random() / 2));
    case 'spread':
      return Math.round(d * (0.8 + 0.4 * random()));
  }
}
