/**
 * The built widget (packages/widget/dist/whatsapp-signup.js), its languages other than English
 * (dist/i18n/<locale>.json, which the element fetches from beside its script), its views loaded on demand
 * (dist/views/<name>.js, which the element imports when an onboarding needs one) and one content hash over all
 * of them: one service that the public routes serving the files and the hosted page linking to the bundle
 * (`?v=<hash>`) both receive. A language or view file carries the bundle's ETag, so `?v=` pins all at once.
 * Re-read only when a file changed on disk (a rebuild while the BFF runs is picked up).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface WidgetFile {
  body: Buffer;
  /** Strong ETag: a quoted content hash (of the bundle and its languages together). */
  etag: string;
  /** The content hash alone (the `v` query of the versioned URL). */
  version: string;
}

/** A language file's name: a BCP 47 tag of the element's shape (`de`, `pt-BR`) and `.json`; nothing else is served. */
const LANGUAGE_FILE = /^([a-z]{2}(?:-[A-Z]{2})?)\.json$/;
/** A view file's name: lower-case words and `.js`. */
const VIEW_FILE = /^([a-z]+(?:-[a-z]+)*)\.js$/;

interface Loaded extends WidgetFile {
  /** mtime and size of every file read, to tell a rebuild. */
  stamp: string;
  languages: ReadonlyMap<string, Buffer>;
  views: ReadonlyMap<string, Buffer>;
}

export class WidgetBundle {
  #cached: Loaded | undefined;

  /** `path` undefined: no bundle (the route answers `widget_not_built`). Its languages are in `i18n/` beside it. */
  constructor(private readonly path: string | undefined) {}

  /** The bundle as it is on disk now; undefined when it does not exist. */
  async load(): Promise<WidgetFile | undefined> {
    const c = await this.#load();
    return c && { body: c.body, etag: c.etag, version: c.version };
  }

  /** The JSON of one language (`de`, `pt-BR`, …) with the bundle's ETag; undefined when there is none. */
  async language(locale: string): Promise<WidgetFile | undefined> {
    const c = await this.#load();
    const body = c?.languages.get(locale);
    return c && body && { body, etag: c.etag, version: c.version };
  }

  /** One view module (`verification`, …) with the bundle's ETag; undefined when there is none. */
  async view(name: string): Promise<WidgetFile | undefined> {
    const c = await this.#load();
    const body = c?.views.get(name);
    return c && body && { body, etag: c.etag, version: c.version };
  }

  /** Content hash of the current bundle, for cache-busting URLs; undefined when it is not built. */
  async version(): Promise<string | undefined> {
    return (await this.#load())?.version;
  }

  async #load(): Promise<Loaded | undefined> {
    if (!this.path) return undefined;
    const base = dirname(this.path);
    const dirs = [
      { dir: 'i18n', pattern: LANGUAGE_FILE },
      { dir: 'views', pattern: VIEW_FILE },
    ];
    const [st, ...lists] = await Promise.all([
      stat(this.path).catch(() => undefined),
      ...dirs.map(({ dir, pattern }) =>
        readdir(join(base, dir)).then((all) => all.filter((n) => pattern.test(n)).sort().map((n) => `${dir}/${n}`), () => [] as string[]),
      ),
    ]);
    if (!st?.isFile()) return undefined;
    const names = lists.flat() as string[];
    const stats = await Promise.all(names.map((n) => stat(join(base, n)).catch(() => undefined)));
    const stamp = [st, ...stats].map((s, i) => `${i ? names[i - 1] : ''}:${s?.mtimeMs}:${s?.size}`).join('|');
    if (this.#cached?.stamp === stamp) return this.#cached;
    const body = await readFile(this.path);
    const languages = new Map<string, Buffer>();
    const views = new Map<string, Buffer>();
    const hash = createHash('sha256').update(body);
    for (const n of names) {
      const file = await readFile(join(base, n)).catch(() => undefined);
      if (!file) continue;
      const [dir, name] = n.split('/') as [string, string];
      if (dir === 'i18n') languages.set(LANGUAGE_FILE.exec(name)![1]!, file);
      else views.set(VIEW_FILE.exec(name)![1]!, file);
      // A language keeps hashing under its bare name, as before views existed (same versions for the same files).
      hash.update(`\0${dir === 'i18n' ? name : n}\0`).update(file);
    }
    const version = hash.digest('base64url').slice(0, 27);
    this.#cached = { stamp, body, languages, views, etag: `"${version}"`, version };
    return this.#cached;
  }
}
