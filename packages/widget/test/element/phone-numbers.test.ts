// What the element shows about phone numbers (issue 9): Meta's session-info arrays forwarded, the picker
// when the WABA has several numbers, the numbers of a running or completed onboarding with Meta's ids in a
// disclosure, the text when no number came, the `multiple_wabas` refusal and META_ES_VERSION.
import {sendKeys} from '@web/test-runner-commands';
import {expectAccessible} from '../fixtures/a11y.js';
import {deepEqual, equal, ok, waitFor} from '../fixtures/assert.js';
import {onboarding} from '../fixtures/bff.js';
import {postEs} from '../fixtures/fake-fb.js';
import {build} from '../fixtures/widget.js';
import {cleanup, mount, sessionBody, signup, type Mounted} from './helpers.js';

const posts = async (m: Mounted, path: string) => (await m.calls()).filter((c) => c.method === 'POST' && c.path === path);
const text = (n: Node) => n.textContent!.replace(/\s+/g, ' ').trim();
const stream = (...states: Array<Record<string, unknown>>) => ({
  'GET /v1/session/onboarding/events': {sse: states.map((o) => ({delay: 10, onboarding: o}))},
});

const CHOICES = [
  {phoneNumberId: '2001', displayPhoneNumber: '+1 555-0101', verifiedName: 'Acme Shop'},
  {phoneNumberId: '2002', displayPhoneNumber: '+1 555-0102', verifiedName: 'Acme Support'},
  {phoneNumberId: '2003', displayPhoneNumber: '+1 555-0103'},
];
const choosing = onboarding('awaiting_phone_number_choice', 1, {
  event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING',
  phoneNumberId: undefined,
  businessId: undefined,
  phoneNumberChoices: CHOICES,
});
const TWO = [
  {phoneNumberId: '2001', displayPhoneNumber: '+1 555-0101', verifiedName: 'Acme Shop', status: 'active' as const, senderState: 'ACTIVE'},
  {phoneNumberId: '2002', displayPhoneNumber: '+1 555-0102', verifiedName: 'Acme Support', senderState: 'INPROGRESS'},
];
const completedTwo = onboarding('completed', 5, {
  subprojectId: 'sp1', senderId: 'snd1', appId: 'app1', senderState: 'ACTIVE', phoneNumberId: '2001', phoneNumbers: TWO,
});
const coexistence = (m: Mounted, order: 'message-first' | 'code-first') => {
  m.part<HTMLButtonElement>('button')!.click();
  if (order === 'code-first') m.fb.answer('c0de');
  postEs('FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', {waba_id: '1000'});
  if (order === 'message-first') m.fb.answer('c0de');
};
const PICKED = 'POST /v1/session/phone-numbers';
/** A stream that stays open: `first`, then `after` once the element sent its choice (`count` times). */
const held = (first: unknown, after: unknown[] = [], count = 1) => ({
  'GET /v1/session/onboarding/events': {
    sse: [{onboarding: first}, ...after.map((o, i) => ({onboarding: o, ...(i === 0 && {waitFor: PICKED, waitCount: count}), delay: 10}))],
  },
});
const boxes = (m: Mounted) => [...m.part('choices')!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

describe(`<whatsapp-signup> phone numbers (${build} build)`, () => {
  afterEach(() => cleanup());

  describe("when Meta's session info lists WABAs and numbers", () => {
    for (const order of ['message-first', 'code-first'] as const) {
      it(`should forward waba_ids and phone_number_ids as wabaIds and phoneNumberIds (${order})`, async () => {
        const m = await mount({routes: {'POST /v1/session/onboarding': {status: 202, body: {onboarding: onboarding('running', 1)}}}});
        m.part<HTMLButtonElement>('button')!.click();
        const data = {waba_id: '1000', business_id: '3000', phone_number_id: '2001', waba_ids: ['1000'], phone_number_ids: ['2001', '2002', 'junk']};
        if (order === 'code-first') m.fb.answer('c0de');
        postEs('FINISH', data);
        if (order === 'message-first') m.fb.answer('c0de');
        await waitFor(async () => (await posts(m, '/v1/session/onboarding')).length, 'submission');
        deepEqual((await posts(m, '/v1/session/onboarding'))[0]!.body, {
          code: 'c0de', event: 'FINISH', wabaId: '1000', businessId: '3000', phoneNumberId: '2001',
          wabaIds: ['1000'], phoneNumberIds: ['2001', '2002'], region: 'EU',
        });
      });
    }
  });

  describe('when no number came and none can be looked up', () => {
    for (const order of ['message-first', 'code-first'] as const) {
      it(`should say plainly that the provider finishes connecting the number, not "signup incomplete" (coexistence, ${order})`, async () => {
        const waiting = onboarding('awaiting_phone_number', 1, {event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', phoneNumberId: undefined, businessId: undefined});
        const m = await mount({routes: {'POST /v1/session/onboarding': {status: 202, body: {onboarding: waiting}}, ...stream(waiting)}});
        coexistence(m, order);
        await waitFor(() => m.el.view === 'complete', 'the connected view');
        await m.el.updateComplete;
        equal(text(m.part('status')!), 'Your WhatsApp Business Account is connected. Your provider will finish connecting your phone number; there is nothing more to do here.');
        ok(!/did not send the whole result|Add a phone number/.test(text(m.el.shadowRoot!)), text(m.el.shadowRoot!));
        equal(m.of('whatsapp-signup-error').length, 0);
        equal(m.of('whatsapp-signup-complete').length, 0, 'not complete: no number is live yet');
        equal(m.part('numbers'), null, 'no number line without a number');
        await expectAccessible(m.el, 'awaiting_phone_number');
      });
    }
  });

  describe('when the WABA has several numbers', () => {
    it('should list them with their names, send the two chosen and follow the onboarding to both numbers', async () => {
      const m = await mount({
        routes: {
          'POST /v1/session/onboarding': {status: 202, body: {onboarding: choosing}},
          ...held(choosing, [onboarding('running', 3), completedTwo]),
          [PICKED]: {status: 202, body: {onboarding: onboarding('running', 1)}},
        },
      });
      coexistence(m, 'message-first');
      await waitFor(() => m.part('choices')?.querySelector('input'), 'the picker');
      await m.el.updateComplete;
      equal(m.el.view, 'choose');
      const form = m.part('choices')!;
      equal(form.querySelector('fieldset legend')!.textContent, 'Choose the numbers to connect');
      deepEqual([...form.querySelectorAll('label')].map(text), ['+1 555-0101 Acme Shop', '+1 555-0102 Acme Support', '+1 555-0103']);
      ok(boxes(m).every((b) => b.closest('label') && !b.checked), 'each checkbox has its label, none is checked');
      equal(text(m.part('status')!), 'Choose the numbers to connect');

      // Keyboard: Space checks the focused box, Tab moves on, Enter on the button submits.
      boxes(m)[0]!.focus();
      await sendKeys({press: 'Space'});
      await sendKeys({press: 'Tab'});
      await sendKeys({press: 'Tab'});
      await sendKeys({press: 'Space'});
      deepEqual(boxes(m).map((b) => b.checked), [true, false, true]);
      boxes(m)[2]!.click();
      boxes(m)[1]!.click();
      await expectAccessible(m.el, 'choose');
      form.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
      await sendKeys({press: 'Enter'});
      await waitFor(async () => (await posts(m, PICKED.slice(5))).length, 'the pick request');
      const [pick] = await posts(m, PICKED.slice(5));
      deepEqual(pick!.body, {phoneNumberIds: ['2001', '2002']});
      equal(pick!.auth, `Bearer ${m.token}`);

      const done = await m.waitEvent('whatsapp-signup-complete');
      equal(done.detail.phoneNumberId, '2001');
      await m.el.updateComplete;
      equal(m.part('choices'), null, 'the picker is gone once the choice is made');
      deepEqual([...m.part('numbers')!.querySelectorAll('li')].map(text), ['+1 555-0101 Acme Shop Active', '+1 555-0102 Acme Support INPROGRESS']);
    });

    it('should not go back to an older state when the answer to the choice comes after the stream moved on', async () => {
      const m = await mount({
        routes: {
          'POST /v1/session/onboarding': {status: 202, body: {onboarding: choosing}},
          ...held(choosing, [completedTwo]),
          // Answered long after the stream, which goes on as soon as the choice arrives, reached completed.
          [PICKED]: {status: 202, body: {onboarding: onboarding('running', 1)}, delay: 400},
        },
      });
      const realFetch = window.fetch;
      let answered!: () => void;
      const answer = new Promise<void>((resolve) => (answered = resolve));
      window.fetch = async (input, init) => {
        const res = await realFetch(input, init);
        if (!String(input).endsWith(PICKED.slice(5))) return res;
        const json = res.json.bind(res);
        // Resolved after the element's own continuation of this body has run.
        res.json = () => json().then((v) => (setTimeout(answered), v));
        return res;
      };
      try {
        coexistence(m, 'message-first');
        await waitFor(() => m.part('choices')?.querySelector('input'), 'the picker');
        boxes(m)[0]!.click();
        m.part('choices')!.querySelector<HTMLButtonElement>('button')!.click();
        await m.waitEvent('whatsapp-signup-complete');
        await answer;
      } finally {
        window.fetch = realFetch;
      }
      await m.el.updateComplete;
      equal(m.el.view, 'complete');
      deepEqual([...m.part('numbers')!.querySelectorAll('li')].map(text), ['+1 555-0101 Acme Shop Active', '+1 555-0102 Acme Support INPROGRESS']);
    });

    it('should ask for a choice when none is checked, without sending anything', async () => {
      const m = await mount({routes: {'POST /v1/session/onboarding': {status: 202, body: {onboarding: choosing}}, ...held(choosing, [choosing])}});
      coexistence(m, 'code-first');
      await waitFor(() => m.part('choices')?.querySelector('input'), 'the picker');
      m.part('choices')!.querySelector<HTMLButtonElement>('button')!.click();
      await m.el.updateComplete;
      equal(text(m.part('choices')!.querySelector('[role="alert"]')!), 'Choose at least one number.');
      equal((await posts(m, PICKED.slice(5))).length, 0);
      await expectAccessible(m.el, 'choose with an error');
    });

    it('should show a refused choice in the picker and let the customer send another', async () => {
      const m = await mount({
        routes: {
          'POST /v1/session/onboarding': {status: 202, body: {onboarding: choosing}},
          ...held(choosing, [completedTwo], 3),
          [PICKED]: [
            {status: 400, body: {error: {code: 'invalid_request', message: 'phoneNumberIds: 2003 is not a choice'}}},
            {status: 500, body: {error: {code: 'internal_error', message: 'x'}}},
            {status: 202, body: {onboarding: onboarding('running', 1)}},
          ],
        },
      });
      coexistence(m, 'message-first');
      await waitFor(() => m.part('choices')?.querySelector('input'), 'the picker');
      boxes(m)[2]!.click();
      const submit = () => m.part('choices')!.querySelector<HTMLButtonElement>('button')!.click();
      submit();
      const alert = () => m.part('choices')?.querySelector('[role="alert"]');
      await waitFor(() => alert(), 'the refusal');
      equal(text(alert()!), 'The request was refused. Reload the page.');
      equal(m.el.view, 'choose', 'the picker stays');
      const e = m.of('whatsapp-signup-error')[0]!;
      deepEqual(e.detail, {code: 'invalid_request', message: 'The request was refused. Reload the page.', retryable: true});
      submit();
      await waitFor(() => alert() && text(alert()!) === 'The setup could not finish. Try again later.', 'the server error');
      await m.el.updateComplete;
      equal(m.part('choices')!.querySelector('button')!.getAttribute('aria-disabled'), 'false', 'usable again');
      submit();
      await m.waitEvent('whatsapp-signup-complete');
      equal((await posts(m, PICKED.slice(5))).length, 3);
    });

    it('should say so when the picker cannot be loaded, and show it after Try again', async () => {
      // This BFF's view files fail once (test/mock-bff.mjs), then load.
      const endpoint = `${location.origin}/__flaky/${crypto.randomUUID()}/1`;
      const m = await mount({session: sessionBody({onboarding: choosing}), routes: held(choosing, [choosing]), attrs: {endpoint}, wait: null});
      await waitFor(() => m.part('choices')?.querySelector('[role="alert"]'), 'the load failure');
      equal(text(m.part('choices')!.querySelector('[role="alert"]')!), 'Connection failed. Check your network.');
      equal(boxes(m).length, 0);
      await expectAccessible(m.el, 'picker not loaded');
      const retry = m.part('choices')!.querySelector('button')!;
      equal(text(retry), 'Try again');
      retry.click();
      await waitFor(() => boxes(m).length === 3, 'the picker after the retry');
      equal(m.part('choices')!.querySelector('[role="alert"]'), null, 'no alert left');
    });

    if (build !== 'src') {
      it('should not be in the script-tag file (it is dist/views/phone-numbers.js)', async () => {
        const file = build === 'esm' ? 'whatsapp-signup.js' : 'whatsapp-signup.classic.js';
        const script = await (await fetch(new URL(`../../dist/${file}`, import.meta.url))).text();
        const view = await (await fetch(new URL('../../dist/views/phone-numbers.js', import.meta.url))).text();
        for (const only of ['Connect the chosen numbers', 'Technical details', 'grid-template-columns']) {
          ok(view.includes(only), `the view has "${only}"`);
          ok(!script.includes(only), `dist/${file} has "${only}"`);
        }
      });
    }

    it('should resume the picker after a reload', async () => {
      const m = await mount({session: sessionBody({onboarding: choosing}), routes: held(choosing, [choosing]), wait: null});
      await waitFor(() => m.part('choices')?.querySelector('input'), 'the picker');
      equal(boxes(m).length, 3);
      equal(m.fb.logins.length, 0);
    });
  });

  describe('when the onboarding has numbers', () => {
    it('should show one line per number with its name and status, and Meta ids only in a disclosure', async () => {
      const m = await mount({session: sessionBody({onboarding: completedTwo}), routes: stream(completedTwo), wait: 'whatsapp-signup-complete'});
      // The views are a file of their own (dist/views/phone-numbers.js), imported when an onboarding shows.
      await waitFor(() => m.part('numbers'), 'the numbers');
      const lines = [...m.part('numbers')!.querySelectorAll('li')];
      deepEqual(lines.map(text), ['+1 555-0101 Acme Shop Active', '+1 555-0102 Acme Support INPROGRESS']);
      const details = m.el.shadowRoot!.querySelector('details')!;
      ok(details, 'a details disclosure');
      equal(details.open, false, 'closed at first');
      equal(text(details.querySelector('summary')!), 'Technical details');
      deepEqual([...details.querySelectorAll('dd')].map(text), ['1000', '2001', '2002']);
      ok(!text(m.part('numbers')!).includes('1000') && !/\b200[12]\b/.test(lines.map(text).join()), 'no Meta id outside the disclosure');
      await expectAccessible(m.el, 'complete with two numbers');
      details.querySelector('summary')!.click();
      await waitFor(() => details.open, 'the disclosure opens');
      equal(details.querySelector('dl')!.getBoundingClientRect().height > 0, true, 'its ids are visible');
      await expectAccessible(m.el, 'complete with the disclosure open');
    });

    it('should show the numbers while the onboarding runs', async () => {
      const running = onboarding('running', 2, {phoneNumbers: [{phoneNumberId: '2001', displayPhoneNumber: '+1 555-0101', verifiedName: 'Acme Shop', status: 'pending'}]});
      const m = await mount({session: sessionBody({onboarding: running}), routes: held(running, [running]), wait: null});
      await waitFor(() => m.part('numbers'), 'the numbers');
      equal(m.el.view, 'progress');
      equal(text(m.part('numbers')!), '+1 555-0101 Acme Shop Setting up');
      await expectAccessible(m.el, 'progress with a number');
    });

    it('should give the number words in the element language', async () => {
      const m = await mount({attrs: {locale: 'de'}, session: sessionBody({onboarding: completedTwo}), routes: stream(completedTwo), wait: 'whatsapp-signup-complete'});
      await waitFor(() => m.part('numbers'), 'the numbers');
      equal(text(m.part('numbers')!.querySelector('li')!), '+1 555-0101 Acme Shop Aktiv');
      equal(text(m.el.shadowRoot!.querySelector('summary')!), 'Technische Details');
    });
  });

  describe('when the signup shares a second WABA', () => {
    it('should say so clearly and offer a new Facebook login', async () => {
      const m = await mount({
        routes: {
          'POST /v1/session/onboarding': {
            status: 422,
            body: {error: {code: 'multiple_wabas', message: 'Only one WhatsApp Business Account per signup: 1001 was also shared', field: 'wabaId'}},
          },
        },
      });
      m.part<HTMLButtonElement>('button')!.click();
      postEs('FINISH', {waba_id: '1000', business_id: '3000', phone_number_id: '2000', waba_ids: ['1000', '1001']});
      m.fb.answer('c0de');
      const e = await m.waitEvent('whatsapp-signup-error');
      deepEqual(e.detail, {code: 'multiple_wabas', message: 'More than one WhatsApp Business Account was shared. Start again and choose only one.', retryable: true});
      await m.el.updateComplete;
      m.part('error')!.querySelector('button')!.click();
      await m.el.updateComplete;
      m.part<HTMLButtonElement>('button')!.click();
      equal(m.fb.logins.length, 2, 'a new Facebook login');
    });
  });

  describe('META_ES_VERSION', () => {
    it('should add extras.version "v4" to FB.login when the session says v4', async () => {
      const m = await mount({session: sessionBody({meta: {appId: '123', configId: '456', graphVersion: 'v25.0', solutionId: null, esVersion: 'v4'}, prefill: undefined})});
      m.part<HTMLButtonElement>('button')!.click();
      deepEqual(m.fb.lastLogin.options.extras, {setup: {}, featureType: '', sessionInfoVersion: '3', version: 'v4'});
    });
    it("should keep today's extras exactly when it is unset", async () => {
      const m = await mount({session: sessionBody({meta: {appId: '123', configId: '456', graphVersion: 'v25.0', solutionId: null}, prefill: undefined})});
      m.part<HTMLButtonElement>('button')!.click();
      deepEqual(m.fb.lastLogin.options.extras, {setup: {}, featureType: '', sessionInfoVersion: '3'});
      equal('version' in m.fb.lastLogin.options.extras, false);
    });
  });

  it('should leave a plain signup as it was (one number, no choice)', async () => {
    const m = await mount({routes: {'POST /v1/session/onboarding': {status: 202, body: {onboarding: onboarding('running', 1)}}, ...stream(completedTwo)}});
    signup(m);
    await m.waitEvent('whatsapp-signup-complete');
    equal(m.part('choices'), null);
  });
});
