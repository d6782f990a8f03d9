// The element's languages other than English as JSON files beside the bundle: dist/i18n/<tag>.json, made from
// src/i18n/<tag>.ts (typed `Messages`, so a missing string still fails the typecheck). The element fetches the
// one its locale needs (src/i18n/load.ts); English stays built in. Used by the Vite build (a plugin) and by the
// test runner, which serves the same JSON to the element running from its sources.
import {readdirSync} from 'node:fs';
import {tsImport} from 'tsx/esm/api';

const SRC = new URL('../src/i18n/', import.meta.url);

/** The locales with a file of their own: every `src/i18n/<tag>.ts` named like a BCP 47 tag, except `en`. */
export const LANGUAGE_TAGS = readdirSync(SRC)
  .map((f) => /^([a-z]{2}(?:-[A-Z]{2})?)\.ts$/.exec(f)?.[1])
  .filter((tag) => tag && tag !== 'en');

/** The JSON of one locale's messages, or undefined for a tag without a file. */
export async function languageJson(tag) {
  if (!LANGUAGE_TAGS.includes(tag)) return undefined;
  const mod = await tsImport(new URL(`${tag}.ts`, SRC).href, import.meta.url);
  const messages = Object.values(mod).find((v) => v && typeof v === 'object' && 'errors' in v);
  if (!messages) throw new Error(`src/i18n/${tag}.ts exports no Messages object`);
  return JSON.stringify(messages);
}

/** The Vite plugin: emits i18n/<tag>.json next to the bundles. */
export default function languageFiles() {
  return {
    name: 'language-files',
    async generateBundle() {
      for (const tag of LANGUAGE_TAGS) {
        this.emitFile({type: 'asset', fileName: `i18n/${tag}.json`, source: await languageJson(tag)});
      }
    },
  };
}
