/**
 * Sinch auth headers. OAuth2 client credentials (production): the token is cached until shortly before
 * `expires_in` runs out and at most one refresh is in flight. Basic (testing only, opt-in).
 */
import {
  DEFAULT_RETRY,
  backoffDelay,
  defaultTransport,
  type AuthProvider,
  type RetryPolicy,
  type Sleep,
  type Transport,
} from './http.js';
import { abortAfter } from '../../lib/abort-after.js';
import { sleep as realSleep } from '../../lib/sleep.js';
import { classifySinchError } from './classify.js';
import { SinchApiError, SinchTransportError, parseRetryAfter, parseSinchErrorBody } from './errors.js';

export interface TokenProviderOptions {
  authUrl: string;
  keyId: string;
  keySecret: string;
  transport?: Transport;
  timeoutMs?: number;
  /** Refresh this long before expiry (default 60 s). */
  refreshMarginMs?: number;
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export class OAuth2TokenProvider implements AuthProvider {
  /** Number of token requests made (tests assert on caching). */
  fetches = 0;
  #cached: { header: string; refreshAt: number } | undefined;
  #inflight: Promise<string> | undefined;
  readonly #o: TokenProviderOptions & { now: () => number; refreshMarginMs: number };

  constructor(o: TokenProviderOptions) {
    this.#o = { ...o, now: o.now ?? Date.now, refreshMarginMs: o.refreshMarginMs ?? 60_000 };
  }

  header(): Promise<string> {
    const c = this.#cached;
    if (c && this.#o.now() < c.refreshAt) return Promise.resolve(c.header);
    this.#inflight ??= this.#fetch().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  invalidate(header: string): void {
    if (this.#cached?.header === header) this.#cached = undefined;
  }

  async #fetch(): Promise<string> {
    const retry = { ...DEFAULT_RETRY, ...this.#o.retry };
    const transport = this.#o.transport ?? defaultTransport;
    const sleep = this.#o.sleep ?? realSleep;
    const path = new URL(this.#o.authUrl).pathname;
    for (let attempt = 0; ; attempt++) {
      this.fetches++;
      let status: number | null = null;
      let failure: Error;
      const deadline = abortAfter(this.#o.timeoutMs ?? 10_000);
      try {
        const res = await transport(this.#o.authUrl, {
          method: 'POST',
          headers: {
            authorization: basic(this.#o.keyId, this.#o.keySecret),
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: 'grant_type=client_credentials',
          signal: deadline.signal,
        });
        status = res.status;
        const text = await res.text();
        if (status === 200) {
          const body = JSON.parse(text) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
          if (typeof body.access_token !== 'string' || String(body.token_type).toLowerCase() !== 'bearer') {
            throw new SinchApiError('auth', 'POST', path, 200, { dialect: 'unknown', message: 'unexpected token response' });
          }
          const ttlMs = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
          // Short-lived tokens: refresh at half-life rather than never caching.
          const margin = Math.min(this.#o.refreshMarginMs, ttlMs / 2);
          const header = `Bearer ${body.access_token}`;
          this.#cached = { header, refreshAt: this.#o.now() + ttlMs - margin };
          return header;
        }
        failure = new SinchApiError('auth', 'POST', path, status, parseSinchErrorBody(text), parseRetryAfter(res.headers.get('retry-after')));
      } catch (e) {
        if (e instanceof SinchApiError) throw e;
        failure = new SinchTransportError('auth', 'POST', path, deadline.signal.aborted ? 'timeout' : 'network', e);
      } finally {
        deadline.clear();
      }
      if (attempt >= retry.maxRetries || !classifySinchError(failure).retryRequest) throw failure;
      const ra = failure instanceof SinchApiError ? failure.retryAfterMs : undefined;
      await sleep(backoffDelay(attempt, retry, ra));
    }
  }
}

/** Basic auth on every call: testing only (Sinch rate-limits it heavily). */
export class BasicAuthProvider implements AuthProvider {
  readonly #header: string;
  constructor(keyId: string, keySecret: string) {
    this.#header = basic(keyId, keySecret);
  }
  header(): Promise<string> {
    return Promise.resolve(this.#header);
  }
  invalidate(): void {}
}
