/**
 * The storage boundary's contract: what every implementation of the repositories in src/data must do.
 * `describeRepositoryContract(name, factory)` runs it against one backend; the factory returns a fresh,
 * empty, migrated store per test (test/storage.sqlite.test.ts does it for SQLite on a temp file; the
 * PostgreSQL issue will call it with a pg factory).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Storage } from '../../src/data/storage.js';
import type { SignupLink } from '../../src/data/link.repository.js';
import type { JobRecord } from '../../src/domain/job.types.js';
import { STEP_NAMES, type JobState, type Session } from '../../src/domain/onboarding.types.js';
import { describeSessionEventContract } from './session-event-contract.js';
import { describeLinkListContract } from './link-list-contract.js';

export interface StorageUnderTest extends Storage {
  /** Releases the store (closes connections, removes files). */
  close(): Promise<void>;
}

export type StorageFactory = () => Promise<StorageUnderTest>;

const FAR = '2030-01-01T00:00:00.000Z';

/** A session and its fresh job, as the engine creates them. */
export function sessionFixture(
  id: string,
  over: { createdAt?: string; expiresAt?: string; state?: JobState } = {},
): { session: Session; job: JobRecord } {
  const createdAt = over.createdAt ?? '2026-01-01T00:00:00.000Z';
  const expiresAt = over.expiresAt ?? FAR;
  const session: Session = {
    id,
    customer: { reference: `ref-${id}`, displayName: `Customer ${id}` },
    regions: { allowed: ['EU'] },
    kind: 'widget',
    createdAt,
    expiresAt,
  };
  const job: JobRecord = {
    onboarding: {
      id,
      state: over.state ?? 'warming_up',
      customer: session.customer,
      phoneNumbers: [],
      steps: STEP_NAMES.map((name) => ({ name, status: 'pending', attempts: 0 })),
      createdAt,
      updatedAt: createdAt,
    },
    internal: { intents: {}, sealedBearerTokens: {}, pendingNumbers: [], expiresAt },
    version: 0,
  };
  return { session, job };
}

const linkOf = (id: string, sessionId: string, createdAt = '2026-01-01T00:00:00.000Z'): SignupLink => ({
  id,
  sessionId,
  createdAt,
  expiresAt: FAR,
});

