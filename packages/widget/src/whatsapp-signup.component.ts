import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {
  WhatsappSignupBeforeStartEvent,
  WhatsappSignupCancelEvent,
  WhatsappSignupCompleteEvent,
  WhatsappSignupErrorEvent,
  WhatsappSignupProgressEvent,
  WhatsappSignupReadyEvent,
  WhatsappSignupStartEvent,
  type WhatsappSignupErrorDetail,
} from './events.js';
import {en} from './i18n/en.js';
import {FB_LOCALES, errorMessage, resolveLocale, type Messages} from './i18n/index.js';
import {loadMessages} from './i18n/load.js';
import {ApiClient, ApiError, TERMINAL_STATES, type Onboarding, type Region, type SessionInfo} from './internal/api-client.js';
// The BFF's regions and steps, in its order (generated from its OpenAPI document).
import {
  regionValues as REGIONS,
  stepNameValues as STEPS,
  type JobState,
  type OnboardingErrorCode,
} from './internal/bff-api.generated.js';
import {parseEsMessage} from './internal/es-messages.js';
import {renderChoices, renderNumbers} from './internal/phone-numbers.view.js';
import {DEFAULT_SDK_TIMEOUT, SdkLoadError, loadSdk, sdkUrl, type FacebookSdk} from './internal/load-sdk.js';
import {SignupJoin, type JoinOutcome} from './internal/signup-join.js';
import {VerificationView, numberToVerify} from './internal/verification-view.js';
import styles from './whatsapp-signup.styles.js';

/** Color theme: `auto` follows `prefers-color-scheme`. */
export type WhatsappSignupTheme = 'light' | 'dark' | 'auto';
/** Size of the element. */
export type WhatsappSignupSize = 'small' | 'medium' | 'large';
/** What the element shows. */
export type WhatsappSignupView =
  | 'loading'
  | 'ready'
  | 'waiting'
  | 'progress'
  | 'choose'
  | 'verification'
  | 'complete'
  | 'error'
  | 'blocked';

const THEMES = ['light', 'dark', 'auto'] as const;
const SIZES = ['small', 'medium', 'large'] as const;
/** Job states that mean the ES result was already submitted: the element resumes showing progress. */
const SUBMITTED = new Set<JobState>([
  'running',
  'awaiting_phone_number',
  'awaiting_phone_number_choice',
  'awaiting_verification',
  'completed',
  'failed',
]);
/** Views that follow the onboarding (its updates are applied). */
const FOLLOWING = new Set<WhatsappSignupView>(['progress', 'choose', 'verification', 'complete']);
/** Errors that a new Facebook login fixes (a fresh code; one WABA chosen this time). */
const NEEDS_NEW_LOGIN = new Set<string>(['code_expired', 'code_invalid', 'multiple_wabas'] satisfies Array<OnboardingErrorCode | 'multiple_wabas'>);

