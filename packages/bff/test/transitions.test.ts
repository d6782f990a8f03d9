/**
 * The engine's pure transitions, without I/O: plain objects in, plain objects out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { JobRecord } from '../src/domain/job.types.js';
import { nextAction } from '../src/domain/next-action.js';
import type { Session, SignupResult, StepName } from '../src/domain/onboarding.types.js';
import { deriveState, initialJob, transition, type JobEvent } from '../src/domain/transitions.js';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const session: Session = {
  id: 'ses_1',
  kind: 'widget',
  customer: { reference: 'c1', displayName: 'Customer 1' },
  regions: { allowed: ['US', 'EU'] },
  createdAt: new Date(T0).toISOString(),
  expiresAt: new Date(T0 + 600_000).toISOString(),
};
const result: SignupResult = { code: 'AQ-code-1', event: 'FINISH', wabaId: '100', phoneNumberId: '200', businessId: '300', region: 'US' };
const settings = { deleteExpiredSubprojects: true };

/** Deep-frozen, so a transition that mutates its input throws. */
function frozen<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) frozen(v);
    Object.freeze(x);
  }
  return x;
}

/** Applies events one by one (each on a frozen input), returning the last job. */
function run(job: JobRecord, events: JobEvent[], now = T0 + 1000): JobRecord {
  for (const e of events) job = transition(frozen(job), e, now).job;
  return job;
}
const step = (job: JobRecord, name: StepName) => job.onboarding.steps.find((s) => s.name === name)!;
const done = (s: StepName): JobEvent[] => [{ type: 'step_started', step: s }, { type: 'step_done', step: s }];
const warm = () => run(initialJob(session), [...done('warm_up')]);
const submitted = () => run(warm(), [{ type: 'signup_submitted', result }]);
const sender = { type: 'sender_recorded', phoneNumberId: '200', senderId: 'snd_1', state: 'IN_PROGRESS', primary: true } as const;
const completed = () =>
  run(submitted(), [
    { type: 'step_started', step: 'sender' },
    sender,
    { type: 'step_done', step: 'sender' },
    ...done('app'),
    ...done('webhook'),
    { type: 'activation_started' },
    { type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' },
    { type: 'step_done', step: 'activation' },
  ]);
const failedAt = (s: StepName, code: string, retryable: boolean, from = submitted()) =>
  run(from, [{ type: 'step_failed', step: s, error: { code: code as never, message: code, retryable } }]);
const rejects = (job: JobRecord, e: JobEvent, code: string, status: number) =>
  assert.throws(() => transition(frozen(job), e, T0 + 1000), { code, status });

describe('transitions: the happy path', () => {
  test('When a session is created, then its job is warming_up with every step pending', () => {
    const j = initialJob(session);
    assert.equal(j.onboarding.state, 'warming_up');
    assert.deepEqual(j.onboarding.steps.map((s) => s.status), ['pending', 'pending', 'pending', 'pending', 'pending']);
    assert.equal(j.internal.expiresAt, session.expiresAt);
  });

  test('When a step starts twice, then attempts count both and startedAt keeps the first start', () => {
    const j = run(initialJob(session), [{ type: 'step_started', step: 'warm_up' }], T0 + 1);
    const again = run(j, [{ type: 'step_started', step: 'warm_up' }], T0 + 2);
    assert.deepEqual({ ...step(again, 'warm_up') }, { name: 'warm_up', status: 'running', attempts: 2, startedAt: new Date(T0 + 1).toISOString() });
  });

  test('When warm-up waits and resumes, then the note shows only while waiting, and its end makes the job awaiting_signup', () => {
    const waiting = run(initialJob(session), [{ type: 'step_started', step: 'warm_up' }, { type: 'step_waiting', step: 'warm_up', note: 'waiting' }]);
    assert.deepEqual([step(waiting, 'warm_up').status, step(waiting, 'warm_up').note], ['waiting', 'waiting']);
    const resumed = run(waiting, [{ type: 'subproject_ready' }, { type: 'step_resumed', step: 'warm_up' }]);
    assert.deepEqual([step(resumed, 'warm_up').status, step(resumed, 'warm_up').note, resumed.internal.subprojectReady], ['running', undefined, true]);
    assert.equal(run(resumed, [{ type: 'step_done', step: 'warm_up' }]).onboarding.state, 'awaiting_signup');
  });

  test('When the signup arrives, then the job runs, keeps the code in memory only (an effect) and records the ids', () => {
    const t = transition(frozen(warm()), { type: 'signup_submitted', result }, T0 + 5);
    assert.equal(t.job.onboarding.state, 'running');
    assert.deepEqual(t.effects, [{ type: 'keep_code', phoneNumberId: '200', code: 'AQ-code-1' }, { type: 'run' }]);
    assert.ok(!JSON.stringify(t.job).includes('AQ-code-1'), 'the code is never in the job');
    assert.deepEqual(
      { waba: t.job.onboarding.wabaId, region: t.job.onboarding.region, numbers: t.job.onboarding.phoneNumbers, withCode: t.job.internal.signup?.withCode },
      { waba: '100', region: 'US', numbers: [{ phoneNumberId: '200', status: 'pending' }], withCode: true },
    );
    assert.equal(t.job.onboarding.updatedAt, new Date(T0 + 5).toISOString());
  });

  test('When every step is done, then the job is completed with completedAt, and the sender state is on the number and the onboarding', () => {
    const j = completed();
    assert.equal(j.onboarding.state, 'completed');
    assert.ok(j.onboarding.completedAt);
    assert.equal(j.onboarding.senderState, 'ACTIVE');
    assert.deepEqual(j.onboarding.phoneNumbers, [{ phoneNumberId: '200', status: 'active', senderId: 'snd_1', senderState: 'ACTIVE' }]);
  });

  test('When the app is recorded, then the sealed bearer token is dropped (the app holds it now)', () => {
    const j = run(submitted(), [{ ...sender, sealedBearerToken: 'sealed' }]);
    assert.deepEqual(j.internal.sealedBearerTokens, { snd_1: 'sealed' });
    assert.deepEqual(run(j, [{ type: 'app_recorded', appId: 'app_1' }]).internal.sealedBearerTokens, {});
  });

  test('When an intent is recorded again, then it keeps its first time and counts attempts', () => {
    const j = run(submitted(), [{ type: 'intent_recorded', key: 'app' }], T0 + 1);
    const k = run(j, [{ type: 'intent_recorded', key: 'app' }], T0 + 2);
    assert.deepEqual(k.internal.intents.app, { at: new Date(T0 + 1).toISOString(), lastAt: new Date(T0 + 2).toISOString(), attempts: 2 });
  });

  test('When the webhook step records its secret, its webhook or a skip note, then exactly those fields change', () => {
    const j = run(submitted(), [{ type: 'solution_assigned' }, { type: 'webhook_secret_sealed', sealed: 'sealed-secret' }]);
    assert.deepEqual([j.internal.solutionAssigned, j.internal.sealedWebhookSecret], [true, 'sealed-secret']);
    assert.equal(run(j, [{ type: 'webhook_recorded', webhookId: 'wh_1' }]).onboarding.webhookId, 'wh_1');
    const skipped = run(j, [{ type: 'step_started', step: 'webhook' }, { type: 'step_noted', step: 'webhook', note: 'skipped' }, { type: 'step_done', step: 'webhook' }]);
    assert.deepEqual([step(skipped, 'webhook').status, step(skipped, 'webhook').note], ['done', 'skipped']);
  });

  test('When nothing changes, then the same object comes back (the store saves nothing) and there is no effect', () => {
    const j = submitted();
    for (const e of [{ type: 'signup_submitted', result }, { type: 'abandoned', info: { kind: 'cancel', at: 'x' } }, { type: 'expired' }] as JobEvent[]) {
      const t = transition(frozen(j), e, T0 + 9);
      assert.equal(t.job, j, e.type);
      assert.deepEqual(t.effects, [], e.type);
    }
  });

  test('When only engine-private state changes, then the public onboarding keeps its identity (listeners hear nothing)', () => {
    const j = submitted();
    const t = transition(frozen(j), { type: 'intent_recorded', key: 'sender:200' }, T0 + 9);
    assert.notEqual(t.job, j);
    assert.equal(t.job.onboarding, j.onboarding);
  });
});

describe('transitions: numbers, abandonment and expiry', () => {
  test('When the signup has no number, then the job awaits one, and adding it runs the sender step', () => {
    const waiting = run(warm(), [{ type: 'signup_submitted', result: { ...result, event: 'FINISH_ONLY_WABA', phoneNumberId: undefined } }]);
    assert.equal(waiting.onboarding.state, 'awaiting_phone_number');
    const t = transition(frozen(waiting), { type: 'phone_number_added', phoneNumberId: '201', code: 'AQ-2' }, T0);
    assert.equal(t.job.onboarding.state, 'running');
    assert.equal(t.job.internal.signup?.phoneNumberId, '201');
    assert.deepEqual(t.effects, [{ type: 'keep_code', phoneNumberId: '201', code: 'AQ-2' }, { type: 'run' }]);
    assert.deepEqual(nextAction(t.job, settings), { kind: 'step', step: 'sender' });
  });

  test('When a number is added to a completed job, then it is queued for the sender call and the job stays completed', () => {
    const j = run(completed(), [{ type: 'phone_number_added', phoneNumberId: '202' }]);
    assert.equal(j.onboarding.state, 'completed');
    assert.deepEqual(j.internal.pendingNumbers.map((p) => [p.phoneNumberId, p.withCode]), [['202', false]]);
    assert.deepEqual(nextAction(j, settings), { kind: 'numbers', phoneNumberIds: ['202'] });
    // The same number again changes nothing.
    assert.equal(transition(frozen(j), { type: 'phone_number_added', phoneNumberId: '202' }, T0).job, j);
    const failed = run(j, [{ type: 'extra_sender_failed', phoneNumberId: '202', error: { code: 'phone_number_in_use', message: 'x', retryable: false } }]);
    assert.deepEqual([failed.internal.pendingNumbers, failed.onboarding.phoneNumbers[1]?.error?.step], [[], 'sender']);
    assert.equal(failed.onboarding.state, 'completed');
  });

  test('When a number is added while warming up or failed, then it is refused with invalid_state', () => {
    rejects(initialJob(session), { type: 'phone_number_added', phoneNumberId: '9' }, 'invalid_state', 409);
    rejects(failedAt('sender', 'waba_invalid', false), { type: 'phone_number_added', phoneNumberId: '9' }, 'invalid_state', 409);
  });

  test('When the customer cancels before the signup, then the job is abandoned; after it, the cancel is ignored', () => {
    const info = { kind: 'cancel' as const, at: 'now' };
    assert.equal(run(warm(), [{ type: 'abandoned', info }]).onboarding.state, 'abandoned');
    assert.equal(run(run(warm(), [{ type: 'abandoned', info }]), [{ type: 'signup_submitted', result }]).onboarding.state, 'running');
    assert.equal(transition(frozen(submitted()), { type: 'abandoned', info }, T0).job.onboarding.abandonment, undefined);
  });

  test('When a session expires unused, then the job is expired, the warm subproject is cleaned up, and late commands are refused', () => {
    const j = run(run(warm(), [{ type: 'subproject_recorded', subprojectId: 'sp_1' }]), [{ type: 'expired' }]);
    assert.equal(j.onboarding.state, 'expired');
    assert.deepEqual(nextAction(j, settings), { kind: 'cleanup' });
    assert.deepEqual(nextAction(j, { deleteExpiredSubprojects: false }), { kind: 'none' });
    assert.deepEqual(nextAction(run(j, [{ type: 'subproject_deleted' }]), settings), { kind: 'none' });
    rejects(j, { type: 'signup_submitted', result }, 'session_expired', 401);
    rejects(j, { type: 'abandoned', info: { kind: 'cancel', at: 'x' } }, 'session_expired', 401);
  });

  test('When the signup comes after the session lifetime, then it is refused with session_expired', () => {
    assert.throws(() => transition(frozen(warm()), { type: 'signup_submitted', result }, Date.parse(session.expiresAt) + 1), { code: 'session_expired' });
  });

  test('When a job with a signup is swept, then it does not expire', () => {
    assert.equal(transition(frozen(submitted()), { type: 'expired' }, T0).job.onboarding.state, 'running');
  });
});

describe('transitions: failures, rejections and the documented revivals', () => {
  test('When a step fails, then the job is failed with the step and code, and the runner has nothing to do', () => {
    const j = failedAt('app', 'app_create_failed', false);
    assert.deepEqual([j.onboarding.state, j.onboarding.error?.step, step(j, 'app').status], ['failed', 'app', 'failed']);
    assert.deepEqual(nextAction(j, settings), { kind: 'none' });
  });

  test('When a different signup comes for the same session, then it is refused with 409 signup_already_submitted', () => {
    rejects(submitted(), { type: 'signup_submitted', result: { ...result, wabaId: '999' } }, 'signup_already_submitted', 409);
    rejects(submitted(), { type: 'signup_submitted', result: { ...result, phoneNumberId: undefined } }, 'signup_already_submitted', 409);
  });

  test('When a retry is asked of a job that has not failed, or failed for good, then it is refused with not_retryable', () => {
    rejects(submitted(), { type: 'retry_requested' }, 'not_retryable', 409);
    rejects(failedAt('sender', 'waba_invalid', false), { type: 'retry_requested' }, 'not_retryable', 409);
  });

  test('When a retryable step is retried, then that step is pending again and the job runs (warm-up waits afresh, activation times afresh)', () => {
    for (const s of ['warm_up', 'sender', 'app', 'webhook', 'activation'] as const) {
      const f = run(failedAt(s, 'sinch_unavailable', true), [{ type: 'activation_started' }]);
      const t = transition(frozen(f), { type: 'retry_requested' }, T0 + 7);
      assert.deepEqual([t.job.onboarding.error, step(t.job, s).status, step(t.job, s).endedAt], [undefined, 'pending', undefined], s);
      assert.notEqual(t.job.onboarding.state, 'failed', s);
      assert.deepEqual(t.effects, [{ type: 'run' }], s);
      assert.equal(t.job.internal.readinessFrom, s === 'warm_up' ? new Date(T0 + 7).toISOString() : undefined, s);
      assert.equal(t.job.internal.activationStartedAt === undefined, s === 'activation', s);
    }
  });

  test('When warm-up failed retryably before the customer arrived, then the signup revives it', () => {
    const f = failedAt('warm_up', 'subproject_not_ready', true, initialJob(session));
    const t = transition(frozen(f), { type: 'signup_submitted', result }, T0 + 3);
    assert.deepEqual([t.job.onboarding.state, step(t.job, 'warm_up').status], ['running', 'pending']);
    assert.deepEqual(t.effects.map((e) => e.type), ['keep_code', 'run']);
  });

  test('When warm-up failed for good, then a signup is recorded but not run (its code is not kept)', () => {
    const f = failedAt('warm_up', 'subproject_create_failed', false, initialJob(session));
    const t = transition(frozen(f), { type: 'signup_submitted', result }, T0);
    assert.equal(t.job.onboarding.state, 'failed');
    assert.equal(t.job.onboarding.wabaId, '100');
    assert.deepEqual(t.effects, []);
  });

  test('When the sender failed on its code, then the same ids with a fresh code reopen the sender step', () => {
    for (const code of ['code_expired', 'code_invalid']) {
      const t = transition(frozen(failedAt('sender', code, false)), { type: 'signup_submitted', result: { ...result, code: 'AQ-new' } }, T0);
      assert.deepEqual([t.job.onboarding.state, step(t.job, 'sender').status], ['running', 'pending'], code);
      assert.deepEqual(t.effects, [{ type: 'keep_code', phoneNumberId: '200', code: 'AQ-new' }, { type: 'run' }]);
    }
  });

  test('When ACTIVE arrives after an activation timeout, then the activation step reopens (and finishes the job)', () => {
    const f = failedAt('activation', 'activation_timeout', true, run(submitted(), [sender]));
    const t = transition(frozen(f), { type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' }, T0);
    assert.deepEqual([t.job.onboarding.state, step(t.job, 'activation').status, t.job.onboarding.senderState], ['running', 'pending', 'ACTIVE']);
    assert.deepEqual(t.effects, [{ type: 'wake' }, { type: 'run' }]);
    // Any other failure stays failed.
    const other = failedAt('activation', 'sender_error', false, run(submitted(), [sender]));
    assert.equal(transition(frozen(other), { type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' }, T0).job.onboarding.state, 'failed');
  });

  test('When an additional sender fails to activate, then its number carries the error and the job stays completed', () => {
    const j = run(completed(), [
      { type: 'sender_recorded', phoneNumberId: '202', senderId: 'snd_2', state: 'IN_PROGRESS', primary: false },
      { type: 'extra_activation_started', senderId: 'snd_2' },
    ]);
    assert.deepEqual(nextAction(j, settings), { kind: 'numbers', phoneNumberIds: ['202'] });
    const f = run(j, [{ type: 'extra_activation_failed', senderId: 'snd_2', error: { code: 'activation_timeout', message: 'late', retryable: true } }]);
    assert.deepEqual([f.onboarding.state, f.onboarding.phoneNumbers[1]?.error?.code, f.onboarding.senderState], ['completed', 'activation_timeout', 'ACTIVE']);
    assert.deepEqual(nextAction(f, settings), { kind: 'none' });
  });
});

describe('transitions: number verification', () => {
  const pending = (from = submitted()) =>
    run(from, [
      { type: 'step_started', step: 'sender' },
      sender,
      { type: 'step_done', step: 'sender' },
      { type: 'sender_update', senderId: 'snd_1', state: 'PENDING_VERIFICATION' },
    ]);

  test('When the first sender is PENDING_VERIFICATION, then the job is awaiting_verification and its number verification_required', () => {
    const j = pending();
    assert.equal(j.onboarding.state, 'awaiting_verification');
    assert.deepEqual([j.onboarding.phoneNumbers[0]?.status, j.onboarding.phoneNumbers[0]?.verification], ['verification_required', {}]);
    // The steps go on meanwhile (app, webhook), the activation then waits for the code.
    assert.deepEqual(nextAction(j, settings), { kind: 'step', step: 'app' });
  });

  test('When a code was sent and then taken, then the number is pending again, the job running, and the activation woken', () => {
    const sent = run(pending(), [{ type: 'verification_code_sent', senderId: 'snd_1', method: 'VOICE', codeSentAt: '2030-01-01T00:00:01.000Z', resendAvailableAt: '2030-01-01T00:01:01.000Z' }]);
    assert.deepEqual(sent.onboarding.phoneNumbers[0]?.verification, { method: 'VOICE', codeSentAt: '2030-01-01T00:00:01.000Z', resendAvailableAt: '2030-01-01T00:01:01.000Z' });
    const t = transition(frozen(sent), { type: 'verification_passed', senderId: 'snd_1' }, T0 + 2000);
    assert.equal(t.job.onboarding.state, 'running');
    assert.deepEqual([t.job.onboarding.phoneNumbers[0]?.status, t.job.onboarding.phoneNumbers[0]?.verification], ['pending', undefined]);
    assert.deepEqual(t.effects, [{ type: 'wake' }, { type: 'run' }]);
    // Sinch still says PENDING_VERIFICATION until the poll sees it move on: the code is not asked again.
    assert.equal(t.job.onboarding.senderState, 'PENDING_VERIFICATION');
    const active = run(t.job, [{ type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' }]);
    // ACTIVE, but "active" (can send and receive) only once its Conversation app and webhook exist.
    assert.equal(active.onboarding.phoneNumbers[0]?.status, 'pending');
    assert.equal(run(active, [...done('app'), ...done('webhook')]).onboarding.phoneNumbers[0]?.status, 'active');
  });

  test('When the verification window passed, then a right code still revives the job; a completed job never turns back to awaiting_verification', () => {
    const timedOut = run(pending(), [{ type: 'step_failed', step: 'activation', error: { code: 'verification_timeout', message: 'x', retryable: true } }]);
    assert.equal(timedOut.onboarding.state, 'failed');
    assert.notEqual(run(timedOut, [{ type: 'verification_passed', senderId: 'snd_1' }]).onboarding.state, 'failed');
    assert.equal(run(completed(), [{ type: 'sender_update', senderId: 'snd_1', state: 'PENDING_VERIFICATION' }]).onboarding.state, 'completed');
  });

  test('When a number is added while the first waits for its code, then it is queued like in a running job', () => {
    const j = run(pending(), [{ type: 'phone_number_added', phoneNumberId: '202' }]);
    assert.equal(j.onboarding.state, 'awaiting_verification');
    assert.deepEqual(j.internal.pendingNumbers.map((p) => p.phoneNumberId), ['202']);
  });
});

describe('transitions: invariants over random event sequences (fast-check)', () => {
  const api: fc.Arbitrary<JobEvent> = fc.oneof(
    fc.constantFrom<JobEvent>(
      { type: 'signup_submitted', result },
      { type: 'signup_submitted', result: { ...result, code: 'AQ-2' } },
      { type: 'signup_submitted', result: { ...result, wabaId: '999' } },
      { type: 'signup_submitted', result: { ...result, phoneNumberId: undefined, event: 'FINISH_ONLY_WABA' } },
      { type: 'retry_requested' },
      { type: 'phone_number_added', phoneNumberId: '200' },
      { type: 'phone_number_added', phoneNumberId: '201', code: 'AQ-3' },
      { type: 'abandoned', info: { kind: 'cancel', at: 'x' } },
      { type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' },
      { type: 'sender_update', senderId: 'snd_1', state: 'IN_PROGRESS' },
      { type: 'sender_update', senderId: 'snd_1', state: 'PENDING_VERIFICATION' },
      { type: 'verification_code_sent', senderId: 'snd_1', method: 'SMS', codeSentAt: 'a', resendAvailableAt: 'b' },
      { type: 'verification_passed', senderId: 'snd_1' },
      { type: 'expired' },
    ),
  );
  /** What the runner would do next: the step nextAction picks ends in done or in a (retryable or final) failure. */
  const runnerOutcome = fc.constantFrom('done', 'retryable', 'final', 'timeout');
  const events = fc.array(fc.oneof(api.map((e) => ({ api: e })), runnerOutcome.map((o) => ({ runner: o }))), { maxLength: 40 });

  function runnerEvents(job: JobRecord, outcome: string): JobEvent[] {
    const a = nextAction(job, settings);
    if (a.kind !== 'step') return [];
    const s = a.step;
    const start: JobEvent = { type: 'step_started', step: s };
    if (outcome !== 'done') {
      const code = outcome === 'timeout' ? (s === 'activation' ? 'activation_timeout' : 'sinch_unavailable') : s === 'sender' ? 'code_expired' : 'sinch_unavailable';
      return [start, { type: 'step_failed', step: s, error: { code, message: code, retryable: outcome !== 'final' } }];
    }
    const record: JobEvent[] =
      s === 'warm_up'
        ? [{ type: 'subproject_recorded', subprojectId: 'sp_1' }]
        : s === 'sender'
          ? [{ ...sender, phoneNumberId: job.internal.signup!.phoneNumberId! }]
          : s === 'activation'
            ? [{ type: 'sender_update', senderId: 'snd_1', state: 'ACTIVE' }]
            : [];
    return [start, ...record, { type: 'step_done', step: s }];
  }

  const REJECTIONS = new Set(['signup_already_submitted', 'session_expired', 'not_retryable', 'invalid_state']);
  /** Events that may bring a failed job back (retry, a fresh code, a late ACTIVE); nothing else may. */
  const REVIVALS = new Set(['retry_requested', 'signup_submitted', 'sender_update', 'verification_passed']);

  test('When any sequence of commands and step outcomes is applied, then the state is always derived, inputs never change, and terminal jobs change only by the documented revivals', () => {
    fc.assert(
      fc.property(events, fc.boolean(), (seq, late) => {
        let job = initialJob(session);
        const now = late ? Date.parse(session.expiresAt) + 1 : T0 + 1000;
        for (const item of seq) {
          const list = 'api' in item ? [item.api] : runnerEvents(job, item.runner);
          for (const e of list) {
            const before = job.onboarding.state;
            const input = frozen(structuredClone(job));
            let next: JobRecord;
            try {
              next = transition(input, e, now).job;
            } catch (err) {
              assert.ok(REJECTIONS.has((err as { code?: string }).code ?? ''), `unexpected rejection ${String(err)}`);
              continue;
            }
            assert.equal(next.onboarding.state, deriveState(next), 'state is derived');
            const after = next.onboarding.state;
            if (before === 'expired') assert.equal(after, 'expired', `${e.type} changed an expired job`);
            if (before === 'completed') assert.equal(after, 'completed', `${e.type} changed a completed job`);
            // A failed session that never got a signup may still expire (the sweep cleans it up).
            if (before === 'failed' && after === 'expired') assert.equal(e.type, 'expired');
            else if (before === 'failed' && after !== 'failed') assert.ok(REVIVALS.has(e.type), `${e.type} revived a failed job`);
            job = next;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
