/**
 * Loading of the element's languages. English is built in; every other language is a JSON file beside the
 * script (`i18n/<tag>.json`, made by the build from `src/i18n/<tag>.ts`), fetched from the same origin with
 * the script's own query (the BFF's `?v=<content hash>`), so it is cached exactly like the bundle. A language
 * that does not load falls back to English; the failure is not kept, the next element tries again.
 */
import {en} from './en.js';
import type {Messages} from './types.js';

// Read while the module first runs: a classic script's `currentScript` is set only then (an ES module has
// none and uses `import.meta.url`; the classic build has no `import.meta`).
const SCRIPT =
  (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src || import.meta.url;

const loading = new Map<string, Promise<Messages>>();

/** The messages of locale `tag` (one of `LOCALES`): English at once, any other once it is fetched. */
export function loadMessages(tag: string): Messages | Promise<Messages> {
  if (tag === 'en') return en;
  let p = loading.get(tag);
  if (!p) {
    const url = new URL(`i18n/${tag}.json`, SCRIPT);
    url.search = new URL(SCRIPT).search;
    p = fetch(url, {signal: AbortSignal.timeout(5e3)})
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      // Over English, so a key a stale file lacks still reads as something.
      .then((m: Messages) => ({
        ...en,
        ...m,
        status: {...en.status, ...m.status},
        verification: {...en.verification, ...m.verification},
        errors: {...en.errors, ...m.errors},
      }))
      .catch(() => (loading.delete(tag), en));
    loading.set(tag, p);
  }
  return p;
}
