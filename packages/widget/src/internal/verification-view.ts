/**
 * The element's side of the number verification: which number waits for a code, and the view itself, which is
 * a separate file (src/views/verification.ts, built as dist/views/verification.js and served by the BFF beside
 * the bundle) imported the first time an onboarding needs it. Meanwhile the panel says it is loading; when
 * the file does not load it says so with a retry (a retry imports it again).
 */
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {errorMessage, type Messages} from '../i18n/index.js';
import {widgetFileUrl} from '../i18n/load.js';
import type {VerificationPanel} from '../views/verification.js';
import {ApiError, type ApiClient, type Onboarding, type PhoneNumber} from './api-client.js';

/** The number that waits for the customer's code: the first one when the job awaits it, else an added one. */
export function numberToVerify(o: Onboarding | undefined): PhoneNumber | undefined {
  if (!o || o.state === 'failed' || o.state === 'expired') return undefined;
  const waiting = o.phoneNumbers.filter((p) => p.status === 'verification_required');
  return waiting.find((p) => p.phoneNumberId === o.phoneNumberId) ?? waiting[0];
}

export interface VerificationDeps {
  api(): ApiClient | undefined;
  /** The BFF's base URL (the file is `widget/views/verification.js` there). */
  endpoint(): string;
  onUpdate(o: Onboarding): void;
}

type ViewModule = typeof import('../views/verification.js');

export class VerificationView implements ReactiveController {
  #view: VerificationPanel | undefined;
  #loading = false;
  #failed = false;
  #tries = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: VerificationDeps,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#view?.disconnect();
  }

  /** Starts importing the view (once; again after a failure). */
  load(): void {
    if (this.#view || this.#loading) return;
    this.#loading = true;
    this.#failed = false;
    const url = widgetFileUrl('widget/views/verification.js', this.deps.endpoint());
    // A failed import stays failed for its URL: a retry asks under a new one.
    if (this.#tries++) url.searchParams.set('retry', String(this.#tries));
    (import(/* @vite-ignore */ url.href) as Promise<ViewModule>)
      .then((mod) => {
        this.#view = mod.createVerificationView({html, nothing}, this.host, {
          ...this.deps,
          errorMessage,
          errorCode: (e) => (e instanceof ApiError ? e.code : 'network_error'),
        });
      })
      .catch(() => (this.#failed = true))
      .finally(() => {
        this.#loading = false;
        this.host.requestUpdate();
      });
    this.host.requestUpdate();
  }

  /** What the element's polite status line says meanwhile. */
  statusText(m: Messages, n: PhoneNumber | undefined): string {
    return this.#view ? this.#view.statusText(m, n) : this.#failed ? m.viewFailed : m.loading;
  }

  render(n: PhoneNumber, m: Messages, lang: string): TemplateResult {
    if (this.#view) return this.#view.render(n, m, lang);
    return html`<div part="verification" role="group" aria-busy=${!this.#failed}>
      ${this.#failed
        ? html`<p role="alert">${m.viewFailed}</p>
            <button type="button" @click=${() => this.load()}>${m.retry}</button>`
        : html`<p>${m.loading}</p>`}
    </div>`;
  }
}
