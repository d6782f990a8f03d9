/**
 * Sinch Provisioning API (`https://provisioning.api.sinch.com`): WhatsApp Embedded Signup senders and the
 * Meta multi-partner solution. Errors use the PAPI dialect `{errorCode, message, resolution}`.
 */
import type { MetaLocalStorage, Region } from '../../domain/onboarding.types.js';
import type { SinchHttp } from './http.js';
import { ProvisioningWebhooksClient } from './provisioning-webhooks.client.js';

/** ES body of create-sender (WhatsappSenderInputEsDto). */
export interface CreateEsSenderBody {
  wabaId: string;
  phoneNumberId: string;
  region?: Region;
  metaLocalStorage?: MetaLocalStorage;
  businessManager?: 'SINCH_BR' | 'SINCH_MX' | 'SINCH_UK';
  /** The ES single-use code (30 s TTL). Never logged. */
  authenticationCode?: string;
}

/** WhatsappSenderDto, the fields the engine reads (others pass through untyped). */
export interface WhatsappSender {
  id: string;
  state?: string;
  changes?: { status?: string; details?: unknown; errorReason?: string; errorCode?: string };
  region?: string;
  bearerToken?: string;
  /** National number (no country code) and the country code, e.g. "48": the DTO has no WABA or phone number id. */
  phoneNumber?: string;
  countryCode?: string;
  /** The business name shown for the number (Meta's verified name). */
  details?: { displayName?: string; [k: string]: unknown };
  /** GREEN | YELLOW | RED | UNKNOWN. */
  qualityRating?: string;
  /** Lower-case Conversation regions that may use this sender. */
  compatibleRegions?: string[];
  created?: string;
  modified?: string;
}

/** How Sinch sends a PENDING_VERIFICATION sender its code. */
export type VerificationMethod = 'SMS' | 'VOICE';

/** `register` answer: `verificationCodeSent` is false when the number is already registered (Meta verified it). */
export interface RegisterSenderResult {
  id: string;
  method: VerificationMethod;
  accepted: boolean;
  verificationCodeSent: boolean;
}

export interface ListSendersPage {
  totalSize?: number;
  pageSize?: number;
  nextPageToken?: string;
  senders?: WhatsappSender[];
}

export class ProvisioningClient {
  /** The project's Provisioning webhooks (sender callbacks). */
  readonly webhooks: ProvisioningWebhooksClient;

  constructor(
    private readonly http: SinchHttp,
    private readonly baseUrl: string,
  ) {
    this.webhooks = new ProvisioningWebhooksClient(http, baseUrl);
  }

  #url(projectId: string, p: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(projectId)}${p}`;
  }

  /** 201 with the new sender (usually `changes.status: IN_PROGRESS`). Never retried after an unknown outcome. */
  createSender(projectId: string, body: CreateEsSenderBody, signal?: AbortSignal): Promise<WhatsappSender> {
    return this.http.request('provisioning', 'POST', this.#url(projectId, '/whatsapp/senders'), { body, unsafe: true, signal });
  }

  getSender(projectId: string, senderId: string, signal?: AbortSignal): Promise<WhatsappSender> {
    return this.http.request('provisioning', 'GET', this.#url(projectId, `/whatsapp/senders/${encodeURIComponent(senderId)}`), {
      signal,
    });
  }

  /**
   * Asks Sinch to send a PENDING_VERIFICATION sender its verification code (api-facts §8). Sends an SMS or a call,
   * so never repeated by the client: the customer asks again.
   */
  registerSender(projectId: string, senderId: string, method: VerificationMethod, signal?: AbortSignal): Promise<RegisterSenderResult> {
    return this.http.request('provisioning', 'POST', this.#url(projectId, `/whatsapp/senders/${encodeURIComponent(senderId)}/register`), {
      body: { method },
      unsafe: true,
      maxRetries: 0,
      signal,
    });
  }

  /**
   * 204 when the code is right; without `code` when Meta verified the number already. The code is a secret of the
   * customer's: it goes in the body only (never a log line or an error message). Not repeated by the client.
   */
  async verifySender(projectId: string, senderId: string, code: string | undefined, signal?: AbortSignal): Promise<void> {
    await this.http.request('provisioning', 'POST', this.#url(projectId, `/whatsapp/senders/${encodeURIComponent(senderId)}/verify`), {
      body: code === undefined ? {} : { code },
      unsafe: true,
      maxRetries: 0,
      signal,
    });
  }

  listSenders(projectId: string, q: { pageSize?: number; pageToken?: string } = {}, signal?: AbortSignal): Promise<ListSendersPage> {
    return this.http.request('provisioning', 'GET', this.#url(projectId, '/whatsapp/senders'), {
      query: { pageSize: q.pageSize, pageToken: q.pageToken },
      signal,
    });
  }

  /**
   * Cheap readiness probe of a new subproject: one page of one sender, no retries, no re-auth on 401
   * (a not-yet-usable subproject answers 401/403/404; the caller polls with its own backoff).
   */
  async probe(projectId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('provisioning', 'GET', this.#url(projectId, '/whatsapp/senders'), {
      query: { pageSize: 1 },
      reauthOn401: false,
      maxRetries: 0,
      signal,
    });
  }

  async listAllSenders(projectId: string, signal?: AbortSignal): Promise<WhatsappSender[]> {
    const all: WhatsappSender[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.listSenders(projectId, { pageSize: 100, pageToken }, signal);
      all.push(...(page.senders ?? []));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return all;
  }

  /** 204. Repeating it is harmless, so it is retried like a read. */
  async assignSolution(projectId: string, solutionId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request('provisioning', 'POST', this.#url(projectId, `/whatsapp/solutions/${encodeURIComponent(solutionId)}/assign`), {
      signal,
    });
  }
}
