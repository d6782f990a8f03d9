/**
 * The storage contract of the signup links' lifecycle (LinkRepository list / detail / detailOfSession, the state rule
 * of data/link-list.ts in SQL), run by repository-contract.ts on each engine with its fresh store.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SignupLinkDetail } from '../../src/data/link.repository.js';
import { linkStateOf } from '../../src/data/link-list.js';
import type { StorageUnderTest } from './repository-contract.js';
import { sessionFixture } from './repository-contract.js';

const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T00:00:00.000Z`;

export function describeLinkListContract(store: () => StorageUnderTest): void {
  describe('signup link lifecycle', () => {
    /** A session created on `createdDay` with its link, expiring on `expiresDay`. */
    async function linked(n: number, expiresDay = 20) {
      const s = store();
      const { session, job } = sessionFixture(`ses_${n}`, { createdAt: day(n), expiresAt: day(expiresDay) });
      await s.onboarding.insertSession(session, job, { id: `lnk_${n}`, sessionId: session.id, createdAt: day(n), expiresAt: day(expiresDay) });
      return job;
    }
    const ids = (links: SignupLinkDetail[]) => links.map((l) => l.id);

    test('When links are listed, then newest first with their customer, in pages that continue after the cursor', async () => {
      const s = store();
      for (const n of [1, 2, 3]) await linked(n);
      const first = await s.links.list({ now: day(5), pageSize: 2 });
      assert.deepEqual(ids(first), ['lnk_3', 'lnk_2']);
      assert.deepEqual(first[0]!.customer, { reference: 'ref-ses_3', displayName: 'Customer ses_3' });
      const last = first[1]!;
      assert.deepEqual(ids(await s.links.list({ now: day(5), pageSize: 2, after: { createdAt: last.createdAt, id: last.id } })), ['lnk_1']);
    });

    test('When links are listed by state, then revoked wins over used, used over expired, and active is the rest', async () => {
      const s = store();
      await linked(1); // active
      const used = await linked(2);
      await linked(3, 4); // expired on day 4
      const usedRevoked = await linked(4);
      await linked(5, 6);
      for (const job of [used, usedRevoked]) {
        job.internal.signup = { withCode: true, event: 'FINISH', wabaId: 'w', phoneNumberId: 'p', region: 'EU', receivedAt: day(7) };
        await s.onboarding.saveJob(job, true);
      }
      await s.links.revoke('lnk_4', day(8));
      await s.links.revoke('lnk_5', day(8)); // revoked, and expired too
      const now = day(10);
      assert.deepEqual(ids(await s.links.list({ now, pageSize: 10, state: 'active' })), ['lnk_1']);
      assert.deepEqual(ids(await s.links.list({ now, pageSize: 10, state: 'used' })), ['lnk_2']);
      assert.deepEqual(ids(await s.links.list({ now, pageSize: 10, state: 'expired' })), ['lnk_3']);
      assert.deepEqual(ids(await s.links.list({ now, pageSize: 10, state: 'revoked' })), ['lnk_5', 'lnk_4']);
      assert.deepEqual(ids(await s.links.list({ now: day(3), pageSize: 10, state: 'active' })), ['lnk_3', 'lnk_1'], 'before its expiry a link is active');
      // The view's rule (in code) says the same as the filter (in SQL).
      for (const state of ['active', 'used', 'expired', 'revoked'] as const) {
        for (const l of await s.links.list({ now, pageSize: 10, state })) assert.equal(linkStateOf(l, now), state, l.id);
      }
    });

    test('When the hosted page reported link_opened, then the link reads back opened at that first report; detail and detailOfSession find it', async () => {
      const s = store();
      await linked(1);
      assert.equal((await s.links.detail('lnk_1'))?.openedAt, undefined);
      await s.sessionEvents.record({ sessionId: 'ses_1', milestone: 'link_opened', at: day(2) });
      await s.sessionEvents.record({ sessionId: 'ses_1', milestone: 'loaded', at: day(3) });
      const got = await s.links.detail('lnk_1');
      assert.deepEqual(got, {
        id: 'lnk_1',
        sessionId: 'ses_1',
        createdAt: day(1),
        expiresAt: day(20),
        openedAt: day(2),
        customer: { reference: 'ref-ses_1', displayName: 'Customer ses_1' },
      });
      assert.deepEqual(await s.links.detailOfSession('ses_1'), got);
      assert.deepEqual((await s.links.list({ now: day(5), pageSize: 5 }))[0], got);
      assert.equal(await s.links.detail('lnk_none'), undefined);
      assert.equal(await s.links.detailOfSession('ses_none'), undefined);
    });
  });
}
