/**
 * The element's side of the number verification: which number waits for a code, and the view itself, which is
 * a separate file (src/views/verification.ts, built as dist/views/verification.js and served by the BFF beside
 * the bundle) imported the first time an onboarding needs it. Meanwhile the panel says it is loading; when
 * the file does not load it says so with a retry (a retry imports it again).
 */
import {html, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {errorMessage, type Messages} from '../i18n/index.js';
import type {VerificationPanel} from '../views/verification.js';
import type {ApiClient, Onboarding, PhoneNumber} from './api-client.js';
import {ViewImport, renderPending} from './view-import.js';

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
  #file: ViewImport<VerificationPanel>;

  constructor(host: ReactiveControllerHost & HTMLElement, deps: VerificationDeps) {
    this.#file = new ViewImport('verification', host, deps.endpoint, (mod: ViewModule) =>
      mod.createVerificationView(html, host, {...deps, errorMessage}),
    );
  }

  /** Starts importing the view (once; again after a failure). */
  load(): void {
    this.#file.load();
  }

  /** What the element's polite status line says meanwhile. */
  statusText(m: Messages, n: PhoneNumber | undefined): string {
    const {view, failed} = this.#file;
    return view ? view.statusText(m, n) : failed ? m.viewFailed : m.loading;
  }

  render(n: PhoneNumber, m: Messages, lang: string): TemplateResult {
    const file = this.#file;
    return file.view ? file.view.render(n, m, lang) : renderPending('verification', file, m, m.viewFailed);
  }
}
