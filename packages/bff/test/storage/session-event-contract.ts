/**
 * The storage contract of the signup funnel's milestones (data/session-event.repository.ts), run by
 * repository-contract.ts on each engine with its fresh store.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StorageUnderTest } from './repository-contract.js';
import { sessionFixture } from './repository-contract.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 10, min)).toISOString();

export function describeSessionEventContract(store: () => StorageUnderTest): void {
  describe('session events (the funnel)', () => {
    async function session(id: string) {
      const { session, job } = sessionFixture(id);
      await store().onboarding.insertSession(session, job);
    }

    test('When a milestone is recorded twice, then the first report is kept and the second changes nothing', async () => {
      const s = store();
      await session('ses_e');
      assert.equal(await s.sessionEvents.record({ sessionId: 'ses_e', milestone: 'cancelled', at: at(1), currentStep: 'WABA_PHONE_VERIFICATION' }), true);
      assert.equal(await s.sessionEvents.record({ sessionId: 'ses_e', milestone: 'cancelled', at: at(2), currentStep: 'BUSINESS_INFO' }), false);
      assert.deepEqual(await s.sessionEvents.listOfSession('ses_e'), [
        { sessionId: 'ses_e', milestone: 'cancelled', at: at(1), currentStep: 'WABA_PHONE_VERIFICATION' },
      ]);
    });

    test("When several milestones are recorded, then the session's come back in the order they were reported, without the other session's", async () => {
      const s = store();
      await session('ses_1');
      await session('ses_2');
      await s.sessionEvents.record({ sessionId: 'ses_1', milestone: 'start', at: at(3) });
      await s.sessionEvents.record({ sessionId: 'ses_1', milestone: 'loaded', at: at(1) });
      await s.sessionEvents.record({ sessionId: 'ses_2', milestone: 'loaded', at: at(2) });
      await s.sessionEvents.record({ sessionId: 'ses_1', milestone: 'meta_error', at: at(4), errorCode: '2655075' });
      assert.deepEqual(await s.sessionEvents.listOfSession('ses_1'), [
        { sessionId: 'ses_1', milestone: 'loaded', at: at(1) },
        { sessionId: 'ses_1', milestone: 'start', at: at(3) },
        { sessionId: 'ses_1', milestone: 'meta_error', at: at(4), errorCode: '2655075' },
      ]);
      assert.deepEqual(await s.sessionEvents.listOfSession('ses_none'), []);
    });

    test('When the funnel is read for a range, then each session created in it comes with its job\'s facts and its milestones', async () => {
      const s = store();
      const make = async (id: string, createdAt: string) => {
        const f = sessionFixture(id, { createdAt, expiresAt: '2026-01-03T00:00:00.000Z' });
        await s.onboarding.insertSession(f.session, f.job);
        return f.job;
      };
      await make('ses_before', '2026-01-01T23:59:59.999Z');
      const done = await make('ses_done', '2026-01-02T00:00:00.000Z');
      const failed = await make('ses_failed', '2026-01-02T08:00:00.000Z');
      const left = await make('ses_left', '2026-01-02T09:00:00.000Z');
      await make('ses_after', '2026-01-03T00:00:00.000Z');
      Object.assign(done.onboarding, { state: 'completed', updatedAt: at(30), phoneNumbers: [{ phoneNumberId: 'p1', senderId: 'snd_1' }] });
      done.internal.signup = { withCode: true, event: 'FINISH', wabaId: 'w', phoneNumberId: 'p1', region: 'EU', receivedAt: at(20) };
      await s.onboarding.saveJob(done, false);
      Object.assign(failed.onboarding, { state: 'failed', updatedAt: at(40), error: { step: 'sender', code: 'code_expired', message: 'expired', retryable: false } });
      await s.onboarding.saveJob(failed, false);
      Object.assign(left.onboarding, { state: 'abandoned', updatedAt: at(50), abandonment: { kind: 'cancel', currentStep: 'BUSINESS_INFO', at: at(50) } });
      await s.onboarding.saveJob(left, true);
      await s.sessionEvents.record({ sessionId: 'ses_done', milestone: 'finished', at: at(19) });
      await s.sessionEvents.record({ sessionId: 'ses_done', milestone: 'loaded', at: at(10) });
      await s.sessionEvents.record({ sessionId: 'ses_before', milestone: 'loaded', at: at(1) });
      await s.sessionEvents.record({ sessionId: 'ses_left', milestone: 'cancelled', at: at(49), currentStep: 'BUSINESS_INFO' });

      const facts = await s.sessionEvents.funnelFacts('2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z');
      const common = { expiresAt: '2026-01-03T00:00:00.000Z' };
      assert.deepEqual(facts, [
        {
          ...common, sessionId: 'ses_done', createdAt: '2026-01-02T00:00:00.000Z', state: 'completed', updatedAt: at(30),
          signupAt: at(20), senderCreated: true,
          milestones: [{ milestone: 'loaded', at: at(10) }, { milestone: 'finished', at: at(19) }],
        },
        {
          ...common, sessionId: 'ses_failed', createdAt: '2026-01-02T08:00:00.000Z', state: 'failed', updatedAt: at(40),
          errorCode: 'code_expired', senderCreated: false, milestones: [],
        },
        {
          ...common, sessionId: 'ses_left', createdAt: '2026-01-02T09:00:00.000Z', state: 'abandoned', updatedAt: at(50), senderCreated: false,
          abandonment: { kind: 'cancel', currentStep: 'BUSINESS_INFO', at: at(50) },
          milestones: [{ milestone: 'cancelled', at: at(49), currentStep: 'BUSINESS_INFO' }],
        },
      ]);
      assert.deepEqual(await s.sessionEvents.funnelFacts('2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'), []);
    });

    test('When a milestone names an unknown session, then it is refused', async () => {
      await assert.rejects(store().sessionEvents.record({ sessionId: 'ses_ghost', milestone: 'loaded', at: at(1) }));
    });
  });
}
