import type {EsMessage} from '../src/internal/es-messages.js';
import {SignupJoin, type JoinOutcome} from '../src/internal/signup-join.js';
import {deepEqual, equal, sleep, waitFor} from './fixtures/assert.js';

const finish: EsMessage = {kind: 'finish', event: 'FINISH', wabaId: '1000', phoneNumberId: '2000', businessId: '3000'};

function setup(opts = {watchdog: 100, grace: 30, blockedWithin: 1000}) {
  const outcomes: JoinOutcome[] = [];
  const join = new SignupJoin((o) => outcomes.push(o), opts);
  join.begin();
  return {join, outcomes};
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
  describe('when one half never comes', () => {
    it('should report signup_incomplete (missing session) after the watchdog', async () => {
      const {join, outcomes} = setup();
      join.handleLogin({authResponse: {code: 'c0de'}});
      await sleep(60);
      equal(outcomes.length, 0);
      await waitFor(() => outcomes.length, 'watchdog');
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'session'}]);
    });
    it('should report signup_incomplete (missing code) after the watchdog', async () => {
      const {join, outcomes} = setup();
      join.handleMessage(finish);
      await waitFor(() => outcomes.length, 'watchdog');
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'code'}]);
    });
    it('should report signup_incomplete at once when login ends without a code after FINISH', () => {
      const {join, outcomes} = setup();
      join.handleMessage(finish);
      join.handleLogin({status: 'unknown', authResponse: null});
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'code'}]);
    });
    it('should report signup_incomplete when FINISH comes after a login without a code', async () => {
      const {join, outcomes} = setup({watchdog: 100, grace: 200, blockedWithin: 1000});
      join.handleLogin({status: 'unknown'});
      join.handleMessage(finish);
      deepEqual(outcomes, [{kind: 'signup_incomplete', missing: 'code'}]);
    });
  });
  describe('when the login callback has neither authResponse nor a message', () => {
    it('should say popup_blocked when the window never lost focus right after the click', async () => {
      const {join, outcomes} = setup();
      join.handleLogin({status: 'unknown'});
      await waitFor(() => outcomes.length, 'outcome');
      deepEqual(outcomes, [{kind: 'popup_blocked'}]);
    });
    it('should say popup_closed when the popup had taken the focus', async () => {
      const {join, outcomes} = setup();
      window.dispatchEvent(new Event('blur'));
      join.handleLogin({status: 'unknown', authResponse: null});
      await waitFor(() => outcomes.length, 'outcome');
      deepEqual(outcomes, [{kind: 'popup_closed'}]);
    });
    it('should say popup_closed when the callback came late', async () => {
      const {join, outcomes} = setup({watchdog: 100, grace: 20, blockedWithin: 0});
      join.handleLogin(undefined);
      await waitFor(() => outcomes.length, 'outcome');
      deepEqual(outcomes, [{kind: 'popup_closed'}]);
    });
    it('should prefer a CANCEL that arrives within the grace period', async () => {
      const {join, outcomes} = setup();
      join.handleLogin({status: 'unknown'});
      join.handleMessage({kind: 'cancel', currentStep: 'PERMISSIONS'});
      await sleep(60);
      deepEqual(outcomes, [{kind: 'cancel', currentStep: 'PERMISSIONS'}]);
    });
  });
  describe('when Meta reports a cancel or an error', () => {
    it('should report the cancel at once and ignore the later callback', () => {
      const {join, outcomes} = setup();
      join.handleMessage({kind: 'cancel', currentStep: 'PHONE_NUMBER_VERIFICATION'});
      join.handleLogin({status: 'unknown'});
      deepEqual(outcomes, [{kind: 'cancel', currentStep: 'PHONE_NUMBER_VERIFICATION'}]);
    });
    it('should report meta_error with the ids', () => {
      const {join, outcomes} = setup();
      join.handleMessage({kind: 'error', message: 'x', errorId: '9', sessionId: 's'});
      deepEqual(outcomes, [{kind: 'meta_error', message: 'x', errorId: '9', sessionId: 's'}]);
    });
  });
  describe('when no attempt is running', () => {
    it('should ignore everything', async () => {
      const outcomes: JoinOutcome[] = [];
      const join = new SignupJoin((o) => outcomes.push(o), {watchdog: 10});
      join.handleMessage(finish);
      join.handleLogin({authResponse: {code: 'c'}});
      await sleep(30);
      equal(outcomes.length, 0);
    });
    it('should drop a stopped attempt', async () => {
      const {join, outcomes} = setup();
      join.handleLogin({authResponse: {code: 'c'}});
      join.stop();
      await sleep(150);
      equal(outcomes.length, 0);
    });
  });
});
