/**
 * Smoke run of the demo (`npm run demo -- --smoke`): one onboarding per region through the HTTP API with
 * codes minted by the sandbox (as the Meta sandbox's dialog does), a hosted link, the site's pages and the
 * signed ASP callbacks. No browser. Resolves to true when everything passed.
 */
import { randomInt } from 'node:crypto';
import type { Demo } from './main.js';
import { META_SDK_PATH } from './main.js';
import { REGIONS } from './site.js';

const TERMINAL = new Set(['completed', 'failed', 'abandoned', 'expired']);
const digits = () => String(randomInt(1e9, 1e10));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `done` up to `tries` times, `everyMs` apart (the sandbox's Sinch runs on real time here); false when it
 * never held. A bounded count, not a deadline: the run always ends, and how long it took is printed, not judged.
 */
async function poll(done: () => boolean | Promise<boolean>, tries: number, everyMs: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return true;
    await sleep(everyMs);
  }
  return done();
}

export async function runSmoke(demo: Demo, log: (s: string) => void = console.log, polls = 120): Promise<boolean> {
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    log(`${ok ? '  ok  ' : '  FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  const api = async (method: string, path: string, auth: string, body?: unknown) => {
    const res = await fetch(`${demo.bffUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (res.status === 204 ? undefined : await res.json()) as any };
  };

  check((await fetch(`${demo.bffUrl}/readyz`)).status === 200, 'BFF /readyz answers 200 (database and Sinch sandbox token)');
  check((await fetch(`${demo.bffUrl}/widget/whatsapp-signup.js`)).status === 200, 'BFF serves /widget/whatsapp-signup.js');
  const sdk = await fetch(`${demo.sandboxUrl}${META_SDK_PATH}`);
  check(sdk.status === 200, `Meta sandbox serves ${META_SDK_PATH}`);
  for (const path of ['/', '/link', '/onboardings']) {
    const res = await fetch(`${demo.siteUrl}${path}`);
    const html = await res.text();
    check(res.status === 200 && !html.includes(demo.apiKey), `demo site ${path} answers 200 without the API key`);
    if (path === '/') check(/<whatsapp-signup [^>]*session="ey/.test(html), 'demo site / embeds <whatsapp-signup> with a session token');
  }

  // One onboarding per region, in parallel, as the widget would submit them.
  const started = Date.now();
  const results = await Promise.all(
    REGIONS.map(async (region) => {
      const created = await api('POST', '/v1/sessions', demo.apiKey, {
        customer: { reference: `smoke-${region}`, displayName: `Smoke ${region}` },
        regions: { allowed: [...REGIONS], default: region },
      });
      if (created.status !== 201) return { region, id: '-', state: `session ${created.status}`, ms: 0 };
      const { id, token } = created.json as { id: string; token: string };
      const submitted = await api('POST', '/v1/session/onboarding', token, {
        code: demo.sandbox.mintCode(),
        event: 'FINISH',
        wabaId: digits(),
        phoneNumberId: digits(),
        businessId: digits(),
        region,
      });
      if (submitted.status !== 202) return { region, id, state: `submit ${submitted.status} ${JSON.stringify(submitted.json)}`, ms: 0 };
      let o: any = submitted.json.onboarding;
      await poll(async () => {
        if (TERMINAL.has(o.state)) return true;
        o = (await api('GET', `/v1/onboardings/${id}`, demo.apiKey)).json.onboarding;
        return TERMINAL.has(o.state);
      }, polls, 250);
      return { region, id, state: o.state as string, senderState: o.senderState as string | undefined, error: o.error, ms: Date.now() - started };
    }),
  );
  for (const r of results) {
    check(r.state === 'completed', `${r.region}: onboarding ${r.id} ${r.state}${'senderState' in r && r.senderState ? `, sender ${r.senderState}` : ''} after ${(r.ms / 1000).toFixed(1)} s${'error' in r && r.error ? ` (${JSON.stringify(r.error)})` : ''}`);
  }

  // The hosted link flow up to the page (a person or the e2e tests click through the dialog).
  const link = await api('POST', '/v1/signup-links', demo.apiKey, { customer: { reference: 'smoke-link', displayName: 'Smoke link' } });
  check(link.status === 201 && typeof link.json.url === 'string', 'POST /v1/signup-links returns a URL');
  if (link.status === 201) {
    const pageRes = await fetch(link.json.url);
    const html = await pageRes.text();
    check(pageRes.status === 200 && html.includes('<whatsapp-signup') && html.includes(META_SDK_PATH), 'the hosted page answers 200 with the widget and the Meta sandbox SDK');
    // Loading never uses a link up (mail scanners load links before the customer); one onboarding does.
    check((await fetch(link.json.url, { method: 'HEAD' })).status === 200 && (await fetch(link.json.url)).status === 200, 'loading the link again (a scanner, a reload) still gets the page');
    const revoked = await api('DELETE', `/v1/signup-links/${link.json.id}`, demo.apiKey);
    check(revoked.status === 204 && (await fetch(link.json.url)).status === 410, 'a revoked link answers 410');
  }

  // The BFF tells the ASP: one signed callback per completed onboarding, verified by the site.
  const ids = results.map((r) => r.id);
  await poll(() => ids.every((id) => demo.site.callbacks.has(id)), 100, 100);
  check(ids.every((id) => demo.site.callbacks.get(id)?.verified && demo.site.callbacks.get(id)?.type === 'onboarding.completed'), 'signed onboarding.completed callbacks received and verified by the site');

  const listed = (await (await fetch(`${demo.siteUrl}/api/onboardings?state=completed`)).json()) as { items: Array<{ id: string }> };
  check(ids.every((id) => listed.items.some((o) => o.id === id)), 'the site lists the three onboardings as completed');

  // The operator console: the demo's login signs in and lists the same onboardings.
  const consoleApi = `${demo.bffUrl}/console/api`;
  const signIn = await fetch(`${consoleApi}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(demo.bffUrl).origin },
    body: JSON.stringify(demo.operator),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  check(signIn.status === 200 && cookie.startsWith('console_session='), `the operator console signs in ${demo.operator.name} (${demo.consoleUrl})`);
  const inConsole = (await (await fetch(`${consoleApi}/onboardings?state=completed`, { headers: { cookie } })).json()) as { items?: Array<{ id: string }> };
  check(ids.every((id) => inConsole.items?.some((o) => o.id === id)), 'the operator console lists the three onboardings as completed');

  log(failures.length === 0 ? `smoke: all checks passed` : `smoke: ${failures.length} check(s) failed`);
  return failures.length === 0;
}
