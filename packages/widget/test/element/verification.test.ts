import {expectAccessible} from '../fixtures/a11y.js';
import {deepEqual, equal, ok, waitFor} from '../fixtures/assert.js';
import {onboarding} from '../fixtures/bff.js';
import {build} from '../fixtures/widget.js';
import {cleanup, mount, sessionBody, type Mounted} from './helpers.js';

const NUMBER = {phoneNumberId: '2000', senderId: 'snd1', displayPhoneNumber: '+1 555-0100'};
const later = () => new Date(Date.now() + 60_000).toISOString();
const earlier = () => new Date(Date.now() - 1_000).toISOString();

/** The onboarding while its first number waits for the customer's code. */
const awaiting = (verification: Record<string, string> = {}) =>
  onboarding('awaiting_verification', 4, {
    senderId: 'snd1',
    senderState: 'PENDING_VERIFICATION',
    phoneNumbers: [{...NUMBER, status: 'verification_required', senderState: 'PENDING_VERIFICATION', verification}],
  });
const sent = (method = 'SMS', resendAvailableAt = later()) => awaiting({method, codeSentAt: new Date().toISOString(), resendAvailableAt});
const running = onboarding('running', 4, {senderId: 'snd1', senderState: 'IN_PROGRESS', phoneNumbers: [{...NUMBER, status: 'pending', senderState: 'IN_PROGRESS'}]});
const refusal = (status: number, code: string) => ({status, body: {error: {code, message: 'x'}}});

/** The element resuming an onboarding that waits for verification (no polling during the test). */
async function mountAwaiting(o: ReturnType<typeof awaiting>, routes = {}, attrs: Record<string, string> = {}): Promise<Mounted> {
  const m = await mount({session: sessionBody({onboarding: o}), routes, attrs: {'poll-interval': '600000', ...attrs}, wait: null});
  await waitFor(() => m.el.view === 'verification', 'the verification view');
  // The view is a file of its own, imported on demand: wait for it to be there.
  await waitFor(() => m.part('verification')?.querySelector('form'), 'the verification panel');
  await m.el.updateComplete;
  return m;
}

const panel = (m: Mounted) => m.part('verification')!;
const codeInput = (m: Mounted) => m.part<HTMLInputElement>('code');
const buttonNamed = (m: Mounted, name: string) =>
  [...panel(m).querySelectorAll('button')].find((b) => b.textContent!.trim() === name) as HTMLButtonElement | undefined;
const alertText = (m: Mounted) => panel(m).querySelector('[role="alert"]')!.textContent!.trim();
const posts = async (m: Mounted, path: string) => (await m.calls()).filter((c) => c.method === 'POST' && c.path === path);
async function typeCode(m: Mounted, code: string) {
  const input = codeInput(m)!;
  input.value = code;
  buttonNamed(m, 'Verify')!.click();
}

