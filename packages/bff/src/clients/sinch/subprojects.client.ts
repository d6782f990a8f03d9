/**
 * Sinch Subprojects API v1 (`https://subproject.api.sinch.com`). Errors use the Google dialect.
 * There is no label filter and no idempotency key: {@link SubprojectsClient.findByLabel} pages through.
 */
import type { SinchHttp } from './http.js';

export interface Subproject {
  subprojectId: string;
  displayName: string;
  labels?: Record<string, string>;
  parentProjectId: string;
  createTime: string;
  updateTime: string;
  deleted: boolean;
}

export interface CreateSubprojectBody {
  /** 1..255 chars, not unique. */
  displayName: string;
  labels?: Record<string, string>;
}

export class SubprojectsClient {
  constructor(
    private readonly http: SinchHttp,
    private readonly baseUrl: string,
    private readonly parentProjectId: string,
  ) {}

  #url(p: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${p}`;
  }

  /** Creates a subproject (200). Not retried after an unknown outcome: reconcile with findByLabel. */
  create(body: CreateSubprojectBody, signal?: AbortSignal): Promise<Subproject> {
    return this.http.request('subproject', 'POST', this.#url(`/v1/projects/${enc(this.parentProjectId)}/subprojects`), {
      body,
      unsafe: true,
      signal,
    });
  }

  list(
    q: { pageSize?: number; pageToken?: string; showDeleted?: boolean } = {},
    signal?: AbortSignal,
  ): Promise<{ subprojects?: Subproject[]; nextPageToken?: string }> {
    return this.http.request('subproject', 'GET', this.#url(`/v1/projects/${enc(this.parentProjectId)}/subprojects`), {
      query: { pageSize: q.pageSize ?? 1000, pageToken: q.pageToken, showDeleted: q.showDeleted },
      signal,
    });
  }

  /** Pages through every (non-deleted) subproject and returns those whose label `key` equals `value`. */
  async findByLabel(key: string, value: string, signal?: AbortSignal): Promise<Subproject[]> {
    const found: Subproject[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.list({ pageToken }, signal);
      for (const s of page.subprojects ?? []) if (!s.deleted && s.labels?.[key] === value) found.push(s);
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return found;
  }

  get(subprojectId: string, signal?: AbortSignal): Promise<Subproject> {
    return this.http.request('subproject', 'GET', this.#url(`/v1/subprojects/${enc(subprojectId)}`), { signal });
  }

  async delete(subprojectId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('subproject', 'DELETE', this.#url(`/v1/subprojects/${enc(subprojectId)}`), { signal });
  }
}

const enc = encodeURIComponent;
