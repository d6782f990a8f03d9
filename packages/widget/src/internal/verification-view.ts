/**
 * The element's side of the number verification: which number waits for a code, and the view itself, which is
 * a separate file (src/views/verification.ts, built as dist/views/verification.js and served by the BFF beside
 * the bundle) imported the first time an onboarding needs it. Meanwhile the panel says it is loading; when
 * the file does not load it says so with a retry (a retry imports it again).
 */
import {html, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {errorMessage, type Messages} from '../i18n/index.js';
import {widgetFileUrl} from '../i18n/load.js';
import type {VerificationPanel} from '../views/verification.js';
import type {ApiClient, Onboarding, PhoneNumber} from './api-client.js';

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

export class VerificationView {
  #view: VerificationPanel | undefined;
  /** The import under way (or done); `false` after it failed. */
  #import: Promise<void> | false | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: VerificationDeps,
  ) {}

  /** Starts importing the view (once; again after a failure). */
  load(): void {
    if (this.#import) return;
    const url = widgetFileUrl('widget/views/verification.js', this.deps.endpoint());
    // A failed import stays failed for its URL: a retry asks under a new one.
    if (this.#import === false) url.searchParams.set('retry', String(Date.now()));
    this.#import = (import(/* @vite-ignore */ url.href) as Promise<ViewModule>)
      .then(
        (mod) => void (this.#view = mod.createVerificationView(html, this.host, {...this.deps, errorMessage})),
        () => void (this.#import = false),
      )
      .finally(() => this.host.requestUpdate());
    this.host.requestUpdate();
  }

  /** What the element's polite status line says meanwhile. */
  statusText(m: Messages, n: PhoneNumber | undefined): string {
    return this.#view ? this.#view.statusText(m, n) : this.#import === false ? m.viewFailed : m.loading;
  }

  render(n: PhoneNumber, m: Messages, lang: string): TemplateResult {
    if (this.#view) return this.#view.render(n, m, lang);
    const failed = this.#import === false;
    return html`<div part="verification" role="group" aria-busy=${!failed}>
      ${failed
        ? html`<p role="alert">${m.viewFailed}</p>
            <button type="button" @click=${() => this.load()}>${m.retry}</button>`
        : m.loading}
    </div>`;
  }
}
