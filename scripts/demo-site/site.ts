/**
 * The demo "ASP site": what an ASP's own web app does with the BFF. Its server holds the BFF API key and
 * mints sessions and signup links server to server; its pages only ever see a short-lived session token.
 *
 *   GET  /             mints a session (POST /v1/sessions) and shows <whatsapp-signup>
 *   GET  /link         form; POST /link mints a hosted signup link (POST /v1/signup-links)
 *   GET  /onboardings  every onboarding and its state (GET /v1/onboardings), refreshed every 1.5 s
 *   POST /asp/events   receiver of the BFF's signed callbacks (NOTIFY_URL), verified here
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import { JOB_STATES } from '@whatsapp-signup/bff';

export const REGIONS = ['US', 'EU', 'BR'] as const;
export type Region = (typeof REGIONS)[number];

export interface SiteOptions {
  /** Server-side view of the BFF (loopback), e.g. http://127.0.0.1:8080. */
  bffInternalUrl: () => string;
  /** BFF port, for the browser-facing URL (same host name as the page). */
  bffPort: () => number;
  /** Meta sandbox SDK path on the sandbox server. */
  sandboxPort: () => number;
  apiKey: string;
  notifySecret: string;
}

/** A signed ASP callback the site received. */
export interface ReceivedCallback {
  eventId: string;
  type: string;
  onboardingId: string;
  state: string;
  verified: boolean;
  at: string;
}

export interface Site {
  app: Express;
  callbacks: Map<string, ReceivedCallback>;
}

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The BFF's NOTIFY_URL signature: `t=<unix s>,v1=hex(HMAC-SHA256(secret, t + "." + rawBody))`, ±5 min. */
export function verifyAspCallback(secret: string, header: string | undefined, rawBody: Buffer, nowMs = Date.now()): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowMs / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const STYLE = `
:root{color-scheme:light;--fg:#1c1e21;--muted:#5f6b7a;--line:#e3e6ea;--accent:#128c7e}
*{box-sizing:border-box} body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:#f6f7f9}
header{background:#fff;border-bottom:1px solid var(--line);padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center}
header b{margin-right:1rem} header a{color:var(--muted);text-decoration:none} header a.on{color:var(--accent);font-weight:600}
main{max-width:68rem;margin:1.5rem auto;padding:0 1.5rem} section{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:10px;padding:1.25rem;margin-bottom:1rem}
h1{font-size:1.3rem;margin:0 0 .5rem} h2{font-size:1rem;margin:0 0 .75rem} p.note{color:var(--muted);margin:.25rem 0 .75rem}
form.row{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end} label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input[type=text],select{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px} fieldset{border:0;padding:0;margin:0;display:flex;gap:.5rem;align-items:center}
button,.button{font:inherit;padding:.4rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:var(--accent)}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace} pre{background:#f3f4f6;padding:.75rem;border-radius:6px;overflow:auto;max-height:18rem;margin:0}
table{border-collapse:collapse;width:100%;font-size:.9rem} th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top} th{color:var(--muted);font-weight:500}
.state{display:inline-block;padding:.05rem .5rem;border-radius:99px;font-size:.8rem;background:#eef0f3}
.state.completed{background:#d8f5e3;color:#0f6b34} .state.failed,.state.expired{background:#fde2e1;color:#9b1c1c} .state.running,.state.warming_up{background:#fff4d6;color:#7a5200}
.state.abandoned{background:#ececec;color:#555} .state.awaiting_phone_number{background:#e0ecff;color:#1d4ed8}
.steps{white-space:nowrap} .steps span{display:inline-block;width:1.1rem;text-align:center} td code{font-size:12px} td.nowrap{white-space:nowrap} .url{word-break:break-all}
`;

