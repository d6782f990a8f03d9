// A page without window.FB: the element has to load the SDK itself (one test page per file, so the
// loader's cache starts empty here).
import {expectAccessible} from '../fixtures/a11y.js';
import {equal, ok, waitFor} from '../fixtures/assert.js';
import {mockBff, sessionBody} from '../fixtures/bff.js';
import {build} from '../fixtures/widget.js';

async function mount(attrs: Record<string, string>, session = sessionBody()) {
  const bff = await mockBff({'GET /v1/session': {body: session}, 'POST /v1/session/events': {status: 204}});
  const el = document.createElement('whatsapp-signup');
  const events: Array<Event & {detail?: any}> = [];
  for (const n of ['whatsapp-signup-ready', 'whatsapp-signup-error']) el.addEventListener(n, (e) => events.push(e));
  el.setAttribute('endpoint', location.origin);
  el.setAttribute('session', bff.token);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  // The funnel milestones the element reported to the BFF.
  const milestones = async () => (await bff.calls()).filter((c) => c.path === '/v1/session/events').map((c) => c.body.milestone);
  return {el, events, of: (t: string) => events.filter((e) => e.type === t), milestones};
}
const sdkTags = () => [...document.querySelectorAll<HTMLScriptElement>('script[src*="sdk.js"]')];

describe(`<whatsapp-signup> without the FB SDK on the page (${build} build)`, () => {
  afterEach(() => document.querySelectorAll('whatsapp-signup').forEach((e) => e.remove()));

  // First in the file: no SDK has loaded on this page yet, so the element injects its tag.
  describe('when it connects', () => {
    it('should request the SDK, then the session, both before its first render', async () => {
      const bff = await mockBff({'GET /v1/session': {body: sessionBody()}, 'POST /v1/session/events': {status: 204}});
      const src = `/__bff/sdk.js?key=${Math.random()}&fail=1`;
      const realFetch = window.fetch;
      let sdkAtSession: number | undefined;
      window.fetch = (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith('/v1/session')) sdkAtSession ??= sdkTags().filter((s) => s.src.includes(src)).length;
        return realFetch(input, init);
      };
      const el = document.createElement('whatsapp-signup');
      el.setAttribute('endpoint', location.origin);
      el.setAttribute('session', bff.token);
      el.setAttribute('sdk-src', src);
      try {
        document.body.append(el);
        // Checked in the same task as the append: no render, no microtask before either request.
        equal(sdkAtSession, 1, 'the SDK tag is in the page when GET /v1/session goes out');
        equal(el.hasUpdated, false, 'before the first render');
      } finally {
        window.fetch = realFetch;
        el.remove();
      }
      // The loader keeps one attempt per page: let this one fail and reset before the next test.
      await waitFor(() => !sdkTags().some((s) => s.src.includes(src)), 'the failed SDK tag removed');
    });
  });

  describe('when no sdk-src is given', () => {
    it("should load Meta's SDK for its locale before any click", async () => {
      const m = await mount({locale: 'pt-BR', 'sdk-timeout': '400'});
      await waitFor(() => sdkTags().length, 'an SDK tag');
      ok(sdkTags()[0]!.src.startsWith('https://connect.facebook.net/pt_BR/sdk.js'), sdkTags()[0]!.src);
      // No network here: the load fails or times out, and the element says it is blocked.
      await waitFor(() => m.of('whatsapp-signup-error').length, 'error');
      ok(['sdk_blocked', 'sdk_timeout'].includes(m.of('whatsapp-signup-error')[0]!.detail.code));
      equal(m.el.view, 'blocked');
    });
  });

  describe('when the SDK does not answer in time', () => {
    it('should fire sdk_timeout and show the blocked state without a hosted link when there is none', async () => {
      const m = await mount({'sdk-src': `/__bff/sdk.js?key=${Math.random()}&hang=1&empty=1`, 'sdk-timeout': '150'}, sessionBody({hostedUrl: null}));
      await waitFor(() => m.of('whatsapp-signup-error').length, 'error');
      const e = m.of('whatsapp-signup-error')[0]!;
      equal(e.detail.code, 'sdk_timeout');
      equal(e.detail.retryable, true);
      await m.el.updateComplete;
      equal(m.el.shadowRoot!.querySelector('a'), null);
      await waitFor(async () => (await m.milestones()).includes('sdk_timeout'), 'the sdk_timeout milestone');
    });
  });

  describe('when the SDK is blocked', () => {
    it('should say so plainly, offer the hosted page, and load on Retry', async () => {
      const m = await mount({'sdk-src': `/__bff/sdk.js?key=${Math.random()}&fail=1`});
      await waitFor(() => m.of('whatsapp-signup-error').length, 'error');
      equal(m.of('whatsapp-signup-error')[0]!.detail.code, 'sdk_blocked');
      await waitFor(async () => (await m.milestones()).includes('sdk_blocked'), 'the sdk_blocked milestone');
      await m.el.updateComplete;
      equal(m.el.view, 'blocked');
      const error = m.el.shadowRoot!.querySelector('[part~="error"]')!;
      ok(/Facebook sign-in is blocked/.test(error.textContent!), error.textContent!);
      const link = error.querySelector('a')!;
      equal(link.getAttribute('href'), 'https://bff.example.com/signup/abc');
      equal(m.el.shadowRoot!.querySelector('[part~="button"]'), null);
      await expectAccessible(m.el, 'blocked');
      error.querySelector('button')!.click();
      await waitFor(() => m.of('whatsapp-signup-ready').length, 'ready after retry');
      equal(m.el.view, 'ready');
      equal((window as unknown as {__fbInit: unknown[]}).__fbInit.length, 1);
    });
  });
});
