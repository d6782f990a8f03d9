/**
 * The built widget bundle (packages/widget/dist/whatsapp-signup.js) and its content hash: one service that
 * the public route serving the file and the hosted page linking to it (`?v=<hash>`) both receive.
 * Re-read only when the file changed on disk (a rebuild while the BFF runs is picked up).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

export interface WidgetFile {
  body: Buffer;
  /** Strong ETag: a quoted content hash. */
  etag: string;
  /** The content hash alone (the `v` query of the versioned URL). */
  version: string;
}

export class WidgetBundle {
  #cached: (WidgetFile & { mtimeMs: number; size: number }) | undefined;

  /** `path` undefined: no bundle (the route answers `widget_not_built`). */
  constructor(private readonly path: string | undefined) {}

  /** The bundle as it is on disk now; undefined when it does not exist. */
  async load(): Promise<WidgetFile | undefined> {
    if (!this.path) return undefined;
    const st = await stat(this.path).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const c = this.#cached;
    if (c && c.mtimeMs === st.mtimeMs && c.size === st.size) return c;
    const body = await readFile(this.path);
    const version = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    this.#cached = { mtimeMs: st.mtimeMs, size: st.size, body, etag: `"${version}"`, version };
    return this.#cached;
  }

  /** Content hash of the current bundle, for cache-busting URLs; undefined when it is not built. */
  async version(): Promise<string | undefined> {
    return (await this.load())?.version;
  }
}
