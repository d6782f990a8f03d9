import {ApiClient, ApiError, type Onboarding} from '../src/internal/api-client.js';
import {deepEqual, equal, ok, rejects, waitFor} from './fixtures/assert.js';
import {mockBff, onboarding, sessionBody} from './fixtures/bff.js';

describe('ApiClient', () => {
  describe('GET /v1/session', () => {
    it('should send the session token as a Bearer header and return the body', async () => {
      const bff = await mockBff({'GET /v1/session': {body: sessionBody()}});
      const s = await new ApiClient(location.origin + '/', bff.token).getSession();
      equal(s.meta.appId, '123');
      const [call] = await bff.calls();
      equal(call!.auth, `Bearer ${bff.token}`);
    });
    it('should turn {error:{code}} into an ApiError', async () => {
      const bff = await mockBff({'GET /v1/session': {status: 401, body: {error: {code: 'session_expired', message: 'gone'}}}});
      const e = (await rejects(new ApiClient(location.origin, bff.token).getSession())) as ApiError;
      ok(e instanceof ApiError);
      equal(e.code, 'session_expired');
      equal(e.status, 401);
      equal(e.retryable, false);
    });
    it('should fall back on the status when the body is not JSON', async () => {
      const bff = await mockBff({'GET /v1/session': {status: 503, body: 'down', offContract: 'a proxy in front of the BFF answers'}});
      const e = (await rejects(new ApiClient(location.origin, bff.token).getSession())) as ApiError;
      equal(e.code, 'internal_error');
      equal(e.retryable, true);
    });
    it('should report network_error when the server cannot be reached', async () => {
      const e = (await rejects(new ApiClient('http://127.0.0.1:9', 't').getSession())) as ApiError;
      equal(e.code, 'network_error');
      equal(e.retryable, true);
    });
    it('should abort with the signal', async () => {
      const bff = await mockBff({'GET /v1/session': {delay: 1000, body: sessionBody()}});
      const ac = new AbortController();
      const p = new ApiClient(location.origin, bff.token).getSession(ac.signal);
      ac.abort();
      const e = (await rejects(p)) as Error;
      equal(e.name, 'AbortError');
    });
  });

  describe('POST /v1/session/onboarding', () => {
    it('should post the JSON body and return the onboarding', async () => {
      const bff = await mockBff({'POST /v1/session/onboarding': {status: 202, body: {onboarding: onboarding('running', 1)}}});
      const body = {code: 'c', event: 'FINISH', wabaId: '1', businessId: '3', region: 'EU'} as const;
      const o = await new ApiClient(location.origin, bff.token).submit(body);
      equal(o.state, 'running');
      deepEqual((await bff.calls())[0]!.body, body);
    });
  });

  describe('POST /v1/session/events', () => {
    it('should send the milestone with keepalive and the token, and return before the answer', async () => {
      const bff = await mockBff({'POST /v1/session/events': {status: 204, delay: 200}});
      const realFetch = window.fetch;
      const inits: RequestInit[] = [];
      window.fetch = (input, init) => (inits.push(init ?? {}), realFetch(input, init));
      try {
        const returned = new ApiClient(location.origin, bff.token).report({milestone: 'cancelled', currentStep: 'PERMISSIONS'});
        equal(returned, undefined, 'nothing to await');
      } finally {
        window.fetch = realFetch;
      }
      equal(inits.length, 1);
      equal(inits[0]!.keepalive, true, 'keepalive: it outlives a page that closes');
      equal(inits[0]!.method, 'POST');
      // `find`, not `filter`: an empty list is truthy, and waitFor would return before the report arrived.
      const call = await waitFor(async () => (await bff.calls()).find((c) => c.path === '/v1/session/events'), 'the report');
      deepEqual(call.body, {milestone: 'cancelled', currentStep: 'PERMISSIONS'});
      equal(call.auth, `Bearer ${bff.token}`);
    });
    it('should swallow a failure: no rejection reaches the page', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (e: PromiseRejectionEvent) => unhandled.push(e.reason);
      const realFetch = window.fetch;
      window.addEventListener('unhandledrejection', onUnhandled);
      window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
      try {
        new ApiClient(location.origin, 't').report({milestone: 'loaded'});
        // An unhandled rejection is reported within a task or two: 20 polls give it ample time to show.
        for (let i = 0; i < 20 && !unhandled.length; i++) await new Promise((r) => setTimeout(r, 10));
      } finally {
        window.fetch = realFetch;
        window.removeEventListener('unhandledrejection', onUnhandled);
      }
      deepEqual(unhandled, []);
    });
  });

  describe('watch()', () => {
    it('should read the event stream, skipping comments and split chunks', async () => {
      const one = JSON.stringify({onboarding: onboarding('running', 2)});
      const bff = await mockBff({
        'GET /v1/session/onboarding/events': {
          sse: [
            {raw: ': ping\n\n'},
            {raw: `id: 1\nevent: onboarding\nda`},
            {delay: 20, raw: `ta: ${one}\n\n`},
            {raw: 'event: onboarding\ndata: {not json\n\n'},
            {delay: 20, onboarding: onboarding('completed', 5)},
          ],
        },
      });
      const seen: Onboarding[] = [];
      await new ApiClient(location.origin, bff.token).watch((o) => seen.push(o), new AbortController().signal);
      deepEqual(seen.map((o) => o.state), ['running', 'completed']);
      equal((await bff.calls()).filter((c) => c.path === '/v1/session/onboarding').length, 0, 'no polling');
    });
    it('should poll when the stream is unavailable, until a terminal state', async () => {
      const bff = await mockBff({
        'GET /v1/session/onboarding/events': {status: 500, body: {error: {code: 'internal_error', message: 'x'}}},
        'GET /v1/session/onboarding': [{body: {onboarding: onboarding('running', 3)}}, {body: {onboarding: onboarding('failed', 3, {error: {step: 'activation', code: 'activation_timeout', message: 'm', retryable: true}})}}],
      });
      const seen: string[] = [];
      await new ApiClient(location.origin, bff.token, 20).watch((o) => seen.push(o.state), new AbortController().signal);
      deepEqual(seen, ['running', 'failed']);
    });
    it('should poll when the stream ends before a terminal state', async () => {
      const bff = await mockBff({
        'GET /v1/session/onboarding/events': {sse: [{onboarding: onboarding('running', 1)}]},
        'GET /v1/session/onboarding': {body: {onboarding: onboarding('completed', 5)}},
      });
      const seen: string[] = [];
      await new ApiClient(location.origin, bff.token, 20).watch((o) => seen.push(o.state), new AbortController().signal);
      deepEqual(seen, ['running', 'completed']);
    });
    it('should stop when aborted', async () => {
      const bff = await mockBff({
        'GET /v1/session/onboarding/events': {status: 500, offContract: 'a proxy answers without a body'},
        'GET /v1/session/onboarding': {body: {onboarding: onboarding('running', 1)}},
      });
      const ac = new AbortController();
      const p = new ApiClient(location.origin, bff.token, 20).watch(() => ac.abort(), ac.signal);
      await p;
      equal((await bff.calls()).filter((c) => c.path === '/v1/session/onboarding').length, 1);
    });
  });
});
