import type {AuditList, CallbackDelivery, Funnel, OnboardingDetail, OnboardingFilters, OnboardingList, OperatorSession} from './api-types.js';

/** An error answer of the console API (`{error: {code, message, field?}}`), or a network failure (status 0). */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

/**
 * Calls `/console/api/…` with the session cookie (same origin) and, on every POST and DELETE, the signed-in
 * session's CSRF token. A 401 on anything but the sign-in itself means the session ended: `onSignedOut` is told.
 */
export class ConsoleApiClient {
  #csrf = '';

  constructor(
    private readonly onSignedOut: () => void,
    private readonly base = '/console/api',
  ) {}

  /** Remembers the token of the session the server answered with (sign-in and session lookup). */
  #keep(s: OperatorSession): OperatorSession {
    this.#csrf = s.csrfToken;
    return s;
  }

  session = async () => this.#keep(await this.#call<OperatorSession>('GET', '/session'));
  signIn = async (name: string, password: string) => this.#keep(await this.#call<OperatorSession>('POST', '/session', {name, password}));
  signOut = async () => {
    await this.#call<void>('DELETE', '/session');
    this.#csrf = '';
  };

  onboardings = (filters: OnboardingFilters, pageToken?: string) =>
    this.#call<OnboardingList>('GET', `/onboardings${query({...filters, pageToken})}`);
  onboarding = (id: string) => this.#call<OnboardingDetail>('GET', `/onboardings/${encodeURIComponent(id)}`);
  retry = (id: string) => this.#call<unknown>('POST', `/onboardings/${encodeURIComponent(id)}/retry`, {});
  addPhoneNumber = (id: string, phoneNumberId: string) =>
    this.#call<unknown>('POST', `/onboardings/${encodeURIComponent(id)}/phone-numbers`, {phoneNumberId});
  revokeLink = (linkId: string) => this.#call<void>('POST', `/signup-links/${encodeURIComponent(linkId)}/revoke`, {});
  funnel = (days: 7 | 30) => this.#call<Funnel>('GET', `/funnel?days=${days}`);
  failingCallbacks = () => this.#call<{items: CallbackDelivery[]}>('GET', '/callbacks?failing=true');
  redeliver = (id: string) => this.#call<unknown>('POST', `/callbacks/${encodeURIComponent(id)}/redeliver`, {});
  audit = (pageToken?: string) => this.#call<AuditList>('GET', `/audit${query({pageToken})}`);

  async #call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {accept: 'application/json'};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.#csrf;
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? {body: JSON.stringify(body)} : {}),
      });
    } catch {
      throw new ConsoleApiError(0, 'network', 'The console could not reach the server. Check the connection and try again.');
    }
    const text = await res.text();
    const data = text ? safeJson(text) : undefined;
    if (res.ok) return data as T;
    const err = (data as {error?: {code?: string; message?: string; field?: string}} | undefined)?.error;
    if (res.status === 401 && !(method === 'POST' && path === '/session')) {
      this.#csrf = '';
      this.onSignedOut();
    }
    throw new ConsoleApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? `The server answered ${res.status}.`, err?.field);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `?a=1&b=2` of the non-empty values, or ''. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
