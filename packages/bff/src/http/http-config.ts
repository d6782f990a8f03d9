/**
 * Adapters between the engine engineer's modules and the HTTP layer: HttpConfig from loadConfig()'s
 * Config, and a metering wrapper around the Sinch transport (Sinch calls by API and status).
 */
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';
import { defaultTransport, type Transport } from '../clients/sinch/http.js';
import type { HttpConfig } from '../app.js';
import type { Metrics } from '../metrics/metrics.js';

/** packages/widget/dist/whatsapp-signup.js, built by the widget package. */
export const DEFAULT_WIDGET_FILE = fileURLToPath(new URL('../../../widget/dist/whatsapp-signup.js', import.meta.url));

export function httpConfigFrom(c: Config, extra: Partial<HttpConfig> = {}): HttpConfig {
  if (!c.SESSION_SECRET) throw new Error('SESSION_SECRET is required');
  return {
    apiKeys: c.BFF_API_KEYS,
    allowedOrigins: c.ALLOWED_ORIGINS,
    sessionSecret: c.SESSION_SECRET,
    ...(c.PUBLIC_URL ? { publicUrl: c.PUBLIC_URL } : {}),
    meta: {
      appId: c.META_APP_ID ?? '',
      configId: c.META_CONFIG_ID ?? '',
      graphVersion: c.META_GRAPH_VERSION,
      solutionId: c.SINCH_SOLUTION_ID ?? null,
    },
    ...(c.PROVISIONING_WEBHOOK_SECRET ? { provisioningWebhookSecret: c.PROVISIONING_WEBHOOK_SECRET } : {}),
    widgetFile: DEFAULT_WIDGET_FILE,
    ...extra,
  };
}

/** Which Sinch API a URL belongs to, by the configured base URLs (longest prefix wins). */
export function sinchApiOf(c: Pick<Config, 'SINCH_AUTH_URL' | 'SINCH_SUBPROJECT_URL' | 'SINCH_PROVISIONING_URL' | 'SINCH_CONVERSATION_URL'>) {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rules: Array<[RegExp, string]> = [
    [new RegExp(`^${escape(c.SINCH_AUTH_URL)}`), 'auth'],
    [new RegExp(`^${escape(c.SINCH_SUBPROJECT_URL)}`), 'subproject'],
    [new RegExp(`^${escape(c.SINCH_PROVISIONING_URL)}`), 'provisioning'],
    [new RegExp(`^${escape(c.SINCH_CONVERSATION_URL).replace(escape('{region}'), '(us|eu|br)')}`), 'conversation'],
  ];
  return (url: string) => rules.find(([re]) => re.test(url))?.[1] ?? 'other';
}

/** Wraps the Sinch transport so every upstream response (or network failure) is counted in /metrics. */
export function meteredTransport(metrics: Metrics, apiOf: (url: string) => string, inner: Transport = defaultTransport): Transport {
  return async (url, init) => {
    const api = apiOf(url);
    try {
      const res = await inner(url, init);
      metrics.observeSinchCall(api, res.status);
      return res;
    } catch (e) {
      metrics.observeSinchCall(api, 'network_error');
      throw e;
    }
  };
}
