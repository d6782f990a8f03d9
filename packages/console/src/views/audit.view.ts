import {html, nothing} from 'lit';
import type {AuditEntry, AuditList} from '../api-types.js';
import {when, words} from '../format.js';
import {LightElement, LoadGeneration, type ConsoleContext} from '../light-element.js';
import {href} from '../router.js';
import {badge, loadError} from './shared.js';

/** Actions whose target is an onboarding id (linked to its view). */
const ONBOARDING_ACTIONS = new Set<AuditEntry['action']>(['retry_onboarding', 'add_phone_number']);

/** Every operator action, newest first: who, what, when, on what, and how it ended; paged like the onboardings. */
export class ConsoleAudit extends LightElement {
  static override properties = {ctx: {attribute: false}, _list: {state: true}, _error: {state: true}, _page: {state: true}};
  declare ctx: ConsoleContext;
  declare private _list: AuditList | undefined;
  declare private _error: unknown;
  declare private _page: number;
  #tokens: Array<string | undefined> = [undefined];
  #gen = new LoadGeneration();

  constructor() {
    super();
    this._page = 0;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.#load();
  }

  async #load() {
    const n = this.#gen.next();
    try {
      const list = await this.ctx.api.audit(this.#tokens[this._page]);
      if (!this.#gen.current(n)) return;
      this._list = list;
      this._error = undefined;
    } catch (e) {
      if (this.#gen.current(n)) this._error = e;
    }
  }

  #older = () => {
    const t = this._list?.nextPageToken;
    if (!t) return;
    this.#tokens = [...this.#tokens.slice(0, this._page + 1), t];
    this._page += 1;
    void this.#load();
  };

  #newer = () => {
    if (this._page === 0) return;
    this._page -= 1;
    void this.#load();
  };

  override render() {
    const list = this._list;
    return html`<h1 tabindex="-1">Audit log</h1>
      ${this._error ? loadError(this._error) : nothing}
      ${list
        ? html`<table>
              <caption>Operator actions, newest first (page ${this._page + 1})</caption>
              <thead>
                <tr><th scope="col">When</th><th scope="col">Operator</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th></tr>
              </thead>
              <tbody>
                ${list.items.length
                  ? list.items.map(
                      (a) => html`<tr data-audit=${a.id}>
                        <td>${when(a.at)}</td>
                        <td>${a.operator}</td>
                        <td>${words(a.action)}</td>
                        <td class="mono">${a.target && ONBOARDING_ACTIONS.has(a.action)
                          ? html`<a href=${href(`onboardings/${encodeURIComponent(a.target)}`)}>${a.target}</a>`
                          : (a.target ?? '—')}</td>
                        <td>${badge(a.outcome)}${a.detail ? html` <code>${a.detail}</code>` : nothing}</td>
                      </tr>`,
                    )
                  : html`<tr><td colspan="5" class="muted">No operator action yet.</td></tr>`}
              </tbody>
            </table>
            <nav class="pager" aria-label="Pages of the audit log">
              <button type="button" class="secondary" ?disabled=${this._page === 0} @click=${this.#newer}>Newer</button>
              <button type="button" class="secondary" ?disabled=${!list.nextPageToken} @click=${this.#older}>Older</button>
            </nav>`
        : this._error
          ? nothing
          : html`<p role="status">Loading the audit log…</p>`}`;
  }
}
