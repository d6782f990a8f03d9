/**
 * Calls from the browser to the BFF (docs/http-api.md), authenticated by the session token only. Every call
 * takes an `AbortSignal`; progress is read from the SSE route with `fetch()` (so the Authorization header can
 * be sent), with polling of `GET /v1/session/onboarding` as the fallback.
 */

import {terminalJobStateValues} from './bff-api.generated.js';
import type {
  AbandonRequest,
  Onboarding,
  Region,
  PhoneNumber,
  SelectPhoneNumbersRequest,
  SessionEventRequest,
  SessionView,
  StartVerificationRequest,
  Step,
  SubmitSignupRequest,
  VerificationCodeRequest,
} from './bff-api.generated.js';

// The wire types are generated from the BFF's OpenAPI document (bff-api.generated.ts); these names are the
// widget's own for them.
export type {Onboarding, PhoneNumber, Region, StartVerificationRequest, VerificationCodeRequest};
/** One onboarding step as the BFF reports it. */
export type OnboardingStep = Step;
/** `GET /v1/session`. */
export type SessionInfo = SessionView;
/** Body of `POST /v1/session/onboarding`. */
export type SignupSubmission = SubmitSignupRequest;
/** Body of `POST /v1/session/abandon`. */
export type Abandonment = AbandonRequest;
/** Body of `POST /v1/session/events`: a milestone of the signup funnel. */
export type FunnelReport = SessionEventRequest;

/** A failed call: the BFF's stable `error.code`, or `network_error` (also its message: the element shows its own words). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    options?: {cause?: unknown},
  ) {
    super(code, options);
  }
  /** Whether the same call may succeed later. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Job states after which nothing changes any more. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set(terminalJobStateValues);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** A client bound to one BFF and one session token. */
export class ApiClient {
  #base: string;

  constructor(
    endpoint: string,
    private readonly token: string,
    /** First polling interval in ms when the stream is unavailable. */
    readonly pollInterval = 2_000,
  ) {
    this.#base = endpoint.replace(/\/+$/, '');
  }

  /** `GET /v1/session`. */
  getSession(signal?: AbortSignal): Promise<SessionInfo> {
    return this.#call('/v1/session', signal);
  }

  /** `POST /v1/session/onboarding`. */
  submit(body: SignupSubmission, signal?: AbortSignal): Promise<Onboarding> {
    return this.onboarding('/v1/session/onboarding', body, signal);
  }

  /** `GET /v1/session/onboarding`. */
  getOnboarding(signal?: AbortSignal): Promise<Onboarding> {
    return this.onboarding('/v1/session/onboarding', undefined, signal);
  }

  /** `POST /v1/session/phone-numbers`: the numbers the customer picked from `phoneNumberChoices`. */
  selectPhoneNumbers(body: SelectPhoneNumbersRequest, signal?: AbortSignal): Promise<Onboarding> {
    return this.onboarding('/v1/session/phone-numbers', body, signal);
  }

  /**
   * `POST path` with the JSON `body` (`GET` without one), answered with `{onboarding}`: the onboarding. The
   * verification view calls its two routes (`/v1/session/verification` and `…/code`) with it.
   */
  async onboarding(path: string, body?: unknown, signal?: AbortSignal): Promise<Onboarding> {
    return (await this.#call<{onboarding: Onboarding}>(path, signal, body)).onboarding;
  }

  /** `POST /v1/session/abandon`. */
  async abandon(body: Abandonment, signal?: AbortSignal): Promise<void> {
    await this.#call('/v1/session/abandon', signal, body);
  }

  /**
   * `POST /v1/session/events`, sent and forgotten: `keepalive` (it outlives a page that closes meanwhile), never
   * awaited, never retried, any failure ignored.
   */
  report(body: FunnelReport): void {
    this.#request('/v1/session/events', 'application/json', undefined, body, true).catch(() => undefined);
  }

  /**
   * Reports every change of the job until it is terminal or `signal` aborts: the SSE stream first, then
   * polling (starting at {@link pollInterval}, backing off) if the stream fails or ends early.
   */
  async watch(onUpdate: (o: Onboarding) => void, signal: AbortSignal): Promise<void> {
    let terminal = false;
    const handle = (o: Onboarding) => {
      if (signal.aborted) return;
      terminal ||= TERMINAL_STATES.has(o.state);
      onUpdate(o);
    };
    try {
      await this.#stream(handle, signal);
    } catch {
      // Proxies that buffer or cut event streams are common; polling below takes over.
    }
    let delay = this.pollInterval;
    while (!terminal && !signal.aborted) {
      await sleep(delay, signal);
      if (signal.aborted) return;
      try {
        handle(await this.getOnboarding(signal));
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiError && !e.retryable) throw e;
      }
      delay = Math.min(delay * 1.5, 15_000);
    }
  }

  /** A request with the session token: `POST` with a JSON `body`, else `GET`. */
  #request(path: string, accept: string, signal?: AbortSignal, body?: unknown, keepalive?: boolean): Promise<Response> {
    const post = body !== undefined;
    return fetch(this.#base + path, {
      method: post ? 'POST' : 'GET',
      headers: {Authorization: `Bearer ${this.token}`, Accept: accept, ...(post && {'Content-Type': 'application/json'})},
      ...(post && {body: JSON.stringify(body)}),
      signal,
      keepalive,
      cache: 'no-store',
    });
  }

  async #stream(handle: (o: Onboarding) => void, signal: AbortSignal): Promise<void> {
    const type = 'text/event-stream';
    const res = await this.#request('/v1/session/onboarding/events', type, signal);
    if (!res.ok || !res.body || !res.headers.get('content-type')?.includes(type)) {
      throw new ApiError('network_error', res.status);
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      const blocks = (buf += value).split(/\r?\n\r?\n/);
      buf = blocks.pop()!; // the unfinished rest
      for (const block of blocks) {
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          // `field: value`, `field` alone, or `: comment` (empty field, ignored)
          const [, field, val] = /^([^:]*):? ?(.*)/.exec(line)!;
          if (field === 'event') event = val!;
          else if (field === 'data') data.push(val!);
        }
        if (data.length && (event === 'onboarding' || event === 'message')) {
          try {
            const o = (JSON.parse(data.join('\n')) as {onboarding?: Onboarding}).onboarding;
            if (o) handle(o);
          } catch {
            // a malformed event is skipped; the next one carries the full state again
          }
        }
      }
    }
  }

  async #call<T>(path: string, signal?: AbortSignal, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.#request(path, 'application/json', signal, body);
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError('network_error', 0, {cause});
    }
    const json = (await res.json().catch(() => null)) as {error?: {code?: string}} | null;
    const s = res.status;
    if (!res.ok) {
      const fallback = s === 401 ? 'unauthorized' : s === 429 ? 'rate_limited' : s >= 500 ? 'internal_error' : 'invalid_request';
      throw new ApiError(json?.error?.code ?? fallback, s);
    }
    return json as T;
  }
}
