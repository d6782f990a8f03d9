/**
 * Builds the Sinch clients from their settings (the configuration's `sinch` section): one auth provider,
 * one HTTP path, three API clients.
 */
import type { Logger } from 'pino';
import { ConversationClient } from './conversation.client.js';
import { SinchHttp, type RetryPolicy, type Sleep, type Transport } from './http.js';
import { ProvisioningClient } from './provisioning.client.js';
import { SubprojectsClient } from './subprojects.client.js';
import { BasicAuthProvider, OAuth2TokenProvider } from './token-provider.js';

export * from './errors.js';
export * from './http.js';
export * from './token-provider.js';
export * from './subprojects.client.js';
export * from './provisioning.client.js';
export * from './provisioning-webhooks.client.js';
export * from './conversation.client.js';

/** What the Sinch clients need to know (config.ts builds it; the sandbox wiring may supply urls and credentials). */
export interface SinchSettings {
  urls: { auth: string; subproject: string; provisioning: string; conversation: string /* may contain {region} */ };
  credentials: { projectId: string; keyId: string; keySecret: string };
  authMode: 'oauth2' | 'basic';
  timeoutMs: number;
  maxRetries: number;
}

export interface SinchClients {
  http: SinchHttp;
  auth: OAuth2TokenProvider | BasicAuthProvider;
  subprojects: SubprojectsClient;
  provisioning: ProvisioningClient;
  conversation: ConversationClient;
  parentProjectId: string;
}

export function createSinchClients(
  settings: SinchSettings,
  opts: { transport?: Transport; logger?: Logger; retry?: Partial<RetryPolicy>; sleep?: Sleep } = {},
): SinchClients {
  const creds = settings.credentials;
  const auth =
    settings.authMode === 'basic'
      ? new BasicAuthProvider(creds.keyId, creds.keySecret)
      : new OAuth2TokenProvider({
          authUrl: settings.urls.auth,
          keyId: creds.keyId,
          keySecret: creds.keySecret,
          transport: opts.transport,
          timeoutMs: settings.timeoutMs,
          retry: { maxRetries: settings.maxRetries, ...opts.retry },
          sleep: opts.sleep,
        });
  const http = new SinchHttp({
    auth,
    transport: opts.transport,
    timeoutMs: settings.timeoutMs,
    retry: { maxRetries: settings.maxRetries, ...opts.retry },
    sleep: opts.sleep,
    logger: opts.logger,
  });
  return {
    http,
    auth,
    subprojects: new SubprojectsClient(http, settings.urls.subproject, creds.projectId),
    provisioning: new ProvisioningClient(http, settings.urls.provisioning),
    conversation: new ConversationClient(http, settings.urls.conversation),
    parentProjectId: creds.projectId,
  };
}
