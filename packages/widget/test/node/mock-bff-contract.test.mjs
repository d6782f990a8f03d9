// The mock BFF refuses scenarios the real BFF could not play (test/contract.mjs).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {contractErrors} from '../contract.mjs';

const onboarding = {
  id: 'ses_1', state: 'running', customer: {reference: 'c', displayName: 'C'}, phoneNumbers: [], steps: [],
  createdAt: '2026-11-22T13:00:00.000Z', updatedAt: '2026-11-22T13:00:00.000Z',
};

describe('mock BFF scenarios against the OpenAPI document', () => {
  test('When every response is documented, then the scenario is accepted', () => {
    assert.deepEqual(contractErrors({
      'GET /v1/session/onboarding': [{body: {onboarding}}, {status: 401, body: {error: {code: 'session_expired', message: 'x'}}}],
      'GET /v1/session/onboarding/events': {sse: [{onboarding}, {raw: ': ping\n\n'}]},
    }), []);
  });

  test('When a response has a field the BFF does not send, or lacks one it always sends, then it is refused', () => {
    const errors = contractErrors({
      'GET /v1/session/onboarding': [{body: {onboarding: {...onboarding, extra: 1}}}, {body: {onboarding: {...onboarding, steps: undefined}}}],
    });
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], /additional properties/);
    assert.match(errors[1], /required property 'steps'/);
  });

  test('When an error code, a status, a route or a stream event is not the BFF\'s, then it is refused', () => {
    const errors = contractErrors({
      'POST /v1/session/onboarding': [{status: 409, body: {error: {code: 'made_up', message: 'x'}}}, {status: 418, body: {}}],
      'GET /v1/sessions/mine': {body: {}},
      'GET /v1/session/onboarding/events': {sse: [{onboarding: {id: 'x'}}]},
    });
    assert.equal(errors.length, 4, errors.join('\n'));
  });

  test('When a response says why it is off the contract, then it is played as it is', () => {
    assert.deepEqual(contractErrors({'GET /v1/session': {status: 502, body: '<html>', offContract: 'a proxy answers'}}), []);
  });
});
