/**
 * The one HTTP path to Sinch: auth header, timeout on every call (AbortSignal), keep-alive transport,
 * retries with capped exponential backoff and full jitter honouring Retry-After, one token refresh on 401.
 *
 * Creating POSTs (`unsafe: true`) are retried only when Sinch certainly did not act (429, or a 401 before
 * re-auth). After a timeout, a lost response or a 5xx their outcome is unknown, so the error goes up and
 * the engine reconciles by lookup before creating again (Sinch has no idempotency keys).
 */
import http from 'node:http';
import https from 'node:https';
import nodeFetch from 'node-fetch';
import type { Logger } from 'pino';
import { abortAfter } from '../../lib/abort-after.js';
import { backoff } from '../../lib/backoff.js';
import { sleep as realSleep, type Sleep } from '../../lib/sleep.js';
import { classifySinchError } from './classify.js';
import { SinchApiError, SinchTransportError, parseRetryAfter, parseSinchErrorBody, type SinchApi } from './errors.js';

export type { Sleep };

/** The minimal response shape both transports provide. */
export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface TransportInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export type Transport = (url: string, init: TransportInit) => Promise<TransportResponse>;

/** Node's built-in fetch (undici); keeps connections alive by default. */
export const builtinFetchTransport: Transport = (url, init) => fetch(url, init);

/** node-fetch with a keep-alive agent per protocol. */
export function nodeFetchTransport(maxSockets = 256): Transport {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  return (url, init) => {
    // node-fetch 3, given a signal that is already aborted, destroys the request's body stream with an
    // error that nothing listens to: an uncaught exception (seen when the engine stops between getting a
    // token and sending a POST). Refuse before it can.
    if (init.signal.aborted) return Promise.reject(init.signal.reason);
    return nodeFetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: init.signal as never,
      agent: (u: URL) => (u.protocol === 'http:' ? httpAgent : httpsAgent),
    }) as unknown as Promise<TransportResponse>;
  };
}

/**
 * The transport the client uses by default, chosen by bench/fetch.bench.ts: node-fetch with a keep-alive
 * agent served ~5 % more requests/s than Node 20's built-in fetch against the sandbox (both keep-alive;
 * the gap is largest at concurrency 1, ~15 %, where the engine's sequential steps live).
 */
export const defaultTransport: Transport = nodeFetchTransport();

/** Supplies the Authorization header; `invalidate` drops a header Sinch refused with 401. */
export interface AuthProvider {
  header(): Promise<string>;
  invalidate(header: string): void;
}

export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  capMs: number;
  /** A Retry-After longer than this ends the retries (the error goes up instead). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseMs: 200, capMs: 10_000, maxRetryAfterMs: 30_000 };

/** Capped exponential backoff with full jitter (lib/backoff), never shorter than Retry-After. */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const jittered = backoff(attempt, { baseMs: policy.baseMs, capMs: policy.capMs, jitter: 'full' }, random);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

export interface SinchHttpOptions {
  auth: AuthProvider;
  transport?: Transport;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** A creating POST: not retried when the outcome is unknown. */
  unsafe?: boolean;
  /** Refresh the token and repeat once on 401 (default true; readiness probes turn it off). */
  reauthOn401?: boolean;
  /** Override the retry count of this call (e.g. 0 for probes that have their own loop). */
  maxRetries?: number;
  signal?: AbortSignal;
}

/** Counters for benchmarks and tests. */
export interface SinchHttpStats {
  requests: number;
  retries: number;
  reauths: number;
}

export class SinchHttp {
  readonly stats: SinchHttpStats = { requests: 0, retries: 0, reauths: 0 };
  readonly #o: Required<Omit<SinchHttpOptions, 'logger' | 'retry'>> & { retry: RetryPolicy; logger?: Logger };

  constructor(o: SinchHttpOptions) {
    this.#o = {
      auth: o.auth,
      transport: o.transport ?? defaultTransport,
      timeoutMs: o.timeoutMs,
      retry: { ...DEFAULT_RETRY, ...o.retry },
      sleep: o.sleep ?? realSleep,
      random: o.random ?? Math.random,
      logger: o.logger,
    };
  }

  async request<T>(api: SinchApi, method: string, url: string, opts: RequestOptions = {}): Promise<T> {
    const u = new URL(url);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    const path = u.pathname;
    const { retry, transport, auth, sleep, random, logger } = this.#o;
    let reauthed = false;
    for (let attempt = 0; ; attempt++) {
      const authHeader = await auth.header();
      const headers: Record<string, string> = { authorization: authHeader, accept: 'application/json' };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      // Covers the answer's body too, and must fire whatever happens meanwhile (lib/abort-after.ts).
      const deadline = abortAfter(this.#o.timeoutMs, opts.signal);
      const started = performance.now();
      let res: TransportResponse | null = null;
      let text = '';
      let failure: SinchApiError | SinchTransportError;
      this.stats.requests++;
      try {
        res = await transport(u.toString(), {
          method,
          headers,
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          signal: deadline.signal,
        });
        text = await res.text();
      } catch (e) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        res = null;
        failure = new SinchTransportError(api, method, path, deadline.signal.aborted ? 'timeout' : 'network', e);
      } finally {
        deadline.clear();
      }
      const ms = Math.round(performance.now() - started);
      if (res) {
        logger?.debug({ api, method, path, status: res.status, ms, attempt }, 'sinch call');
        if (res.status >= 200 && res.status < 300) {
          return (text.length > 0 ? JSON.parse(text) : undefined) as T;
        }
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
        failure = new SinchApiError(api, method, path, res.status, parseSinchErrorBody(text), retryAfterMs);
        if (res.status === 401 && !reauthed && api !== 'auth' && opts.reauthOn401 !== false) {
          // An expired/revoked token: drop it and try once more with a fresh one (not counted as a retry).
          reauthed = true;
          this.stats.reauths++;
          auth.invalidate(authHeader);
          attempt--;
          continue;
        }
      } else {
        logger?.debug({ api, method, path, ms, attempt, kind: failure!.name }, 'sinch call failed');
      }
      const retryAfterMs = failure! instanceof SinchApiError ? failure.retryAfterMs : undefined;
      if (
        attempt >= (opts.maxRetries ?? retry.maxRetries) ||
        !classifySinchError(failure!, { unsafe: opts.unsafe }).retryRequest ||
        (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs)
      ) {
        throw failure!;
      }
      this.stats.retries++;
      await sleep(backoffDelay(attempt, retry, retryAfterMs, random), opts.signal);
    }
  }
}
