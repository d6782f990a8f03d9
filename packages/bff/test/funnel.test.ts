/**
 * domain/funnel.ts, the pure part of GET /v1/funnel: which stage a session reached, its one drop cause (the last
 * thing that happened to it), the periods (UTC days, ISO weeks, total) and the range rules.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FunnelFacts } from '../src/data/session-event.repository.js';
import { dropOf, funnelOf, funnelRange, reachedStage } from '../src/domain/funnel.js';
import { FUNNEL_STAGES } from '../src/contract/enums.js';

const T0 = Date.parse('2026-03-04T10:00:00.000Z'); // a Wednesday
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
type M = FunnelFacts['milestones'][number];
const m = (milestone: M['milestone'], min: number, extra: Partial<M> = {}): M => ({ milestone, at: at(min), ...extra });

function facts(over: Partial<FunnelFacts> = {}): FunnelFacts {
  return {
    sessionId: 'ses_1',
    createdAt: at(0),
    expiresAt: at(60),
    state: 'awaiting_signup',
    updatedAt: at(0),
    senderCreated: false,
    milestones: [],
    ...over,
  };
}
const stage = (f: FunnelFacts) => FUNNEL_STAGES[reachedStage(f)];
const NOW = T0 + 30 * 60_000; // before the sessions' expiry

describe('funnel: stages', () => {
  test('When the element reports loaded and start, then the session reached dialog_opened; start with popup_blocked did not', () => {
    assert.equal(stage(facts({ milestones: [m('loaded', 1)] })), 'element_loaded');
    assert.equal(stage(facts({ milestones: [m('loaded', 1), m('start', 2)] })), 'dialog_opened');
    assert.equal(stage(facts({ milestones: [m('loaded', 1), m('start', 2), m('popup_blocked', 2)] })), 'element_loaded');
    assert.equal(stage(facts({ milestones: [m('loaded', 1), m('start', 2), m('popup_blocked', 2), m('popup_closed', 5)] })), 'dialog_opened');
  });

  test('When a later stage is reached, then every earlier one counts too, even if its report was lost', () => {
    const r = funnelOf([facts({ state: 'running', signupAt: at(3), milestones: [] })], { from: T0, to: T0 + 3_600_000, groupBy: 'total' }, NOW);
    assert.deepEqual(r.totals.stages, { created: 1, element_loaded: 1, dialog_opened: 1, finished: 1, sender_created: 0, completed: 0 });
    assert.equal(stage(facts({ state: 'running', senderCreated: true, signupAt: at(3) })), 'sender_created');
    assert.equal(stage(facts({ state: 'completed', senderCreated: true, signupAt: at(3) })), 'completed');
  });
});

describe('funnel: one drop cause per session, the last thing that happened', () => {
  test('When the customer cancels at a step, then the drop is cancelled with that step, once even if the element also posted the abandonment', () => {
    const f = facts({
      state: 'abandoned',
      milestones: [m('loaded', 1), m('start', 2), m('cancelled', 4, { currentStep: 'WABA_PHONE_VERIFICATION' })],
      abandonment: { kind: 'cancel', currentStep: 'WABA_PHONE_VERIFICATION', at: at(4) },
    });
    assert.deepEqual(dropOf(f, NOW), { cause: 'cancelled', detail: 'WABA_PHONE_VERIFICATION' });
    const r = funnelOf([f], { from: T0, to: T0 + 3_600_000, groupBy: 'total' }, NOW);
    assert.deepEqual(r.totals.drops, [{ cause: 'cancelled', detail: 'WABA_PHONE_VERIFICATION', count: 1 }]);
  });

  test('When the customer retries after closing the popup and finishes, then the session has no drop', () => {
    const f = facts({ state: 'running', signupAt: at(9), milestones: [m('start', 2), m('popup_closed', 3), m('finished', 8)] });
    assert.equal(dropOf(f, NOW), undefined);
    assert.deepEqual(dropOf(facts({ milestones: [m('start', 2), m('popup_closed', 3)] }), NOW), { cause: 'popup_closed' });
  });

  test('When the job fails after the signup, then the failure is the drop: code_expired, or failed with the error code', () => {
    const base = { signupAt: at(5), milestones: [m('start', 2), m('finished', 4)], updatedAt: at(6), state: 'failed' as const };
    assert.deepEqual(dropOf(facts({ ...base, errorCode: 'code_expired' }), NOW), { cause: 'code_expired' });
    assert.deepEqual(dropOf(facts({ ...base, errorCode: 'phone_number_in_use' }), NOW), { cause: 'failed', detail: 'phone_number_in_use' });
    assert.equal(dropOf(facts({ ...base, state: 'completed', senderCreated: true }), NOW), undefined);
  });

  test('When Meta errors, then meta_error with its code; SDK and popup problems are their own causes', () => {
    assert.deepEqual(dropOf(facts({ milestones: [m('start', 1), m('meta_error', 2, { errorCode: '2655075' })] }), NOW), { cause: 'meta_error', detail: '2655075' });
    assert.deepEqual(dropOf(facts({ abandonment: { kind: 'error', code: '190', at: at(3) } }), NOW), { cause: 'meta_error', detail: '190' });
    assert.deepEqual(dropOf(facts({ milestones: [m('loaded', 1), m('sdk_blocked', 1)] }), NOW), { cause: 'sdk_blocked' });
    assert.deepEqual(dropOf(facts({ milestones: [m('sdk_timeout', 1)] }), NOW), { cause: 'sdk_timeout' });
    assert.deepEqual(dropOf(facts({ milestones: [m('start', 1), m('popup_blocked', 1)] }), NOW), { cause: 'popup_blocked' });
  });

  test('When a session expires without a signup and without any other cause last, then expired_unused; while it is open, no drop', () => {
    assert.deepEqual(dropOf(facts({ state: 'expired' }), NOW), { cause: 'expired_unused' });
    assert.deepEqual(dropOf(facts({ milestones: [m('loaded', 1), m('start', 2)] }), T0 + 61 * 60_000), { cause: 'expired_unused' }, 'past its expiry, before the sweep');
    assert.equal(dropOf(facts({ milestones: [m('loaded', 1)] }), NOW), undefined);
    assert.deepEqual(dropOf(facts({ state: 'expired', milestones: [m('popup_closed', 3)] }), NOW), { cause: 'popup_closed' });
  });
});

describe('funnel: periods and range', () => {
  const sessionAt = (iso: string, over: Partial<FunnelFacts> = {}) => facts({ createdAt: iso, expiresAt: '2027-01-01T00:00:00.000Z', ...over });

  test('When grouped by day, then one period per UTC day, clipped to the range, empty days with zeros, and totals', () => {
    const r = funnelOf(
      [
        sessionAt('2026-03-04T10:00:00.000Z', { milestones: [m('loaded', 1)] }),
        sessionAt('2026-03-04T23:59:59.999Z'),
        sessionAt('2026-03-06T00:00:00.000Z', { state: 'expired' }),
        sessionAt('2026-03-06T12:00:00.000Z'), // at `to`: outside
      ],
      { from: Date.parse('2026-03-04T06:00:00.000Z'), to: Date.parse('2026-03-06T12:00:00.000Z'), groupBy: 'day' },
      NOW,
    );
    assert.deepEqual(
      r.periods.map((p) => [p.start, p.end, p.stages.created, p.stages.element_loaded, p.drops]),
      [
        ['2026-03-04T06:00:00.000Z', '2026-03-05T00:00:00.000Z', 2, 1, []],
        ['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z', 0, 0, []],
        ['2026-03-06T00:00:00.000Z', '2026-03-06T12:00:00.000Z', 1, 0, [{ cause: 'expired_unused', count: 1 }]],
      ],
    );
    assert.equal(r.totals.stages.created, 3);
    assert.deepEqual(r.stageOrder, [...FUNNEL_STAGES]);
    assert.equal(r.from, '2026-03-04T06:00:00.000Z');
  });

  test('When grouped by ISO week, then periods start on Mondays (UTC); total is one period', () => {
    const list = [sessionAt('2026-03-08T23:00:00.000Z'), sessionAt('2026-03-09T00:00:00.000Z'), sessionAt('2026-03-15T10:00:00.000Z')];
    const range = { from: Date.parse('2026-03-04T00:00:00.000Z'), to: Date.parse('2026-03-17T00:00:00.000Z') };
    const weeks = funnelOf(list, { ...range, groupBy: 'week' }, NOW);
    assert.deepEqual(
      weeks.periods.map((p) => [p.start, p.end, p.stages.created]),
      [
        ['2026-03-04T00:00:00.000Z', '2026-03-09T00:00:00.000Z', 1],
        ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', 2],
        ['2026-03-16T00:00:00.000Z', '2026-03-17T00:00:00.000Z', 0],
      ],
    );
    const total = funnelOf(list, { ...range, groupBy: 'total' }, NOW);
    assert.deepEqual(total.periods.map((p) => [p.start, p.end, p.stages.created]), [['2026-03-04T00:00:00.000Z', '2026-03-17T00:00:00.000Z', 3]]);
  });

  test('When the range is open, then to is now and from 7 days before; from after to, or over 366 days, is refused naming query.from', () => {
    assert.deepEqual(funnelRange({}, T0), { from: T0 - 7 * 86_400_000, to: T0, groupBy: 'day' });
    assert.deepEqual(funnelRange({ from: '2026-01-01', to: '2027-01-02', groupBy: 'week' }, T0).groupBy, 'week');
    assert.throws(() => funnelRange({ from: '2026-03-05', to: '2026-03-04' }, T0), { field: 'query.from', status: 400 });
    assert.throws(() => funnelRange({ from: '2026-03-04', to: '2026-03-04' }, T0), { field: 'query.from' });
    assert.throws(() => funnelRange({ from: '2026-01-01', to: '2027-01-03' }, T0), { field: 'query.from', message: /366 days/ });
  });
});
