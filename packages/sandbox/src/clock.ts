/** The sandbox clock: wall time plus an offset that only moves forward. */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
}

/** Creates a clock that reads `Date.now()` plus the sum of every `advance()`. */
export function createClock(onAdvance?: () => void): SandboxClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance expects a finite ms >= 0 but received ${ms}`);
      offset += ms;
      onAdvance?.();
    },
  };
}

/** ISO 8601 of a sandbox-clock instant. */
export const iso = (ms: number): string => new Date(ms).toISOString();
