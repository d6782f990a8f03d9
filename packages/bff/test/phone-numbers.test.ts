/**
 * Each phone number's record, without I/O: its own app and webhook, its status as the element and the ASP read
 * it, its details from the sender DTO, which numbers still need work, and how Sinch's sender errors map to
 * stable codes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JobRecord } from '../src/domain/job.types.js';
import { nextAction } from '../src/domain/next-action.js';
import type { Session } from '../src/domain/onboarding.types.js';
import { senderDetails } from '../src/domain/phone-numbers.js';
import { senderFailure } from '../src/domain/sinch-error-map.js';
import { initialJob, transition, type JobEvent } from '../src/domain/transitions.js';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const session: Session = {
  id: 'ses_1',
  kind: 'widget',
  customer: { reference: 'c1', displayName: 'Customer 1' },
  regions: { allowed: ['US'] },
  createdAt: new Date(T0).toISOString(),
  expiresAt: new Date(T0 + 600_000).toISOString(),
};
const settings = { deleteExpiredSubprojects: true };
const run = (job: JobRecord, events: JobEvent[]) => events.reduce((j, e) => transition(j, e, T0 + 1000).job, job);
const done = (step: 'warm_up' | 'sender' | 'app' | 'webhook' | 'activation'): JobEvent[] => [
  { type: 'step_started', step },
  { type: 'step_done', step },
];

/** A completed onboarding of number 200 (sender snd_1, app app_1, webhook wh_1). */
function completed(): JobRecord {
  return run(initialJob(session), [
    ...done('warm_up'),
    { type: 'signup_submitted', result: { code: 'AQ-1', event: 'FINISH', wabaId: '100', phoneNumberId: '200', region: 'US' } },
    { type: 'sender_recorded', phoneNumberId: '200', senderId: 'snd_1', state: 'IN_PROGRESS', primary: true, sealedBearerToken: 'sealed-1' },
    ...done('sender'),
    { type: 'number_app_recorded', phoneNumberId: '200', appId: 'app_1' },
    ...done('app'),
    { type: 'number_webhook_recorded', phoneNumberId: '200', webhookId: 'wh_1' },
    ...done('webhook'),
    { type: 'activation_started' },
    { type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' },
    ...done('activation'),
  ]);
}

/** completed() plus number 202 with its sender snd_2 (IN_PROGRESS, token sealed). */
const withSecond = () =>
  run(completed(), [
    { type: 'phone_number_added', phoneNumberId: '202' },
    { type: 'sender_recorded', phoneNumberId: '202', senderId: 'snd_2', state: 'IN_PROGRESS', primary: false, sealedBearerToken: 'sealed-2' },
  ]);

const second = (j: JobRecord) => j.onboarding.phoneNumbers.find((p) => p.phoneNumberId === '202')!;

describe('phone numbers: one app and webhook per number', () => {
  test('When the first number gets its app and webhook, then they show on the number and at the top (as before), and its token is dropped', () => {
    const j = completed();
    assert.deepEqual([j.onboarding.appId, j.onboarding.webhookId], ['app_1', 'wh_1']);
    assert.deepEqual(j.onboarding.phoneNumbers, [{ phoneNumberId: '200', status: 'active', senderId: 'snd_1', senderState: 'ACTIVE', appId: 'app_1', webhookId: 'wh_1' }]);
    assert.deepEqual(j.internal.sealedBearerTokens, {});
  });

  test('When an added number gets its own app, then only that number holds it, the first keeps its own, and only its token is dropped', () => {
    const j = run(withSecond(), [{ type: 'number_app_recorded', phoneNumberId: '202', appId: 'app_2' }]);
    assert.equal(second(j).appId, 'app_2');
    assert.deepEqual([j.onboarding.appId, j.onboarding.phoneNumbers[0]?.appId], ['app_1', 'app_1']);
    assert.deepEqual(j.internal.sealedBearerTokens, {});
    assert.deepEqual(withSecond().internal.sealedBearerTokens, { snd_2: 'sealed-2' });
  });

  test('When an added number moves through sender, app, webhook and ACTIVE, then its status goes pending → active only at the end', () => {
    let j = withSecond();
    const seen = [second(j).status];
    j = run(j, [{ type: 'sender_update', senderId: 'snd_2', state: 'ACTIVE' }]);
    seen.push(second(j).status);
    j = run(j, [{ type: 'number_app_recorded', phoneNumberId: '202', appId: 'app_2' }]);
    seen.push(second(j).status);
    j = run(j, [{ type: 'number_webhook_recorded', phoneNumberId: '202', webhookId: 'wh_2' }]);
    seen.push(second(j).status);
    assert.deepEqual(seen, ['pending', 'pending', 'pending', 'active']);
    // Without a webhook target, the app is enough.
    const skipped = run(withSecond(), [
      { type: 'number_app_recorded', phoneNumberId: '202', appId: 'app_2' },
      { type: 'number_webhook_skipped', phoneNumberId: '202' },
      { type: 'sender_update', senderId: 'snd_2', state: 'ACTIVE' },
    ]);
    assert.equal(second(skipped).status, 'active');
  });

  test('When Sinch reports a state, then the status tells it apart (verification, suspended, inactive), and a failure is failed', () => {
    const states: Array<[string, string]> = [
      ['PENDING_VERIFICATION', 'verification_required'],
      ['SUSPENDED', 'suspended'],
      ['INACTIVE', 'inactive'],
      ['IN_PROGRESS', 'pending'],
    ];
    for (const [state, status] of states) {
      assert.equal(run(completed(), [{ type: 'sender_update', senderId: 'snd_1', state }]).onboarding.phoneNumbers[0]?.status, status, state);
    }
    // After completion the job stays completed: the number's status carries the news.
    assert.equal(run(completed(), [{ type: 'sender_update', senderId: 'snd_1', state: 'SUSPENDED' }]).onboarding.state, 'completed');
    const failed = run(withSecond(), [
      { type: 'number_failed', phoneNumberId: '202', step: 'app', error: { code: 'region_incompatible', message: 'x', retryable: false } },
    ]);
    assert.deepEqual([second(failed).status, second(failed).error?.step, failed.onboarding.state], ['failed', 'app', 'completed']);
  });

  test('When the sender DTO carries the number and name, then the number shows them; fields Sinch left out keep what is known', () => {
    const d = senderDetails({ countryCode: '48', phoneNumber: '500100200', details: { displayName: 'Acme' }, qualityRating: 'YELLOW' });
    assert.deepEqual(d, { displayPhoneNumber: '+48 500100200', verifiedName: 'Acme', qualityRating: 'YELLOW' });
    assert.deepEqual(senderDetails({ qualityRating: 'PURPLE' }), {}, 'an unknown rating is not recorded');
    let j = run(withSecond(), [{ type: 'sender_details', senderId: 'snd_2', details: d }]);
    j = run(j, [{ type: 'sender_details', senderId: 'snd_2', details: senderDetails({ qualityRating: 'RED' }) }]);
    assert.deepEqual([second(j).displayPhoneNumber, second(j).verifiedName, second(j).qualityRating], ['+48 500100200', 'Acme', 'RED']);
    // A known display number (e.g. Meta's spelling from the lookup) is kept; the name follows Sinch.
    j = run(j, [{ type: 'sender_details', senderId: 'snd_2', details: { displayPhoneNumber: '+48500100200', verifiedName: 'Acme Renamed' } }]);
    assert.deepEqual([second(j).displayPhoneNumber, second(j).verifiedName], ['+48 500100200', 'Acme Renamed']);
  });
});

describe('phone numbers: what still needs work', () => {
  test('When an added number lacks its app, webhook or ACTIVE state, then the runner works on it; once settled or failed, no more', () => {
    let j = withSecond();
    assert.deepEqual(nextAction(j, settings), { kind: 'numbers', phoneNumberIds: ['202'] });
    j = run(j, [
      { type: 'number_app_recorded', phoneNumberId: '202', appId: 'app_2' },
      { type: 'number_webhook_recorded', phoneNumberId: '202', webhookId: 'wh_2' },
    ]);
    assert.deepEqual(nextAction(j, settings), { kind: 'numbers', phoneNumberIds: ['202'] }, 'still to activate');
    assert.deepEqual(nextAction(run(j, [{ type: 'sender_update', senderId: 'snd_2', state: 'ACTIVE' }]), settings), { kind: 'none' });
    assert.deepEqual(nextAction(run(j, [{ type: 'sender_update', senderId: 'snd_2', state: 'SUSPENDED' }]), settings), { kind: 'none' });
    const failed = run(withSecond(), [{ type: 'number_failed', phoneNumberId: '202', step: 'app', error: { code: 'app_create_failed', message: 'x', retryable: false } }]);
    assert.deepEqual(nextAction(failed, settings), { kind: 'none' });
  });

  test('When several numbers are queued, then all of them are listed at once (they run side by side)', () => {
    const j = run(completed(), [
      { type: 'phone_number_added', phoneNumberId: '202' },
      { type: 'phone_number_added', phoneNumberId: '203' },
    ]);
    assert.deepEqual(nextAction(j, settings), { kind: 'numbers', phoneNumberIds: ['202', '203'] });
  });
});

describe("Sinch's sender errors → stable codes", () => {
  const cases: Array<[Parameters<typeof senderFailure>[0], string | undefined, boolean?]> = [
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'WABA_CONNECTED_TO_ANOTHER_PROJECT' } }, 'waba_in_use', false],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'DUPLICATES_ON_SENDER_PHONE_NUMBER' } }, 'phone_number_in_use', false],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'NO_VERIFIED_PHONE_NUMBER' } }, 'phone_number_not_verified', false],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'NOT_VERIFY_BUSINESS_VIA_WHATSAPP' } }, 'business_not_verified', false],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'NO_PRICING_PLAN' } }, 'sinch_account_setup', true],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'CANNOT_SUBSCRIBE_TO_WEBHOOK' } }, 'meta_setup_failed', true],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'SENDER_HAS_BEEN_DELETED' } }, 'sender_deleted', false],
    [{ state: 'ERROR', changes: { status: 'ERROR', errorCode: 'UNRECOGNIZED' } }, 'sender_error', false],
    [{ state: 'ERROR' }, 'sender_error', false],
    [{ changes: { status: 'MULTIPLE_WABA_ERROR' } }, 'waba_in_use', false],
    [{ state: 'IN_PROGRESS', changes: { status: 'REJECTED', errorReason: 'display name not approved' } }, 'sender_rejected', false],
    [{ state: 'SUSPENDED' }, 'sender_suspended', false],
    [{ state: 'INACTIVE' }, 'sender_deleted', false],
    [{ state: 'ACTIVE' }, undefined],
    [{ state: 'PENDING_VERIFICATION' }, undefined],
    [{ changes: { status: 'IN_PROGRESS' } }, undefined],
  ];
  for (const [sender, code, retryable] of cases) {
    test(`When a sender is ${JSON.stringify(sender)}, then it ${code ? `fails with ${code} (retryable: ${retryable})` : 'can still turn ACTIVE'}`, () => {
      const f = senderFailure(sender);
      assert.deepEqual(f && { code: f.error.code, retryable: f.error.retryable, sinch: f.error.sinch?.code }, code && { code, retryable, sinch: sender.changes?.errorCode });
      if (f && sender.changes?.errorReason) assert.match(f.error.message, /display name not approved/);
    });
  }
});
