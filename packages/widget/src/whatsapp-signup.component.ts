import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {en} from './i18n/en.js';
import type {Messages} from './i18n/index.js';
import type {Onboarding, Region} from './internal/api-client.js';
// The BFF's steps, in its order (generated from its OpenAPI document).
import {regionValues as REGIONS, stepNameValues as STEPS} from './internal/bff-api.generated.js';
import {renderChoices, renderNumbers} from './internal/phone-numbers.view.js';
import {DEFAULT_SDK_TIMEOUT} from './internal/load-sdk.js';
import {SignupController, stepStatus, type ViewState, type WhatsappSignupView} from './internal/signup-controller.js';
import {numberToVerify} from './internal/verification-view.js';
import styles from './whatsapp-signup.styles.js';

export type {WhatsappSignupView};

/** Color theme: `auto` follows `prefers-color-scheme`. */
export type WhatsappSignupTheme = 'light' | 'dark' | 'auto';
/** Size of the element. */
export type WhatsappSignupSize = 'small' | 'medium' | 'large';
const THEMES = ['light', 'dark', 'auto'] as const;
const SIZES = ['small', 'medium', 'large'] as const;

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

  /** The state machine: everything asynchronous, and what the element shows. */
  #c = new SignupController(this);

  /** What the element shows now: `loading`, `ready`, `waiting`, `progress`, `choose`, `verification`, `complete`, `error` or `blocked`. */
  get view(): WhatsappSignupView {
    return this.#c.s.view;
  }

  constructor() {
    super();
    this.endpoint = this.session = this.sdkSrc = this.label = this.locale = '';
    this.appId = this.configId = this.graphVersion = this.solutionId = '';
    this.theme = 'light';
    this.size = 'medium';
    this.watchdogTimeout = 20_000;
    this.sdkTimeout = DEFAULT_SDK_TIMEOUT;
    this.pollInterval = 2_000;
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
    const c = this.#c;
    // A session or an endpoint set after connecting (by a framework) starts it; a later locale loads its words.
    if ((changed.has('session') || changed.has('endpoint')) && c.key !== `${this.session} ${this.endpoint}`) c.load();
    else if (changed.has('locale') && this.hasUpdated) c.lang();
  }

  #statusText(s: ViewState, m: Messages): string {
    const c = this.#c;
    switch (s.view) {
      case 'loading':
        // Not English for a moment on a page in another language: words once the locale's are there.
        return c.words ? m.loading : '';
      case 'waiting':
        return m.waiting;
      case 'verification':
        return c.verification.statusText(m, numberToVerify(s.onboarding));
      case 'complete':
        return s.onboarding.state === 'completed' ? m.complete : m.noPhone;
      case 'choose':
        return m.choose;
      case 'progress': {
        const current = STEPS.filter((step) => stepStatus(s.onboarding, step) !== 'pending').at(-1);
        return current ? `${m[current]}: ${stepStatusText(m, stepStatus(s.onboarding, current))}` : m.progress;
      }
      case 'ready':
        return s.notice ?? '';
      default:
        return '';
    }
  }

  /**
   * The region choice, then the button: from the first frame on, in their final place and visibly pending
   * (`aria-disabled`, the choice disabled) until the session, the SDK and the words are there; an ellipsis on the
   * button until the words are. Before the session every region is offered (the default session allows them all,
   * on one row, so the session's own list takes the same space); a session that allows one region has no choice,
   * and only then does the button move up.
   */
  #renderStart(m: Messages): TemplateResult {
    const c = this.#c;
    const regions = c.info ? c.regions : REGIONS;
    const busy = !c.startable;
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
                    .checked=${r === c.region}
                    @change=${(e: Event) => {
                      c.region = (e.target as HTMLInputElement).value as Region;
                      this.requestUpdate();
                    }}
                  />
                  ${m[r]}</label
                >`,
            )}
          </fieldset>`
        : nothing}
      <button part="button" type="button" aria-disabled=${busy} @click=${() => c.open()}>
        ${this.label || (c.words ? m.button : '…')}
      </button>`;
  }

  #renderProgress(m: Messages, o: Onboarding | undefined): TemplateResult {
    return html`<div part="progress" tabindex="-1" role="group" aria-labelledby="ph">
        <p id="ph">${m.progress}</p>
        <ol>
          ${STEPS.map((step) => {
            const status = stepStatus(o, step);
            return html`<li data-status=${status}>${m[step]} <span>(${stepStatusText(m, status)})</span></li>`;
          })}
        </ol>
      </div>
      ${o ? renderNumbers(m, o, this) : nothing}`;
  }

  override render(): TemplateResult {
    const c = this.#c;
    const {s, m} = c;
    const v = s.view;
    const o = s.onboarding;
    const err = 'error' in s ? s.error : undefined;
    const hosted = v === 'blocked' && c.info?.hostedUrl;
    // An added number can ask for its code after completion too.
    const verifying = v === 'verification' || v === 'complete' ? numberToVerify(o) : undefined;
    const lang = m === en ? 'en' : c.tag;
    return html`<div part="base" lang=${lang}>
      ${v === 'loading' || v === 'ready' || v === 'waiting' ? this.#renderStart(m) : nothing}
      ${s.view === 'choose' ? renderChoices(m, s.onboarding, s.pick, (e) => void c.pick(e), this) : nothing}
      ${verifying ? c.verification.render(verifying, m, lang) : nothing}
      ${v === 'progress' || (o && v !== 'choose') ? this.#renderProgress(m, o) : nothing}
      <p part="status" role="status">${this.#statusText(s, m)}</p>
      ${err
        ? html`<div part="error" role="alert" tabindex="-1">
            <p>${err.message}</p>
            ${err.retryable ? html`<button type="button" @click=${() => c.retry()}>${m.retry}</button>` : nothing}
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
