/**
 * The contract of what several instances share (src/data/cluster.ts): job leases and outbox claims, run
 * against every engine by test/cluster.storage.test.ts. Each test gets a fresh, empty, migrated store.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ClusterStorage } from '../../src/data/cluster.js';
import type { Storage } from '../../src/data/storage.js';
import { VersionConflict } from '../../src/data/version-conflict.js';
import { sessionFixture } from './repository-contract.js';

export interface ClusterUnderTest {
  storage: Storage;
  cluster: Pick<ClusterStorage, 'leases' | 'outboxClaims'>;
  close(): Promise<void>;
}

const T = 1_000_000;

export function describeClusterContract(name: string, factory: () => Promise<ClusterUnderTest>): void {
  describe(`${name}: job leases and outbox claims`, () => {
    let s: ClusterUnderTest;
    beforeEach(async () => {
      s = await factory();
    });
    afterEach(async () => {
      await s.close();
    });

    const insert = async (id: string) => {
      const { session, job } = sessionFixture(id);
      await s.storage.onboarding.insertSession(session, job);
      return job;
    };

    test('When two owners claim a free job, then one gets it with its version bumped and the other gets nothing until it expires', async () => {
      const job = await insert('ses_a');
      const leases = s.cluster.leases;
      const [x, y] = await Promise.all([leases.claim('ses_a', 'A', T, T + 100), leases.claim('ses_a', 'B', T, T + 100)]);
      assert.equal([x, y].filter(Boolean).length, 1, 'exactly one owner');
      const winner = x ? 'A' : 'B';
      const loser = x ? 'B' : 'A';
      assert.equal((x ?? y)!.version, job.version + 1, 'taking a lease from nobody bumps the version');
      assert.equal((await leases.claim('ses_a', winner, T + 50, T + 150))?.version, job.version + 1, 'its owner claims again without a bump');
      assert.equal(await leases.claim('ses_a', loser, T + 149, T + 300), undefined, 'not before it expires');
      assert.equal((await leases.claim('ses_a', loser, T + 151, T + 300))?.version, job.version + 2, 'after expiry, taken with a bump');
      assert.equal(await leases.holds('ses_a', winner), false);
      assert.equal(await leases.holds('ses_a', loser), true);
    });

    test('When a lease changes hands, then a save by the old owner with the version it read is refused and changes nothing', async () => {
      const job = await insert('ses_f');
      const read = await s.cluster.leases.claim('ses_f', 'A', T, T + 100);
      await s.cluster.leases.claim('ses_f', 'B', T + 200, T + 300);
      const stale = { ...read!, onboarding: { ...read!.onboarding, state: 'failed' as const } };
      await assert.rejects(s.storage.onboarding.saveJob(stale, true), VersionConflict);
      assert.equal(stale.version, read!.version, 'the caller’s version is as it was');
      const stored = await s.storage.onboarding.getJob('ses_f');
      assert.equal(stored?.onboarding.state, job.onboarding.state);
      assert.equal(stored?.version, job.version + 2);
    });

    test('When leases are renewed, released and given up, then the heartbeat, the sweep and other owners see it', async () => {
      for (const id of ['ses_1', 'ses_2', 'ses_3']) await insert(id);
      const l = s.cluster.leases;
      await l.claim('ses_1', 'A', T, T + 100);
      await l.claim('ses_2', 'A', T, T + 100);
      assert.deepEqual((await l.orphans(T, 10)).sort(), ['ses_3'], 'active jobs nobody holds');
      assert.deepEqual((await l.renew('A', T + 500)).sort(), ['ses_1', 'ses_2']);
      assert.deepEqual(await l.orphans(T + 200, 10), ['ses_3'], 'renewed: not expired at T + 200');
      assert.deepEqual((await l.orphans(T + 600, 10)).sort(), ['ses_1', 'ses_2', 'ses_3'], 'expired leases are orphans');
      await l.release('ses_1', 'B'); // not B's: nothing happens
      assert.equal(await l.holds('ses_1', 'A'), true);
      await l.release('ses_1', 'A');
      assert.equal(await l.holds('ses_1', 'A'), false);
      assert.ok(await l.claim('ses_1', 'B', T + 1, T + 100), 'a released lease is free at once');
      await l.releaseAll('A');
      assert.ok(await l.claim('ses_2', 'B', T + 1, T + 100), 'so is every lease of an owner that gave them up');
      assert.deepEqual((await l.renew('B', T + 700)).sort(), ['ses_1', 'ses_2']);
    });

    test('When two owners claim due callbacks at once, then each event goes to one of them, and a claimed event waits for its claim to end', async () => {
      for (let i = 0; i < 10; i++) {
        await s.storage.outbox.insert({ id: `evt_${i}`, onboardingId: `ses_${i}`, state: 'completed', body: '{}', nextAttemptAt: T + i, createdAt: '2026-01-01T00:00:00.000Z' });
      }
      await s.storage.outbox.insert({ id: 'evt_later', onboardingId: 'ses_l', state: 'completed', body: '{}', nextAttemptAt: T + 5000, createdAt: '2026-01-01T00:00:00.000Z' });
      const c = s.cluster.outboxClaims;
      const [a, b] = await Promise.all([c.claimDue('A', T + 100, T + 1000, 20), c.claimDue('B', T + 100, T + 1000, 20)]);
      const ids = [...a, ...b].map((e) => e.id).sort();
      assert.deepEqual(ids, Array.from({ length: 10 }, (_, i) => `evt_${i}`), 'every due event once, the later one not');
      assert.deepEqual(a.map((e) => e.nextAttemptAt), [...a.map((e) => e.nextAttemptAt)].sort((x, y) => x - y), 'earliest first');
      assert.deepEqual(await c.claimDue('C', T + 999, T + 2000, 20), [], 'claimed ones are nobody else’s until the claim ends');
      const first = (a[0] ?? b[0])!;
      const owner = a[0] ? 'A' : 'B';
      await s.storage.outbox.markFailed(first.id, T + 200, 500, 'HTTP 500');
      await c.release(first.id, owner);
      assert.deepEqual((await c.claimDue('C', T + 300, T + 2000, 20)).map((e) => e.id), [first.id], 'a released event is due again for anyone');
      await s.storage.outbox.markDelivered(first.id, 204, '2026-01-01T00:00:01.000Z');
      const expired = await c.claimDue('D', T + 2001, T + 3000, 20);
      assert.deepEqual(expired.map((e) => e.id).sort(), ids.filter((id) => id !== first.id), 'expired claims are taken again; delivered ones never');
    });
  });
}