/**
 * WhatsApp Embedded Signup for Sinch ASPs as one element: loads Meta's SDK before any click, opens Embedded
 * Signup, joins the login code with the session info, hands both to the BFF and shows the onboarding until
 * the WhatsApp sender is live. It holds no credential but the session token.
 *
 * @summary WhatsApp Embedded Signup button with region choice, live progress and typed events.
 * @tagname whatsapp-signup
 *
 * @fires {WhatsappSignupReadyEvent} whatsapp-signup-ready - The button is interactive (bubbles, composed).
 * @fires {WhatsappSignupBeforeStartEvent} whatsapp-signup-before-start - The customer clicked; `preventDefault()` vetoes the start (bubbles, composed, cancelable).
 * @fires {WhatsappSignupStartEvent} whatsapp-signup-start - Embedded Signup was opened (bubbles, composed).
 * @fires {WhatsappSignupCancelEvent} whatsapp-signup-cancel - The customer left Embedded Signup; `detail.currentStep` (bubbles, composed).
 * @fires {WhatsappSignupErrorEvent} whatsapp-signup-error - Anything failed; `detail: {code, message, retryable, metaErrorId?, metaSessionId?}` (bubbles, composed).
 * @fires {WhatsappSignupProgressEvent} whatsapp-signup-progress - An onboarding step changed; `detail: {step, status}` (bubbles, composed).
 * @fires {WhatsappSignupCompleteEvent} whatsapp-signup-complete - The sender is live; `detail: {onboardingId, subprojectId, senderId, appId, wabaId, phoneNumberId}` (bubbles, composed).
 *
 * @csspart base - The wrapper of everything.
 * @csspart button - The button that opens Embedded Signup.
 * @csspart region - The data-region choice (a radio group; absent when the session allows one region).
 * @csspart progress - The list of onboarding steps.
 * @csspart choices - The form that lets the customer pick the numbers to connect (when Meta's answer left several).
 * @csspart numbers - The connected numbers: display number, verified name and status, one line each.
 * @csspart status - The polite live region that announces what is happening.
 * @csspart error - The error message with its Retry button.
 * @csspart verification - The number verification (SMS or call, then the 6-digit code) when Sinch asks for it.
 * @csspart code - The field for the verification code.
 *
 * @cssprop [--whatsapp-signup-accent=#008069] - Button background and focus ring.
 * @cssprop [--whatsapp-signup-accent-fg=#fff] - Button text.
 * @cssprop [--whatsapp-signup-bg=#fff] - Background.
 * @cssprop [--whatsapp-signup-fg=#111b21] - Text.
 * @cssprop [--whatsapp-signup-muted=#54656f] - Secondary text.
 * @cssprop [--whatsapp-signup-border=#d1d7db] - Border.
 * @cssprop [--whatsapp-signup-error=#b3261e] - Error text.
 * @cssprop [--whatsapp-signup-success=#006e4f] - Completed-step marks.
 * @cssprop [--whatsapp-signup-radius=8px] - Corner radius.
 * @cssprop [--whatsapp-signup-font=system-ui, sans-serif] - Font family.
 */
export class WhatsappSignup extends LitElement {
  /** Version of this build; a different version already registered under the same tag gets a warning. */
  static readonly version = '0.1.0';

  static override styles = styles;

  static override properties = {
    endpoint: {},
    session: {},
    sdkSrc: {attribute: 'sdk-src'},
    appId: {attribute: 'app-id'},
    configId: {attribute: 'config-id'},
    graphVersion: {attribute: 'graph-version'},
    solutionId: {attribute: 'solution-id'},
    theme: {reflect: true},
    size: {reflect: true},
    label: {},
    locale: {},
    watchdogTimeout: {attribute: 'watchdog-timeout', type: Number},
    sdkTimeout: {attribute: 'sdk-timeout', type: Number},
    pollInterval: {attribute: 'poll-interval', type: Number},
    view: {state: true},
    _region: {state: true},
    _onboarding: {state: true},
    _error: {state: true},
    _notice: {state: true},
    _reopen: {state: true},
    _m: {state: true},
    _pick: {state: true},
  };

