import {parseEsMessage, type EsMessage} from '../src/internal/es-messages.js';
import {SignupJoin, type JoinOptions, type JoinOutcome} from '../src/internal/signup-join.js';
import {deepEqual, equal} from './fixtures/assert.js';
import {FakeClock} from './fixtures/fake-clock.js';

const finish: EsMessage = {kind: 'finish', event: 'FINISH', wabaId: '1000', phoneNumberId: '2000', businessId: '3000'};

function setup(opts: JoinOptions = {watchdog: 100, grace: 30, blockedWithin: 1000}) {
  const outcomes: JoinOutcome[] = [];
  const clock = new FakeClock();
  const join = new SignupJoin((o) => outcomes.push(o), opts, clock);
  join.begin();
  return {join, outcomes, clock};
}

describe('SignupJoin', () => {
  describe('when the code arrives before the session info', () => {
    it('should complete the moment the FINISH message arrives', () => {
      const {join, outcomes} = setup();
      join.handleLogin({authResponse: {code: 'c0de'}});
      equal(outcomes.length, 0);
      join.handleMessage(finish);
      deepEqual(outcomes, [{kind: 'complete', code: 'c0de', finish}]);
    });
  });
  describe('when the session info arrives before the code', () => {
    it('should complete the moment the code arrives', () => {
      const {join, outcomes} = setup();
      join.handleMessage(finish);
      equal(outcomes.length, 0);
      join.handleLogin({status: 'connected', authResponse: {code: 'c0de'}});
      deepEqual(outcomes, [{kind: 'complete', code: 'c0de', finish}]);
      equal(join.pending, false);
    });
  });
  // Meta's messages as documented (api-facts §8), parsed as the element parses them, then joined with the
  // code in either order: coexistence and WABA-only carry only the WABA id.
  for (const [event, data] of [
    ['FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', {waba_id: '1790'}],
    ['FINISH_ONLY_WABA', {waba_id: '1791'}],
    ['FINISH_OBO_MIGRATION', {phone_number_id: '2000', waba_id: '1000', business_id: '3000'}],
    ['FINISH_FUTURE_THING', {waba_id: '1792'}],
  ] as const) {
    for (const order of ['message first', 'code first'] as const) {
      it(`should complete ${event} with data ${JSON.stringify(data)}, ${order}`, () => {
        const {join, outcomes, clock} = setup();
        const parsed = parseEsMessage({origin: 'https://www.facebook.com', data: JSON.stringify({type: 'WA_EMBEDDED_SIGNUP', event, data, version: 3})});
        const message = () => parsed && join.handleMessage(parsed);
        if (order === 'message first') message();
        join.handleLogin({authResponse: {code: 'c0de'}});
        if (order === 'code first') message();
        clock.advance(100); // past the watchdog: a dropped message would show as signup_incomplete
        equal(outcomes.length, 1);
        deepEqual(outcomes[0], {
          kind: 'complete',
          code: 'c0de',
          finish: {
            kind: 'finish',
            event,
            wabaId: data.waba_id,
            ...('phone_number_id' in data && {phoneNumberId: data.phone_number_id}),
            ...('business_id' in data && {businessId: data.business_id}),
          },
        });
      });
    }
  }
  describe('when one half never comes', () => {
    it('should report signup_incomplete (missing session) after the watchdog', () => {
      const {join, outcomes, clock} = setup();
      join.handleLogin({authResponse: {code: 'c0de'}});
      clock.advance(99);
      equal(outcomes.length, 0, 'nothing before the watchdog');
      clock.advance(1);
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'session'}]);
    });
    it('should report signup_incomplete (missing code) after the watchdog', () => {
      const {join, outcomes, clock} = setup();
      join.handleMessage(finish);
      clock.advance(99);
      equal(outcomes.length, 0, 'nothing before the watchdog');
      clock.advance(1);
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'code'}]);
    });
    it('should report signup_incomplete at once when login ends without a code after FINISH', () => {
      const {join, outcomes} = setup();
      join.handleMessage(finish);
      join.handleLogin({status: 'unknown', authResponse: null});
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'code'}]);
    });
    it('should report signup_incomplete when FINISH comes after a login without a code', () => {
      const {join, outcomes} = setup({watchdog: 100, grace: 200, blockedWithin: 1000});
      join.handleLogin({status: 'unknown'});
      join.handleMessage(finish);
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'code'}]);
    });
  });
  describe('when the login callback has neither authResponse nor a message', () => {
    it('should say popup_blocked when the window never lost focus right after the click', () => {
      const {join, outcomes, clock} = setup();
      clock.advance(999);
      join.handleLogin({status: 'unknown'});
      clock.advance(29);
      equal(outcomes.length, 0, 'nothing within the grace period');
      clock.advance(1);
      deepEqual(outcomes, [{kind: 'popup_blocked'}]);
    });
    it('should say popup_closed when the popup had taken the focus', () => {
      const {join, outcomes, clock} = setup();
      window.dispatchEvent(new Event('blur'));
      join.handleLogin({status: 'unknown', authResponse: null});
      clock.advance(30);
      deepEqual(outcomes, [{kind: 'popup_closed'}]);
    });
    it('should say popup_closed when the callback came late', () => {
      const {join, outcomes, clock} = setup();
      clock.advance(1000);
      join.handleLogin(undefined);
      clock.advance(30);
      deepEqual(outcomes, [{kind: 'popup_closed'}]);
    });
    it('should prefer a CANCEL that arrives within the grace period', () => {
      const {join, outcomes, clock} = setup();
      join.handleLogin({status: 'unknown'});
      clock.advance(29);
      join.handleMessage({kind: 'cancel', currentStep: 'PERMISSIONS'});
      clock.advance(1000);
      deepEqual(outcomes, [{kind: 'cancel', currentStep: 'PERMISSIONS'}]);
    });
  });
  describe('when Meta reports a cancel or an error', () => {
    it('should report the cancel at once and ignore the later callback', () => {
      const {join, outcomes, clock} = setup();
      join.handleMessage({kind: 'cancel', currentStep: 'PHONE_NUMBER_VERIFICATION'});
      join.handleLogin({status: 'unknown'});
      clock.advance(1000);
      deepEqual(outcomes, [{kind: 'cancel', currentStep: 'PHONE_NUMBER_VERIFICATION'}]);
    });
    it('should report meta_error with the ids', () => {
      const {join, outcomes} = setup();
      join.handleMessage({kind: 'error', message: 'x', errorId: '9', sessionId: 's'});
      deepEqual(outcomes, [{kind: 'meta_error', message: 'x', errorId: '9', sessionId: 's'}]);
    });
  });
  describe('when no attempt is running', () => {
    it('should ignore everything', () => {
      const outcomes: JoinOutcome[] = [];
      const clock = new FakeClock();
      const join = new SignupJoin((o) => outcomes.push(o), {watchdog: 10}, clock);
      join.handleMessage(finish);
      join.handleLogin({authResponse: {code: 'c'}});
      clock.advance(1000);
      equal(outcomes.length, 0);
    });
    it('should drop a stopped attempt', () => {
      const {join, outcomes, clock} = setup();
      join.handleLogin({authResponse: {code: 'c'}});
      join.stop();
      clock.advance(1000);
      equal(outcomes.length, 0);
    });
  });
});
