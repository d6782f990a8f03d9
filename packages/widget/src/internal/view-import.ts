/**
 * One of the element's views that are files of their own (src/views/<name>.ts, built as dist/views/<name>.js and
 * served by the BFF beside the bundle, with its version): imported the first time the element needs it, the
 * host re-rendered when it has arrived or failed. A failed import stays failed until `load()` is called again
 * (a Try again), which asks under a new URL (the browser keeps a failed module for its URL).
 */
import {html, type ReactiveControllerHost, type TemplateResult} from 'lit';
import type {Messages} from '../i18n/types.js';
import {widgetFileUrl} from '../i18n/load.js';

export class ViewImport<V> {
  /** The view, once its module has arrived. */
  view: V | undefined;
  /** The import under way (or done); `false` after it failed. */
  #import: Promise<void> | false | undefined;

  constructor(
    private readonly name: string,
    private readonly host: ReactiveControllerHost,
    /** The BFF's base URL. */
    private readonly endpoint: () => string,
    /** Makes the view from its module. */
    private readonly create: (mod: any) => V,
  ) {}

  /** Whether the last import failed. */
  get failed(): boolean {
    return this.#import === false;
  }

  /** Starts importing the module (once; again after a failure). */
  load(): void {
    if (this.#import) return;
    const url = widgetFileUrl(`widget/views/${this.name}.js`, this.endpoint());
    if (this.#import === false) url.searchParams.set('retry', String(Date.now()));
    this.#import = import(/* @vite-ignore */ url.href)
      .then(
        (mod) => void (this.view = this.create(mod)),
        () => void (this.#import = false),
      )
      .finally(() => this.host.requestUpdate());
    this.host.requestUpdate();
  }
}

/**
 * What stands in the view's place until it is there: "Loading…" (busy), or after a failed import `failed` as an
 * alert with a Try again button that imports it again.
 */
export function renderPending(part: string, file: ViewImport<unknown>, m: Messages, failed: string): TemplateResult {
  return html`<div part=${part} role="group" aria-busy=${!file.failed}>
    ${file.failed
      ? html`<p role="alert">${failed}</p>
          <button type="button" @click=${() => file.load()}>${m.retry}</button>`
      : m.loading}
  </div>`;
}