function page(title: string, active: string, body: string): string {
  const nav = [
    ['/', 'Embedded widget'],
    ['/link', 'Hosted signup link'],
    ['/onboardings', 'Onboardings'],
  ]
    .map(([href, text]) => `<a href="${href}" class="${href === active ? 'on' : ''}">${text}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Demo ASP</title><style>${STYLE}</style></head>
<body><header><b>Demo ASP</b>${nav}</header><main>${body}</main></body></html>`;
}

interface CustomerForm {
  name: string;
  allowed: Region[];
  defaultRegion: Region | undefined;
}

const counters = new Map<string, number>();
/** The form's values; an empty name becomes "<fallback> <n>". */
function readCustomerForm(q: Record<string, unknown>, fallback = 'Demo customer'): CustomerForm {
  const next = () => {
    const n = (counters.get(fallback) ?? 0) + 1;
    counters.set(fallback, n);
    return `${fallback} ${n}`;
  };
  const name = typeof q.name === 'string' && q.name.trim() ? q.name.trim().slice(0, 100) : next();
  const raw = q.regions === undefined ? [...REGIONS] : ([] as unknown[]).concat(q.regions);
  const allowed = REGIONS.filter((r) => raw.includes(r));
  const def = typeof q.default === 'string' && (REGIONS as readonly string[]).includes(q.default) ? (q.default as Region) : undefined;
  const regions = allowed.length ? allowed : [...REGIONS];
  return { name, allowed: regions, defaultRegion: def && regions.includes(def) ? def : undefined };
}

function customerFields(f: CustomerForm): string {
  const boxes = REGIONS.map(
    (r) => `<label style="flex-direction:row;gap:.25rem"><input type="checkbox" name="regions" value="${r}" ${f.allowed.includes(r) ? 'checked' : ''}>${r}</label>`,
  ).join('');
  const opts = ['', ...REGIONS]
    .map((r) => `<option value="${r}" ${r === (f.defaultRegion ?? '') ? 'selected' : ''}>${r || '(none)'}</option>`)
    .join('');
  return `<label>Customer name<input type="text" name="name" value="${esc(f.name)}" maxlength="100"></label>
<label>Allowed regions<fieldset>${boxes}</fieldset></label>
<label>Default region<select name="default">${opts}</select></label>`;
}

function sessionBody(f: CustomerForm, reference: string) {
  return {
    customer: { reference, displayName: f.name, labels: { source: 'demo-site' } },
    regions: { allowed: f.allowed, ...(f.defaultRegion ? { default: f.defaultRegion } : {}) },
    prefill: { business: { name: f.name, email: 'owner@example.com', website: 'https://example.com', address: { country: 'DE' } } },
  };
}

/** Browser-facing host name: the one the page was reached by (loopback either way). */
const hostOf = (req: Request) => (req.hostname === '127.0.0.1' ? '127.0.0.1' : 'localhost');

export function createSite(o: SiteOptions): Site {
  const app = express();
  app.disable('x-powered-by');
  const callbacks = new Map<string, ReceivedCallback>();
  const links: Array<{ id: string; sessionId: string; url: string; customer: string; expiresAt: string }> = [];

  async function bff(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${o.bffInternalUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${o.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = { error: { code: 'not_json', message: text.slice(0, 200) } };
    }
    if (res.status >= 400) throw new Error(`BFF ${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
    return { status: res.status, json };
  }

  // 1. The embedded widget: the session is minted here, on the server, with the API key.
  app.get('/', async (req, res) => {
    const f = readCustomerForm(req.query);
    const reference = `demo-${Date.now().toString(36)}`;
    const { json } = await bff('POST', '/v1/sessions', sessionBody(f, reference));
    const host = hostOf(req);
    const endpoint = `http://${host}:${o.bffPort()}`;
    const sdkSrc = `http://${host}:${o.sandboxPort()}/meta/sdk.js`;
    res.type('html').send(
      page(
        'Embedded widget',
        '/',
        `<section><h1>Connect WhatsApp for “${esc(f.name)}”</h1>
<p class="note">This page's server minted session <code>${esc(json.id)}</code> with <code>POST /v1/sessions</code> (the API key never reaches the browser).
Pick a region and click the button: the simulated Meta dialog (the Meta sandbox) opens in a popup.</p>
<whatsapp-signup id="signup" endpoint="${esc(endpoint)}" session="${esc(json.token)}" sdk-src="${esc(sdkSrc)}"></whatsapp-signup>
</section>
<section><h2>Events from the element</h2><pre id="log">(none yet)</pre></section>
<section><h2>Another customer</h2><form class="row" method="get" action="/">${customerFields(f)}<button>New session</button></form>
<p class="note">Each load of this page is a new customer and a new session. Finished onboardings show up under <a href="/onboardings">Onboardings</a>.</p></section>
<script type="module" src="${esc(endpoint)}/widget/whatsapp-signup.js"></script>
<script>
  const log = document.getElementById('log'); let first = true;
  for (const type of ['ready', 'start', 'cancel', 'error', 'progress', 'complete']) {
    document.addEventListener('whatsapp-signup-' + type, (e) => {
      const line = new Date().toLocaleTimeString() + '  whatsapp-signup-' + type + '  ' + JSON.stringify(e.detail);
      log.textContent = (first ? '' : log.textContent + '\\n') + line; first = false;
    });
  }
</script>`,
      ),
    );
  });

  // 2. The hosted signup link: minted here, sent to the customer, opened on the BFF's own page.
  const linkPage = (req: Request, f: CustomerForm, minted?: (typeof links)[number]) =>
    page(
      'Hosted signup link',
      '/link',
      `<section><h1>Hosted signup link</h1>
<p class="note">No front-end work: this server calls <code>POST /v1/signup-links</code> and sends the URL to its customer, who completes Embedded Signup on the BFF's page. Each link is good for one onboarding, then shows its result.</p>
<form class="row" method="post" action="/link">${customerFields(f)}<button>Mint a link</button></form></section>
${
  minted
    ? `<section><h2>Link for “${esc(minted.customer)}”</h2><p class="url"><code id="link-url">${esc(minted.url)}</code></p>
<p><a class="button" id="open-link" href="${esc(minted.url)}" target="_blank" rel="noopener">Open the signup page</a>
<button class="secondary" onclick="navigator.clipboard.writeText(document.getElementById('link-url').textContent)">Copy</button></p>
<p class="note">Expires ${esc(minted.expiresAt)} · onboarding <code>${esc(minted.sessionId)}</code></p></section>`
    : ''
}
${
  links.length
    ? `<section><h2>Links minted in this run</h2><table><tr><th>customer</th><th>onboarding</th><th>url</th></tr>${links
        .map((l) => `<tr><td>${esc(l.customer)}</td><td><code>${esc(l.sessionId)}</code></td><td class="url"><a href="${esc(l.url)}" target="_blank" rel="noopener">${esc(l.url)}</a></td></tr>`)
        .join('')}</table></section>`
    : ''
}`,
    );
  app.get('/link', (req, res) => {
    res.type('html').send(linkPage(req, readCustomerForm({ regions: [...REGIONS] }, 'Link customer')));
  });
  app.post('/link', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const f = readCustomerForm(req.body ?? {}, 'Link customer');
    const { json } = await bff('POST', '/v1/signup-links', sessionBody(f, `demo-link-${Date.now().toString(36)}`));
    const minted = { id: json.id, sessionId: json.sessionId, url: json.url, customer: f.name, expiresAt: json.expiresAt };
    links.unshift(minted);
    res.type('html').send(linkPage(req, readCustomerForm({ regions: f.allowed, default: f.defaultRegion }, 'Link customer'), minted));
  });

  // 3. The onboardings list (the ASP's back office), refreshed by polling this server.
  app.get('/api/onboardings', async (req, res) => {
    const state = typeof req.query.state === 'string' && /^[a-z_]{1,32}$/.test(req.query.state) ? req.query.state : undefined;
    const { json } = await bff('GET', `/v1/onboardings?pageSize=100${state ? `&state=${state}` : ''}`);
    res.json({ items: json.items, callbacks: Object.fromEntries(callbacks) });
  });
  app.get('/onboardings', (_req, res) => {
    res.type('html').send(
      page(
        'Onboardings',
        '/onboardings',
        `<section><h1>Onboardings</h1>
<p class="note"><code>GET /v1/onboardings</code>, refreshed every 1.5 s. “Callback” is the signed event the BFF posted to this site's <code>NOTIFY_URL</code>, checked with <code>NOTIFY_SECRET</code>.</p>
<form class="row"><label>State<select id="filter"><option value="">(all)</option>${JOB_STATES.map((s) => `<option>${s}</option>`)
          .join('')}</select></label></form></section>
<section><table id="list"><thead><tr><th>onboarding</th><th>customer</th><th>region</th><th>state</th><th>steps</th><th>sender</th><th>callback</th><th>updated</th></tr></thead><tbody><tr><td colspan="8">loading…</td></tr></tbody></table></section>
<script>
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
  const icon = { done: '✓', running: '…', waiting: '⏳', failed: '✗', pending: '·' };
  const filter = document.getElementById('filter');
  async function refresh() {
    try {
      const r = await fetch('/api/onboardings' + (filter.value ? '?state=' + filter.value : ''));
      const { items, callbacks } = await r.json();
      const rows = items.map((o) => {
        const cb = callbacks[o.id];
        const steps = o.steps.map((s) => '<span title="' + esc(s.name + ': ' + s.status) + '">' + (icon[s.status] ?? '?') + '</span>').join('');
        const err = o.error ? '<br><small>' + esc(o.error.step + ': ' + o.error.code) + '</small>' : o.abandonment ? '<br><small>' + esc(o.abandonment.kind + (o.abandonment.currentStep ? ' at ' + o.abandonment.currentStep : '')) + '</small>' : '';
        return '<tr data-id="' + esc(o.id) + '" data-state="' + esc(o.state) + '"><td><code>' + esc(o.id) + '</code></td><td class="nowrap">' + esc(o.customer.displayName) + '</td><td>' + esc(o.region ?? '') +
          '</td><td><span class="state ' + esc(o.state) + '">' + esc(o.state) + '</span>' + err + '</td><td class="steps">' + steps + '</td><td>' + esc(o.senderState ?? '') +
          '</td><td class="nowrap">' + (cb ? (cb.verified ? '✓ signed ' : '✗ ') + esc(cb.type.replace('onboarding.', '')) : '') + '</td><td class="nowrap">' + esc(new Date(o.updatedAt).toLocaleTimeString()) + '</td></tr>';
      });
      document.querySelector('#list tbody').innerHTML = rows.join('') || '<tr><td colspan="8">No onboardings yet: start one on the <a href="/">widget</a> or <a href="/link">link</a> page.</td></tr>';
    } catch (e) { console.warn(e); }
  }
  filter.addEventListener('change', refresh); refresh(); setInterval(refresh, 1500);
</script>`,
      ),
    );
  });

  // The ASP's callback receiver: verify the signature on the raw bytes, then trust the body.
  app.post('/asp/events', express.raw({ type: 'application/json', limit: '64kb' }), (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verified = verifyAspCallback(o.notifySecret, req.get('x-whatsapp-signup-signature'), raw);
    if (!verified) {
      res.status(401).json({ error: 'bad signature' });
      return;
    }
    const event = JSON.parse(raw.toString('utf8')) as { id: string; type: string; data: { onboarding: { id: string; state: string } } };
    callbacks.set(event.data.onboarding.id, {
      eventId: event.id,
      type: event.type,
      onboardingId: event.data.onboarding.id,
      state: event.data.onboarding.state,
      verified,
      at: new Date().toISOString(),
    });
    res.status(204).end();
  });

  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  // Conversation webhook target of every new app (the sandbox delivers no messages; kept for realism).
  app.post('/asp/sinch-conversation', (_req, res) => {
    res.status(200).end();
  });

  app.use((err: unknown, _req: Request, res: express.Response, _next: express.NextFunction) => {
    console.error(err);
    res.status(502).type('html').send(page('Error', '', `<section><h1>The BFF call failed</h1><pre>${esc(err instanceof Error ? err.message : err)}</pre></section>`));
  });
  return { app, callbacks };
}
