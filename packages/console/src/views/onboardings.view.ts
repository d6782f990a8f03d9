import {html, nothing} from 'lit';
import type {OnboardingFilters, OnboardingList} from '../api-types.js';
import {JOB_STATES, REGIONS} from '../enums.js';
import {when, words} from '../format.js';
import {LightElement, LoadGeneration, type ConsoleContext} from '../light-element.js';
import {href} from '../router.js';
import {badge, loadError} from './shared.js';

const FILTER_KEYS = ['state', 'region', 'from', 'to', 'q'] as const;

/**
 * Every onboarding, newest first: filters (state, region, created from/to, customer reference) live in the
 * hash route, so a filtered list can be linked; paging goes forward with the server's page token and back
 * through the tokens already seen.
 */
export class ConsoleOnboardings extends LightElement {
  static override properties = {
    ctx: {attribute: false},
    params: {attribute: false},
    _list: {state: true},
    _error: {state: true},
    _loading: {state: true},
    _page: {state: true},
  };
  declare ctx: ConsoleContext;
  /** The route's query: the filters. */
  declare params: URLSearchParams;
  declare private _list: OnboardingList | undefined;
  declare private _error: unknown;
  declare private _loading: boolean;
  /** Index into #tokens of the page shown. */
  declare private _page: number;
  /** Page tokens of the pages seen so far (undefined: the first page). */
  #tokens: Array<string | undefined> = [undefined];
  #gen = new LoadGeneration();

  constructor() {
    super();
    this.params = new URLSearchParams();
    this._loading = true;
    this._page = 0;
  }

  get #filters(): OnboardingFilters {
    const f: OnboardingFilters = {};
    for (const k of FILTER_KEYS) {
      const v = this.params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('params')) {
      this.#tokens = [undefined];
      this._page = 0;
      void this.#load();
    }
  }

  override updated(changed: Map<string, unknown>) {
    // A select's value follows the route (an option's `selected` attribute no longer does once the user picked one).
    if (changed.has('params')) {
      const f = this.#filters;
      for (const k of ['state', 'region'] as const) {
        const el = this.querySelector<HTMLSelectElement>(`#f-${k}`);
        if (el) el.value = f[k] ?? '';
      }
    }
  }

  async #load() {
    const n = this.#gen.next();
    this._loading = true;
    try {
      const list = await this.ctx.api.onboardings(this.#filters, this.#tokens[this._page]);
      if (!this.#gen.current(n)) return;
      this._list = list;
      this._error = undefined;
    } catch (e) {
      if (!this.#gen.current(n)) return;
      this._error = e;
    } finally {
      if (this.#gen.current(n)) this._loading = false;
    }
  }

  #apply = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = String(data.get(k) ?? '').trim();
      if (v) next[k] = v;
    }
    const target = href('onboardings', next);
    if (location.hash === target) void this.#load();
    else location.hash = target;
  };

  #next = () => {
    const token = this._list?.nextPageToken;
    if (!token) return;
    this.#tokens = [...this.#tokens.slice(0, this._page + 1), token];
    this._page += 1;
    void this.#load();
  };

  #previous = () => {
    if (this._page === 0) return;
    this._page -= 1;
    void this.#load();
  };

  override render() {
    const f = this.#filters;
    const list = this._list;
    return html`<h1 tabindex="-1">Onboardings</h1>
      <form class="panel filters" role="search" aria-label="Filter onboardings" @submit=${this.#apply}>
        <div>
          <label for="f-state">State</label>
          <select id="f-state" name="state">
            <option value="">Any state</option>
            ${JOB_STATES.map((s) => html`<option value=${s} ?selected=${f.state === s}>${words(s)}</option>`)}
          </select>
        </div>
        <div>
          <label for="f-region">Region</label>
          <select id="f-region" name="region">
            <option value="">Any region</option>
            ${REGIONS.map((r) => html`<option value=${r} ?selected=${f.region === r}>${r}</option>`)}
          </select>
        </div>
        <div>
          <label for="f-from">Created from</label>
          <input id="f-from" name="from" type="date" .value=${f.from ?? ''} />
        </div>
        <div>
          <label for="f-to">Created to</label>
          <input id="f-to" name="to" type="date" .value=${f.to ?? ''} />
        </div>
        <div>
          <label for="f-q">Customer reference or name</label>
          <input id="f-q" name="q" type="search" maxlength="255" .value=${f.q ?? ''} />
        </div>
        <div class="actions">
          <button type="submit">Apply filters</button>
          <a class="button secondary" href=${href('onboardings')}>Clear</a>
        </div>
      </form>
      ${this._error ? loadError(this._error) : nothing}
      <section aria-labelledby="list-caption" aria-busy=${this._loading ? 'true' : 'false'}>
        <p class="visually-hidden" role="status">${this._loading ? 'Loading onboardings…' : `${list?.items.length ?? 0} onboardings on this page`}</p>
        <table>
          <caption id="list-caption">Page ${this._page + 1}${Object.keys(f).length ? ' (filtered)' : ''}</caption>
          <thead>
            <tr><th scope="col">Customer</th><th scope="col">State</th><th scope="col">Region</th><th scope="col">Created</th><th scope="col">Error code</th></tr>
          </thead>
          <tbody>
            ${list?.items.length
              ? list.items.map(
                  (o) => html`<tr data-onboarding=${o.id}>
                    <td>
                      <a href=${href(`onboardings/${encodeURIComponent(o.id)}`)}>${o.customer.displayName}</a>
                      <div class="muted mono">${o.customer.reference}</div>
                    </td>
                    <td>${badge(o.state)}</td>
                    <td>${o.region ?? '—'}</td>
                    <td>${when(o.createdAt)}</td>
                    <td>${o.error ? html`<code>${o.error.code}</code>` : '—'}</td>
                  </tr>`,
                )
              : html`<tr><td colspan="5" class="muted">${this._loading ? 'Loading…' : 'No onboarding matches these filters.'}</td></tr>`}
          </tbody>
        </table>
        <nav class="pager" aria-label="Pages of onboardings">
          <button type="button" class="secondary" ?disabled=${this._page === 0 || this._loading} @click=${this.#previous}>Previous page</button>
          <button type="button" class="secondary" ?disabled=${!list?.nextPageToken || this._loading} @click=${this.#next}>Next page</button>
        </nav>
      </section>`;
  }
}
