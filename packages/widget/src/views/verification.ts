/**
 * The number verification the element asks for when Sinch's sender is PENDING_VERIFICATION (the onboarding is
 * `awaiting_verification`, or an added number is `verification_required`): the customer picks SMS or a call,
 * then types the 6-digit code into one `autocomplete="one-time-code"` field; a new code can be asked for after
 * the BFF's cool-down (`verification.resendAvailableAt`). Refusals (`wrong_otp`, `too_many_attempts`,
 * `already_registered`, …) are shown in an alert next to the field. The code is sent once and never kept.
 *
 * Rarely needed, so not in the element's file: the build makes it dist/views/verification.js, which the BFF
 * serves beside the bundle and the element imports on demand (internal/verification-view.ts). It imports no
 * values: Lit's `html` and everything else come from the element (`ViewKit`, `ViewDeps`), so the file
 * holds no second copy of Lit.
 */
import type {ReactiveController, ReactiveControllerHost, TemplateResult, html as litHtml} from 'lit';
import type {Messages} from '../i18n/types.js';
import type {ApiClient, Onboarding, PhoneNumber, StartVerificationRequest, VerificationCodeRequest} from '../internal/api-client.js';
import {en} from './verification.en.js';

type Method = 'SMS' | 'VOICE';
const METHODS: readonly Method[] = ['SMS', 'VOICE'];

/** Template text as written (the build squeezes the whitespace out of css`` templates). */
const css = String.raw;

/** Styles of the verification panel (added to the element's shadow root). */
const styles = css`
  [part='verification'] {
    display: grid;
    gap: 0.6em;
    padding-top: 0.25em;
  }
  [part='verification'] form {
    display: grid;
    gap: 0.4em;
  }
  [part='code'] {
    font: inherit;
    font-family: ui-monospace, monospace;
    font-size: 1.25em;
    letter-spacing: 0.3em;
    width: 8.5em;
    padding: 0.3em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  [part='code'][aria-invalid='true'] {
    border-color: var(--_error);
  }
  .verification-title {
    font-weight: 600;
  }
  .verification-alert:not(:empty) {
    color: var(--_error);
  }
`;

/** What the view takes from the element's copy of Lit: its `html` tag. */
export type ViewKit = typeof litHtml;

export interface ViewDeps {
  api(): ApiClient | undefined;
  /** The onboarding the BFF answered with (the element shows it). */
  onUpdate(o: Onboarding): void;
  /** A refusal's message in the element's language. */
  errorMessage(m: Messages, code: string): string;
}

/** The error code of a failed call: the BFF's (an `ApiError`'s), else `network_error` (it did not answer). */
const errorCode = (e: unknown): string => {
  const code = (e as {code?: unknown} | undefined)?.code;
  return typeof code === 'string' ? code : 'network_error';
};

/** The element's panel: `statusText` and `render` as it needs them (it is a controller of the element too). */
export type VerificationPanel = Pick<VerificationView, 'statusText' | 'render'>;

