/**
 * Hash routes of the console: `#/onboardings?state=failed`, `#/onboardings/<id>`, `#/funnel?days=30`,
 * `#/callbacks`, `#/audit`. Sign-in is not a route: it is shown whenever there is no session.
 */
export type ViewName = 'onboardings' | 'onboarding' | 'funnel' | 'callbacks' | 'audit';

export interface Route {
  view: ViewName;
  /** The onboarding's id (view `onboarding`). */
  id?: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', q = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(q);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'onboardings' && parts[1]) return {view: 'onboarding', id: decodeURIComponent(parts[1]), params};
  if (parts[0] === 'funnel' || parts[0] === 'callbacks' || parts[0] === 'audit') return {view: parts[0], params};
  return {view: 'onboardings', params};
}

/** The hash of a view with its parameters (empty ones left out). */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}
