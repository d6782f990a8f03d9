// The funnel milestones the element reports to its BFF (`POST /v1/session/events`, issue 12): each as it happens,
// once per element, sent and forgotten.
import {equal, deepEqual, ok, waitFor} from '../fixtures/assert.js';
import {onboarding} from '../fixtures/bff.js';
import {postEs} from '../fixtures/fake-fb.js';
import {build} from '../fixtures/widget.js';
import {cleanup, mount, signup, type Mounted} from './helpers.js';

const completed = onboarding('completed', 5, {subprojectId: 'sp1', senderId: 'snd1', appId: 'app1', senderState: 'ACTIVE'});
const flow = {
  'POST /v1/session/onboarding': {status: 202, body: {onboarding: onboarding('running', 1)}},
  'GET /v1/session/onboarding/events': {sse: [{delay: 10, onboarding: completed}]},
};
/** The milestone reports the BFF received, in order. */
const reports = async (m: Mounted) =>
  (await m.calls()).filter((c) => c.method === 'POST' && c.path === '/v1/session/events').map((c) => c.body);
const reported = (m: Mounted, milestone: string) =>
  waitFor(async () => (await reports(m)).find((r) => r.milestone === milestone), `the ${milestone} milestone`);

describe(`<whatsapp-signup> funnel milestones (${build} build)`, () => {
  afterEach(() => cleanup());

  it('should report loaded, start, cancelled at Meta\'s step and finished as the customer goes, each once', async () => {
    const m = await mount({routes: flow});
    await reported(m, 'loaded');
    // Each step waits for the report before, so that the order the BFF sees is the customer's.
    m.part<HTMLButtonElement>('button')!.click();
    await reported(m, 'start');
    postEs('CANCEL', {current_step: 'PHONE_NUMBER_SETUP'});
    await m.waitEvent('whatsapp-signup-cancel');
    await reported(m, 'cancelled');
    await m.el.updateComplete;
    signup(m);
    await m.waitEvent('whatsapp-signup-complete');
    await reported(m, 'finished');
    const all = await reports(m);
    deepEqual(all, [
      {milestone: 'loaded'},
      {milestone: 'start'},
      {milestone: 'cancelled', currentStep: 'PHONE_NUMBER_SETUP'},
      {milestone: 'finished'},
    ], 'the second click starts again but is not a second start');
    const call = (await m.calls()).find((c) => c.path === '/v1/session/events')!;
    equal(call.auth, `Bearer ${m.token}`, 'with the session token');
  });

  it('should report loaded only once the button is interactive (the report never delays it)', async () => {
    const realFetch = window.fetch;
    let buttonAtReport: string | null | undefined;
    let el: HTMLElement | undefined;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/v1/session/events') && String(init?.body).includes('"loaded"')) {
        buttonAtReport ??= el?.shadowRoot?.querySelector('[part~="button"]')?.getAttribute('aria-disabled');
      }
      return realFetch(input, init);
    };
    try {
      const m = await mount({wait: null});
      el = m.el;
      await reported(m, 'loaded');
      equal(buttonAtReport, 'false', 'the button was enabled before the loaded report went out');
    } finally {
      window.fetch = realFetch;
    }
  });

  it("should report meta_error with Meta's error code", async () => {
    const m = await mount();
    m.part<HTMLButtonElement>('button')!.click();
    postEs('ERROR', {error_message: 'Number already registered', error_code: '2388', error_id: '524126', session_id: 'sess-9'});
    await m.waitEvent('whatsapp-signup-error');
    deepEqual(await reported(m, 'meta_error'), {milestone: 'meta_error', errorCode: '2388'});
  });

  it('should report popup_blocked when the popup never opened, and popup_closed when it was closed', async () => {
    const blocked = await mount();
    blocked.fb.onLogin = (call) => call.callback({status: 'unknown', authResponse: null});
    blocked.part<HTMLButtonElement>('button')!.click();
    await blocked.waitEvent('whatsapp-signup-error');
    await reported(blocked, 'popup_blocked');

    const closed = await mount();
    closed.part<HTMLButtonElement>('button')!.click();
    window.dispatchEvent(new Event('blur'));
    closed.fb.answer();
    await closed.waitEvent('whatsapp-signup-error');
    await reported(closed, 'popup_closed');
    ok(!(await reports(closed)).some((r) => r.milestone === 'popup_blocked'), 'closed is not blocked');
  });

  it('should never wait for a report nor send it twice: a BFF that refuses them changes nothing for the customer', async () => {
    const refused = {status: 500, body: {error: {code: 'internal_error', message: 'x'}}};
    const m = await mount({routes: {...flow, 'POST /v1/session/events': refused}});
    m.part<HTMLButtonElement>('button')!.click();
    equal(m.fb.logins.length, 1, 'FB.login in the click, whatever the report');
    postEs('FINISH', {phone_number_id: '2000', waba_id: '1000', business_id: '3000'});
    m.fb.answer('c0de');
    await m.waitEvent('whatsapp-signup-complete');
    await reported(m, 'finished');
    equal(m.of('whatsapp-signup-error').length, 0, 'a refused report is no error');
    // Sent at once, so they may arrive in any order.
    deepEqual((await reports(m)).map((r) => r.milestone).sort(), ['finished', 'loaded', 'start'], 'each once: no retry');
  });

  it('should not hold the flow while a report hangs', async () => {
    // Every report hangs forever (no connection is used: the page's fetch never answers them).
    const realFetch = window.fetch;
    const hanging: string[] = [];
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.endsWith('/v1/session/events')) return realFetch(input, init);
      hanging.push(JSON.parse(String(init?.body)).milestone);
      return new Promise<Response>(() => undefined);
    };
    try {
      const m = await mount({routes: flow});
      m.part<HTMLButtonElement>('button')!.click();
      equal(m.fb.logins.length, 1);
      postEs('FINISH', {phone_number_id: '2000', waba_id: '1000', business_id: '3000'});
      m.fb.answer('c0de');
      await m.waitEvent('whatsapp-signup-complete');
      deepEqual(hanging, ['loaded', 'start', 'finished'], 'every report was sent, none answered');
    } finally {
      window.fetch = realFetch;
    }
  });
});
