/**
 * Sinch Provisioning webhooks (`/v1/projects/{projectId}/webhooks`): per project, subprojects included; at
 * most 15 per project (424 `webhook_limit_reached`), the target unique per project (409 `webhook_exists`).
 * The secret is write-only: Sinch never returns it. PAPI error dialect.
 */
import type { SinchHttp } from './http.js';

export interface ProvisioningWebhook {
  id: string;
  projectId?: string;
  target: string;
  triggers: string[];
}

export interface CreateProvisioningWebhookBody {
  /** URL, 1..742 characters. */
  target: string;
  /** 1..128 characters, high entropy. Never logged. */
  secret: string;
  /** At least one, unique; `ALL` must not be mixed with others. */
  triggers: string[];
}

/** Most webhooks a project may have, and the largest page the list accepts. */
export const PROVISIONING_WEBHOOKS_PER_PROJECT = 15;

export class ProvisioningWebhooksClient {
  constructor(
    private readonly http: SinchHttp,
    private readonly baseUrl: string,
  ) {}

  #url(projectId: string, p = ''): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(projectId)}/webhooks${p}`;
  }

  /** 201 with the webhook (no secret). Never retried after an unknown outcome: reconcile with list. */
  create(projectId: string, body: CreateProvisioningWebhookBody, signal?: AbortSignal): Promise<ProvisioningWebhook> {
    return this.http.request('provisioning', 'POST', this.#url(projectId), { body, unsafe: true, signal });
  }

  /** Every webhook of the project (pages of 15). */
  async list(projectId: string, signal?: AbortSignal): Promise<ProvisioningWebhook[]> {
    const all: ProvisioningWebhook[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.http.request<{ webhooks?: ProvisioningWebhook[]; nextPageToken?: string }>('provisioning', 'GET', this.#url(projectId), {
        query: { pageSize: PROVISIONING_WEBHOOKS_PER_PROJECT, pageToken },
        signal,
      });
      all.push(...(page?.webhooks ?? []));
      pageToken = page?.nextPageToken || undefined;
    } while (pageToken);
    return all;
  }

  /** 204; repeating it is harmless (a second call answers 404 `webhook_not_found`). */
  async delete(projectId: string, webhookId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('provisioning', 'DELETE', this.#url(projectId, `/${encodeURIComponent(webhookId)}`), { signal });
  }
}
