/** Counts every Sinch call in /metrics by API and status, wrapping the Sinch transport. */
import type { SinchSettings, Transport } from '../clients/sinch/index.js';
import type { Metrics } from './metrics.js';

/** Which Sinch API a URL belongs to, by the configured base URLs (first match, in this order). */
export function sinchApiOf(urls: SinchSettings['urls']): (url: string) => string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rules: Array<[RegExp, string]> = [
    [new RegExp(`^${escape(urls.auth)}`), 'auth'],
    [new RegExp(`^${escape(urls.subproject)}`), 'subproject'],
    [new RegExp(`^${escape(urls.provisioning)}`), 'provisioning'],
    [new RegExp(`^${escape(urls.conversation).replace(escape('{region}'), '(us|eu|br)')}`), 'conversation'],
  ];
  return (url: string) => rules.find(([re]) => re.test(url))?.[1] ?? 'other';
}

/** Wraps the Sinch transport so every upstream response (or network failure) is counted in /metrics. */
export function meteredTransport(metrics: Metrics, apiOf: (url: string) => string, inner: Transport): Transport {
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
