/**
 * The open event streams of this process: admission against the per-session and per-client caps (429
 * `too_many_streams` beyond them; a closed stream frees its slot at once) and ending every stream of a session
 * whose credentials stopped working (a revoked link). With several instances, a revocation made on another
 * instance arrives through the change feed (compose.ts joins it to `endSession`), and `sessions()` lists what
 * a resync of the feed must look at again.
 */
import type { Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../errors.js';
import { openSse, type SseOptions, type SseStream } from './sse.js';

/** Most open streams at once for one session and for one client address. */
export interface StreamLimits {
  perSession: number;
  perIp: number;
}

export const DEFAULT_STREAM_LIMITS: Readonly<StreamLimits> = Object.freeze({ perSession: 5, perIp: 50 });

export const tooManyStreams = () =>
  new AppError('too_many_streams', 'Too many open event streams; close one, or poll GET /v1/session/onboarding', 429);

export class StreamRegistry {
  readonly #limits: StreamLimits;
  readonly #bySession = new Map<string, Set<SseStream>>();
  readonly #perIp = new Map<string, number>();

  constructor(limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    this.#limits = { ...limits };
  }

  /**
   * Opens a stream for `sessionId` from client `ip` (checked and counted in one synchronous step, so parallel
   * requests cannot all slip under a cap); throws 429 `too_many_streams` when either cap is reached.
   */
  open(res: Response, who: { sessionId: string; ip: string | undefined }, opts: SseOptions = {}): SseStream {
    // IPv6 grouped by /56, as the per-IP rate limit does: one client rarely holds a single address.
    const ipKey = ipKeyGenerator(who.ip ?? 'unknown');
    const streams = this.#bySession.get(who.sessionId) ?? new Set<SseStream>();
    if (streams.size >= this.#limits.perSession || (this.#perIp.get(ipKey) ?? 0) >= this.#limits.perIp) throw tooManyStreams();
    const stream = openSse(res, opts);
    streams.add(stream);
    this.#bySession.set(who.sessionId, streams);
    this.#perIp.set(ipKey, (this.#perIp.get(ipKey) ?? 0) + 1);
    stream.onClose(() => {
      streams.delete(stream);
      if (streams.size === 0 && this.#bySession.get(who.sessionId) === streams) this.#bySession.delete(who.sessionId);
      const n = (this.#perIp.get(ipKey) ?? 1) - 1;
      if (n > 0) this.#perIp.set(ipKey, n);
      else this.#perIp.delete(ipKey);
    });
    return stream;
  }

  /** Ends every open stream of `sessionId` (its link was revoked); returns how many it ended. */
  endSession(sessionId: string): number {
    const streams = [...(this.#bySession.get(sessionId) ?? [])];
    for (const s of streams) s.close();
    return streams.length;
  }

  /** The sessions with an open stream here. */
  sessions(): string[] {
    return [...this.#bySession.keys()];
  }

  /** Open streams: of one session, or all. */
  count(sessionId?: string): number {
    if (sessionId !== undefined) return this.#bySession.get(sessionId)?.size ?? 0;
    let n = 0;
    for (const s of this.#bySession.values()) n += s.size;
    return n;
  }
}
