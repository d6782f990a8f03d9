/**
 * Time as the engine sees it: injected so tests and benches control it without sleeping long.
 */
import type { BackoffPolicy } from '../lib/backoff.js';
import { sleep } from '../lib/sleep.js';

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep };

/** Backoff timings of the engine's own loops (readiness, activation, retries of transient failures). */
export interface EngineTiming {
  /** Readiness probe of a new subproject. */
  readiness: { baseMs: number; capMs: number };
  /** Activation polling (GET sender). */
  activation: { baseMs: number; capMs: number };
  /** Step-level retries after transient failures (after the HTTP client's own retries), until the step's retry horizon. */
  stepRetry: { baseMs: number; capMs: number };
  /** Expiry sweep period. */
  sweepIntervalMs: number;
}

export const DEFAULT_TIMING: EngineTiming = {
  readiness: { baseMs: 250, capMs: 2_000 },
  activation: { baseMs: 1_000, capMs: 30_000 },
  stepRetry: { baseMs: 500, capMs: 10_000 },
  sweepIntervalMs: 30_000,
};

/**
 * Polls (readiness, activation) grow by 1.5× with ±20 % spread: they wait for a state that comes in its own
 * time; step retries use full jitter like the HTTP client's (lib/backoff).
 */
export const POLL: Pick<BackoffPolicy, 'factor' | 'jitter'> = { factor: 1.5, jitter: 'spread' };
export const RETRY: Pick<BackoffPolicy, 'jitter'> = { jitter: 'full' };
