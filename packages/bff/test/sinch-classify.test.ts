import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifySinchError } from '../src/clients/sinch/classify.js';
import { SinchApiError, SinchTransportError } from '../src/clients/sinch/errors.js';
import { mapSinchError, StepFailure } from '../src/domain/sinch-error-map.js';

const api = (status: number, sinchCode?: string, message?: string) =>
  new SinchApiError('provisioning', 'POST', '/x', status, { dialect: 'papi', sinchCode, message });
const noAnswer = new SinchTransportError('provisioning', 'POST', '/x', 'timeout');
const pick = (v: ReturnType<typeof classifySinchError>) => ({ code: v.code, retryable: v.retryable, retryStep: v.retryStep });

describe('classifySinchError: how a step ends', () => {
  test('When Sinch is busy or does not answer, then the step tries again and a later retry can help', () => {
    for (const e of [noAnswer, api(429), api(503)]) {
      assert.deepEqual(pick(classifySinchError(e, { step: 'app' })), { code: 'sinch_unavailable', retryable: true, retryStep: true });
    }
  });
  test('When Sinch refuses our credentials, then the step stops but a later retry can help', () => {
    assert.deepEqual(pick(classifySinchError(api(401), { step: 'sender' })), { code: 'sinch_unauthorized', retryable: true, retryStep: false });
  });
  test('When create-sender refuses the code or the number, then the code tells the customer what to do and a retry cannot help', () => {
    const cases: Array<[SinchApiError, string]> = [
      [api(400, 'invalid_facebook_token', 'Token expired'), 'code_expired'],
      [api(400, 'invalid_facebook_token', 'Code already used'), 'code_invalid'],
      [api(409, 'used_phone_number_id'), 'phone_number_in_use'],
      [api(409, 'waba_id_used'), 'waba_in_use'],
      [api(400, 'wrong_waba_id'), 'waba_invalid'],
    ];
    for (const [e, code] of cases) assert.deepEqual(pick(classifySinchError(e, { step: 'sender' })), { code, retryable: false, retryStep: false });
  });
  test('When a young subproject is not found yet, then sender, app and webhook try again; other refusals end the step for good', () => {
    assert.deepEqual(pick(classifySinchError(api(404), { step: 'sender' })), { code: 'sender_create_failed', retryable: true, retryStep: true });
    assert.deepEqual(pick(classifySinchError(api(404), { step: 'webhook' })), { code: 'webhook_create_failed', retryable: true, retryStep: true });
    assert.deepEqual(pick(classifySinchError(api(400), { step: 'app' })), { code: 'app_create_failed', retryable: false, retryStep: false });
    assert.deepEqual(pick(classifySinchError(api(404), { step: 'activation' })), { code: 'sender_error', retryable: false, retryStep: false });
  });
  test('When warm-up assigns the solution and Sinch refuses, then the code is solution_assign_failed (busy stays sinch_unavailable)', () => {
    assert.equal(classifySinchError(api(400), { step: 'warm_up', call: 'assign_solution' }).code, 'solution_assign_failed');
    assert.equal(classifySinchError(api(503), { step: 'warm_up', call: 'assign_solution' }).code, 'sinch_unavailable');
  });
  test('When the failure is not Sinch\'s, then it is an internal error a retry may fix', () => {
    assert.deepEqual(pick(classifySinchError(new Error('boom'), { step: 'app' })), { code: 'internal_error', retryable: true, retryStep: false });
  });
});

describe('classifySinchError: whether a wait keeps waiting', () => {
  test('When a readiness probe gets 401/403/404/429/5xx or no answer, then warm-up keeps waiting; a 400 ends it', () => {
    for (const e of [api(401), api(403), api(404), api(429), api(500), noAnswer]) {
      assert.equal(classifySinchError(e, { step: 'warm_up', call: 'probe' }).keepWaiting, true, e.message);
    }
    assert.equal(classifySinchError(api(400), { step: 'warm_up', call: 'probe' }).keepWaiting, false);
  });
  test('When activation polling gets 429/5xx or no answer, then it keeps polling; a 404 or 403 ends it', () => {
    for (const e of [api(429), api(502), noAnswer]) assert.equal(classifySinchError(e, { step: 'activation', call: 'poll' }).keepWaiting, true);
    for (const e of [api(404), api(403), new Error('x')]) assert.equal(classifySinchError(e, { step: 'activation', call: 'poll' }).keepWaiting, false);
  });
});

describe('mapSinchError', () => {
  test('When Sinch\'s message echoes a secret of the call, then the recorded error has it redacted', () => {
    const f = mapSinchError('sender', api(400, 'invalid_facebook_token', 'code AQ-secret-123 expired'), ['AQ-secret-123']);
    assert.equal(f.error.message, 'code [redacted] expired');
    assert.deepEqual(f.error.sinch, { status: 400, code: 'invalid_facebook_token', message: 'code [redacted] expired' });
  });
  test('When a step already failed with its own StepFailure, then it is kept as is', () => {
    const own = new StepFailure({ code: 'activation_timeout', message: 'late', retryable: true });
    assert.equal(mapSinchError('activation', own), own);
  });
});
