/**
 * Meta's Graph API, the two calls the BFF makes after Embedded Signup (api-facts §5, §8):
 * - `exchangeCode`: `GET {graphUrl}/{version}/oauth/access_token?client_id&client_secret&code` → the
 *   customer's business token. It spends the single-use ES code, so it is **never repeated**: after a timeout
 *   or a lost answer Meta may have spent the code, and a second try could only fail.
 * - `listPhoneNumbers`: `GET /{version}/{waba-id}/phone_numbers?fields=id,display_phone_number,verified_name`
 *   with a Bearer token. A read: repeated with capped backoff and full jitter on no answer, 5xx and throttling.
 * Every call has a timeout. No URL query, token or code ever reaches a log line or an error message.
 */
import type { Logger } from 'pino';
import { backoff } from '../../lib/backoff.js';
import { sleep as realSleep, type Sleep } from '../../lib/sleep.js';
import { GraphApiError, GraphTransportError, parseGraphErrorBody, retryableRead, type GraphError } from './errors.js';

/** What the Graph client needs (config.ts's `meta` section carries these). */
export interface GraphClientSettings {
  /** e.g. https://graph.facebook.com (the Meta sandbox's `/graph` in sandbox mode). */
  graphUrl: string;
  /** e.g. v25.0 */
  graphVersion: string;
  timeoutMs: number;
  /** Repeats of a read after no answer, 5xx or throttling (default 2; the code exchange is never repeated). */
  maxRetries?: number;
}

/** A phone number of a WABA as Graph lists it (the fields the BFF asks for). */
export interface GraphPhoneNumber {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
}

export interface GraphClientOptions {
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
  /** Backoff of repeated reads (default 200 ms doubling, at most 2 s). */
  retry?: { baseMs: number; capMs: number };
}

/** Graph pages lists; more than this many pages of numbers for one WABA is not a real account. */
const MAX_PAGES = 10;

export class MetaGraphClient {
  readonly #s: GraphClientSettings;
  readonly #fetch: typeof fetch;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #log: Logger | undefined;
  readonly #retry: { baseMs: number; capMs: number };

  constructor(settings: GraphClientSettings, o: GraphClientOptions = {}) {
    this.#s = settings;
    this.#fetch = o.fetch ?? globalThis.fetch;
    this.#sleep = o.sleep ?? realSleep;
    this.#random = o.random ?? Math.random;
    this.#log = o.logger;
    this.#retry = o.retry ?? { baseMs: 200, capMs: 2_000 };
  }

  #url(path: string): URL {
    return new URL(`${this.#s.graphUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.#s.graphVersion)}${path}`);
  }

  /**
   * Exchanges the ES login code for the customer's business token. One attempt only (see the file comment).
   * The token is the caller's to use once and forget: never log or store it.
   */
  async exchangeCode(code: string, app: { appId: string; appSecret: string }, signal?: AbortSignal): Promise<string> {
    const u = this.#url('/oauth/access_token');
    u.searchParams.set('client_id', app.appId);
    u.searchParams.set('client_secret', app.appSecret);
    u.searchParams.set('code', code);
    const body = await this.#get('exchange', u, undefined, signal);
    const token = body && typeof body === 'object' ? (body as { access_token?: unknown }).access_token : undefined;
    if (typeof token !== 'string' || token.length === 0) throw new GraphTransportError('exchange', u.pathname, 'bad_response');
    return token;
  }

  /** Every phone number of the WABA that `token` may read (Graph error 100/33 when it may not). */
  async listPhoneNumbers(wabaId: string, token: string, signal?: AbortSignal): Promise<GraphPhoneNumber[]> {
    const out: GraphPhoneNumber[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const u = this.#url(`/${encodeURIComponent(wabaId)}/phone_numbers`);
      u.searchParams.set('fields', 'id,display_phone_number,verified_name');
      if (after) u.searchParams.set('after', after);
      const body = (await this.#read(u, token, signal)) as { data?: unknown; paging?: { next?: unknown; cursors?: { after?: unknown } } } | undefined;
      if (!body || !Array.isArray(body.data)) throw new GraphTransportError('read', u.pathname, 'bad_response');
      for (const n of body.data as Array<Record<string, unknown>>) {
        if (typeof n?.id !== 'string' || !/^\d+$/.test(n.id)) continue;
        out.push({
          id: n.id,
          ...(typeof n.display_phone_number === 'string' ? { display_phone_number: n.display_phone_number } : {}),
          ...(typeof n.verified_name === 'string' ? { verified_name: n.verified_name } : {}),
        });
      }
      const next = body.paging?.next;
      const cursor = body.paging?.cursors?.after;
      if (typeof next !== 'string' || typeof cursor !== 'string') break;
      after = cursor;
    }
    return out;
  }

  /** A read, repeated while it is worth it. */
  async #read(u: URL, token: string, signal?: AbortSignal): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#get('read', u, token, signal);
      } catch (e) {
        if (signal?.aborted || !(e instanceof GraphApiError || e instanceof GraphTransportError)) throw e;
        if (!retryableRead(e) || attempt >= (this.#s.maxRetries ?? 2)) throw e;
        this.#log?.debug({ api: 'graph', path: u.pathname, reason: e.reason, attempt }, 'graph read failed; retrying');
        await this.#sleep(backoff(attempt, { ...this.#retry, jitter: 'full' }, this.#random), signal);
      }
    }
  }

  /** One GET; resolves to the parsed body of a 2xx, throws a GraphError otherwise. */
  async #get(call: 'exchange' | 'read', u: URL, token: string | undefined, signal?: AbortSignal): Promise<unknown> {
    const path = u.pathname;
    const signals = [AbortSignal.timeout(this.#s.timeoutMs), ...(signal ? [signal] : [])];
    const started = performance.now();
    let status: number;
    let text: string;
    try {
      const res = await this.#fetch(u, {
        method: 'GET',
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.any(signals),
        redirect: 'error',
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      this.#log?.debug({ api: 'graph', path, ms: Math.round(performance.now() - started), kind: timedOut ? 'timeout' : 'network' }, 'graph call failed');
      // No cause: a fetch error may quote the URL, and this one's query holds secrets.
      throw new GraphTransportError(call, path, timedOut ? 'timeout' : 'network');
    }
    this.#log?.debug({ api: 'graph', path, status, ms: Math.round(performance.now() - started) }, 'graph call');
    if (status >= 200 && status < 300) {
      try {
        return JSON.parse(text);
      } catch {
        throw new GraphTransportError(call, path, 'bad_response');
      }
    }
    throw new GraphApiError(call, path, status, parseGraphErrorBody(text)) satisfies GraphError;
  }
}
