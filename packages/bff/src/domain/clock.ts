/**
 * Time as the engine sees it: injected so tests and benches control it without sleeping long.
 */
import { realSleep } from '../clients/sinch/http.js';

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: realSleep };

/** Backoff timings of the engine's own loops (readiness, activation, retries of transient failures). */
export interface EngineTiming {
  /** Readiness probe of a new subproject. */
  readiness: { baseMs: number; capMs: number };
  /** Activation polling (GET sender). */
  activation: { baseMs: number; capMs: number };
  /** Step-level retries after transient failures (after the HTTP client's own retries). */
  stepRetry: { baseMs: number; capMs: number; maxAttempts: number };
  /** Expiry sweep period. */
  sweepIntervalMs: number;
}

export const DEFAULT_TIMING: EngineTiming = {
  readiness: { baseMs: 250, capMs: 2_000 },
  activation: { baseMs: 1_000, capMs: 30_000 },
  stepRetry: { baseMs: 500, capMs: 10_000, maxAttempts: 5 },
  sweepIntervalMs: 30_000,
};

/** Capped exponential growth with ±20 % jitter (polling loops; retries use full jitter in the client). */
export function pollDelay(attempt: number, t: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const d = Math.min(t.capMs, t.baseMs * 1.5 ** attempt);
  return Math.round(d * (0.8 + 0.4 * random()));
}
