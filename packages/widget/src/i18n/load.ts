/**
 * Loading of the element's languages. English is built in; every other language is a JSON file the BFF serves
 * beside the bundle (`/widget/i18n/<tag>.json`, made by the build from `src/i18n/<tag>.ts`), so the element
 * gets it wherever its own code came from (the BFF's script tag, a CDN, an app's bundle). When the script
 * itself came from that BFF, its query (`?v=<content hash>`) goes along, so the language is cached exactly like
 * the bundle. A language that does not load falls back to English; the failure is not kept, so the next try
 * fetches again.
 */
import {en} from './en.js';
import type {Messages} from './types.js';

// Read while the module first runs: a classic script's `currentScript` is set only then (an ES module has
// none and uses `import.meta.url`; the classic build has no `import.meta`).
const SCRIPT =
  (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src || import.meta.url;

const loading = new Map<string, Promise<Messages>>();

/** The URL of a file the BFF at `endpoint` serves beside the bundle (`widget/…`), versioned like the script. */
export function widgetFileUrl(path: string, endpoint: string): URL {
  const url = new URL(path, endpoint.replace(/\/*$/, '/'));
  if (SCRIPT && new URL(SCRIPT).origin === url.origin) url.search = new URL(SCRIPT).search;
  return url;
}

/** The messages of locale `tag` (one of `LOCALES`) from the BFF at `endpoint`: English at once, others once fetched. */
export function loadMessages(tag: string, endpoint: string): Messages | Promise<Messages> {
  if (tag === 'en') return en;
  const url = widgetFileUrl(`widget/i18n/${tag}.json`, endpoint);
  const key = url.href;
  let p = loading.get(key);
  if (!p) {
    p = fetch(url, {signal: AbortSignal.timeout(5e3)})
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      // Over English, so a key a stale file lacks still reads as something.
      .then((m: Messages) => ({
        ...en,
        ...m,
        errors: {...en.errors, ...m.errors},
      }))
      .catch(() => (loading.delete(key), en));
    loading.set(key, p);
  }
  return p;
}