  /** Base URL of the BFF, e.g. `https://bff.example.com`; the page's origin when absent. */
  declare endpoint: string;
  /** The session token minted by the ASP's server (`POST /v1/sessions`). */
  declare session: string;
  /** URL of Meta's JS SDK; defaults to `https://connect.facebook.net/<locale>/sdk.js`. */
  declare sdkSrc: string;
  /** Meta app id; overrides the session's. */
  declare appId: string;
  /** Embedded Signup configuration id; overrides the session's. */
  declare configId: string;
  /** Graph API version such as `v25.0`; overrides the session's. */
  declare graphVersion: string;
  /** Multi-partner solution id; overrides the session's. */
  declare solutionId: string;
  /** Color theme. */
  declare theme: WhatsappSignupTheme;
  /** Size. */
  declare size: WhatsappSignupSize;
  /** Text of the button; a localized "Connect WhatsApp" when absent. */
  declare label: string;
  /** Language (`en`, `es`, `pt-BR`, `de`); the page's `lang` when absent, else English. */
  declare locale: string;
  /** Milliseconds to wait for Meta's second half (code or session info) before `signup_incomplete`. */
  declare watchdogTimeout: number;
  /** Milliseconds to wait for the FB SDK before the blocked state (`sdk_timeout`). */
  declare sdkTimeout: number;
  /** First polling interval in ms when the progress stream is unavailable. */
  declare pollInterval: number;
  /** What the element shows now (read-only). */
  declare view: WhatsappSignupView;
  declare private _region: Region | undefined;
  declare private _onboarding: Onboarding | undefined;
  declare private _error: WhatsappSignupErrorDetail | undefined;
  declare private _notice: string;
  /** The page got the focus back while waiting: the popup may be gone without a callback, so allow a new one. */
  declare private _reopen: boolean;
  /** The messages in use: English until the locale's have loaded (or when they cannot). */
  declare private _m: Messages;
  /** The number picker: `busy` while its choice is being sent, `error` its last problem in words. */
  declare private _pick: {busy?: boolean; error?: string};

  #api?: ApiClient;
  #info?: SessionInfo;
  #fb?: FacebookSdk;
  #abort?: AbortController;
  #steps = new Map<string, string>();
  #join = new SignupJoin((o) => this.#handleOutcome(o));
  #verification = new VerificationView(this, {api: () => this.#api, endpoint: () => this.#endpoint ?? location.origin, onUpdate: (o) => this.#apply(o)});

