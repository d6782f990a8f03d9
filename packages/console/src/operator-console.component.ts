import {html, nothing, type TemplateResult} from 'lit';
import {ConsoleApiClient, ConsoleApiError} from './api-client.js';
import type {OperatorSession} from './api-types.js';
import type {ConsoleConfirm} from './confirm-dialog.js';
import {LightElement, type ConsoleContext} from './light-element.js';
import {href, parseRoute, type Route, type ViewName} from './router.js';
import type {ConsoleSignedInEvent} from './views/sign-in.view.js';

const NAV: Array<{view: ViewName; path: string; label: string}> = [
  {view: 'onboardings', path: 'onboardings', label: 'Onboardings'},
  {view: 'funnel', path: 'funnel', label: 'Funnel'},
  {view: 'callbacks', path: 'callbacks', label: 'Failing callbacks'},
  {view: 'audit', path: 'audit', label: 'Audit log'},
];

const TITLES: Record<ViewName, string> = {
  onboardings: 'Onboardings',
  onboarding: 'Onboarding',
  funnel: 'Signup funnel',
  callbacks: 'Failing callbacks',
  audit: 'Audit log',
};

/**
 * The operator console (served by the BFF at /console): checks the session, shows the sign-in when there is
 * none (and again, with a message, when a call answers 401), else the header with the operator's name and
 * sign-out, the navigation and the view of the hash route.
 *
 * @summary The ASP staff's console over `/console/api`.
 * @tagname operator-console
 */
export class OperatorConsole extends LightElement {
  static override properties = {
    _phase: {state: true},
    _session: {state: true},
    _route: {state: true},
    _notice: {state: true},
  };
  declare private _phase: 'loading' | 'signed-out' | 'signed-in';
  declare private _session: OperatorSession | undefined;
  declare private _route: Route;
  declare private _notice: string;

  readonly #api = new ConsoleApiClient(() => this.#expired());
  readonly #ctx: ConsoleContext = {
    api: this.#api,
    confirm: (o) => (this.querySelector('console-confirm') as ConsoleConfirm).ask(o),
  };

  constructor() {
    super();
    this._phase = 'loading';
    this._notice = '';
    this._route = parseRoute(location.hash);
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    void this.#check();
  }

  override disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHash);
    super.disconnectedCallback();
  }

  async #check() {
    try {
      this._session = await this.#api.session();
      this._phase = 'signed-in';
    } catch (e) {
      this._phase = 'signed-out';
      if (!(e instanceof ConsoleApiError && e.status === 401)) this._notice = e instanceof Error ? e.message : String(e);
    }
  }

  #onHash = async () => {
    const before = this._route;
    this._route = parseRoute(location.hash);
    document.title = `${TITLES[this._route.view]} · Operator console`;
    if (before.view === this._route.view && before.id === this._route.id) return; // new filters: the focus stays
    await this.updateComplete;
    await (this.querySelector('main > *') as LightElement | null)?.updateComplete;
    // The new view's heading takes the focus, so a screen reader hears where the operator landed.
    this.querySelector<HTMLElement>('main h1')?.focus();
  };

  #expired() {
    if (this._phase !== 'signed-in') return;
    this._session = undefined;
    this._phase = 'signed-out';
    this._notice = 'Your session has ended. Sign in again to continue.';
  }

  #signedIn = (e: ConsoleSignedInEvent) => {
    this._session = e.detail;
    this._notice = '';
    this._phase = 'signed-in';
  };

  #signOut = async () => {
    try {
      await this.#api.signOut();
    } catch {
      // Signed out either way: the next call would answer 401.
    }
    this._session = undefined;
    this._notice = 'You have signed out.';
    this._phase = 'signed-out';
  };

  #view(): TemplateResult {
    const r = this._route;
    switch (r.view) {
      case 'onboarding':
        return html`<console-onboarding .ctx=${this.#ctx} .onboardingId=${r.id!}></console-onboarding>`;
      case 'funnel':
        return html`<console-funnel .ctx=${this.#ctx} .days=${r.params.get('days') === '30' ? 30 : 7}></console-funnel>`;
      case 'callbacks':
        return html`<console-callbacks .ctx=${this.#ctx}></console-callbacks>`;
      case 'audit':
        return html`<console-audit .ctx=${this.#ctx}></console-audit>`;
      default:
        return html`<console-onboardings .ctx=${this.#ctx} .params=${r.params}></console-onboardings>`;
    }
  }

  override render() {
    if (this._phase === 'loading') return html`<main id="main"><p role="status">Loading the console…</p></main>`;
    if (this._phase === 'signed-out') {
      return html`<header class="top"><p class="brand">Operator console</p></header>
        <main id="main"><console-sign-in .api=${this.#api} .notice=${this._notice} @console-signed-in=${this.#signedIn}></console-sign-in></main>`;
    }
    const current = this._route.view === 'onboarding' ? 'onboardings' : this._route.view;
    return html`<a class="skip" href="#main" @click=${skipTo}>Skip to content</a>
      <header class="top">
        <p class="brand">Operator console</p>
        <nav aria-label="Console">
          <ul>
            ${NAV.map(
              (n) => html`<li><a href=${href(n.path)} aria-current=${n.view === current ? 'page' : nothing}>${n.label}</a></li>`,
            )}
          </ul>
        </nav>
        <div class="who">
          <span>Signed in as <strong class="operator-name">${this._session?.operator.name}</strong></span>
          <button type="button" class="secondary" @click=${this.#signOut}>Sign out</button>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.#view()}</main>
      <console-confirm></console-confirm>`;
  }
}

/** The skip link moves the focus without changing the hash route. */
function skipTo(e: Event) {
  e.preventDefault();
  (document.getElementById('main') as HTMLElement | null)?.focus();
}
