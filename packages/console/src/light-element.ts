import {LitElement} from 'lit';
import type {ConsoleApiClient} from './api-client.js';

/**
 * The console's elements render into the light DOM: the console is the whole page, so one stylesheet
 * (console.styles.ts, adopted by the document) styles every view and landmarks and headings form one outline.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** What a view gets from the app: the API client and the confirmation dialog. */
export interface ConsoleContext {
  api: ConsoleApiClient;
  /** Asks the operator to confirm an action; resolves true when they did. */
  confirm(o: {title: string; body: string; action: string}): Promise<boolean>;
}

/** Keeps only the newest of overlapping loads: `const n = gen.next(); …; if (!gen.current(n)) return;`. */
export class LoadGeneration {
  #n = 0;
  next(): number {
    return ++this.#n;
  }
  current(n: number): boolean {
    return n === this.#n;
  }
}
