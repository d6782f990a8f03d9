import {html, nothing} from 'lit';
import type {CallbackDelivery} from '../api-types.js';
import {when} from '../format.js';
import {follow, LightElement, LoadGeneration, type ConsoleContext} from '../light-element.js';
import {href} from '../router.js';
import {actionError, deliveryError, loadError, outcome} from './shared.js';

/** ASP callbacks that are not delivered after at least one attempt, each with a redeliver action. */
export class ConsoleCallbacks extends LightElement {
  static override properties = {
    ctx: {attribute: false},
    _items: {state: true},
    _error: {state: true},
    _busy: {state: true},
    _outcome: {state: true},
  };
  declare ctx: ConsoleContext;
  declare private _items: CallbackDelivery[] | undefined;
  declare private _error: unknown;
  declare private _busy: boolean;
  declare private _outcome: {ok: boolean; text: string} | undefined;
  #gen = new LoadGeneration();

  constructor() {
    super();
    this._busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const n = this.#gen.next();
    try {
      const r = await this.ctx.api.failingCallbacks();
      if (!this.#gen.current(n)) return;
      this._items = r.items;
      this._error = undefined;
    } catch (e) {
      if (this.#gen.current(n)) this._error = e;
    }
  }

  async #redeliver(c: CallbackDelivery) {
    const ok = await this.ctx.confirm({
      title: 'Redeliver this callback?',
      body: `${c.type} (event ${c.id}) is sent to the ASP's server again now, with the same event id.`,
      action: 'Redeliver',
    });
    if (!ok) return;
    this._busy = true;
    this._outcome = undefined;
    try {
      await this.ctx.api.redeliver(c.id);
    } catch (e) {
      this._outcome = {ok: false, text: `Redeliver failed: ${actionError(e)}`};
      this._busy = false;
      return;
    }
    // The server sends it right after it answered: follow the list until the attempt is in.
    const now = () => this._items?.find((x) => x.id === c.id);
    await follow(() => this.#load(), () => !now() || now()!.attempts > c.attempts, {tries: 15, everyMs: 1000});
    const after = now();
    this._outcome = !after
      ? {ok: true, text: `Callback ${c.type} sent again and delivered.`}
      : after.attempts > c.attempts
        ? {ok: false, text: `Callback ${c.type} sent again, but it failed: ${after.lastStatus ? `HTTP ${after.lastStatus}` : 'no answer'}${after.lastError ? ` (${after.lastError})` : ''}.`}
        : {ok: true, text: `Callback ${c.type} queued: it is sent again shortly.`};
    this._busy = false;
  }

  override render() {
    const items = this._items;
    return html`<h1 tabindex="-1">Failing callbacks</h1>
      <p class="muted">Callbacks to the ASP's server that are not delivered after at least one attempt.</p>
      ${outcome(this._outcome)} ${this._error ? loadError(this._error) : nothing}
      ${!items
        ? this._error
          ? nothing
          : html`<p role="status">Loading callbacks…</p>`
        : items.length === 0
          ? html`<p class="panel">Every callback was delivered.</p>`
          : html`<table>
              <thead>
                <tr><th scope="col">Event</th><th scope="col">Onboarding</th><th scope="col" class="num">Attempts</th><th scope="col">Last answer</th><th scope="col">Next attempt</th><th scope="col">Action</th></tr>
              </thead>
              <tbody>
                ${items.map(
                  (c) => html`<tr data-callback=${c.id}>
                    <td><code>${c.type}</code><div class="muted mono">${c.id}</div><div class="muted">${when(c.createdAt)}</div></td>
                    <td><a class="mono" href=${href(`onboardings/${encodeURIComponent(c.onboardingId)}`)}>${c.onboardingId}</a></td>
                    <td class="num">${c.attempts}</td>
                    <td>${c.lastStatus ? `HTTP ${c.lastStatus}` : 'no answer'}${deliveryError(c.lastStatus, c.lastError) ? html`<div class="muted">${c.lastError}</div>` : nothing}</td>
                    <td>${when(c.nextAttemptAt)}</td>
                    <td><button type="button" class="secondary" ?disabled=${this._busy} aria-label="Redeliver ${c.type} ${c.id}" @click=${() => this.#redeliver(c)}>Redeliver</button></td>
                  </tr>`,
                )}
              </tbody>
            </table>`}`;
  }
}