  constructor() {
    super();
    this.endpoint = this.session = this.sdkSrc = this.label = this.locale = '';
    this.appId = this.configId = this.graphVersion = this.solutionId = '';
    this.theme = 'light';
    this.size = 'medium';
    this.watchdogTimeout = 20_000;
    this.sdkTimeout = DEFAULT_SDK_TIMEOUT;
    this.pollInterval = 2_000;
    this.view = 'loading';
    this._notice = '';
    this._reopen = false;
    this._m = en;
    this._pick = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // One listener per element however many clicks; removed on disconnect.
    addEventListener('message', this.#handleMessage);
    addEventListener('focus', this.#handleFocus);
    if (this.hasUpdated) void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('message', this.#handleMessage);
    removeEventListener('focus', this.#handleFocus);
    this.#abort?.abort();
    this.#join.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    for (const [key, allowed] of [
      ['theme', THEMES],
      ['size', SIZES],
    ] as const) {
      if (changed.has(key) && !(allowed as readonly string[]).includes(this[key])) {
        console.warn(`<whatsapp-signup>: expected ${key} to be one of ${allowed.join(', ')} but received ${JSON.stringify(this[key])}`);
      }
    }
    if (changed.has('session') || changed.has('endpoint')) void this.#start();
    else if (changed.has('locale')) void this.#useLanguage();
  }

  /** The messages of the current locale. */
  private get m(): Messages {
    return this._m;
  }

  /** Loads the locale's messages and uses them (unless the locale changed meanwhile). */
  async #useLanguage(): Promise<void> {
    const tag = this.#lang;
    const m = await loadMessages(tag, this.#endpoint ?? location.origin);
    if (tag === this.#lang) this._m = m;
  }

  get #lang(): string {
    return resolveLocale(this.locale, this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  }

  /** The BFF's base URL (`endpoint`, else the page's origin); undefined when `endpoint` is no URL. */
  get #endpoint(): string | undefined {
    try {
      return new URL(this.endpoint || location.origin, location.href).href;
    } catch {
      return undefined;
    }
  }

  /** Loads the session and the SDK (in parallel) and makes the button interactive. */
  async #start(): Promise<void> {
    this.#abort?.abort();
    const ac = (this.#abort = new AbortController());
    this.#join.stop();
    this._error = this._onboarding = undefined;
    this._notice = '';
    this.#steps.clear();
    this._pick = {};
    this.view = 'loading';
    // The language loads beside the session and the SDK; nothing shows words before it is there.
    const lang = this.#useLanguage();
    if (!this.session) {
      await lang;
      return this.#fail('invalid_config', false, {}, `expected a session token in "session" but received ${JSON.stringify(this.session)}`);
    }
    const endpoint = this.#endpoint;
    if (!endpoint) {
      await lang;
      return this.#fail('invalid_config', false, {}, `expected a URL in "endpoint" but received ${JSON.stringify(this.endpoint)}`);
    }
    const api = (this.#api = new ApiClient(endpoint, this.session, this.pollInterval));
    const sdk = loadSdk(this.sdkSrc || sdkUrl(FB_LOCALES[this.#lang]!), this.sdkTimeout);
    sdk.catch(() => undefined); // handled below; avoids an unhandled rejection while the session loads

    let info: SessionInfo;
    try {
      info = await api.getSession(ac.signal);
      await lang;
    } catch (e) {
      if (ac.signal.aborted) return;
      await lang;
      return this.#failFrom(e);
    }
    if (ac.signal.aborted) return;
    this.#info = info;
    const allowed = this.#regions;
    this._region = allowed.includes(info.regions.default!) ? info.regions.default : allowed[0];
    if (info.onboarding && SUBMITTED.has(info.onboarding.state)) return this.#follow(info.onboarding, ac);

    let fb: FacebookSdk | null;
    try {
      fb = await sdk;
    } catch (e) {
      if (ac.signal.aborted) return;
      return this.#fail(e instanceof SdkLoadError ? e.code : 'sdk_blocked', true);
    }
    if (ac.signal.aborted || !fb) return;
    const {appId, configId, graphVersion} = this.#meta;
    if (!appId || !configId || !graphVersion || !allowed.length) {
      return this.#fail('invalid_config', false, {}, `expected appId, configId, graphVersion and a region but received ${JSON.stringify({appId, configId, graphVersion, regions: allowed})}`);
    }
    fb.init({appId, version: graphVersion, autoLogAppEvents: true, xfbml: false});
    this.#fb = fb;
    this.view = 'ready';
    await this.updateComplete;
    if (!ac.signal.aborted) this.dispatchEvent(new WhatsappSignupReadyEvent());
  }

  /** Regions the session allows, in a fixed order. */
  get #regions(): Region[] {
    const allowed = this.#info?.regions.allowed ?? [];
    return REGIONS.filter((r) => allowed.includes(r));
  }

  /** Meta settings: attributes override the session's. */
  get #meta() {
    const s = this.#info?.meta;
    return {
      appId: this.appId || s?.appId,
      configId: this.configId || s?.configId,
      graphVersion: this.graphVersion || s?.graphVersion,
      solutionId: this.solutionId || s?.solutionId,
    };
  }

  /** Opens Embedded Signup. Must stay synchronous: a popup opened after an `await` gets blocked. */
  #handleStart(): void {
    const fb = this.#fb;
    if (!fb || !this.#info || !(this.view === 'ready' || (this.view === 'waiting' && this._reopen))) return;
    // Vetoable by the page; dispatchEvent is synchronous, so FB.login below still runs inside the click.
    if (!this.dispatchEvent(new WhatsappSignupBeforeStartEvent())) return;
    const {configId, solutionId} = this.#meta;
    const version = this.#info.meta.esVersion;
    this._notice = '';
    this._reopen = false;
    this.#join.stop();
    this.#join = new SignupJoin((o) => this.#handleOutcome(o), {watchdog: this.watchdogTimeout});
    this.#join.begin();
    this.view = 'waiting';
    this.dispatchEvent(new WhatsappSignupStartEvent());
    fb.login((response) => this.#join.handleLogin(response), {
      config_id: configId,
      response_type: 'code',
      override_default_response_type: true,
      extras: {
        setup: {...this.#info.prefill, ...(solutionId && {solutionID: solutionId})},
        featureType: this.#info.featureType ?? '',
        sessionInfoVersion: '3',
        // META_ES_VERSION (UNCONFIRMED, api-facts §8): only when the BFF asks; else today's extras exactly.
        ...(version && {version}),
      },
    });
  }

  #handleMessage = (e: MessageEvent): void => {
    const msg = parseEsMessage(e);
    if (msg) this.#join.handleMessage(msg);
  };

  // Some browsers never call FB.login back when the popup is closed with the window's close button.
  #handleFocus = (): void => {
    if (this.view === 'waiting') this._reopen = true;
  };

  #handleOutcome(o: JoinOutcome): void {
    const api = this.#api;
    const ac = this.#abort;
    if (!api || !ac) return;
    switch (o.kind) {
      case 'complete':
        return void this.#submit(o, api, ac);
      case 'cancel':
        api.abandon({kind: 'cancel', currentStep: o.currentStep}).catch(() => undefined);
        this.view = 'ready';
        this._notice = this.m.cancelled;
        this.dispatchEvent(new WhatsappSignupCancelEvent({currentStep: o.currentStep}));
        return this.#focusPart('button');
      case 'meta_error':
        api
          .abandon({kind: 'error', message: o.message, code: o.code, errorId: o.errorId, metaSessionId: o.sessionId})
          .catch(() => undefined);
        return this.#fail('meta_error', true, {
          ...((o.errorId ?? o.code) && {metaErrorId: o.errorId ?? o.code}),
          ...(o.sessionId && {metaSessionId: o.sessionId}),
        }, o.message);
      default:
        return this.#fail(o.kind, true);
    }
  }

  async #submit(o: Extract<JoinOutcome, {kind: 'complete'}>, api: ApiClient, ac: AbortController): Promise<void> {
    this.view = 'progress';
    this.#focusPart('progress');
    // The ids exactly as Meta sent them: the optional ones are absent, not empty.
    const {kind: _k, ...ids} = o.finish;
    try {
      const onboarding = await api.submit(
        {code: o.code, ...ids, region: this._region!},
        ac.signal,
      );
      if (!ac.signal.aborted) await this.#follow(onboarding, ac);
    } catch (e) {
      if (!ac.signal.aborted) this.#failFrom(e);
    }
  }

  /** Shows `onboarding` and follows it until it is terminal. */
  async #follow(onboarding: Onboarding, ac: AbortController): Promise<void> {
    this.view = 'progress';
    this.#apply(onboarding);
    // A choice to make or a number to verify is followed too: the stream goes on meanwhile.
    if (this.view !== 'progress' && this.view !== 'choose' && this.view !== 'verification') return;
    try {
      await this.#api!.watch((o) => this.#apply(o), ac.signal);
    } catch (e) {
      if (!ac.signal.aborted) this.#failFrom(e);
    }
  }

  #apply(o: Onboarding): void {
    const shown = this._onboarding;
    // The stream and an answer to a command can cross: never go back to an older state, or out of a final one.
    if (
      !FOLLOWING.has(this.view) ||
      (shown && (o.updatedAt < shown.updatedAt || (TERMINAL_STATES.has(shown.state) && !TERMINAL_STATES.has(o.state))))
    ) {
      return;
    }
    this._onboarding = o;
    // The verification view is a file of its own: fetch it as soon as a number waits for its code.
    if (numberToVerify(o)) this.#verification.load();
    for (const s of o.steps ?? []) {
      if ((this.#steps.get(s.name) ?? 'pending') !== s.status) {
        this.#steps.set(s.name, s.status);
        this.dispatchEvent(new WhatsappSignupProgressEvent({step: s.name, status: s.status}));
      }
    }
    // The customer verifies the first number (Sinch's sender is PENDING_VERIFICATION); steps go on meanwhile.
    if (o.state === 'awaiting_verification' && numberToVerify(o)) {
      if (this.view !== 'verification') this.#focusPart('verification');
      this.view = 'verification';
      return;
    }
    if (this.view === 'verification') {
      this.view = 'progress';
      this.#focusPart('progress');
    }
    const s = o.state;
    if (s === 'completed') {
      if (this.view === 'complete') return;
      this.view = 'complete';
      this.dispatchEvent(
        new WhatsappSignupCompleteEvent({
          onboardingId: o.id,
          subprojectId: o.subprojectId ?? '',
          senderId: o.senderId ?? '',
          appId: o.appId ?? '',
          wabaId: o.wabaId ?? '',
          phoneNumberId: o.phoneNumberId ?? '',
        }),
      );
    } else if (s === 'awaiting_phone_number') {
      this.view = 'complete';
    } else if (s === 'awaiting_phone_number_choice') {
      if (this.view !== 'choose') this.#focusPart('choices');
      this.view = 'choose';
    } else if (s === 'failed') {
      const code = o.error?.code ?? 'internal_error';
      // The BFF marks an expired or refused ES code as not retryable on its side; a new Facebook login
      // (the widget's Retry) brings a fresh code, and the BFF resumes the same job with it.
      this.#fail(code, (o.error?.retryable ?? false) || NEEDS_NEW_LOGIN.has(code));
    } else if (s === 'expired') {
      this.#fail('session_expired', false);
    } else {
      this.view = 'progress';
    }
  }

  /** Sends the numbers checked in the picker; a problem is shown in the picker, which stays usable. */
  async #handlePick(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const api = this.#api;
    const ac = this.#abort;
    if (this._pick.busy || !api || !ac) return;
    const form = e.target as HTMLFormElement;
    const phoneNumberIds = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    if (!phoneNumberIds.length) {
      this._pick = {error: this.m.chooseOne};
      return this.#focusPart('choices');
    }
    this._pick = {busy: true};
    try {
      const o = await api.selectPhoneNumbers({phoneNumberIds}, ac.signal);
      this._pick = {};
      this.#apply(o);
    } catch (err) {
      if (ac.signal.aborted) return;
      // A session that is gone cannot pick again; anything else can (another choice, or the same later).
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.#failFrom(err);
      const code = err instanceof ApiError ? err.code : 'network_error';
      this._pick = {error: errorMessage(this.m, code)};
      this.dispatchEvent(new WhatsappSignupErrorEvent({code, message: this._pick.error!, retryable: true}));
    }
  }

  #failFrom(e: unknown): void {
    if (e instanceof ApiError) this.#fail(e.code, e.retryable || NEEDS_NEW_LOGIN.has(e.code));
    else this.#fail('network_error', true);
  }

  /** Shows an error and reports it; `detail` is shown next to the human message (Meta's text, config hints). */
  #fail(code: string, retryable: boolean, extra: Partial<WhatsappSignupErrorDetail> = {}, detail?: string): void {
    const human = errorMessage(this.m, code);
    this._error = {code, message: detail ? `${human} (${detail})` : human, retryable, ...extra};
    this.#abort?.abort();
    this.#join.stop();
    this.view = code.startsWith('sdk_') ? 'blocked' : 'error';
    this.dispatchEvent(new WhatsappSignupErrorEvent(this._error));
    this.#focusPart('error');
  }

  #handleRetry(): void {
    // Meta or onboarding failures need a fresh login; anything before "ready" starts over.
    if (this.view === 'error' && this.#fb && this.#info && this._error?.code !== 'network_error') {
      this._error = undefined;
      this._onboarding = undefined;
      this.#steps.clear();
      this.#abort = new AbortController();
      this.view = 'ready';
      this.#focusPart('button');
    } else {
      void this.#start();
    }
  }

  #handleRegion(e: Event): void {
    this._region = (e.target as HTMLInputElement).value as Region;
  }

  /** Moves focus to a part after render, only when focus was inside the element (never steals it). */
  #focusPart(part: string): void {
    if (!this.matches(':focus-within')) return;
    void this.updateComplete.then(() => {
      const root = this.renderRoot;
      (root.querySelector<HTMLElement>(`[part~='${part}'] :is(input,button)`) ?? root.querySelector<HTMLElement>(`[part~='${part}']`))?.focus();
    });
  }

  get #statusText(): string {
    const m = this.m;
    switch (this.view) {
      case 'loading':
        // Not English for a moment on a page in another language: words once the locale's are there.
        return m === en && this.#lang !== 'en' ? '' : m.loading;
      case 'waiting':
        return m.waiting;
      case 'verification':
        return this.#verification.statusText(m, numberToVerify(this._onboarding));
      case 'complete':
        return this._onboarding?.state === 'completed' ? m.complete : m.noPhone;
      case 'choose':
        return m.choose;
      case 'progress': {
        const current = STEPS.filter((s) => this.#steps.has(s)).at(-1);
        const status = current && this.#steps.get(current);
        return current ? `${m[current]}: ${stepStatusText(m, status)}` : m.progress;
      }
      default:
        return this._notice;
    }
  }

  #renderStart(m: Messages): TemplateResult {
    const regions = this.#regions;
    const busy = this.view !== 'ready' && !this._reopen;
    return html`${regions.length > 1
        ? html`<fieldset part="region" role="radiogroup" ?disabled=${busy}>
            <legend>${m.region}</legend>
            ${regions.map(
              (r) =>
                html`<label
                  ><input
                    type="radio"
                    name="region"
                    .value=${r}
                    .checked=${r === this._region}
                    @change=${this.#handleRegion}
                  />
                  ${m[r]}</label
                >`,
            )}
          </fieldset>`
        : nothing}
      <button part="button" type="button" aria-disabled=${busy} @click=${this.#handleStart}>
        ${this.label || m.button}
      </button>`;
  }

  #renderProgress(m: Messages): TemplateResult {
    const o = this._onboarding;
    return html`<div part="progress" tabindex="-1" role="group" aria-labelledby="ph">
        <p id="ph">${m.progress}</p>
        <ol>
          ${STEPS.map((s) => {
            const status = this.#steps.get(s) ?? 'pending';
            return html`<li data-status=${status}>${m[s]} <span>(${stepStatusText(m, status)})</span></li>`;
          })}
        </ol>
      </div>
      ${o ? renderNumbers(m, o) : nothing}`;
  }

  override render(): TemplateResult {
    const m = this.m;
    const v = this.view;
    const err = this._error;
    const hosted = v === 'blocked' && this.#info?.hostedUrl;
    // An added number can ask for its code after completion too.
    const verifying = v === 'verification' || v === 'complete' ? numberToVerify(this._onboarding) : undefined;
    const o = this._onboarding;
    const lang = m === en ? 'en' : this.#lang;
    return html`<div part="base" lang=${lang}>
      ${v === 'ready' || v === 'waiting' ? this.#renderStart(m) : nothing}
      ${v === 'choose' && o ? renderChoices(m, o, this._pick, (e) => this.#handlePick(e)) : nothing}
      ${verifying ? this.#verification.render(verifying, m, lang) : nothing}
      ${v === 'progress' || v === 'verification' || v === 'complete' || (v === 'error' && o) ? this.#renderProgress(m) : nothing}
      <p part="status" role="status">${this.#statusText}</p>
      ${err && (v === 'error' || v === 'blocked')
        ? html`<div part="error" role="alert" tabindex="-1">
            <p>${err.message}</p>
            ${err.retryable ? html`<button type="button" @click=${this.#handleRetry}>${m.retry}</button>` : nothing}
            ${hosted ? html`<a href=${hosted} target="_blank" rel="noopener">${m.hosted}</a>` : nothing}
          </div>`
        : nothing}
    </div>`;
  }
}

/** A step's status in words; `waiting` (on Sinch, e.g. the sender turning ACTIVE) reads as in progress. */
function stepStatusText(m: Messages, status: string | undefined): string {
  const key = status === 'waiting' ? 'running' : status;
  return key === 'pending' || key === 'running' || key === 'done' || key === 'failed' ? m[key] : (status ?? m.pending);
}
