import {html, nothing} from 'lit';
import {ConsoleApiError, type ConsoleApiClient} from '../api-client.js';
import type {OperatorSession} from '../api-types.js';
import {LightElement} from '../light-element.js';

/** Fired when the operator signed in; `detail` is the session. */
export class ConsoleSignedInEvent extends Event {
  constructor(readonly detail: OperatorSession) {
    super('console-signed-in', {bubbles: true, composed: true});
  }
}

/** The sign-in form: name and password, disabled while it is sent, the server's refusal in words. */
export class ConsoleSignIn extends LightElement {
  static override properties = {api: {attribute: false}, notice: {}, _busy: {state: true}, _error: {state: true}};
  declare api: ConsoleApiClient;
  /** Why the operator is here (e.g. the session expired), shown above the form. */
  declare notice: string;
  declare private _busy: boolean;
  declare private _error: string;

  constructor() {
    super();
    this.notice = '';
    this._busy = false;
    this._error = '';
  }

  override firstUpdated() {
    this.querySelector<HTMLInputElement>('#signin-name')?.focus();
  }

  #submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._busy = true;
    this._error = '';
    try {
      const session = await this.api.signIn(String(data.get('name') ?? ''), String(data.get('password') ?? ''));
      this.dispatchEvent(new ConsoleSignedInEvent(session));
    } catch (err) {
      this._error = signInMessage(err);
      this._busy = false;
      await this.updateComplete;
      const pw = this.querySelector<HTMLInputElement>('#signin-password');
      if (pw) {
        pw.value = '';
        pw.focus();
      }
    }
  };

  override render() {
    return html`<div class="signin">
      <h1 tabindex="-1">Sign in to the operator console</h1>
      ${this.notice ? html`<p class="outcome ok" role="status">${this.notice}</p>` : nothing}
      <form class="panel" @submit=${this.#submit} aria-describedby=${this._error ? 'signin-error' : nothing}>
        <div class="field">
          <label for="signin-name">Name</label>
          <input id="signin-name" name="name" autocomplete="username" required maxlength="64" ?disabled=${this._busy} />
        </div>
        <div class="field">
          <label for="signin-password">Password</label>
          <input id="signin-password" name="password" type="password" autocomplete="current-password" required maxlength="256" ?disabled=${this._busy} />
        </div>
        <p id="signin-error" class="outcome error" role="alert">${this._error}</p>
        <button type="submit" ?disabled=${this._busy} aria-busy=${this._busy ? 'true' : 'false'}>${this._busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </div>`;
  }
}

function signInMessage(err: unknown): string {
  if (err instanceof ConsoleApiError) {
    if (err.status === 401) return 'The name or the password is wrong.';
    if (err.status === 429) return 'Too many sign-in attempts. Wait a minute, then try again.';
    return err.message;
  }
  return 'Signing in failed. Try again.';
}
