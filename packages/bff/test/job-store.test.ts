/**
 * The job store over an in-memory OnboardingRepository that counts its calls (no database).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OnboardingRepository } from '../src/data/onboarding.repository.js';
import type { JobRecord } from '../src/domain/job.types.js';
import { JobStore } from '../src/domain/job-store.js';
import type { Onboarding, Session } from '../src/domain/onboarding.types.js';
import { initialJob, transition, type JobEvent } from '../src/domain/transitions.js';

function memoryRepo() {
  const jobs = new Map<string, string>();
  const calls = { getJob: 0, saveJob: 0 };
  const repo: OnboardingRepository = {
    insertSession: async (_s, job) => void jobs.set(job.onboarding.id, JSON.stringify(job)),
    getSession: async () => undefined,
    getJob: async (id) => {
      calls.getJob++;
      const j = jobs.get(id);
      return j ? (JSON.parse(j) as JobRecord) : undefined;
    },
    saveJob: async (job) => {
      calls.saveJob++;
      await new Promise((r) => setImmediate(r)); // a real repository answers later
      job.version++;
      jobs.set(job.onboarding.id, JSON.stringify(job));
    },
    findJobBySenderId: async () => undefined,
    listJobs: async () => [],
    listActiveJobs: async () => [],
    listExpiredJobs: async () => [],
    close: async () => undefined,
  };
  return { repo, calls, stored: (id: string) => JSON.parse(jobs.get(id)!) as JobRecord };
}

const session: Session = {
  id: 'ses_s',
  kind: 'widget',
  customer: { reference: 'c', displayName: 'C' },
  regions: { allowed: ['US'] },
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-01T00:10:00.000Z',
};
const now = Date.parse('2030-01-01T00:00:01.000Z');
const apply = (e: JobEvent) => (j: JobRecord) => transition(j, e, now).job;

function setup(active = () => true) {
  const m = memoryRepo();
  const changes: Onboarding[] = [];
  const store = new JobStore({ repo: m.repo, isActive: active, onListenerError: () => undefined });
  store.onChange((o) => changes.push(o));
  return { ...m, store, changes };
}

describe('JobStore', () => {
  test('When an update changes nothing, then nothing is saved and no listener hears of it', async () => {
    const { store, calls, changes } = setup();
    await store.insert(session, initialJob(session));
    changes.length = 0;
    await store.update(session.id, apply({ type: 'step_started', step: 'warm_up' }));
    await store.update(session.id, apply({ type: 'step_waiting', step: 'warm_up', note: 'w' }));
    await store.update(session.id, apply({ type: 'step_waiting', step: 'warm_up', note: 'w' }));
    await store.update(session.id, (j) => j);
    assert.equal(calls.saveJob, 2);
    assert.deepEqual(changes.map((o) => o.steps[0]!.status), ['running', 'waiting']);
  });

  test('When a job in flight is updated, then the store never reads back what it wrote', async () => {
    const { store, calls } = setup();
    await store.insert(session, initialJob(session));
    for (let i = 0; i < 5; i++) await store.update(session.id, apply({ type: 'intent_recorded', key: 'subproject' }));
    assert.equal((await store.get(session.id))?.internal.intents.subproject?.attempts, 5);
    assert.equal(calls.getJob, 0);
  });

  test('When a job has no more work and nobody holds it, then it is dropped from memory and read again next time', async () => {
    const { store, calls } = setup(() => false);
    await store.insert(session, initialJob(session));
    store.hold(session.id);
    await store.get(session.id);
    await store.update(session.id, apply({ type: 'intent_recorded', key: 'subproject' }));
    assert.equal(calls.getJob, 1, 'held: kept after the first read');
    store.release(session.id);
    assert.equal(store.peek(session.id), undefined);
    await store.get(session.id);
    assert.equal(calls.getJob, 2);
  });

  test('When updates race, then they apply one after the other on the latest copy and each change is heard once', async () => {
    const { store, stored, changes } = setup();
    await store.insert(session, initialJob(session));
    changes.length = 0;
    await Promise.all(Array.from({ length: 10 }, () => store.update(session.id, apply({ type: 'step_started', step: 'warm_up' }))));
    assert.equal(stored(session.id).onboarding.steps[0]!.attempts, 10);
    assert.deepEqual(changes.map((o) => o.steps[0]!.attempts), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test('When an update throws, then nothing is saved and later updates still run', async () => {
    const { store, calls } = setup();
    await store.insert(session, initialJob(session));
    await assert.rejects(store.update(session.id, apply({ type: 'retry_requested' })), { code: 'not_retryable' });
    await store.update(session.id, apply({ type: 'step_started', step: 'warm_up' }));
    assert.equal(calls.saveJob, 1);
    await assert.rejects(store.update('ses_nope', (j) => j), { code: 'not_found' });
  });
});