const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T00:00:00.000Z`;
const ids = (jobs: JobRecord[]) => jobs.map((j) => j.onboarding.id);

export function describeRepositoryContract(name: string, factory: StorageFactory): void {
  describe(`Storage contract: ${name}`, () => {
    let s: StorageUnderTest;
    beforeEach(async () => {
      s = await factory();
    });
    afterEach(async () => {
      await s.close();
    });

    describeSessionEventContract(() => s);
    describeLinkListContract(() => s);

    describe('sessions and jobs', () => {
      test('When a session is inserted, then it and its job read back equal, the job at version 1', async () => {
        const { session, job } = sessionFixture('ses_a');
        await s.onboarding.insertSession(session, job);
        assert.deepEqual(await s.onboarding.getSession('ses_a'), session);
        const got = await s.onboarding.getJob('ses_a');
        assert.deepEqual(got, { ...job, version: 1 });
        assert.equal(job.version, 1, 'the caller’s record carries the saved version');
        assert.equal(await s.onboarding.getSession('ses_nope'), undefined);
        assert.equal(await s.onboarding.getJob('ses_nope'), undefined);
      });

      test('When a session id is inserted twice, then the second insert rejects and the first stays', async () => {
        const first = sessionFixture('ses_dup');
        await s.onboarding.insertSession(first.session, first.job);
        const second = sessionFixture('ses_dup', { state: 'failed' });
        second.session.customer = { reference: 'other', displayName: 'Other' };
        await assert.rejects(s.onboarding.insertSession(second.session, second.job));
        assert.equal((await s.onboarding.getSession('ses_dup'))?.customer.displayName, 'Customer ses_dup');
        assert.equal((await s.onboarding.getJob('ses_dup'))?.onboarding.state, 'warming_up');
      });

      test('When a job is saved, then the change and a bumped version are stored and its senders find it', async () => {
        const { session, job } = sessionFixture('ses_s');
        await s.onboarding.insertSession(session, job);
        const j = (await s.onboarding.getJob('ses_s'))!;
        j.onboarding.state = 'running';
        j.onboarding.phoneNumbers.push({ phoneNumberId: 'pn-1', senderId: 'snd-1' }, { phoneNumberId: 'pn-2' });
        j.internal.subprojectReady = true;
        await s.onboarding.saveJob(j, true);
        assert.equal(j.version, 2);
        const back = (await s.onboarding.getJob('ses_s'))!;
        assert.deepEqual(back, j);
        await s.onboarding.saveJob(back, true); // saving again keeps a single sender index entry
        assert.equal((await s.onboarding.findJobBySenderId('snd-1'))?.onboarding.id, 'ses_s');
        assert.equal((await s.onboarding.findJobBySenderId('snd-1'))?.version, 3);
        assert.equal(await s.onboarding.findJobBySenderId('snd-unknown'), undefined);
      });

      test('When jobs are saved active or not, then listActiveJobs returns the active ones oldest first', async () => {
        for (const [id, d] of [['ses_3', 3], ['ses_1', 1], ['ses_2', 2]] as const) {
          const { session, job } = sessionFixture(id, { createdAt: day(d) });
          await s.onboarding.insertSession(session, job);
        }
        assert.deepEqual(ids(await s.onboarding.listActiveJobs()), ['ses_1', 'ses_2', 'ses_3'], 'a new session is active');
        const done = (await s.onboarding.getJob('ses_2'))!;
        done.onboarding.state = 'completed';
        await s.onboarding.saveJob(done, false);
        assert.deepEqual(ids(await s.onboarding.listActiveJobs()), ['ses_1', 'ses_3']);
      });

      test('When jobs are listed, then they come newest first in pages that continue after the cursor', async () => {
        // Two share a creation time: the id breaks the tie, so no page repeats or skips one.
        const made: Array<[string, string]> = [['ses_a', day(1)], ['ses_b', day(2)], ['ses_c', day(3)], ['ses_d', day(3)], ['ses_e', day(4)]];
        for (const [id, at] of made) {
          const { session, job } = sessionFixture(id, { createdAt: at });
          await s.onboarding.insertSession(session, job);
        }
        const seen: string[] = [];
        let after: { createdAt: string; id: string } | undefined;
        for (let page = 0; page < 10; page++) {
          const items = await s.onboarding.listJobs({ pageSize: 2, ...(after ? { after } : {}) });
          assert.ok(items.length <= 2, 'a page holds at most pageSize jobs');
          if (items.length === 0) break;
          seen.push(...ids(items));
          const last = items.at(-1)!.onboarding;
          after = { createdAt: last.createdAt, id: last.id };
        }
        assert.deepEqual(seen, ['ses_e', 'ses_d', 'ses_c', 'ses_b', 'ses_a']);
      });

      test('When jobs are listed by state, then only that state comes back, still newest first and paged', async () => {
        for (const [id, d, state] of [['ses_1', 1, 'failed'], ['ses_2', 2, 'completed'], ['ses_3', 3, 'failed'], ['ses_4', 4, 'failed']] as const) {
          const { session, job } = sessionFixture(id, { createdAt: day(d), state });
          await s.onboarding.insertSession(session, job);
        }
        const first = await s.onboarding.listJobs({ state: 'failed', pageSize: 2 });
        assert.deepEqual(ids(first), ['ses_4', 'ses_3']);
        const last = first[1]!.onboarding;
        const rest = await s.onboarding.listJobs({ state: 'failed', pageSize: 2, after: { createdAt: last.createdAt, id: last.id } });
        assert.deepEqual(ids(rest), ['ses_1']);
        assert.deepEqual(ids(await s.onboarding.listJobs({ state: 'completed', pageSize: 10 })), ['ses_2']);
        assert.deepEqual(await s.onboarding.listJobs({ state: 'expired', pageSize: 10 }), []);
      });

      test('When jobs are listed with the console’s filters, then region, creation range and customer text (any case) narrow them, still paged', async () => {
        const made = [
          ['ses_1', 1, 'EU', 'ACME-1', 'Acme Shoes'],
          ['ses_2', 2, 'US', 'acme-2', 'Acme Hats'],
          ['ses_3', 3, 'EU', 'zed-3', 'Zed ACME Bikes'],
          ['ses_4', 4, undefined, 'other-4', 'Other'],
        ] as const;
        for (const [id, d, region, reference, displayName] of made) {
          const { session, job } = sessionFixture(id, { createdAt: day(d) });
          session.customer = job.onboarding.customer = { reference, displayName };
          if (region) job.onboarding.region = region;
          await s.onboarding.insertSession(session, job);
        }
        const list = async (q: Omit<Parameters<typeof s.onboarding.listJobs>[0], 'pageSize'>) => ids(await s.onboarding.listJobs({ pageSize: 10, ...q }));
        assert.deepEqual(await list({ region: 'EU' }), ['ses_3', 'ses_1']);
        assert.deepEqual(await list({ text: 'acme' }), ['ses_3', 'ses_2', 'ses_1'], 'reference or display name, any case');
        assert.deepEqual(await list({ text: 'HATS' }), ['ses_2']);
        assert.deepEqual(await list({ text: 'acme', region: 'EU', createdFrom: day(2) }), ['ses_3']);
        assert.deepEqual(await list({ createdFrom: day(2), createdBefore: day(4) }), ['ses_3', 'ses_2'], 'from inclusive, before exclusive');
        assert.deepEqual(await list({ text: '%' }), [], 'no wildcard');
        const first = await s.onboarding.listJobs({ text: 'acme', pageSize: 2 });
        const last = first.at(-1)!.onboarding;
        assert.deepEqual(ids(await s.onboarding.listJobs({ text: 'acme', pageSize: 2, after: { createdAt: last.createdAt, id: last.id } })), ['ses_1']);
      });

      test('When sessions expire, then listExpiredJobs returns those past expiry, in the states asked, without a signup', async () => {
        const past = '2026-02-01T00:00:00.000Z';
        const now = '2026-03-01T00:00:00.000Z';
        const rows = [
          sessionFixture('ses_old', { expiresAt: past }),
          sessionFixture('ses_old_failed', { expiresAt: past, state: 'failed' }),
          sessionFixture('ses_old_signed', { expiresAt: past }),
          sessionFixture('ses_at_now', { expiresAt: now }),
          sessionFixture('ses_live'),
        ];
        for (const { session, job } of rows) await s.onboarding.insertSession(session, job);
        const signed = (await s.onboarding.getJob('ses_old_signed'))!;
        signed.internal.signup = {
          event: 'FINISH',
          wabaId: 'w',
          businessId: 'b',
          region: 'EU',
          phoneNumberId: 'p',
          withCode: false,
          receivedAt: past,
        };
        await s.onboarding.saveJob(signed, true);
        assert.deepEqual(ids(await s.onboarding.listExpiredJobs(now, ['warming_up'])).sort(), ['ses_old']);
        assert.deepEqual(ids(await s.onboarding.listExpiredJobs(now, ['warming_up', 'failed'])).sort(), ['ses_old', 'ses_old_failed']);
        assert.deepEqual(await s.onboarding.listExpiredJobs(now, []), []);
      });
    });

    describe('creating a session with its link (one transaction)', () => {
      test('When a session is inserted with its link, then the link is stored for that session', async () => {
        const { session, job } = sessionFixture('ses_l');
        await s.onboarding.insertSession(session, job, linkOf('lnk_1', 'ses_l'));
        assert.deepEqual(await s.links.get('lnk_1'), linkOf('lnk_1', 'ses_l'));
        assert.deepEqual(await s.links.unusedLinkOf('ses_l'), linkOf('lnk_1', 'ses_l'));
      });

      test('When the link insert fails, then no session and no job are left', async () => {
        await s.links.insert(linkOf('lnk_taken', 'ses_other'));
        const { session, job } = sessionFixture('ses_orphan');
        await assert.rejects(s.onboarding.insertSession(session, job, linkOf('lnk_taken', 'ses_orphan')));
        assert.equal(await s.onboarding.getSession('ses_orphan'), undefined);
        assert.equal(await s.onboarding.getJob('ses_orphan'), undefined);
        assert.deepEqual(await s.onboarding.listJobs({ pageSize: 10 }), []);
        assert.equal((await s.links.get('lnk_taken'))?.sessionId, 'ses_other', 'the existing link is untouched');
      });

      test('When the session insert fails, then its link is not left either', async () => {
        const first = sessionFixture('ses_x');
        await s.onboarding.insertSession(first.session, first.job);
        const again = sessionFixture('ses_x');
        await assert.rejects(s.onboarding.insertSession(again.session, again.job, linkOf('lnk_lost', 'ses_x')));
        assert.equal(await s.links.get('lnk_lost'), undefined);
        assert.equal(await s.links.unusedLinkOf('ses_x'), undefined);
      });
    });

    describe('signup links', () => {
      test('When a link is inserted, then it reads back; its id is unique', async () => {
        await s.links.insert(linkOf('lnk_a', 'ses_1'));
        assert.deepEqual(await s.links.get('lnk_a'), linkOf('lnk_a', 'ses_1'));
        await assert.rejects(s.links.insert(linkOf('lnk_a', 'ses_2')));
        assert.equal((await s.links.get('lnk_a'))?.sessionId, 'ses_1');
        assert.equal(await s.links.get('lnk_nope'), undefined);
      });

      test('When a job is first saved with its signup, then its session\'s usable links are marked used at the signup\'s time, in that save', async () => {
        const { session, job } = sessionFixture('ses_1');
        await s.onboarding.insertSession(session, job, linkOf('lnk_a', 'ses_1'));
        await s.links.insert(linkOf('lnk_revoked', 'ses_1'));
        await s.links.revoke('lnk_revoked', day(1));
        await s.onboarding.insertSession(sessionFixture('ses_2').session, sessionFixture('ses_2').job, linkOf('lnk_other', 'ses_2'));
        const j = (await s.onboarding.getJob('ses_1'))!;
        j.onboarding.state = 'awaiting_signup';
        await s.onboarding.saveJob(j, true);
        assert.equal((await s.links.get('lnk_a'))?.usedAt, undefined, 'saves before the signup leave the link usable');
        j.internal.signup = { event: 'FINISH', wabaId: 'w', businessId: 'b', region: 'EU', phoneNumberId: 'p', withCode: true, receivedAt: day(2) };
        j.onboarding.state = 'running';
        await s.onboarding.saveJob(j, true);
        assert.equal((await s.links.get('lnk_a'))?.usedAt, day(2));
        assert.equal((await s.links.get('lnk_revoked'))?.usedAt, undefined, 'a revoked link stays revoked, not used');
        assert.equal((await s.links.get('lnk_other'))?.usedAt, undefined, "another session's link is untouched");
        j.internal.signup = { ...j.internal.signup, receivedAt: day(5) };
        await s.onboarding.saveJob(j, true);
        assert.equal((await s.links.get('lnk_a'))?.usedAt, day(2), 'later saves keep the first time');
      });

      test('When a link is revoked, then its session counts as revoked, twice is fine and the first time is kept', async () => {
        await s.links.insert(linkOf('lnk_a', 'ses_1'));
        await s.links.insert(linkOf('lnk_b', 'ses_2'));
        assert.equal(await s.links.isSessionRevoked('ses_1'), false);
        assert.equal(await s.links.revoke('lnk_a', day(2)), true);
        assert.equal(await s.links.revoke('lnk_a', day(5)), true);
        assert.equal((await s.links.get('lnk_a'))?.revokedAt, day(2));
        assert.equal(await s.links.isSessionRevoked('ses_1'), true);
        assert.equal(await s.links.isSessionRevoked('ses_2'), false);
        assert.equal(await s.links.revoke('lnk_nope', day(2)), false);
      });

      test('When a session has several links, then unusedLinkOf returns the oldest neither revoked nor used', async () => {
        const { session, job } = sessionFixture('ses_1');
        await s.onboarding.insertSession(session, job);
        await s.links.insert(linkOf('lnk_new', 'ses_1', day(3)));
        await s.links.insert(linkOf('lnk_old', 'ses_1', day(1)));
        await s.links.insert(linkOf('lnk_mid', 'ses_1', day(2)));
        await s.links.insert(linkOf('lnk_else', 'ses_2', day(1)));
        assert.equal((await s.links.unusedLinkOf('ses_1'))?.id, 'lnk_old');
        await s.links.revoke('lnk_old', day(4));
        assert.equal((await s.links.unusedLinkOf('ses_1'))?.id, 'lnk_mid');
        const j = (await s.onboarding.getJob('ses_1'))!;
        j.internal.signup = { event: 'FINISH', wabaId: 'w', businessId: 'b', region: 'EU', withCode: true, receivedAt: day(4) };
        await s.onboarding.saveJob(j, true);
        assert.equal(await s.links.unusedLinkOf('ses_1'), undefined, 'the submitted signup used them');
        assert.equal((await s.links.unusedLinkOf('ses_2'))?.id, 'lnk_else');
        assert.equal(await s.links.unusedLinkOf('ses_unknown'), undefined);
      });
    });

    describe('webhook nonces', () => {
      test('When a nonce is seen twice within its window, then the second is a replay', async () => {
        assert.equal(await s.nonces.remember('n-1', 2_000, 1_000), true);
        assert.equal(await s.nonces.remember('n-1', 2_000, 1_500), false);
        assert.equal(await s.nonces.remember('n-2', 2_000, 1_500), true);
        assert.equal(await s.nonces.remember('n-1', 2_000, 2_000), false, 'still kept at its expiry instant');
      });

      test('When a nonce has expired, then it is purged and accepted again', async () => {
        assert.equal(await s.nonces.remember('n-1', 2_000, 1_000), true);
        assert.equal(await s.nonces.remember('n-1', 5_000, 2_001), true);
        assert.equal(await s.nonces.remember('n-1', 5_000, 3_000), false);
      });
    });

    describe('notification outbox', () => {
      const event = (id: string, nextAttemptAt: number, over: { onboardingId?: string; state?: string; createdAt?: string } = {}) => ({
        id,
        onboardingId: over.onboardingId ?? 'ses_1',
        state: over.state ?? 'completed',
        body: JSON.stringify({ id }),
        nextAttemptAt,
        createdAt: over.createdAt ?? day(1),
      });

      test('When an event is inserted, then it reads back pending, and the same id again is ignored', async () => {
        assert.equal(await s.outbox.insert(event('evt_1', 100)), true);
        assert.equal(await s.outbox.insert({ ...event('evt_1', 999), body: 'other' }), false);
        assert.deepEqual(await s.outbox.get('evt_1'), { ...event('evt_1', 100), attempts: 0 });
        assert.equal(await s.outbox.get('evt_nope'), undefined);
        assert.equal(await s.outbox.hasEventFor('ses_1', 'completed'), true);
        assert.equal(await s.outbox.hasEventFor('ses_1', 'failed'), false);
        assert.equal(await s.outbox.hasEventFor('ses_2', 'completed'), false);
      });

      test('When events are due, then due() returns the pending ones due by now, earliest first, up to the limit', async () => {
        await s.outbox.insert(event('evt_late', 300));
        await s.outbox.insert(event('evt_early', 100));
        await s.outbox.insert(event('evt_mid', 200));
        await s.outbox.insert(event('evt_future', 900));
        assert.deepEqual((await s.outbox.due(300)).map((e) => e.id), ['evt_early', 'evt_mid', 'evt_late']);
        assert.deepEqual((await s.outbox.due(300, 2)).map((e) => e.id), ['evt_early', 'evt_mid']);
        assert.deepEqual(await s.outbox.due(50), []);
        assert.equal(await s.outbox.nextDueAt(), 100);
      });

      test('When an attempt fails, then it is counted and rescheduled with its status and a bounded error', async () => {
        await s.outbox.insert(event('evt_1', 100));
        await s.outbox.markFailed('evt_1', 5_000, 503, 'x'.repeat(600));
        const row = (await s.outbox.get('evt_1'))!;
        assert.equal(row.attempts, 1);
        assert.equal(row.nextAttemptAt, 5_000);
        assert.equal(row.lastStatus, 503);
        assert.equal(row.lastError, 'x'.repeat(500));
        assert.deepEqual(await s.outbox.due(4_999), []);
        assert.equal(await s.outbox.nextDueAt(), 5_000);
        await s.outbox.markFailed('evt_1', 9_000, undefined, 'TimeoutError');
        const again = (await s.outbox.get('evt_1'))!;
        assert.equal(again.attempts, 2);
        assert.equal(again.lastStatus, undefined, 'no HTTP status for a network error');
        assert.equal(again.lastError, 'TimeoutError');
      });

      test('When an event is delivered, then it leaves the pending set with its status and attempt count', async () => {
        await s.outbox.insert(event('evt_1', 100));
        await s.outbox.insert(event('evt_2', 200, { createdAt: day(2) }));
        await s.outbox.markFailed('evt_1', 150, 500, 'HTTP 500');
        await s.outbox.markDelivered('evt_1', 204, day(3));
        const row = (await s.outbox.get('evt_1'))!;
        assert.equal(row.deliveredAt, day(3));
        assert.equal(row.lastStatus, 204);
        assert.equal(row.lastError, undefined);
        assert.equal(row.attempts, 2);
        assert.deepEqual((await s.outbox.due(10_000)).map((e) => e.id), ['evt_2']);
        assert.equal(await s.outbox.nextDueAt(), 200);
        await s.outbox.markDelivered('evt_2', 200, day(3));
        assert.equal(await s.outbox.nextDueAt(), undefined);
        assert.equal(await s.outbox.hasEventFor('ses_1', 'completed'), true, 'delivered events still count');
        assert.deepEqual((await s.outbox.all()).map((e) => e.id), ['evt_1', 'evt_2']);
      });

      test('When attempts are made, then each joins the event’s attempt log in order; the failing list holds the undelivered ones tried', async () => {
        await s.outbox.insert(event('evt_1', 100));
        await s.outbox.insert(event('evt_2', 100, { onboardingId: 'ses_2', createdAt: day(2) }));
        await s.outbox.insert(event('evt_3', 100, { createdAt: day(3) }));
        await s.outbox.markFailed('evt_1', 150, 500, 'HTTP 500', day(4));
        await s.outbox.markFailed('evt_1', 250, undefined, 'TimeoutError', day(5));
        await s.outbox.markDelivered('evt_1', 204, day(6));
        await s.outbox.markFailed('evt_2', 300, 503, 'HTTP 503', day(4));
        await s.outbox.markFailed('evt_nope', 300, 503, 'HTTP 503', day(4));
        const log = await s.outbox.attemptsOf(['evt_1', 'evt_2', 'evt_3', 'evt_nope']);
        assert.deepEqual(log.get('evt_1'), [
          { at: day(4), status: 500, error: 'HTTP 500' },
          { at: day(5), error: 'TimeoutError' },
          { at: day(6), status: 204 },
        ]);
        assert.deepEqual(log.get('evt_2'), [{ at: day(4), status: 503, error: 'HTTP 503' }]);
        assert.equal(log.has('evt_3'), false, 'never attempted');
        assert.equal(log.has('evt_nope'), false, 'an unknown event logs nothing');
        assert.deepEqual((await s.outbox.failing(10)).map((e) => e.id), ['evt_2']);
        assert.deepEqual((await s.outbox.forOnboarding('ses_1')).map((e) => e.id), ['evt_1', 'evt_3']);
        assert.deepEqual((await s.outbox.recent(2)).map((e) => e.id), ['evt_3', 'evt_2']);
      });

      test('When a delivered event is requeued, then it is due at once with the same id and keeps its attempts; an unknown id is refused', async () => {
        await s.outbox.insert(event('evt_1', 100));
        await s.outbox.markDelivered('evt_1', 204, day(2));
        assert.equal(await s.outbox.requeue('evt_1', 7_000), true);
        const row = (await s.outbox.get('evt_1'))!;
        assert.equal(row.deliveredAt, undefined);
        assert.equal(row.nextAttemptAt, 7_000);
        assert.equal(row.attempts, 1);
        assert.deepEqual((await s.outbox.due(7_000)).map((e) => e.id), ['evt_1']);
        assert.equal(await s.outbox.requeue('evt_nope', 7_000), false);
      });
    });

    describe('operator console', () => {
      const session = (idHash: string, idleExpiresAt: number) => ({ idHash, operator: 'ops', csrfToken: `csrf-${idHash}`, createdAt: day(1), idleExpiresAt });

      test('When a session is touched before its idle expiry, then it comes back with the expiry moved; after it, it is gone', async () => {
        await s.operators.insertSession(session('h1', 1_000));
        assert.deepEqual(await s.operators.touchSession('h1', 999, 2_000), session('h1', 2_000));
        assert.equal(await s.operators.touchSession('h1', 2_000, 3_000), undefined, 'idle at its expiry');
        await s.operators.insertSession(session('h1', 5_000));
        assert.equal((await s.operators.touchSession('h1', 4_000, 6_000))?.idleExpiresAt, 6_000, 'the idle row was deleted, a new one lives');
        assert.equal(await s.operators.touchSession('h_unknown', 0, 1), undefined);
      });

      test('When sessions are deleted or purged, then they no longer resume', async () => {
        await s.operators.insertSession(session('h1', 1_000));
        await s.operators.insertSession(session('h2', 5_000));
        await s.operators.insertSession(session('h3', 5_000));
        assert.equal(await s.operators.purgeSessions(1_000), 1);
        await s.operators.deleteSession('h2');
        assert.equal(await s.operators.touchSession('h2', 0, 9_000), undefined);
        assert.equal((await s.operators.touchSession('h3', 0, 9_000))?.operator, 'ops');
      });

      test('When audit entries are listed, then newest first in pages that continue before the cursor', async () => {
        const entries = [
          { id: 'aud_a', at: day(1), operator: 'ops', action: 'sign_in' as const, outcome: 'ok' as const },
          { id: 'aud_b', at: day(2), operator: 'ops', action: 'retry_onboarding' as const, target: 'ses_1', outcome: 'error' as const, detail: 'not_retryable' },
          { id: 'aud_c', at: day(2), operator: 'ops', action: 'revoke_link' as const, target: 'lnk_1', outcome: 'ok' as const },
        ];
        for (const e of entries) await s.operators.insertAudit(e);
        const first = await s.operators.listAudit({ pageSize: 2 });
        assert.deepEqual(first, [entries[2], entries[1]]);
        assert.deepEqual(await s.operators.listAudit({ pageSize: 2, before: { at: first[1]!.at, id: first[1]!.id } }), [entries[0]]);
      });
    });
  });
}
