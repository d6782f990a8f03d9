import {html, nothing, type TemplateResult} from 'lit';
import {ConsoleApiError} from '../api-client.js';
import {tone, words} from '../format.js';

/** A state's badge: its words, coloured by its tone. */
export const badge = (state: string | undefined): TemplateResult | typeof nothing =>
  state ? html`<span class="badge ${tone(state)}">${words(state)}</span>` : nothing;

/** A failed load, in words, with the server's code when it gave one. */
export function loadError(err: unknown): TemplateResult {
  const msg = err instanceof ConsoleApiError ? `${err.message}${err.code && err.status ? ` (${err.code})` : ''}` : String(err);
  return html`<p class="outcome error" role="alert">${msg}</p>`;
}

/** The outcome of an action: a status for success, an alert for a failure. */
export function outcome(o: {ok: boolean; text: string} | undefined): TemplateResult {
  if (!o) return html`<div class="outcome" role="status"></div>`;
  return o.ok
    ? html`<div class="outcome ok" role="status">${o.text}</div>`
    : html`<div class="outcome error" role="alert">${o.text}</div>`;
}

/** An action's error in words for the outcome line. */
export function actionError(err: unknown): string {
  if (err instanceof ConsoleApiError) return `${err.message}${err.status ? ` (${err.code})` : ''}`;
  return String(err);
}

/** A delivery's error unless it only repeats the HTTP status shown beside it ("HTTP 503"). */
export const deliveryError = (status: number | undefined, error: string | undefined): string | undefined =>
  error && !(status !== undefined && error.trim() === `HTTP ${status}`) ? error : undefined;
