/**
 * Sinch Conversation API, one base URL per region (`https://{region}.conversation.api.sinch.com`).
 * A resource asked for in the wrong region is a 404. Request bodies are typed with @sinch/conversation's models.
 */
import type { Conversation } from '@sinch/conversation';
import { conversationRegion, type Region } from '../../domain/onboarding.types.js';
import type { SinchHttp } from './http.js';

export type AppCreateRequest = Conversation.AppCreateRequest;
export type CreateWebhookRequestBody = Conversation.CreateWebhookRequestBody;

export interface ConversationApp {
  id: string;
  display_name?: string;
  channel_credentials?: Array<{ channel: string; static_bearer?: { claimed_identity?: string } }>;
}

export interface ConversationWebhook {
  id: string;
  app_id?: string;
  target: string;
  target_type?: string;
  triggers?: string[];
}

export class ConversationClient {
  constructor(
    private readonly http: SinchHttp,
    /** Base URL with a `{region}` placeholder. */
    private readonly baseTemplate: string,
  ) {}

  #url(region: Region, projectId: string, p: string): string {
    const base = this.baseTemplate.replaceAll('{region}', conversationRegion(region)).replace(/\/+$/, '');
    return `${base}/v1/projects/${encodeURIComponent(projectId)}${p}`;
  }

  /** 200 with the app. Never retried after an unknown outcome: reconcile with listApps. */
  createApp(region: Region, projectId: string, body: AppCreateRequest, signal?: AbortSignal): Promise<ConversationApp> {
    return this.http.request('conversation', 'POST', this.#url(region, projectId, '/apps'), { body, unsafe: true, signal });
  }

  async listApps(region: Region, projectId: string, signal?: AbortSignal): Promise<ConversationApp[]> {
    const r = await this.http.request<{ apps?: ConversationApp[] }>('conversation', 'GET', this.#url(region, projectId, '/apps'), {
      signal,
    });
    return r?.apps ?? [];
  }

  /** Deletes an app (and its webhooks); idempotent, a 404 means it is gone already. */
  async deleteApp(region: Region, projectId: string, appId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('conversation', 'DELETE', this.#url(region, projectId, `/apps/${encodeURIComponent(appId)}`), { signal });
  }

  /** Never retried after an unknown outcome: reconcile with listWebhooks. */
  createWebhook(region: Region, projectId: string, body: CreateWebhookRequestBody, signal?: AbortSignal): Promise<ConversationWebhook> {
    return this.http.request('conversation', 'POST', this.#url(region, projectId, '/webhooks'), { body, unsafe: true, signal });
  }

  async listWebhooks(region: Region, projectId: string, appId: string, signal?: AbortSignal): Promise<ConversationWebhook[]> {
    const r = await this.http.request<{ webhooks?: ConversationWebhook[] }>(
      'conversation',
      'GET',
      this.#url(region, projectId, `/apps/${encodeURIComponent(appId)}/webhooks`),
      { signal },
    );
    return r?.webhooks ?? [];
  }
}
