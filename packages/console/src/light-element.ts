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

/**
 * Reads now and again every `everyMs` until `settled` holds or `tries` reads are done (for work the server does after
 * it answered, e.g. a redelivery it queued). Resolves to whether it settled.
 */
export async function follow(read: () => Promise<void>, settled: () => boolean, o: {tries: number; everyMs: number}): Promise<boolean> {
  for (let i = 0; i < o.tries; i++) {
    await read();
    if (settled()) return true;
    await new Promise((r) => setTimeout(r, o.everyMs));
  }
  return false;
}