/** The module's one entry point: the panel for `host`, whose shadow root gets the panel's styles. */
export function createVerificationView(kit: ViewKit, host: ReactiveControllerHost & HTMLElement, deps: ViewDeps): VerificationPanel {
  const root = host.shadowRoot;
  if (root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  const view = new VerificationView(kit, host, deps);
  host.addController(view);
  return view;
}

/** State and rendering of the verification panel; the element renders it and feeds it the onboarding. */
class VerificationView implements ReactiveController {
  private method: Method = 'SMS';
  private busy: '' | 'sending' | 'checking' = '';
  /** The last refusal's code, or `invalid` for a code that is not 6 digits. */
  private problem = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly kit: ViewKit,
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: ViewDeps,
  ) {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** What the element's polite status line says meanwhile. */
  statusText(m: Messages, n: PhoneNumber | undefined): string {
    const v = {...en, ...m.verification};
    if (this.busy === 'sending') return v.sending;
    if (this.busy === 'checking') return v.checking;
    const sent = n?.verification;
    return sent?.codeSentAt ? (sent.method === 'VOICE' ? v.sentVOICE : v.sentSMS) : v.title;
  }

  private get root(): ShadowRoot | HTMLElement {
    return this.host.shadowRoot ?? this.host;
  }

  private set(patch: {busy?: '' | 'sending' | 'checking'; problem?: string; method?: Method}): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** Milliseconds until a new code may be asked for (0 when it may now). */
  private waitMs(n: PhoneNumber): number {
    const at = n.verification?.resendAvailableAt;
    return at ? Math.max(0, Date.parse(at) - Date.now()) : 0;
  }

  private async send(n: PhoneNumber): Promise<void> {
    const api = this.deps.api();
    if (!api || this.busy || this.waitMs(n) > 0) return;
    this.set({busy: 'sending', problem: ''});
    try {
      const body: StartVerificationRequest = {phoneNumberId: n.phoneNumberId, method: this.method};
      this.deps.onUpdate(await api.onboarding('/v1/session/verification', body));
      void this.host.updateComplete.then(() => this.root.querySelector<HTMLInputElement>('[part~="code"]')?.focus());
    } catch (e) {
      this.problem = errorCode(e);
    } finally {
      this.set({busy: ''});
    }
  }

  private async check(n: PhoneNumber, input: HTMLInputElement): Promise<void> {
    const api = this.deps.api();
    if (!api || this.busy) return;
    const code = input.value.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) {
      this.set({problem: 'invalid'});
      input.focus();
      return;
    }
    this.set({busy: 'checking', problem: ''});
    try {
      const body: VerificationCodeRequest = {phoneNumberId: n.phoneNumberId, code};
      const o = await api.onboarding('/v1/session/verification/code', body);
      input.value = '';
      this.deps.onUpdate(o);
    } catch (e) {
      this.problem = errorCode(e);
      input.select();
      input.focus();
    } finally {
      this.set({busy: ''});
    }
  }

  /** The panel for `n`; `lang` formats the time a new code may be asked for. */
  render(n: PhoneNumber, m: Messages, lang: string): TemplateResult {
    const html = this.kit;
    const v = {...en, ...m.verification};
    const sent = n.verification?.codeSentAt ? n.verification : undefined;
    const wait = this.waitMs(n);
    clearTimeout(this.timer);
    // Re-render once the cool-down is over, so the button comes back by itself.
    if (wait > 0) this.timer = setTimeout(() => this.host.requestUpdate(), Math.min(wait + 50, 2 ** 31 - 1));
    const sendBlocked = Boolean(this.busy) || wait > 0;
    // The refusals of these routes have their messages here (`v.errors`), the others the element's.
    const problem =
      this.problem === 'invalid'
        ? v.invalidCode
        : this.problem
          ? this.deps.errorMessage({...m, errors: {...m.errors, ...v.errors}}, this.problem)
          : '';
    const time = sent?.resendAvailableAt
      ? new Intl.DateTimeFormat(lang, {hour: 'numeric', minute: '2-digit', second: '2-digit'}).format(new Date(sent.resendAvailableAt))
      : '';
    const alert = html`<p id="verification-alert" class="verification-alert" role="alert">${problem}</p>`;
    const methods = html`<form
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.send(n);
      }}
    >
      <fieldset>
        <legend>${v.method}</legend>
        ${METHODS.map(
          (method) =>
            html`<label
              ><input
                type="radio"
                name="verification-method"
                .value=${method}
                .checked=${method === this.method}
                @change=${() => this.set({method})}
              />
              ${v[method]}</label
            >`,
        )}
      </fieldset>
      <button type="submit" aria-disabled=${sendBlocked}>${sent ? v.resend : v.send}</button>
      ${wait > 0 ? html`<p>${v.resendAt.replace('{time}', time)}</p>` : ''}
    </form>`;
    // Before a code: how to send it. After: the code first, then a new code (by either method) below it.
    return html`<div part="verification" role="group" aria-labelledby="vt">
      <p id="vt" class="verification-title">${v.title}</p>
      <p>${v.intro}</p>
      ${n.displayPhoneNumber ? html`<p>${v.number}: <span dir="ltr">${n.displayPhoneNumber}</span></p>` : ''}
      ${sent
        ? html`<form
              novalidate
              @submit=${(e: Event) => {
                e.preventDefault();
                void this.check(n, (e.target as HTMLFormElement).querySelector('input')!);
              }}
            >
              <p>${sent.method === 'VOICE' ? v.sentVOICE : v.sentSMS}</p>
              <label for="verification-code">${v.code}</label>
              <input
                id="verification-code"
                part="code"
                name="one-time-code"
                type="text"
                autocomplete="one-time-code"
                inputmode="numeric"
                pattern="[0-9]{6}"
                maxlength="6"
                required
                aria-describedby="verification-hint verification-alert"
                aria-invalid=${problem ? 'true' : 'false'}
              />
              <p id="verification-hint">${v.codeHint}</p>
              <button type="submit" aria-disabled=${Boolean(this.busy)}>${v.submit}</button>
            </form>
            ${alert} ${methods}`
        : html`${methods} ${alert}`}
    </div>`;
  }
}
