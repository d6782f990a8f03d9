import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import {expectAccessible} from '../fixtures/a11y.js';
import {deepEqual, equal, ok, waitFor} from '../fixtures/assert.js';
import {mockBff, onboarding} from '../fixtures/bff.js';
import {postEs, FINISH_DATA} from '../fixtures/fake-fb.js';
import {
  build,
  defineWhatsappSignup,
  WhatsappSignup,
  WhatsappSignupBeforeStartEvent,
  WhatsappSignupCancelEvent,
  WhatsappSignupCompleteEvent,
  WhatsappSignupErrorEvent,
  WhatsappSignupProgressEvent,
  WhatsappSignupReadyEvent,
  WhatsappSignupStartEvent,
} from '../fixtures/widget.js';
import {EVENT_NAMES, cleanup, mount, sessionBody, signup, type Mounted} from './helpers.js';

const sse = (...states: Array<Record<string, unknown>>) => ({
  'GET /v1/session/onboarding/events': {sse: states.map((o) => ({delay: 10, onboarding: o}))},
});
const accepted = {'POST /v1/session/onboarding': {status: 202, body: {onboarding: onboarding('running', 1)}}};
const completed = onboarding('completed', 5, {subprojectId: 'sp1', senderId: 'snd1', appId: 'app1', senderState: 'ACTIVE'});
const submissions = async (m: Mounted) => (await m.calls()).filter((c) => c.method === 'POST' && c.path === '/v1/session/onboarding');
const text = (m: Mounted) => m.el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe(`<whatsapp-signup> (${build} build)`, () => {
  afterEach(() => {
    cleanup();
    document.documentElement.lang = 'en';
  });

  describe('when it starts', () => {
    it('should load the session, init the SDK and become interactive', async () => {
      const m = await mount();
      deepEqual(m.fb.inits, [{appId: '123', version: 'v25.0', autoLogAppEvents: true, xfbml: false}]);
      equal(m.el.view, 'ready');
      const button = m.part<HTMLButtonElement>('button')!;
      equal(button.getAttribute('aria-disabled'), 'false');
      equal(button.textContent!.trim(), 'Connect WhatsApp');
      const [call] = await m.calls();
      equal(call!.path, '/v1/session');
      equal((call as {auth?: string}).auth, `Bearer ${m.token}`);
      equal(m.fb.logins.length, 0, 'no popup before a click');
    });
    it('should ask for the session as it connects, before its first render', async () => {
      const bff = await mockBff({'GET /v1/session': {body: sessionBody()}});
      const realFetch = window.fetch;
      const asked: string[] = [];
      window.fetch = (input, init) => {
        asked.push(String(input instanceof Request ? input.url : input));
        return realFetch(input, init);
      };
      const el = document.createElement('whatsapp-signup');
      el.setAttribute('endpoint', location.origin);
      el.setAttribute('session', bff.token);
      try {
        document.body.append(el);
        // Checked in the same task as the append: no render, no microtask before the request.
        ok(asked.some((u) => u.endsWith('/v1/session')), `GET /v1/session at connect: ${JSON.stringify(asked)}`);
        equal(el.hasUpdated, false, 'before the first render');
      } finally {
        window.fetch = realFetch;
        el.remove();
      }
    });
    it('should show the button pending from the first render and enable it in the same place, with no layout shift', async () => {
      // The session is held until the test lets it go, so the first render surely comes before it.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith('/v1/session')) await held;
        return realFetch(input, init);
      };
      try {
        const m = await mount({wait: null});
        equal(m.el.view, 'loading');
        const button = m.part<HTMLButtonElement>('button');
        ok(button, 'the button is there while the session loads');
        equal(button.getAttribute('aria-disabled'), 'true', 'visibly pending');
        equal(button.textContent!.trim(), 'Connect WhatsApp');
        const before = button.getBoundingClientRect().toJSON();
        ok(before.width > 0 && before.height > 0, 'the button takes its place');
        const region = m.part('region')!;
        ok(region, 'the region choice is in its place before the button while the session loads');
        ok(region.getBoundingClientRect().bottom <= before.top, 'the region choice comes first');
        equal(region.querySelectorAll('input:disabled').length, 3, 'every region offered, pending');
        button.click();
        equal(m.fb.logins.length, 0, 'a click while loading opens nothing');
        equal(m.of('whatsapp-signup-before-start').length, 0);
        release();
        await m.waitEvent('whatsapp-signup-ready');
        equal(button.getAttribute('aria-disabled'), 'false', 'enabled when ready is announced');
        equal(m.part('button'), button, 'the same button');
        ok(m.part('region'), "the session's region choice");
        deepEqual(button.getBoundingClientRect().toJSON(), before, 'same size and place as while pending');
      } finally {
        window.fetch = realFetch;
      }
    });
    it('should let attributes override the session settings', async () => {
      const m = await mount({attrs: {'app-id': 'A1', 'config-id': 'C1', 'graph-version': 'v99.0', 'solution-id': 'S1'}});
      deepEqual(m.fb.inits, [{appId: 'A1', version: 'v99.0', autoLogAppEvents: true, xfbml: false}]);
      m.part<HTMLButtonElement>('button')!.click();
      equal(m.fb.lastLogin.options.config_id, 'C1');
      equal(m.fb.lastLogin.options.extras.setup.solutionID, 'S1');
    });
    it('should report invalid_config without a session token', async () => {
      const el = document.createElement('whatsapp-signup');
      const errors: Array<InstanceType<typeof WhatsappSignupErrorEvent>> = [];
      el.addEventListener('whatsapp-signup-error', (e) => errors.push(e));
      document.body.append(el);
      await waitFor(() => errors.length);
      equal(errors[0]!.detail.code, 'invalid_config');
      ok(/expected a session token/.test(errors[0]!.detail.message));
      el.remove();
    });
    it('should report invalid_config for an endpoint that is not a URL', async () => {
      const m = await mount({attrs: {endpoint: 'https://[bad'}, wait: 'whatsapp-signup-error'});
      equal(m.of('whatsapp-signup-error')[0]!.detail.code, 'invalid_config');
      ok(/expected a URL in "endpoint" but received "https:\/\/\[bad"/.test(m.of('whatsapp-signup-error')[0]!.detail.message));
    });
    it('should warn about a theme or size it does not know', async () => {
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...a: unknown[]) => void warnings.push(a.join(' '));
      try {
        await mount({attrs: {theme: 'purple', size: 'huge'}});
      } finally {
        console.warn = warn;
      }
      ok(warnings.some((w) => w.includes('expected theme to be one of light, dark, auto but received "purple"')), warnings.join('\n'));
      ok(warnings.some((w) => w.includes('expected size to be one of small, medium, large but received "huge"')));
    });
    it('should show the BFF error when the session is refused', async () => {
      const m = await mount({
        routes: {'GET /v1/session': {status: 401, body: {error: {code: 'session_expired', message: 'x'}}}},
        wait: 'whatsapp-signup-error',
      });
      deepEqual(m.of('whatsapp-signup-error')[0]!.detail, {
        code: 'session_expired',
        message: 'This signup link has expired.',
        retryable: false,
      });
      ok(m.part('error'));
      equal(m.part('error')!.querySelector('button'), null, 'no Retry when it cannot help');
    });
  });

  describe('when the button is clicked', () => {
    it('should call FB.login synchronously, inside the click, with the ES options', async () => {
      const m = await mount();
      m.part<HTMLButtonElement>('button')!.click();
      // Checked before any await: a login after a microtask would open a blocked popup.
      equal(m.fb.logins.length, 1);
      deepEqual(m.fb.lastLogin.options, {
        config_id: '456',
        response_type: 'code',
        override_default_response_type: true,
        extras: {
          setup: {
            business: {name: 'Acme'},
            phone: {displayName: 'Acme', category: 'RETAIL', description: 'Shop'},
            solutionID: '789',
          },
          featureType: '',
          sessionInfoVersion: '3',
        },
      });
      equal(m.of('whatsapp-signup-start').length, 1);
      equal(m.el.view, 'waiting');
    });
    it('should open nothing when a whatsapp-signup-before-start listener calls preventDefault, and keep the button usable', async () => {
      const m = await mount({routes: accepted});
      let veto = true;
      m.el.addEventListener('whatsapp-signup-before-start', (e) => veto && e.preventDefault());
      // The session's `loaded` milestone is on its way already: wait for it, so that any later request counts.
      await waitFor(async () => (await m.calls()).some((c) => c.body?.milestone === 'loaded'), 'the loaded milestone');
      const before = (await m.calls()).length;
      const button = m.part<HTMLButtonElement>('button')!;
      button.click();
      equal(m.of('whatsapp-signup-before-start').length, 1);
      ok(m.of('whatsapp-signup-before-start')[0]!.cancelable, 'the event is cancelable');
      equal(m.fb.logins.length, 0, 'no FB.login when vetoed');
      await m.el.updateComplete;
      equal(m.of('whatsapp-signup-start').length, 0);
      equal(m.el.view, 'ready');
      equal(button.getAttribute('aria-disabled'), 'false', 'the button stays usable');
      equal((await m.calls()).length, before, 'no request when vetoed');
      // The page lifts its veto: the same button now opens Embedded Signup, inside the click.
      veto = false;
      button.click();
      equal(m.fb.logins.length, 1, 'FB.login once the listener lets it start');
      equal(m.of('whatsapp-signup-before-start').length, 2);
      equal(m.of('whatsapp-signup-start').length, 1);
      equal(m.el.view, 'waiting');
    });
    it('should fire whatsapp-signup-before-start before FB.login and open it when no listener vetoes', async () => {
      const m = await mount();
      let loginsSeen = -1;
      m.el.addEventListener('whatsapp-signup-before-start', () => (loginsSeen = m.fb.logins.length));
      m.part<HTMLButtonElement>('button')!.click();
      equal(loginsSeen, 0, 'before-start comes before FB.login');
      equal(m.fb.logins.length, 1);
    });
    it('should mark the button aria-disabled while Facebook is open, and ignore clicks and the region until then', async () => {
      const m = await mount();
      const button = m.part<HTMLButtonElement>('button')!;
      button.click();
      await m.el.updateComplete;
      equal(button.getAttribute('aria-disabled'), 'true');
      equal(m.part<HTMLFieldSetElement>('region')!.disabled, true, 'the region is locked while waiting');
      button.click();
      button.click();
      equal(m.fb.logins.length, 1, 'clicks while waiting open nothing');
      equal(m.of('whatsapp-signup-start').length, 1);
    });
    it('should open the popup from a keyboard press too', async () => {
      const m = await mount();
      m.part<HTMLButtonElement>('button')!.focus();
      await sendKeys({press: 'Enter'});
      equal(m.fb.logins.length, 1);
    });
    it('should pass featureType and omit solutionID when the session has none', async () => {
      const m = await mount({
        session: sessionBody({featureType: 'whatsapp_business_app_onboarding', meta: {appId: '1', configId: '2', graphVersion: 'v25.0', solutionId: null}, prefill: undefined}),
      });
      m.part<HTMLButtonElement>('button')!.click();
      deepEqual(m.fb.lastLogin.options.extras, {setup: {}, featureType: 'whatsapp_business_app_onboarding', sessionInfoVersion: '3'});
    });
    it('should keep one message listener however many clicks, and remove it on disconnect', async () => {
      const added: unknown[] = [];
      const removed: unknown[] = [];
      const {addEventListener: add, removeEventListener: remove} = window;
      window.addEventListener = function (this: Window, type: string, fn: any, o?: any) {
        if (type === 'message') added.push(fn);
        return add.call(this, type, fn, o);
      } as typeof window.addEventListener;
      window.removeEventListener = function (this: Window, type: string, fn: any, o?: any) {
        if (type === 'message') removed.push(fn);
        return remove.call(this, type, fn, o);
      } as typeof window.removeEventListener;
      try {
        const m = await mount();
        for (let i = 0; i < 3; i++) {
          m.part<HTMLButtonElement>('button')!.click();
          postEs('CANCEL', {current_step: 'PERMISSIONS'});
          await m.waitEvent('whatsapp-signup-cancel', i + 1);
          await m.el.updateComplete;
        }
        equal(m.fb.logins.length, 3);
        equal(added.length, 1);
        m.el.remove();
        deepEqual(removed, added);
      } finally {
        window.addEventListener = add;
        window.removeEventListener = remove;
      }
    });
  });

  describe('when Meta answers', () => {
    for (const order of ['message-first', 'code-first'] as const) {
      it(`should post both halves at once (${order})`, async () => {
        const m = await mount({routes: {...accepted, ...sse(completed)}});
        signup(m, order);
        await waitFor(async () => (await submissions(m)).length, 'submission');
        deepEqual((await submissions(m))[0]!.body, {
          code: 'c0de',
          event: 'FINISH',
          wabaId: '1000',
          phoneNumberId: '2000',
          businessId: '3000',
          region: 'EU',
        });
        await m.waitEvent('whatsapp-signup-complete');
      });
    }
    for (const origin of ['https://www.facebook.com', 'https://web.facebook.com', 'https://business.facebook.com']) {
      it(`should accept the message from ${origin}`, async () => {
        const m = await mount({routes: accepted});
        m.part<HTMLButtonElement>('button')!.click();
        postEs('FINISH', FINISH_DATA, origin);
        m.fb.answer('c');
        await waitFor(async () => (await submissions(m)).length, 'submission');
      });
    }
    for (const origin of ['http://www.facebook.com', 'https://evilfacebook.com', 'https://facebook.com.evil.example', 'null', 'https://example.com']) {
      it(`should ignore a message from ${origin}`, async () => {
        const m = await mount({routes: accepted, attrs: {'watchdog-timeout': '150'}});
        m.part<HTMLButtonElement>('button')!.click();
        postEs('FINISH', FINISH_DATA, origin);
        postEs('CANCEL', {current_step: 'PERMISSIONS'}, origin);
        m.fb.answer('c');
        await m.waitEvent('whatsapp-signup-error');
        equal(m.of('whatsapp-signup-error')[0]!.detail.code, 'signup_incomplete');
        equal(m.of('whatsapp-signup-cancel').length, 0);
        equal((await submissions(m)).length, 0);
      });
    }
    it('should ignore malformed and foreign messages', async () => {
      const m = await mount({routes: accepted, attrs: {'watchdog-timeout': '150'}});
      m.part<HTMLButtonElement>('button')!.click();
      for (const data of ['{bad json', 'plain text', JSON.stringify({type: 'OTHER', event: 'FINISH', data: FINISH_DATA}), JSON.stringify({type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', data: {}})]) {
        window.dispatchEvent(new MessageEvent('message', {origin: 'https://www.facebook.com', data}));
      }
      m.fb.answer('c');
      await m.waitEvent('whatsapp-signup-error');
      equal(m.of('whatsapp-signup-error')[0]!.detail.code, 'signup_incomplete');
    });
    it('should submit FINISH_ONLY_WABA without a phone number and show that one is still needed', async () => {
      const waiting = onboarding('awaiting_phone_number', 2, {event: 'FINISH_ONLY_WABA', phoneNumberId: undefined});
      const m = await mount({routes: {'POST /v1/session/onboarding': {status: 202, body: {onboarding: waiting}}, ...sse(waiting)}});
      m.part<HTMLButtonElement>('button')!.click();
      postEs('FINISH_ONLY_WABA', {waba_id: '1000', business_id: '3000'});
      m.fb.answer('c');
      await waitFor(() => m.el.view === 'complete', 'complete view');
      const body = (await submissions(m))[0]!.body;
      equal(body.event, 'FINISH_ONLY_WABA');
      equal('phoneNumberId' in body, false);
      ok(/Your provider will finish connecting your phone number/.test(text(m)), text(m));
      equal(m.of('whatsapp-signup-complete').length, 0);
    });
    // Meta's coexistence finish (api-facts §8) is exactly {type, event, data: {waba_id}, version: 3}.
    for (const order of ['message-first', 'code-first'] as const) {
      it(`should submit a coexistence finish that carries only waba_id, with no empty ids (${order})`, async () => {
        const waiting = onboarding('awaiting_phone_number', 2, {event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '1790', phoneNumberId: undefined, businessId: undefined});
        const m = await mount({routes: {'POST /v1/session/onboarding': {status: 202, body: {onboarding: waiting}}, ...sse(waiting)}});
        m.part<HTMLButtonElement>('button')!.click();
        if (order === 'code-first') m.fb.answer('c0de');
        postEs('FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', {waba_id: '1790'});
        if (order === 'message-first') m.fb.answer('c0de');
        await waitFor(async () => (await submissions(m)).length, 'submission');
        deepEqual((await submissions(m))[0]!.body, {code: 'c0de', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '1790', region: 'EU'});
        await waitFor(() => m.el.view === 'complete', 'complete view');
        equal(m.of('whatsapp-signup-error').length, 0, 'not "signup incomplete"');
      });
    }
    for (const event of ['FINISH_OBO_MIGRATION', 'FINISH_FUTURE_THING']) {
      it(`should submit ${event} with a phone number id like FINISH and complete`, async () => {
        const m = await mount({routes: {...accepted, ...sse(completed)}});
        m.part<HTMLButtonElement>('button')!.click();
        postEs(event, FINISH_DATA);
        m.fb.answer('c0de');
        await waitFor(async () => (await submissions(m)).length, 'submission');
        deepEqual((await submissions(m))[0]!.body, {code: 'c0de', event, wabaId: '1000', phoneNumberId: '2000', businessId: '3000', region: 'EU'});
        await m.waitEvent('whatsapp-signup-complete');
      });
    }
  });

  describe('when the customer cancels', () => {
    it('should fire cancel with the step, report it to the BFF and offer the button again', async () => {
      const m = await mount({routes: {'POST /v1/session/abandon': {body: {onboarding: onboarding('abandoned')}}}});
      m.part<HTMLButtonElement>('button')!.click();
      postEs('CANCEL', {current_step: 'PHONE_NUMBER_VERIFICATION'});
      m.fb.answer();
      const e = await m.waitEvent('whatsapp-signup-cancel');
      ok(e instanceof WhatsappSignupCancelEvent);
      deepEqual(e.detail, {currentStep: 'PHONE_NUMBER_VERIFICATION'});
      await waitFor(async () => (await m.calls()).find((c) => c.path === '/v1/session/abandon'), 'abandon call');
      deepEqual((await m.calls()).find((c) => c.path === '/v1/session/abandon')!.body, {kind: 'cancel', currentStep: 'PHONE_NUMBER_VERIFICATION'});
      await m.el.updateComplete;
      equal(m.el.view, 'ready');
      ok(/cancelled/.test(m.part('status')!.textContent!));
      const button = m.part<HTMLButtonElement>('button')!;
      equal(button.getAttribute('aria-disabled'), 'false');
      button.click();
      equal(m.fb.logins.length, 2, 'the button opens Facebook again');
    });
    it("should not take the cancelled attempt's late login answer for the new attempt's", async () => {
      // Meta's SDK (and the sandbox's) answers a cancelled FB.login without a code, sometimes only after the
      // customer clicked again: that answer belongs to the first attempt and must not end the second one.
      const m = await mount({routes: {'POST /v1/session/abandon': {body: {onboarding: onboarding('abandoned')}}, ...accepted, ...sse(completed)}});
      m.part<HTMLButtonElement>('button')!.click();
      const first = m.fb.lastLogin;
      postEs('CANCEL', {current_step: 'PERMISSIONS'});
      await m.waitEvent('whatsapp-signup-cancel');
      await m.el.updateComplete;
      m.part<HTMLButtonElement>('button')!.click();
      equal(m.fb.logins.length, 2);
      first.callback({status: 'unknown', authResponse: null});
      postEs('FINISH', FINISH_DATA);
      m.fb.answer('c0de');
      await m.waitEvent('whatsapp-signup-complete');
      equal(m.of('whatsapp-signup-error').length, 0, 'no popup_blocked / popup_closed error from the stale answer');
    });
  });

  describe('when Meta reports an error', () => {
    for (const event of ['CANCEL', 'ERROR']) {
      it(`should fire error meta_error with Meta's ids (${event})`, async () => {
        const m = await mount({routes: {'POST /v1/session/abandon': {body: {onboarding: onboarding('abandoned')}}}});
        m.part<HTMLButtonElement>('button')!.click();
        postEs(event, {error_message: 'Number already registered', error_code: '2388', error_id: '524126', session_id: 'sess-9'});
        const e = await m.waitEvent('whatsapp-signup-error');
        deepEqual(e.detail, {
          code: 'meta_error',
          message: 'Facebook reported a problem. (Number already registered)',
          retryable: true,
          metaErrorId: '524126',
          metaSessionId: 'sess-9',
        });
        await waitFor(async () => (await m.calls()).find((c) => c.path === '/v1/session/abandon'), 'abandon call');
        deepEqual((await m.calls()).find((c) => c.path === '/v1/session/abandon')!.body, {
          kind: 'error', message: 'Number already registered', code: '2388', errorId: '524126', metaSessionId: 'sess-9',
        });
      });
    }
  });

  describe('when the popup gives nothing back', () => {
    it('should say popup_blocked when the window never lost focus', async () => {
      const m = await mount();
      m.fb.onLogin = (call) => call.callback({status: 'unknown', authResponse: null});
      m.part<HTMLButtonElement>('button')!.click();
      const e = await m.waitEvent('whatsapp-signup-error');
      equal(e.detail.code, 'popup_blocked');
      equal(e.detail.retryable, true);
    });
    it('should say popup_closed when the popup had opened', async () => {
      const m = await mount();
      m.part<HTMLButtonElement>('button')!.click();
      window.dispatchEvent(new Event('blur'));
      m.fb.answer();
      const e = await m.waitEvent('whatsapp-signup-error');
      equal(e.detail.code, 'popup_closed');
    });
    it('should allow opening Facebook again when the page gets the focus back without any answer', async () => {
      const m = await mount({routes: accepted});
      const button = m.part<HTMLButtonElement>('button')!;
      button.click();
      await m.el.updateComplete;
      equal(button.getAttribute('aria-disabled'), 'true');
      button.click();
      equal(m.fb.logins.length, 1, 'a second click while waiting does nothing');
      window.dispatchEvent(new Event('blur'));
      window.dispatchEvent(new Event('focus'));
      await m.el.updateComplete;
      equal(button.getAttribute('aria-disabled'), 'false');
      button.click();
      equal(m.fb.logins.length, 2);
      postEs('FINISH', FINISH_DATA);
      m.fb.answer('second');
      await waitFor(async () => (await submissions(m)).length, 'submission');
      equal((await submissions(m))[0]!.body.code, 'second');
    });
  });

  describe('when one half never arrives', () => {
    it('should fire a retryable signup_incomplete after the watchdog and retry from the button', async () => {
      const m = await mount({attrs: {'watchdog-timeout': '100'}});
      m.part<HTMLButtonElement>('button')!.click();
      m.fb.answer('c0de');
      await m.el.updateComplete;
      // The exact timing is SignupJoin's (test/signup-join.test.ts, fake clock); here: it waits, then gives up.
      equal(m.of('whatsapp-signup-error').length, 0, 'no error while the other half may still come');
      equal(m.el.view, 'waiting');
      const e = await m.waitEvent('whatsapp-signup-error');
      deepEqual(e.detail, {code: 'signup_incomplete', message: 'Facebook did not send the whole result.', retryable: true});
      await m.el.updateComplete;
      const retry = m.part('error')!.querySelector('button')!;
      equal(retry.textContent!.trim(), 'Try again');
      retry.click();
      await m.el.updateComplete;
      equal(m.el.view, 'ready');
      m.part<HTMLButtonElement>('button')!.click();
      equal(m.fb.logins.length, 2);
    });
  });

  describe('when the onboarding runs', () => {
    it('should fire progress per step change and complete with the ids, and show the result', async () => {
      const m = await mount({routes: {...accepted, ...sse(onboarding('running', 2), onboarding('running', 4), completed)}});
      signup(m);
      const done = await m.waitEvent('whatsapp-signup-complete');
      ok(done instanceof WhatsappSignupCompleteEvent);
      deepEqual(done.detail, {onboardingId: 'ses_1', subprojectId: 'sp1', senderId: 'snd1', appId: 'app1', wabaId: '1000', phoneNumberId: '2000'});
      const progress = m.of('whatsapp-signup-progress').map((e) => `${e.detail.step}:${e.detail.status}`);
      deepEqual(progress, [
        'warm_up:done', 'sender:running', 'sender:done', 'app:running',
        'app:done', 'webhook:done', 'activation:running', 'activation:done',
      ]);
      ok(m.of('whatsapp-signup-progress').every((e) => e instanceof WhatsappSignupProgressEvent));
      await m.el.updateComplete;
      const t = text(m);
      ok(t.includes('WhatsApp is connected.'), t);
      ok(t.includes('2000') && t.includes('1000') && t.includes('ACTIVE'), t);
      equal(m.part('progress')!.querySelectorAll('li[data-status="done"]').length, 5);
    });
    it('should fall back to polling when the stream fails', async () => {
      const m = await mount({
        routes: {
          ...accepted,
          'GET /v1/session/onboarding/events': {status: 502, offContract: 'a proxy that cuts event streams'},
          'GET /v1/session/onboarding': [{body: {onboarding: onboarding('running', 3)}}, {body: {onboarding: completed}}],
        },
      });
      signup(m);
      await m.waitEvent('whatsapp-signup-complete');
      ok((await m.calls()).some((c) => c.method === 'GET' && c.path === '/v1/session/onboarding'));
    });
    it('should show a human message without Retry for a final failure', async () => {
      const failed = onboarding('failed', 1, {error: {step: 'sender', code: 'waba_invalid', message: 'x', retryable: false}});
      const m = await mount({routes: {...accepted, ...sse(failed)}});
      signup(m);
      const e = await m.waitEvent('whatsapp-signup-error');
      deepEqual(e.detail, {code: 'waba_invalid', message: 'This WhatsApp Business Account cannot be used.', retryable: false});
      await m.el.updateComplete;
      equal(m.part('error')!.querySelector('button'), null);
    });
    it('should offer a new Facebook login when the code expired (the BFF resumes the job with a fresh code)', async () => {
      const failed = onboarding('failed', 1, {error: {step: 'sender', code: 'code_expired', message: 'x', retryable: false}});
      const m = await mount({routes: {...accepted, ...sse(failed)}});
      signup(m);
      const e = await m.waitEvent('whatsapp-signup-error');
      deepEqual(e.detail, {code: 'code_expired', message: 'Facebook’s authorization expired. Sign up again.', retryable: true});
      await m.el.updateComplete;
      m.part('error')!.querySelector('button')!.click();
      await m.el.updateComplete;
      equal(m.el.view, 'ready');
      m.part<HTMLButtonElement>('button')!.click();
      equal(m.fb.logins.length, 2);
    });
    it('should show a step that waits on Sinch as in progress, not as the Facebook-window hint', async () => {
      const waiting = onboarding('running', 4);
      (waiting.steps as Array<{status: string}>)[4]!.status = 'waiting';
      const m = await mount({routes: {...accepted, ...sse(waiting)}});
      signup(m);
      await waitFor(() => m.of('whatsapp-signup-progress').find((e) => e.detail.step === 'activation'), 'activation progress');
      await m.el.updateComplete;
      const status = m.part('status')!.textContent!;
      equal(status.trim(), 'Activating the number: in progress');
      ok(!text(m).includes('Finish in the Facebook window.'), text(m));
    });
    it('should offer Retry for a retryable failure', async () => {
      const failed = onboarding('failed', 2, {error: {step: 'app', code: 'sinch_unavailable', message: 'x', retryable: true}});
      const m = await mount({routes: {...accepted, ...sse(failed)}});
      signup(m);
      const e = await m.waitEvent('whatsapp-signup-error');
      equal(e.detail.message, 'The setup could not finish. Try again later.');
      await m.el.updateComplete;
      ok(m.part('error')!.querySelector('button'));
    });
    it('should report a refused submission', async () => {
      const m = await mount({routes: {'POST /v1/session/onboarding': {status: 409, body: {error: {code: 'signup_already_submitted', message: 'x'}}}}});
      signup(m);
      const e = await m.waitEvent('whatsapp-signup-error');
      deepEqual(e.detail, {code: 'signup_already_submitted', message: 'Another account was already submitted.', retryable: false});
    });
    it('should resume an onboarding that was already submitted', async () => {
      const m = await mount({session: sessionBody({onboarding: onboarding('running', 3)}), routes: sse(completed), wait: 'whatsapp-signup-complete'});
      equal(m.fb.logins.length, 0);
      equal(m.el.view, 'complete');
    });
  });

  describe('regions', () => {
    const radios = (m: Mounted) => [...m.el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="region"] input[type="radio"]')];
    it('should offer the regions the session allows, default checked', async () => {
      const m = await mount();
      deepEqual(radios(m).map((r) => r.value), ['US', 'EU', 'BR']);
      equal(radios(m).find((r) => r.checked)!.value, 'EU');
      ok(m.part('region')!.matches('fieldset'));
      equal(m.part('region')!.querySelector('legend')!.textContent, 'Data region');
    });
    it('should be limited by the session', async () => {
      const m = await mount({session: sessionBody({regions: {allowed: ['BR', 'US']}})});
      deepEqual(radios(m).map((r) => r.value), ['US', 'BR']);
      equal(radios(m).find((r) => r.checked)!.value, 'US');
    });
    it('should be hidden when only one region is allowed, and use it', async () => {
      const m = await mount({session: sessionBody({regions: {allowed: ['BR'], default: 'BR'}}), routes: accepted});
      equal(m.part('region'), null);
      signup(m);
      await waitFor(async () => (await submissions(m)).length, 'submission');
      equal((await submissions(m))[0]!.body.region, 'BR');
    });
    it('should be keyboard operable, and the choice should be submitted', async () => {
      const m = await mount({routes: accepted});
      radios(m).find((r) => r.checked)!.focus();
      await sendKeys({press: 'ArrowRight'});
      await m.el.updateComplete;
      equal(radios(m).find((r) => r.checked)!.value, 'BR');
      signup(m);
      await waitFor(async () => (await submissions(m)).length, 'submission');
      equal((await submissions(m))[0]!.body.region, 'BR');
    });
  });

  describe('events', () => {
    it('should fire every event as its typed class, bubbling and composed out of a shadow root', async () => {
      const host = document.createElement('div');
      document.body.append(host);
      const root = host.attachShadow({mode: 'open'});
      const seen: Array<Event & {detail?: unknown}> = [];
      const listeners = EVENT_NAMES.map((n) => [n, (e: Event) => seen.push(e)] as const);
      for (const [n, l] of listeners) document.addEventListener(n, l);
      try {
        const m = await mount({container: root, routes: {...accepted, ...sse(completed)}, attrs: {'watchdog-timeout': '80'}});
        m.part<HTMLButtonElement>('button')!.click();
        postEs('CANCEL', {current_step: 'PERMISSIONS'});
        await m.waitEvent('whatsapp-signup-cancel');
        await m.el.updateComplete;
        m.part<HTMLButtonElement>('button')!.click();
        m.fb.answer('x');
        await m.waitEvent('whatsapp-signup-error');
        await m.el.updateComplete;
        m.part('error')!.querySelector('button')!.click();
        await m.el.updateComplete;
        signup(m);
        await m.waitEvent('whatsapp-signup-complete');
        const classes: Record<string, unknown> = {
          'whatsapp-signup-ready': WhatsappSignupReadyEvent,
          'whatsapp-signup-before-start': WhatsappSignupBeforeStartEvent,
          'whatsapp-signup-start': WhatsappSignupStartEvent,
          'whatsapp-signup-cancel': WhatsappSignupCancelEvent,
          'whatsapp-signup-error': WhatsappSignupErrorEvent,
          'whatsapp-signup-progress': WhatsappSignupProgressEvent,
          'whatsapp-signup-complete': WhatsappSignupCompleteEvent,
        };
        for (const n of EVENT_NAMES) {
          const e = seen.find((x) => x.type === n);
          ok(e, `${n} reached the document`);
          ok(e.bubbles && e.composed, `${n} bubbles and is composed`);
          ok(e instanceof (classes[n] as typeof Event), `${n} is its class`);
          ok('detail' in e, `${n} has a detail`);
        }
        deepEqual(seen.find((x) => x.type === 'whatsapp-signup-cancel')!.detail, {currentStep: 'PERMISSIONS'});
        deepEqual(seen.find((x) => x.type === 'whatsapp-signup-progress')!.detail, {step: 'warm_up', status: 'done'});
      } finally {
        for (const [n, l] of listeners) document.removeEventListener(n, l);
        host.remove();
      }
    });
  });

  describe('theming', () => {
    it('should reflect theme and size', async () => {
      const m = await mount();
      equal(m.el.getAttribute('theme'), 'light');
      equal(m.el.getAttribute('size'), 'medium');
      m.el.theme = 'dark';
      m.el.size = 'small';
      await m.el.updateComplete;
      equal(m.el.getAttribute('theme'), 'dark');
      equal(m.el.getAttribute('size'), 'small');
    });
    it('should use the custom properties and the dark theme', async () => {
      const m = await mount();
      const button = m.part('button')!;
      const base = m.part('base')!;
      equal(getComputedStyle(button).backgroundColor, 'rgb(0, 128, 105)');
      equal(getComputedStyle(base).backgroundColor, 'rgb(255, 255, 255)');
      m.el.style.setProperty('--whatsapp-signup-accent', 'rgb(1, 2, 3)');
      m.el.style.setProperty('--whatsapp-signup-radius', '3px');
      equal(getComputedStyle(button).backgroundColor, 'rgb(1, 2, 3)');
      equal(getComputedStyle(button).borderTopLeftRadius, '3px');
      m.el.style.removeProperty('--whatsapp-signup-accent');
      m.el.theme = 'dark';
      await m.el.updateComplete;
      equal(getComputedStyle(base).backgroundColor, 'rgb(17, 27, 33)');
    });
    it('should follow the color scheme with theme="auto"', async () => {
      const m = await mount({attrs: {theme: 'auto'}});
      const base = m.part('base')!;
      try {
        await emulateMedia({colorScheme: 'dark'});
        equal(getComputedStyle(base).backgroundColor, 'rgb(17, 27, 33)');
        await emulateMedia({colorScheme: 'light'});
        equal(getComputedStyle(base).backgroundColor, 'rgb(255, 255, 255)');
      } finally {
        await emulateMedia({colorScheme: 'light'});
      }
    });
    it('should make the size attribute change the size', async () => {
      const m = await mount({attrs: {size: 'large'}});
      const large = parseFloat(getComputedStyle(m.part('button')!).fontSize);
      m.el.size = 'small';
      await m.el.updateComplete;
      ok(parseFloat(getComputedStyle(m.part('button')!).fontSize) < large);
    });
    it('should use the label attribute for the button', async () => {
      const m = await mount({attrs: {label: 'Link your number'}});
      equal(m.part('button')!.textContent!.trim(), 'Link your number');
    });
    it('should document exactly the custom properties and parts it uses', async () => {
      const res = await fetch(new URL('../../dist/custom-elements.json', import.meta.url));
      ok(res.ok, 'dist/custom-elements.json exists (run the build)');
      const manifest = await res.json();
      const decl = manifest.modules.flatMap((x: any) => x.declarations).find((d: any) => d.tagName === 'whatsapp-signup');
      const documentedProps = new Set<string>(decl.cssProperties.map((p: {name: string}) => p.name));
      const documentedParts = new Set<string>(decl.cssParts.map((p: {name: string}) => p.name));
      const cssText = ([] as Array<{cssText: string}>).concat(WhatsappSignup.styles as never).map((s) => s.cssText).join('\n');
      const usedProps = new Set(cssText.match(/--whatsapp-signup-[\w-]+/g));
      deepEqual([...usedProps].sort(), [...documentedProps].sort(), 'custom properties used vs documented');
      // Parts used: collect from every state the element renders.
      const usedParts = new Set<string>();
      const collect = (m: Mounted) =>
        m.el.shadowRoot!.querySelectorAll('[part]').forEach((n) => n.getAttribute('part')!.split(/\s+/).forEach((p) => usedParts.add(p)));
      const a = await mount({routes: {...accepted, ...sse(completed)}, attrs: {'watchdog-timeout': '60'}});
      collect(a);
      a.part<HTMLButtonElement>('button')!.click();
      await a.el.updateComplete;
      collect(a);
      a.fb.answer('c');
      await a.waitEvent('whatsapp-signup-error');
      await a.el.updateComplete;
      collect(a);
      a.part('error')!.querySelector('button')!.click();
      await a.el.updateComplete;
      signup(a);
      await a.waitEvent('whatsapp-signup-progress');
      await a.el.updateComplete;
      collect(a);
      await a.waitEvent('whatsapp-signup-complete');
      await a.el.updateComplete;
      collect(a);
      // Number verification, with a code sent (its parts: test/element/verification.test.ts).
      const code = {method: 'SMS', codeSentAt: '2026-11-22T13:00:00.000Z', resendAvailableAt: '2026-11-22T13:01:00.000Z'} as const;
      const number = {phoneNumberId: '2000', senderId: 'snd1', status: 'verification_required', senderState: 'PENDING_VERIFICATION', verification: code} as const;
      const v = await mount({session: sessionBody({onboarding: onboarding('awaiting_verification', 4, {phoneNumbers: [number]})}), attrs: {'poll-interval': '600000'}, wait: null});
      await waitFor(() => v.part('code'), 'the verification view');
      await v.el.updateComplete;
      collect(v);
      // The number picker (several numbers in the WABA).
      const choosing = onboarding('awaiting_phone_number_choice', 1, {phoneNumberChoices: [{phoneNumberId: '2001'}, {phoneNumberId: '2002'}]});
      const c = await mount({session: sessionBody({onboarding: choosing}), routes: {'GET /v1/session/onboarding/events': {sse: [{onboarding: choosing}, {waitFor: 'never', onboarding: choosing}]}}, wait: null});
      await waitFor(() => c.part('choices')?.querySelector('input'), 'the picker');
      collect(c);
      deepEqual([...usedParts].sort(), [...documentedParts].sort(), 'parts used vs documented');
      // The manifest documents every event the element fires.
      deepEqual(decl.events.map((e: {name: string}) => e.name).sort(), [...EVENT_NAMES].sort());
    });
  });

  describe('locales', () => {
    it('should use the locale attribute', async () => {
      const m = await mount({attrs: {locale: 'de'}});
      equal(m.part('button')!.textContent!.trim(), 'WhatsApp verbinden');
      equal(m.part('region')!.querySelector('legend')!.textContent, 'Datenregion');
      equal(m.part('base')!.getAttribute('lang'), 'de');
    });
    it("should fall back to the page's lang", async () => {
      document.documentElement.lang = 'pt-BR';
      const m = await mount();
      equal(m.part('button')!.textContent!.trim(), 'Conectar WhatsApp');
      equal(m.part('region')!.querySelector('legend')!.textContent, 'Região de dados');
    });
    it('should match a regional variant to its language', async () => {
      document.documentElement.lang = 'es-MX';
      const m = await mount();
      equal(m.part('region')!.querySelector('legend')!.textContent, 'Región de datos');
    });
    it('should fall back to English for an unknown language', async () => {
      const m = await mount({attrs: {locale: 'xx-YY'}});
      equal(m.part('button')!.textContent!.trim(), 'Connect WhatsApp');
    });
    for (const [locale, msg] of [
      ['es', 'Este enlace de registro ha caducado.'],
      ['pt-BR', 'Este link de cadastro expirou.'],
      ['de', 'Dieser Registrierungslink ist abgelaufen.'],
    ]) {
      it(`should give the error message in ${locale}`, async () => {
        const m = await mount({
          attrs: {locale: locale!},
          routes: {'GET /v1/session': {status: 401, body: {error: {code: 'session_expired', message: 'x'}}}},
          wait: 'whatsapp-signup-error',
        });
        equal(m.of('whatsapp-signup-error')[0]!.detail.message, msg);
      });
    }
  });

  describe('accessibility', () => {
    it('should have no axe violations in any state, in both themes', async () => {
      for (const theme of ['light', 'dark']) {
        // The session answers long after the test is done with this element, so axe surely sees the loading state.
        const loading = await mount({attrs: {theme}, routes: {'GET /v1/session': {delay: 5000, body: sessionBody()}}, wait: null});
        await loading.el.updateComplete;
        equal(loading.el.view, 'loading');
        await expectAccessible(loading.el, `${theme} loading`);
        equal(loading.el.view, 'loading', 'axe checked the loading state');

        const m = await mount({attrs: {theme, 'watchdog-timeout': '60'}, routes: {...accepted, ...sse(onboarding('running', 2), completed)}});
        await expectAccessible(m.el, `${theme} ready`);
        m.part<HTMLButtonElement>('button')!.click();
        await m.el.updateComplete;
        await expectAccessible(m.el, `${theme} waiting`);
        m.fb.answer('c');
        await m.waitEvent('whatsapp-signup-error');
        await m.el.updateComplete;
        await expectAccessible(m.el, `${theme} error`);
        m.part('error')!.querySelector('button')!.click();
        await m.el.updateComplete;
        signup(m);
        await m.waitEvent('whatsapp-signup-progress');
        await m.el.updateComplete;
        await expectAccessible(m.el, `${theme} progress`);
        await m.waitEvent('whatsapp-signup-complete');
        await m.el.updateComplete;
        await expectAccessible(m.el, `${theme} complete`);
        cleanup();
      }
    });
    it('should announce progress in a polite live region', async () => {
      const m = await mount({routes: {...accepted, ...sse(onboarding('running', 2), completed)}});
      const status = m.part('status')!;
      equal(status.getAttribute('role'), 'status');
      signup(m);
      await m.waitEvent('whatsapp-signup-progress');
      await m.el.updateComplete;
      ok(status.isConnected && m.part('status') === status, 'the same live region stays in place');
      ok(/: /.test(status.textContent!), status.textContent!);
      await m.waitEvent('whatsapp-signup-complete');
      await m.el.updateComplete;
      equal(status.textContent, 'WhatsApp is connected.');
    });
    it('should move focus to Retry on an error when focus was inside', async () => {
      const m = await mount({attrs: {'watchdog-timeout': '50'}});
      m.part<HTMLButtonElement>('button')!.focus();
      m.part<HTMLButtonElement>('button')!.click();
      m.fb.answer('c');
      await m.waitEvent('whatsapp-signup-error');
      await waitFor(() => m.el.shadowRoot!.activeElement?.textContent?.trim() === 'Try again', 'focus on Retry');
    });
  });

  describe('registration', () => {
    it('should not throw when defined again', () => {
      defineWhatsappSignup();
      equal(customElements.get('whatsapp-signup'), WhatsappSignup);
    });
    it('should warn instead of throwing on a version clash', () => {
      const name = `x-clash-${build}`;
      customElements.define(name, class extends HTMLElement {
        static version = '0.0.1';
      });
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...a: unknown[]) => void warnings.push(a.join(' '));
      try {
        defineWhatsappSignup(name);
      } finally {
        console.warn = warn;
      }
      equal(warnings.length, 1);
      ok(/0\.0\.1/.test(String(warnings[0])));
    });
    it('should survive the other build being loaded on the same page', async () => {
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
      window.addEventListener('error', onError);
      try {
        const classic = new URL('../../dist/whatsapp-signup.classic.js', import.meta.url).href;
        await new Promise((resolve, reject) => {
          const s = document.createElement('script');
          s.src = `${classic}?again=${Math.random()}`;
          s.onload = resolve;
          s.onerror = reject;
          document.head.append(s);
        });
        await import(/* @vite-ignore */ new URL(`../../dist/whatsapp-signup.js?again=${Math.random()}`, import.meta.url).href);
      } finally {
        window.removeEventListener('error', onError);
      }
      deepEqual(errors, []);
      ok(customElements.get('whatsapp-signup'));
    });
  });
});
