import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startSinchSandbox, type FaultRule, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { sandboxEnv } from '../src/config.js';
import type { Onboarding, Region, StepName } from '../src/domain/onboarding.types.js';
import { sessionInput, signup } from './fixtures/engine-harness.js';
import { SecretScan, sandboxSecrets, staticSecrets } from './fixtures/secret-scan.js';

/** Every worker's log (debug, on its stderr) goes here; the suite's after() checks it for secrets. */
const scan = new SecretScan(staticSecrets({ ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') }));

const here = dirname(fileURLToPath(import.meta.url));
const WORKER = join(here, 'fixtures', 'engine-worker.ts');

/** Between two checks of a bounded wait (a backstop for a hung worker, not a time limit on a passing case). */
const CHECK_EVERY_MS = 20;
const MAX_CHECKS = 6000;

/** Resolves like `p`, or fails after MAX_CHECKS checks naming what it waited for, so a hang fails CI instead of stalling it. */
function bounded<T>(p: Promise<T>, what: string | (() => string)): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let checks = 0;
    const timer = setInterval(() => {
      if (++checks < MAX_CHECKS) return;
      clearInterval(timer);
      reject(new Error(`gave up after ${checks} checks waiting for ${typeof what === 'string' ? what : what()}`));
    }, CHECK_EVERY_MS);
    p.then(
      (v) => (clearInterval(timer), resolve(v)),
      (e: unknown) => (clearInterval(timer), reject(e)),
    );
  });
}

