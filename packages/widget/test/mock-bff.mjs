// A stand-in for the BFF's browser routes (docs/http-api.md) and its widget languages for @web/test-runner, as
// Koa middleware.
// Each test registers a scenario under its own session token (POST /__bff/setup) so test files running in
// parallel pages never share state; /__bff/calls returns what the widget sent. Every response of a scenario
// is checked against the BFF's OpenAPI document first (contract.mjs): a scenario the real BFF could not
// play is refused, and the test that registered it fails.
import {PassThrough} from 'node:stream';
import {contractErrors} from './contract.mjs';
import {languageJson} from '../scripts/language-files.mjs';
import {viewModule} from '../scripts/view-files.mjs';

const scenarios = new Map();
const sdkAttempts = new Map();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readJson(req) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : undefined;
}

function pick(route, n) {
  return Array.isArray(route) ? route[Math.min(n, route.length - 1)] : route;
}

const viewFailures = new Map();

export function mockBff() {
  return async (ctx, next) => {
    // An endpoint under /__flaky/<key>/<n>/ is the BFF whose view files fail the first n requests (per key).
    const flaky = /^\/__flaky\/([\w-]+)\/(\d+)(\/.*)$/.exec(ctx.path);
    if (flaky) ctx.path = flaky[3];
    const path = ctx.path;
    // The element's views, as the BFF serves dist/views/<name>.js (made from src/views/<name>.ts the same way).
    const view = /^\/widget\/views\/([\w-]+)\.js$/.exec(path)?.[1];
    if (view) {
      const n = (viewFailures.get(flaky?.[1]) ?? 0) + 1;
      if (flaky) viewFailures.set(flaky[1], n);
      const code = flaky && n <= Number(flaky[2]) ? undefined : await viewModule(view);
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.status = code ? 200 : flaky ? 503 : 404;
      ctx.type = code ? 'text/javascript' : 'application/json';
      ctx.body = code ?? {error: {code: 'not_found', message: 'The widget has no such view'}};
      return;
    }
    if (path === '/__bff/setup' && ctx.method === 'POST') {
      const {token, routes} = await readJson(ctx.req);
      const errors = contractErrors(routes);
      if (errors.length) {
        ctx.status = 400;
        ctx.body = errors.join('\n');
        return;
      }
      scenarios.set(token, {routes, calls: [], hits: {}});
      ctx.body = {ok: true};
      return;
    }
    if (path === '/__bff/calls') {
      ctx.body = scenarios.get(ctx.query.token)?.calls ?? [];
      return;
    }
    // A fake FB SDK file: ?fail=N fails the first N requests per key, ?empty serves no global, ?hang never answers.
    if (path === '/__bff/sdk.js') {
      const key = ctx.query.key ?? '';
      const n = (sdkAttempts.get(key) ?? 0) + 1;
      sdkAttempts.set(key, n);
      if (process.env.DEBUG_SDK) console.log('sdk request', ctx.url, n);
      if (ctx.query.hang) {
        await sleep(4000);
      }
      if (n <= Number(ctx.query.fail ?? 0)) {
        ctx.status = 503;
        ctx.body = 'blocked';
        return;
      }
      ctx.type = 'application/javascript';
      ctx.body = ctx.query.empty
        ? '/* nothing */'
        : 'window.FB = {init(o){(window.__fbInit ||= []).push(o)}, login(cb){cb({status:"unknown"})}};';
      return;
    }
    // The element's languages, as the BFF serves dist/i18n/<tag>.json (made from src/i18n/<tag>.ts the same way).
    const tag = /^\/widget\/i18n\/([\w-]+)\.json$/.exec(path)?.[1];
    if (tag) {
      const json = await languageJson(tag);
      ctx.status = json ? 200 : 404;
      ctx.type = 'application/json';
      ctx.body = json ?? {error: {code: 'not_found', message: 'The widget has no such language'}};
      return;
    }
    if (!path.startsWith('/v1/')) return next();

    const token = (ctx.get('authorization') || '').replace(/^Bearer /, '') || ctx.query.access_token;
    const st = scenarios.get(token);
    if (!st) {
      ctx.status = 401;
      ctx.body = {error: {code: 'unauthorized', message: 'unknown session token'}};
      return;
    }
    const body = ctx.method === 'POST' ? await readJson(ctx.req) : undefined;
    const key = `${ctx.method} ${path}`;
    st.calls.push({method: ctx.method, path, body, auth: ctx.get('authorization')});
    const n = (st.hits[key] = (st.hits[key] ?? -1) + 1);
    const r = pick(st.routes[key], n);
    if (!r) {
      ctx.status = 404;
      ctx.body = {error: {code: 'not_found', message: `no mock for ${key}`}};
      return;
    }
    if (r.delay) await sleep(r.delay);
    if (r.sse) {
      ctx.status = 200;
      ctx.type = 'text/event-stream';
      ctx.set('Cache-Control', 'no-cache');
      const stream = new PassThrough();
      ctx.body = stream;
      (async () => {
        let id = 0;
        for (const ev of r.sse) {
          if (ev.delay) await sleep(ev.delay);
          // `waitFor: 'POST /v1/…'` holds the event until the element made that call (`waitCount` times; 20 s at most).
          for (let i = 0; ev.waitFor && (st.hits[ev.waitFor] ?? -1) + 1 < (ev.waitCount ?? 1) && i < 2000; i++) await sleep(10);
          if (ev.raw !== undefined) stream.write(ev.raw);
          else stream.write(`id: ${++id}\nevent: onboarding\ndata: ${JSON.stringify({onboarding: ev.onboarding})}\n\n`);
        }
        stream.end();
      })();
      return;
    }
    ctx.status = r.status ?? 200;
    ctx.body = r.body ?? {};
  };
}
