/**
 * Builds the Sinch clients from the config: one auth provider, one HTTP path, three API clients.
 */
import type { Logger } from 'pino';
import { sinchCredentials, type Config } from '../../config.js';
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
export * from './conversation.client.js';

export interface SinchClients {
  http: SinchHttp;
  auth: OAuth2TokenProvider | BasicAuthProvider;
  subprojects: SubprojectsClient;
  provisioning: ProvisioningClient;
  conversation: ConversationClient;
  parentProjectId: string;
}

export function createSinchClients(
  config: Config,
  opts: { transport?: Transport; logger?: Logger; retry?: Partial<RetryPolicy>; sleep?: Sleep } = {},
): SinchClients {
  const creds = sinchCredentials(config);
  const auth =
    config.SINCH_AUTH_MODE === 'basic'
      ? new BasicAuthProvider(creds.keyId, creds.keySecret)
      : new OAuth2TokenProvider({
          authUrl: config.SINCH_AUTH_URL,
          keyId: creds.keyId,
          keySecret: creds.keySecret,
          transport: opts.transport,
          timeoutMs: config.SINCH_TIMEOUT_MS,
          retry: { maxRetries: config.SINCH_MAX_RETRIES, ...opts.retry },
          sleep: opts.sleep,
        });
  const http = new SinchHttp({
    auth,
    transport: opts.transport,
    timeoutMs: config.SINCH_TIMEOUT_MS,
    retry: { maxRetries: config.SINCH_MAX_RETRIES, ...opts.retry },
    sleep: opts.sleep,
    logger: opts.logger,
  });
  return {
    http,
    auth,
    subprojects: new SubprojectsClient(http, config.SINCH_SUBPROJECT_URL, creds.projectId),
    provisioning: new ProvisioningClient(http, config.SINCH_PROVISIONING_URL),
    conversation: new ConversationClient(http, config.SINCH_CONVERSATION_URL),
    parentProjectId: creds.projectId,
  };
}
