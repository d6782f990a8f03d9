#!/usr/bin/env node
// Widget budget: min+gzip size of the script-tag build (goal ≤ 12 kB, Lit included; where its bytes go by part and
// module, and the size of each language file and on-demand view it fetches) and the median time from
// script start to an interactive button in headless Chromium (a fake FB and a stub GET /v1/session on a
// loopback server, so no network). Run after `npm run build` (the npm script does).
import {readFileSync, readdirSync} from 'node:fs';
import {createServer} from 'node:http';
import {gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {ensureChromium} from './ensure-chromium.mjs';
import {sizeBreakdown} from './size-breakdown.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const BUDGET = 12 * 1024;
const dist = new URL('../dist/', import.meta.url);
const classic = readFileSync(new URL('whatsapp-signup.classic.js', dist));
const esm = readFileSync(new URL('whatsapp-signup.js', dist));
const gz = (b) => gzipSync(b, {level: 9}).length;
const kb = (n) => `${(n / 1024).toFixed(2)} kB`;

const session = JSON.stringify({
  session: {id: 'ses_bench', expiresAt: new Date(Date.now() + 3600e3).toISOString()},
  meta: {appId: '123', configId: '456', graphVersion: 'v25.0', solutionId: null},
  regions: {allowed: ['US', 'EU', 'BR'], default: 'EU'},
  prefill: {},
  featureType: '',
  onboarding: null,
  hostedUrl: null,
});

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script>window.FB = {init() {}, login() {}};</script></head><body>
<whatsapp-signup session="bench-token"></whatsapp-signup>
<script>
  window.__t0 = performance.now();
  document.addEventListener('whatsapp-signup-ready', (e) => {
    const b = e.target.shadowRoot.querySelector('[part~="button"]');
    if (b && b.getAttribute('aria-disabled') !== 'true') window.__tti = performance.now() - window.__t0;
  });
</script>
<script src="/whatsapp-signup.classic.js"></script>
</body></html>`;

const server = createServer((req, res) => {
  if (req.url === '/') return res.writeHead(200, {'content-type': 'text/html'}).end(page);
  if (req.url === '/whatsapp-signup.classic.js') return res.writeHead(200, {'content-type': 'text/javascript'}).end(classic);
  if (req.url === '/v1/session') return res.writeHead(200, {'content-type': 'application/json'}).end(session);
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: ensureChromium(),
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const times = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext(); // cold cache each load
    const p = await context.newPage();
    await p.goto(origin + '/');
    times.push(await p.waitForFunction(() => window.__tti, null, {timeout: 10000}).then((h) => h.jsonValue()));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;

const size = gz(classic);
console.log(`dist/whatsapp-signup.classic.js: ${kb(classic.length)} min, ${kb(size)} min+gzip (budget ${kb(BUDGET)}: ${size <= BUDGET ? 'met' : `NOT met, ${size - BUDGET} B over`})`);
console.log(`dist/whatsapp-signup.js:         ${kb(esm.length)} min, ${kb(gz(esm))} min+gzip`);
const {parts, modules} = await sizeBreakdown();
console.log('script-tag file by part (min+gzip, estimated):');
for (const [part, n] of parts) console.log(`  ${String(n).padStart(6)} B  ${part}`);
console.log('  by module:', modules.map(([m, n]) => `${m} ${n}`).join(', '));
const langs = readdirSync(new URL('i18n/', dist)).filter((f) => f.endsWith('.json'));
console.log(`languages the element fetches from the BFF when its locale needs one (not in the file): ${langs.map((f) => `${f} ${gz(readFileSync(new URL(`i18n/${f}`, dist)))} B`).join(', ')}`);
const views = readdirSync(new URL('views/', dist)).filter((f) => f.endsWith('.js'));
console.log(`views the element imports from the BFF when an onboarding needs one (not in the file): ${views.map((f) => `${f} ${gz(readFileSync(new URL(`views/${f}`, dist)))} B`).join(', ')}`);
console.log(`time to interactive button: median ${median.toFixed(1)} ms over ${times.length} cold loads (min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)})`);
