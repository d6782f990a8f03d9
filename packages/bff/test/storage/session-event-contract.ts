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

    test('When a milestone names an unknown session, then it is refused', async () => {
      await assert.rejects(store().sessionEvents.record({ sessionId: 'ses_ghost', milestone: 'loaded', at: at(1) }));
    });
  });
}
