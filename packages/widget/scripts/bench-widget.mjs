#!/usr/bin/env node
// Widget budget: min+gzip size of the script-tag build (goal ≤ 12 kB, Lit included; where its bytes go by part and
// module, and the size of each language file and on-demand view it fetches) and the time from script start to
// an interactive button (goal ≤ 50 ms median) in headless Chromium over cold loads, by phase (load-phases.mjs:
// script fetch, parse and define, GET /v1/session, SDK load, first render, button enabled; median and p90 of
// each), with a fake FB SDK and a stub GET /v1/session on a loopback server, so no network. Run after
// `npm run build` (the npm script does).
import {readFileSync, readdirSync} from 'node:fs';
import {createServer} from 'node:http';
import {gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {ensureChromium} from './ensure-chromium.mjs';
import {PROBE, SDK_MARK, phasesOf, summarize} from './load-phases.mjs';
import {sizeBreakdown} from './size-breakdown.mjs';
import {SIZE_REASONS} from './size-reasons.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const BUDGET = 12 * 1024;
const TTI_BUDGET = 50;
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

// Two pages, loaded in turn: on `sdk` the element loads the SDK (a fake one from the loopback server, named by
// `sdk-src`), so its load is a phase of its own as on a real page; on `fb` the page has `window.FB` before the
// element (the figures of issue 14 and earlier were measured that way).
const page = (sdkLoaded) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
${sdkLoaded ? '' : '<script>window.FB = {init() {}, login() {}};</script>'}</head><body>
<whatsapp-signup session="bench-token"${sdkLoaded ? ' sdk-src="/sdk.js"' : ''}></whatsapp-signup>
<script>${PROBE}</script>
<script src="/whatsapp-signup.classic.js"></script>
</body></html>`;
const sdk = `${SDK_MARK} window.FB = {init() {}, login() {}};`;

const server = createServer((req, res) => {
  if (req.url === '/sdk') return res.writeHead(200, {'content-type': 'text/html'}).end(page(true));
  if (req.url === '/fb') return res.writeHead(200, {'content-type': 'text/html'}).end(page(false));
  if (req.url === '/whatsapp-signup.classic.js') return res.writeHead(200, {'content-type': 'text/javascript'}).end(classic);
  if (req.url === '/sdk.js') return res.writeHead(200, {'content-type': 'text/javascript'}).end(sdk);
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
const loads = {sdk: [], fb: []};
try {
  for (let i = 0; i < LOADS; i++) {
    for (const [name, list] of Object.entries(loads)) {
      const context = await browser.newContext(); // cold cache each load
      const p = await context.newPage();
      await p.goto(`${origin}/${name}`);
      await p.waitForFunction((sdk) => window.__marks?.enabled !== undefined && (!sdk || window.__marks.sdkRan !== undefined), name === 'sdk', {timeout: 10000});
      const {marks, entries} = await p.evaluate(() => ({
        marks: window.__marks,
        entries: performance.getEntriesByType('resource').map(({name, startTime, responseEnd}) => ({name, startTime, responseEnd})),
      }));
      list.push(phasesOf(marks, entries));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
const phases = summarize(loads.sdk);
const tti = Object.fromEntries(phases).interactive;
const ttiFb = Object.fromEntries(summarize(loads.fb)).interactive;

const size = gz(classic);
console.log(`dist/whatsapp-signup.classic.js: ${kb(classic.length)} min, ${kb(size)} min+gzip (budget ${kb(BUDGET)}: ${size <= BUDGET ? 'met' : `NOT met, ${size - BUDGET} B over`})`);
console.log(`dist/whatsapp-signup.js:         ${kb(esm.length)} min, ${kb(gz(esm))} min+gzip`);
const {parts, modules} = await sizeBreakdown();
console.log('script-tag file by part (min+gzip, estimated):');
for (const [part, n] of parts) console.log(`  ${String(n).padStart(6)} B  ${part}`);
console.log(
  size <= BUDGET
    ? 'by module, and why each is in the file:'
    : `by module: the ${size - BUDGET} B over the budget are among these, and why each is in the file:`,
);
for (const [m, n] of modules) console.log(`  ${String(n).padStart(6)} B  ${m}: ${SIZE_REASONS[m] ?? 'no reason recorded (add one to scripts/size-reasons.mjs)'}`);
const langs = readdirSync(new URL('i18n/', dist)).filter((f) => f.endsWith('.json'));
console.log(`languages the element fetches from the BFF when its locale needs one (not in the file): ${langs.map((f) => `${f} ${gz(readFileSync(new URL(`i18n/${f}`, dist)))} B`).join(', ')}`);
const views = readdirSync(new URL('views/', dist)).filter((f) => f.endsWith('.js'));
console.log(`views the element imports from the BFF when an onboarding needs one (not in the file): ${views.map((f) => `${f} ${gz(readFileSync(new URL(`views/${f}`, dist)))} B`).join(', ')}`);
const ms = (n) => n.toFixed(1).padStart(6);
const verdict = (t) => `budget ${TTI_BUDGET} ms: ${t.median <= TTI_BUDGET ? 'met' : `NOT met, ${(t.median - TTI_BUDGET).toFixed(1)} ms over`}`;
console.log(`time by phase over ${LOADS} cold loads, the element loading the SDK (ms since the script started; the session and the SDK load in parallel):`);
console.log(`  ${'phase'.padEnd(54)} median    p90   from     to`);
for (const [name, p] of phases) console.log(`  ${name.padEnd(54)} ${ms(p.median)} ${ms(p.p90)} ${ms(p.start)} ${ms(p.end)}`);
console.log(`time to interactive button, the element loading the SDK: median ${tti.median.toFixed(1)} ms, p90 ${tti.p90.toFixed(1)} ms over ${LOADS} cold loads (${verdict(tti)})`);
console.log(`time to interactive button, window.FB already on the page (as issue 14 measured): median ${ttiFb.median.toFixed(1)} ms, p90 ${ttiFb.p90.toFixed(1)} ms (${verdict(ttiFb)})`);