/** One engine child process and what it reported. */
class Worker {
  readonly latest = new Map<string, Onboarding>();
  readonly #waiters: Array<{
    pred: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
    reject: (e: Error) => void;
  }> = [];
  readonly exited: Promise<void>;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = JSON.parse(line) as Record<string, unknown>;
      if (m.op === 'change') {
        const o = m.onboarding as Onboarding;
        this.latest.set(o.id, o);
      }
      for (const w of [...this.#waiters]) {
        if (w.pred(m)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
    let log = '';
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString('utf8');
      if (process.env.WORKER_LOG_LEVEL) process.stderr.write(d);
    });
    child.stderr.on('end', () => scan.add('worker log', log));
    this.exited = new Promise((r) =>
      child.on('close', (code, signal) => {
        // after its output is read: nothing a waiter expects can come any more
        for (const w of this.#waiters.splice(0)) w.reject(new Error(`the worker exited (${signal ?? code}) before the awaited message`));
        r();
      }),
    );
  }
  static async start(env: Record<string, string>): Promise<Worker> {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { env: { WORKER_LOG_LEVEL: 'debug', ...process.env, ...env }, stdio: 'pipe' });
    const w = new Worker(child);
    await w.next((m) => m.op === 'ready', 'the worker to be ready');
    return w;
  }
  next(pred: (m: Record<string, unknown>) => boolean, what: string | (() => string) = pred.toString()): Promise<Record<string, unknown>> {
    return bounded(new Promise((resolve, reject) => this.#waiters.push({ pred, resolve, reject })), what);
  }
  /** Resolves once onboarding `id` satisfies `pred` (already, or on a later change). */
  until(id: string, pred: (o: Onboarding) => boolean): Promise<Onboarding> {
    const now = this.latest.get(id);
    if (now && pred(now)) return Promise.resolve(now);
    return this.next(
      (m) => m.op === 'change' && (m.onboarding as Onboarding).id === id && pred(m.onboarding as Onboarding),
      () => `${id} to satisfy ${pred.toString()} (last seen: ${this.latest.get(id)?.state ?? 'nothing'})`,
    ).then((m) => m.onboarding as Onboarding);
  }
  send(cmd: unknown): void {
    this.child.stdin.write(`${JSON.stringify(cmd)}\n`);
  }
  async create(): Promise<string> {
    const reply = this.next((m) => m.op === 'created' || m.op === 'error', 'the reply to create');
    this.send({ op: 'create', input: sessionInput() });
    const m = await reply;
    assert.equal(m.op, 'created', String(m.message));
    return m.id as string;
  }
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Whether a worker's `sent` report is a request the fault rule delays (the sandbox's own matching: api by path prefix). */
const isFaulted = (f: FaultRule, m: Record<string, unknown>) =>
  m.method === f.method && String(m.path).startsWith(`/${f.api}/`) && (!f.path || new RegExp(f.path).test(String(m.path).split('?')[0]!));
const REGIONS: Region[] = ['US', 'EU', 'BR'];

describe('Engine crash recovery (SIGKILL of a child process, then a new one on the same database)', () => {
  let sb: SinchSandbox;
  let dir: string;
  before(async () => {
    sb = await startSinchSandbox({ senderActivationDelayMs: 0 });
    scan.addSecrets(sandboxSecrets(sb));
    dir = mkdtempSync(join(tmpdir(), 'bff-crash-'));
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
    scan.check();
  });

  // Two kinds of kill: while the call sits in the sandbox (the request dies with the process), and the
  // moment the 2xx arrives (Sinch did the write; the result was never recorded — reconciliation must find it).
  const cases: Array<{ step: StepName; fault?: FaultRule; killAfter?: string }> = [
    { step: 'warm_up', fault: { api: 'subproject', method: 'POST', latencyMs: 400 } },
    { step: 'warm_up', killAfter: '^POST .*/subprojects$' },
    { step: 'sender', fault: { api: 'provisioning', method: 'POST', path: '/whatsapp/senders$', latencyMs: 400 } },
    { step: 'sender', killAfter: '^POST .*/whatsapp/senders$' },
    { step: 'app', fault: { api: 'conversation', method: 'POST', path: '/apps$', latencyMs: 400 } },
    { step: 'app', killAfter: '^POST .*/apps$' },
    { step: 'webhook', fault: { api: 'conversation', method: 'POST', path: '/webhooks$', latencyMs: 400 } },
    { step: 'webhook', killAfter: '^POST .*/webhooks$' },
    { step: 'activation', fault: { api: 'provisioning', method: 'GET', path: '/whatsapp/senders/', latencyMs: 400 } },
  ];

  for (const c of cases) {
    const when = c.killAfter ? `right after the ${c.step} call succeeded` : `while the ${c.step} call is in flight`;
    test(`When the engine is killed ${when}, then a new process finishes every job with no duplicates`, async () => {
      // Arrange
      const env = {
        ...sandboxEnv(sb),
        DATABASE_PATH: join(dir, `${c.step}-${c.killAfter ? 'after' : 'during'}.db`),
        SINCH_TIMEOUT_MS: '1000',
        WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
        ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      };
      sb.faults.clear();
      sb.clearRequests(); // this case's assertions see only this case's requests
      // Warm-up's create starts with the session: its delay must be in place before.
      if (c.step === 'warm_up' && c.fault) sb.faults.add(c.fault);
      const first = await Worker.start(c.killAfter ? { ...env, WORKER_KILL_AFTER: c.killAfter } : env);
      const sent = c.fault ? first.next((m) => m.op === 'sent' && isFaulted(c.fault!, m), `a ${c.step} call the sandbox delays`) : undefined;
      const ids: string[] = [];
      for (let i = 0; i < REGIONS.length; i++) ids.push(await first.create());
      const results = new Map(ids.map((id, i) => [id, signup(sb.mintCode(), REGIONS[i])]));
      if (c.step !== 'warm_up') {
        for (const id of ids) await first.until(id, (o) => o.state === 'awaiting_signup');
        if (c.fault) sb.faults.add(c.fault);
        const acks = ids.map((id) => first.next((m) => m.op === 'submitted' && m.id === id, `the submit of ${id} to be taken`));
        for (const id of ids) first.send({ op: 'submit', id, result: results.get(id) });
        await Promise.all(acks); // every job holds its signup before the kill
      }

      // Act
      if (c.killAfter) {
        await bounded(first.exited, `the worker to kill itself after ${c.killAfter}`); // it killed itself with SIGKILL
      } else {
        await sent; // the delayed call is with the sandbox now
        await first.kill();
      }
      assert.equal(first.child.signalCode, 'SIGKILL');
      const second = await Worker.start(env);
      if (c.step === 'warm_up') {
        for (const id of ids) {
          await second.until(id, (o) => o.state === 'awaiting_signup');
          // The old code may have died with the process; the customer's ES gives a fresh one.
          second.send({ op: 'submit', id, result: { ...results.get(id)!, code: sb.mintCode() } });
        }
      }
      const terminal = (o: Onboarding) => ['completed', 'failed', 'expired'].includes(o.state);
      let finished = await Promise.all(ids.map((id) => second.until(id, terminal)));
      // The ES code lives only in memory: if the killed process had not got create-sender into Sinch, the code
      // died with it and the job says code_expired; the customer's new ES run (same ids, new code) finishes it.
      const lostCode = finished.filter((o) => o.error?.code === 'code_expired');
      if (c.step !== 'sender' || c.killAfter) assert.deepEqual(lostCode, [], 'only a kill during the sender call can lose the code');
      for (const o of lostCode) {
        second.send({ op: 'submit', id: o.id, result: { ...results.get(o.id)!, code: sb.mintCode() } });
        await second.until(o.id, (x) => x.state === 'running');
      }
      finished = await Promise.all(ids.map((id) => second.until(id, terminal)));
      await second.kill();

      // Assert
      const snap = sb.inspect();
      for (const o of finished) {
        assert.equal(o.state, 'completed', `${o.id}: ${JSON.stringify(o.error)}`);
        const sps = snap.subprojects.filter((s) => s.labels['wss-session'] === o.id);
        assert.equal(sps.length, 1, 'one subproject');
        const sp = sps[0]!.subprojectId;
        assert.equal(snap.senders.filter((s) => s.projectId === sp).length, 1, 'one sender');
        assert.equal(snap.apps.filter((a) => a.projectId === sp).length, 1, 'one app');
        assert.equal(snap.webhooks.filter((w) => w.projectId === sp).length, 1, 'one webhook');
      }
      // The kill happened where the case says: mid-call (the delayed call was cut off), or after Sinch's 2xx.
      if (c.fault) assert.ok(snap.requests.some((r) => r.fault === 'latency'), 'the delayed call reached the sandbox');
      if (c.killAfter) {
        const re = new RegExp(c.killAfter);
        assert.ok(snap.requests.some((r) => r.status < 300 && re.test(`${r.method} ${r.path}`)), `a ${c.killAfter} call succeeded`);
      }
    });
  }
});