describe(`<whatsapp-signup> number verification (${build} build)`, () => {
  afterEach(() => {
    cleanup();
    document.documentElement.lang = 'en';
  });

  describe('when the onboarding awaits verification', () => {
    it('should ask how to send the code, for the number the customer knows', async () => {
      const m = await mountAwaiting(awaiting());
      const t = panel(m).textContent!.replace(/\s+/g, ' ');
      ok(t.includes('Verify your phone number'), t);
      ok(t.includes('+1 555-0100'), t);
      const radios = [...panel(m).querySelectorAll<HTMLInputElement>('input[type=radio]')];
      deepEqual(radios.map((r) => r.value), ['SMS', 'VOICE']);
      ok(radios[0]!.checked, 'SMS by default');
      equal(codeInput(m), null, 'no code field before a code was sent');
      ok(buttonNamed(m, 'Send code'));
      equal(m.part('status')!.textContent!.trim(), 'Verify your phone number');
    });

    it('should send the chosen method, then show one one-time-code field and the resend time', async () => {
      const m = await mountAwaiting(awaiting(), {'POST /v1/session/verification': {body: {onboarding: sent('VOICE')}}});
      panel(m).querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!.click();
      buttonNamed(m, 'Send code')!.click();
      const input = await waitFor(() => codeInput(m), 'the code field');
      deepEqual((await posts(m, '/v1/session/verification')).map((c) => c.body), [{phoneNumberId: '2000', method: 'VOICE'}]);
      equal(input.getAttribute('autocomplete'), 'one-time-code');
      equal(input.getAttribute('inputmode'), 'numeric');
      equal(input.getAttribute('maxlength'), '6');
      equal(panel(m).querySelectorAll('input:not([type=radio])').length, 1, 'one field for the whole code');
      equal(panel(m).querySelector(`label[for="${input.id}"]`)!.textContent!.trim(), '6-digit code');
      await m.el.updateComplete;
      const t = panel(m).textContent!.replace(/\s+/g, ' ');
      ok(t.includes('We are calling you to tell you a code.'), t);
      ok(/You can ask for a new code at .+\./.test(t), t);
      equal(buttonNamed(m, 'Send a new code')!.getAttribute('aria-disabled'), 'true');
    });

    it('should hand the code to the BFF and show the setup going on after a right code', async () => {
      const m = await mountAwaiting(sent(), {'POST /v1/session/verification/code': {body: {onboarding: running}}});
      await typeCode(m, '123456');
      await waitFor(() => m.el.view === 'progress', 'progress after the code');
      deepEqual((await posts(m, '/v1/session/verification/code')).map((c) => c.body), [{phoneNumberId: '2000', code: '123456'}]);
      await m.el.updateComplete;
      equal(m.part('verification'), null);
    });

    it('should say so when the code is wrong, keep the field and mark it invalid', async () => {
      const m = await mountAwaiting(sent(), {'POST /v1/session/verification/code': refusal(409, 'wrong_otp')});
      await typeCode(m, '000000');
      await waitFor(() => alertText(m), 'the alert');
      equal(alertText(m), 'That code is not right. Check it and try again.');
      equal(m.el.view, 'verification');
      equal(codeInput(m)!.getAttribute('aria-invalid'), 'true');
      ok(codeInput(m)!.getAttribute('aria-describedby')!.includes(panel(m).querySelector('[role="alert"]')!.id));
    });

    it('should say so after too many wrong codes', async () => {
      const m = await mountAwaiting(sent(), {'POST /v1/session/verification/code': refusal(429, 'too_many_attempts')});
      await typeCode(m, '000000');
      await waitFor(() => alertText(m), 'the alert');
      equal(alertText(m), 'Too many wrong codes. Wait a while, then ask for a new code.');
    });

    it('should explain a number registered on another WhatsApp account', async () => {
      const m = await mountAwaiting(awaiting(), {'POST /v1/session/verification': refusal(409, 'already_registered')});
      buttonNamed(m, 'Send code')!.click();
      await waitFor(() => alertText(m), 'the alert');
      ok(alertText(m).startsWith('This number is registered on another WhatsApp account.'), alertText(m));
      equal(codeInput(m), null);
    });

    it('should refuse a code that is not 6 digits without asking the BFF', async () => {
      const m = await mountAwaiting(sent(), {'POST /v1/session/verification/code': {body: {onboarding: running}}});
      await typeCode(m, '12a4');
      await waitFor(() => alertText(m), 'the alert');
      equal(alertText(m), 'Enter the 6 digits of the code.');
      equal((await posts(m, '/v1/session/verification/code')).length, 0);
    });

    it('should not ask for a new code before resendAvailableAt, and should after it', async () => {
      const soon = await mountAwaiting(sent('SMS', later()), {'POST /v1/session/verification': {body: {onboarding: sent()}}});
      buttonNamed(soon, 'Send a new code')!.click();
      await soon.el.updateComplete;
      equal((await posts(soon, '/v1/session/verification')).length, 0, 'no request during the cool-down');
      cleanup();
      const m = await mountAwaiting(sent('SMS', earlier()), {'POST /v1/session/verification': {body: {onboarding: sent('SMS', later())}}});
      const resend = buttonNamed(m, 'Send a new code')!;
      equal(resend.getAttribute('aria-disabled'), 'false');
      ok(!panel(m).textContent!.includes('You can ask for a new code'), 'no wait shown');
      resend.click();
      await waitFor(async () => (await posts(m, '/v1/session/verification')).length === 1, 'the resend');
    });

    it('should speak the customer’s language', async () => {
      const m = await mountAwaiting(sent(), {'POST /v1/session/verification/code': refusal(409, 'wrong_otp')}, {locale: 'de'});
      ok(panel(m).textContent!.includes('Telefonnummer bestätigen'));
      codeInput(m)!.value = '000000';
      buttonNamed(m, 'Bestätigen')!.click();
      await waitFor(() => alertText(m), 'the alert');
      equal(alertText(m), 'Dieser Code ist nicht richtig. Prüfen Sie ihn und versuchen Sie es erneut.');
    });

    it('should ask for the code of a number added after completion, and still report completion', async () => {
      const completed = onboarding('completed', 5, {
        subprojectId: 'sp1',
        senderId: 'snd1',
        appId: 'app1',
        senderState: 'ACTIVE',
        phoneNumbers: [
          {phoneNumberId: '2000', status: 'active', senderId: 'snd1', senderState: 'ACTIVE'},
          {phoneNumberId: '2001', displayPhoneNumber: '+1 555-0101', status: 'verification_required', senderId: 'snd2', senderState: 'PENDING_VERIFICATION', verification: {}},
        ],
      });
      const m = await mount({session: sessionBody({onboarding: completed}), attrs: {'poll-interval': '600000'}, wait: 'whatsapp-signup-complete'});
      await m.el.updateComplete;
      equal(m.el.view, 'complete');
      await waitFor(() => m.part('verification')?.textContent!.includes('+1 555-0101'), 'the added number, not the first');
    });
  });

  describe('when the view is loaded on demand', () => {
    it('should say so when the view cannot be loaded, and show it after Try again', async () => {
      // This BFF's view file fails once (test/mock-bff.mjs), then loads.
      const endpoint = `${location.origin}/__flaky/${crypto.randomUUID()}/1`;
      const m = await mount({session: sessionBody({onboarding: awaiting()}), attrs: {endpoint, 'poll-interval': '600000'}, wait: null});
      await waitFor(() => m.part('verification')?.querySelector('[role="alert"]'), 'the load failure');
      const alert = panel(m).querySelector('[role="alert"]')!.textContent!.trim();
      equal(alert, 'The verification could not be loaded.');
      equal(codeInput(m), null);
      buttonNamed(m, 'Try again')!.click();
      await waitFor(() => buttonNamed(m, 'Send code'), 'the verification panel after the retry');
      ok(panel(m).textContent!.includes('Verify your phone number'));
      equal(panel(m).querySelector('[role="alert"]')!.textContent!.trim(), '', 'no alert left');
    });

    if (build !== 'src') {
      it('should not be in the script-tag file (it is dist/views/verification.js)', async () => {
        const file = build === 'esm' ? 'whatsapp-signup.js' : 'whatsapp-signup.classic.js';
        const script = await (await fetch(new URL(`../../dist/${file}`, import.meta.url))).text();
        const view = await (await fetch(new URL('../../dist/views/verification.js', import.meta.url))).text();
        for (const only of ['one-time-code', 'Verify your phone number', 'That code is not right']) {
          ok(view.includes(only), `the view has "${only}"`);
          ok(!script.includes(only), `dist/${file} has "${only}"`);
        }
      });
    }
  });

  describe('accessibility', () => {
    it('should have no axe violations while asking for the method, the code and after a wrong code, in both themes', async () => {
      for (const theme of ['light', 'dark']) {
        const choose = await mountAwaiting(awaiting(), {}, {theme});
        await expectAccessible(choose.el, `${theme} verification method`);
        const code = await mountAwaiting(sent(), {'POST /v1/session/verification/code': refusal(409, 'wrong_otp')}, {theme});
        await expectAccessible(code.el, `${theme} verification code`);
        await typeCode(code, '000000');
        await waitFor(() => alertText(code), 'the alert');
        await code.el.updateComplete;
        await expectAccessible(code.el, `${theme} verification wrong code`);
        cleanup();
      }
    });
  });
});
