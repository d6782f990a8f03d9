/**
 * Two BFF instances (child processes of `src/server.ts`) on one PostgreSQL database and the Sinch sandbox, as an
 * ASP runs them behind a load balancer: any instance answers any request, a stream on one shows what the other
 * runs, a revocation on one ends the other's streams, an instance killed mid-work leaves its jobs to the other
 * (nothing created twice), and every ASP callback goes out once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { sandboxEnv } from '../src/config.js';
import type { Onboarding, Region } from '../src/domain/onboarding.types.js';
import { BffInstance, freePort, openStream, startNotifyReceiver, until } from './fixtures/bff-instances.js';
import { signup } from './fixtures/engine-harness.js';
import { postgresForTests } from './fixtures/postgres-server.js';
import { SecretScan, sandboxSecrets, staticSecrets } from './fixtures/secret-scan.js';

const pg = postgresForTests();
const API_KEY = `cluster-${randomBytes(12).toString('hex')}`;
const SECRETS = {
  SESSION_SECRET: randomBytes(32).toString('hex'),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  NOTIFY_SECRET: randomBytes(24).toString('hex'),
};
const scan = new SecretScan(staticSecrets({ ...SECRETS, 'API key': API_KEY }));
const TERMINAL = ['completed', 'failed', 'expired'];
const STEPS = ['warm_up', 'sender', 'app', 'webhook', 'activation'] as const;

describe('Two instances on one PostgreSQL database', () => {
  let sb: SinchSandbox;
  let notify: Awaited<ReturnType<typeof startNotifyReceiver>>;
  let a: BffInstance;
  let b: BffInstance;

  before(async () => {
    sb = await startSinchSandbox({ senderActivationDelayMs: 0, subprojectReadyDelayMs: 300 });
    scan.addSecrets(sandboxSecrets(sb));
    notify = await startNotifyReceiver();
    const env = {
      ...sandboxEnv(sb),
      ...SECRETS,
      DATABASE_URL: await pg.createDatabase(),
      BFF_API_KEYS: API_KEY,
      NOTIFY_URL: notify.url,
      WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
      // A killed instance's jobs move after a second; a request cut off by the kill has settled 2.25 s after it began.
      JOB_LEASE_TTL_MS: '1000',
      SINCH_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
    };
    [a, b] = [new BffInstance('A', await freePort(), env), new BffInstance('B', await freePort(), env)];
    await Promise.all([a.start(), b.start()]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await notify?.close();
    await sb?.close();
    for (const i of [a, b]) if (i) scan.add(`instance ${i.name} output`, i.output.join(''));
    scan.check();
  });

  const createSession = async (on: BffInstance) => {
    const r = await on.api<{ id: string; token: string }>('POST', '/v1/sessions', { token: API_KEY, body: { customer: { reference: 'c', displayName: 'Customer' } } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const submit = async (on: BffInstance, token: string, region: Region = 'EU') => {
    const r = await on.api('POST', '/v1/session/onboarding', { token, body: signup(sb.mintCode(), region) });
    assert.equal(r.status, 202, JSON.stringify(r.body));
  };
  const onboarding = async (on: BffInstance, id: string) => {
    const r = await on.api<{ onboarding: Onboarding }>('GET', `/v1/onboardings/${id}`, { token: API_KEY });
    assert.equal(r.status, 200, `GET ${id} on ${on.name}: ${JSON.stringify(r.body)}`);
    return r.body.onboarding;
  };
  const untilState = (on: BffInstance, id: string, pred: (o: Onboarding) => boolean, what: string) => {
    let last: Onboarding | undefined;
    return until(
      async () => {
        last = await onboarding(on, id);
        return pred(last) && last;
      },
      () => `${id} ${what} on ${on.name} (last: ${last?.state} ${JSON.stringify(last?.error ?? '')})`,
      { checks: 2000, everyMs: 150 },
    );
  };
  /** Every one of `ids` satisfies `pred` on `on` (one list request per check: the per-IP rate limit counts them). */
  const untilAll = async (on: BffInstance, ids: string[], pred: (o: Onboarding) => boolean, what: string) => {
    let last = new Map<string, Onboarding>();
    await until(
      async () => {
        const r = await on.api<{ items: Onboarding[] }>('GET', '/v1/onboardings?pageSize=100', { token: API_KEY });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        last = new Map(r.body.items.map((o) => [o.id, o]));
        return ids.every((id) => last.has(id) && pred(last.get(id)!));
      },
      () => `all ${ids.length} ${what} on ${on.name} (not yet: ${ids.filter((id) => !last.has(id) || !pred(last.get(id)!)).map((id) => `${id} ${last.get(id)?.state}`).join(', ')})`,
      { checks: 1500, everyMs: 200 },
    );
    return ids.map((id) => last.get(id)!);
  };
  /** What the sandbox holds for one onboarding: subprojects, senders, apps, webhooks. */
  const created = (id: string) => {
    const snap = sb.inspect();
    const sps = snap.subprojects.filter((s) => s.labels['wss-session'] === id).map((s) => s.subprojectId);
    return {
      subprojects: sps.length,
      senders: snap.senders.filter((s) => sps.includes(s.projectId)).length,
      apps: snap.apps.filter((x) => sps.includes(x.projectId)).length,
      webhooks: snap.webhooks.filter((w) => sps.includes(w.projectId)).length,
    };
  };
  const ONE_EACH = { subprojects: 1, senders: 1, apps: 1, webhooks: 1 };

  test('When a session is created on A and submitted on B while A still warms it up, then it completes, with one of everything', async () => {
    const s = await createSession(a);
    await submit(b, s.token); // the ES code is in B's memory only; A holds the job's lease for warm-up
    const done = await untilState(a, s.id, (o) => TERMINAL.includes(o.state), 'to end');
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.deepEqual(await onboarding(b, s.id), done, 'both instances answer the same');
    assert.deepEqual(created(s.id), ONE_EACH);
  });

  test('When B runs an onboarding, then a stream on A shows every step running and done, and B alone ran them', async () => {
    sb.faults.clear();
    // Each step's call takes a moment, so that "running" is a state one can see.
    for (const f of [
      { api: 'subproject', method: 'POST' },
      { api: 'provisioning', method: 'POST', path: '/whatsapp/senders$' },
      { api: 'conversation', method: 'POST', path: '/apps$' },
      { api: 'conversation', method: 'POST', path: '/webhooks$' },
      { api: 'provisioning', method: 'GET', path: '/whatsapp/senders/' },
    ] as const) sb.faults.add({ ...f, latencyMs: 150 });
    try {
      const aLines = a.output.length;
      const s = await createSession(b);
      const stream = await openStream(a.url, s.token);
      await until(() => stream.events.length > 0, () => 'the first event on A');
      await submit(b, s.token);
      await stream.ended; // a terminal state ends the stream
      const seen = (step: string, status: string) => stream.events.some((o) => o.steps.some((x) => x.name === step && x.status === status));
      for (const step of STEPS) {
        assert.ok(seen(step, 'running'), `A's stream showed ${step} running`);
        assert.ok(seen(step, 'done'), `A's stream showed ${step} done`);
      }
      assert.equal(stream.events.at(-1)?.state, 'completed');
      const aRan = a.output.slice(aLines).join('').split('\n').filter((l) => l.includes(s.id) && l.includes('"msg":"step started"'));
      assert.deepEqual(aRan, [], 'A ran no step of it');
      assert.deepEqual(created(s.id), ONE_EACH);
    } finally {
      sb.faults.clear();
    }
  });

  test('When a link is revoked on B, then its open stream on A ends at once', async () => {
    const link = (await a.api<{ id: string; url: string }>('POST', '/v1/signup-links', { token: API_KEY, body: { customer: { reference: 'l', displayName: 'Link' } } })).body;
    const page = await (await fetch(`${a.url}${new URL(link.url).pathname}`)).text();
    const token = /session="([^"]+)"/.exec(page)![1]!;
    const stream = await openStream(a.url, token);
    await until(() => stream.events.length > 0, () => 'the first event on A');
    assert.equal((await b.api('DELETE', `/v1/signup-links/${link.id}`, { token: API_KEY })).status, 204);
    await stream.ended;
    assert.equal((await a.api('GET', '/v1/session/onboarding', { token })).status, 401, 'the token stopped working on A too');
  });

  test('When the instance holding the leases is SIGKILLed in the middle of 20 onboardings, then the other finishes all of them, creates nothing twice, and each callback arrives once', async () => {
    sb.faults.clear();
    // The kill comes while the apps are being created: every code is spent, no onboarding has ended yet.
    sb.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', latencyMs: 1500 });
    const ids: string[] = [];
    try {
      const sessions = await Promise.all(Array.from({ length: 20 }, () => createSession(a)));
      ids.push(...sessions.map((s) => s.id));
      await untilAll(b, ids, (o) => o.state === 'awaiting_signup', 'to await the signup');
      await Promise.all(sessions.map((s, i) => submit(a, s.token, (['US', 'EU', 'BR'] as const)[i % 3])));
      // B restarts meanwhile (a rolling restart): its start resumes every active job it can lease, none of A's.
      await b.stop();
      const bRestarted = b.output.length;
      await b.start();
      const senderDone = (o: Onboarding) => o.steps.some((x) => x.name === 'sender' && x.status === 'done');
      await untilAll(b, ids, senderDone, 'to have their sender');
      const bBeforeKill = b.output.slice(bRestarted).join('').split('\n');
      await a.kill();
      const bRanEarly = bBeforeKill.filter((l) => l.includes('"msg":"step started"') && ids.some((id) => l.includes(id)));
      assert.deepEqual(bRanEarly, [], 'B ran no step of a job while A, alive, held it');

      const finished = await untilAll(b, ids, (o) => TERMINAL.includes(o.state), 'to end');
      for (const o of finished) {
        assert.equal(o.state, 'completed', `${o.id}: ${JSON.stringify(o.error)}`);
        assert.deepEqual(created(o.id), ONE_EACH, o.id);
      }
      assert.match(b.output.join(''), /"msg":"step started"/, 'B ran the steps A left');
    } finally {
      sb.faults.clear();
    }

    // Every completed onboarding of the suite (both instances were up for the first ones) is told once.
    const completed = new Set<string>();
    for (const page of [await b.api<{ items: Onboarding[] }>('GET', '/v1/onboardings?state=completed&pageSize=100', { token: API_KEY })]) {
      for (const o of page.body.items) completed.add(o.id);
    }
    await until(() => [...completed].every((id) => notify.deliveries.some((d) => d.onboarding.id === id)), () => 'a callback for every completed onboarding');
    const perEvent = new Map<string, number>();
    for (const d of notify.deliveries) perEvent.set(d.eventId, (perEvent.get(d.eventId) ?? 0) + 1);
    assert.deepEqual([...perEvent].filter(([, n]) => n > 1), [], 'no event delivered twice');
    assert.ok(ids.every((id) => completed.has(id)), 'the 20 are among the completed ones');
  });
});
