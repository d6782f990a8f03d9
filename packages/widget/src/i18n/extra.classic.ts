/**
 * Classic build only (vite.config.ts aliases `./extra.js` to this file): English is inline; `es`, `pt-BR`
 * and `de` are tiny sibling scripts, `whatsapp-signup.classic.<locale>.js`, next to this one, loaded the
 * first time an element needs them. Each sets `document.currentScript.m` to its table, so nothing global is
 * touched and no CORS is needed. Without the siblings the element works in English.
 */
import type {Messages} from './types.js';

export const extra: Record<string, Messages> = {};

const base = (document.currentScript as HTMLScriptElement | null)?.src;
const loads: Record<string, Promise<Messages | undefined>> = {};

export const fetchLocale = (locale: string): Promise<Messages | undefined> =>
  (loads[locale] ??= new Promise((resolve) => {
    if (!base) return resolve(undefined);
    const s = document.createElement('script') as HTMLScriptElement & {m?: Messages};
    s.src = new URL(`whatsapp-signup.classic.${locale}.js`, base).href;
    s.onload = s.onerror = () => {
      s.remove();
      resolve(s.m);
    };
    document.head.append(s);
  }));
