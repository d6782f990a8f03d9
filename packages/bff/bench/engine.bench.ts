/**
 * Engine benchmark against the Sinch sandbox running in its own process (so its work does not share
 * the engine's event loop). Prints:
 *  1. onboardings per second at 0 ms upstream latency (createSession → completed, 50 customers at a time);
 *  2. total onboarding time ÷ sum of upstream latencies with 50 ms added to every Sinch call;
 *  3. p50/p99 delay from submitSignup to the create-sender request, 50 onboardings in flight.
 * `npm run bench:engine` (root) or `npm run bench:engine -w @whatsapp-signup/bff`.
 *
 * Storage: SQLite by default; `--storage=postgres` (or BENCH_STORAGE=postgres) runs on PostgreSQL,
 * `--storage=both` runs SQLite then PostgreSQL. PostgreSQL is TEST_DATABASE_URL's server, or one started like
 * the tests' (test/fixtures/postgres-server.ts: local, fsync off), a fresh database per measure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTransport, type Transport } from '../src/clients/sinch/http.js';
import { loadConfig, sandboxEnv } from '../src/config.js';
import { composeBff, type Bff } from '../src/compose.js';
import type { Onboarding, Region } from '../src/domain/onboarding.types.js';
import { startPostgresServer, type PostgresServer } from '../test/fixtures/postgres-server.js';
import { startSandboxChild } from './sandbox-child.js';

type StorageKind = 'sqlite' | 'postgres';
const storageArg = process.argv.find((a) => a.startsWith('--storage='))?.slice('--storage='.length) ?? process.env.BENCH_STORAGE ?? 'sqlite';
if (!['sqlite', 'postgres', 'both'].includes(storageArg)) throw new Error(`--storage must be sqlite, postgres or both (got ${storageArg})`);
const STORAGES: StorageKind[] = storageArg === 'both' ? ['sqlite', 'postgres'] : [storageArg as StorageKind];

const { sb, child } = await startSandboxChild({ subprojectReadyDelayMs: 0, senderActivationDelayMs: 0 });

const admin = async (method: string, path: string, body?: unknown, attempt = 1): Promise<Record<string, unknown> | undefined> => {
  let res: Response;
  try {
    res = await fetch(`${sb.url}/_sandbox${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    // On a loaded machine the sandbox may close an idle keep-alive socket as a request goes out on it
    // ("other side closed"): that request was never handled, so it is sent once more on a new connection.
    if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET' || attempt >= 3) throw e;
    return admin(method, path, body, attempt + 1);
  }
  return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
};
const mintCode = async () => (await admin('POST', '/meta/codes'))!.code as string;
const requests = async () =>
  ((await admin('GET', '/inspect')) as { requests: Array<{ at: string; api: string; method: string; path: string }> }).requests;

/** Records when the engine hands each create-sender request to the transport (by subproject id). */
const senderSentAt = new Map<string, number>();
const transport: Transport = (url, init) => {
  if (init.method === 'POST' && url.endsWith('/whatsapp/senders')) {
    const sp = /\/projects\/([^/]+)\/whatsapp\/senders$/.exec(url)?.[1];
    if (sp) senderSentAt.set(sp, performance.now());
  }
  return defaultTransport(url, init);
};

const dir = mkdtempSync(join(tmpdir(), 'bff-bench-'));
let n = 0;
let postgres: PostgresServer | undefined;
let storage: StorageKind = 'sqlite';
async function engine(): Promise<Bff> {
  const database =
    storage === 'postgres'
      ? { DATABASE_URL: await (postgres ??= await startPostgresServer()).createDatabase() }
      : { DATABASE_PATH: join(dir, `bench-${n++}.db`) };
  const config = loadConfig({
    ...sandboxEnv(sb),
    ...database,
    WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
    LOG_LEVEL: 'silent',
  });
  return composeBff(config, { transport });
}

function until(b: Bff, id: string, pred: (o: Onboarding) => boolean): Promise<Onboarding> {
  return new Promise((resolve) => {
    const off = b.engine.onChange((o) => {
      if (o.id === id && pred(o)) {
        off();
        resolve(o);
      }
    });
    void b.engine.getOnboarding(id).then((o) => {
      if (o && pred(o)) {
        off();
        resolve(o);
      }
    });
  });
}

let seq = 0;
async function onboard(b: Bff, region: Region): Promise<Onboarding> {
  const my = ++seq;
  const { session } = await b.engine.createSession({
    customer: { reference: `bench-${my}`, displayName: `Bench ${my}` },
    regions: { allowed: ['US', 'EU', 'BR'] },
    ttlSeconds: 600,
    kind: 'widget',
  });
  await until(b, session.id, (o) => o.state === 'awaiting_signup');
  await b.engine.submitSignup(session.id, {
    code: await mintCode(),
    event: 'FINISH',
    wabaId: String(1_000_000 + my),
    phoneNumberId: String(2_000_000 + my),
    businessId: String(3_000_000 + my),
    region,
  });
  const done = await until(b, session.id, (o) => o.state === 'completed' || o.state === 'failed');
  if (done.state !== 'completed') throw new Error(`onboarding failed: ${JSON.stringify(done.error)}`);
  return done;
}

const REGIONS: Region[] = ['US', 'EU', 'BR'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

for (storage of STORAGES) {
  const label = STORAGES.length > 1 || storage !== 'sqlite' ? `[${storage === 'sqlite' ? 'SQLite' : 'PostgreSQL'}] ` : '';
  // 1. Throughput at 0 ms upstream latency.
  {
    const b = await engine();
    await b.start();
    for (let i = 0; i < 20; i++) await onboard(b, REGIONS[i % 3]!); // warm-up
    const TOTAL = Number(process.env.BENCH_ONBOARDINGS ?? 500);
    const CONCURRENCY = 50;
    let started = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (started < TOTAL) {
          started++;
          await onboard(b, REGIONS[started % 3]!);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    console.log(`${label}1. throughput at 0 ms upstream latency: ${(TOTAL / secs).toFixed(1)} onboardings/s (${TOTAL} onboardings, ${CONCURRENCY} at a time, ${secs.toFixed(2)} s)`);
    await b.close();
  }

  // 2. Time ÷ upstream latency at 50 ms per call.
  {
    const LAT = 50;
    const b = await engine();
    await b.start();
    await onboard(b, 'EU'); // token cached, connections warm
    for (const api of ['subproject', 'provisioning', 'conversation', 'auth']) await admin('POST', '/faults', { api, latencyMs: LAT });
    const full: number[] = [];
    const afterSignup: number[] = [];
    const calls: number[] = [];
    for (let i = 0; i < 10; i++) {
      await admin('DELETE', '/requests');
      const t0 = performance.now();
      seq++;
      const { session } = await b.engine.createSession({
        customer: { reference: `lat-${seq}`, displayName: `Lat ${seq}` },
        regions: { allowed: ['US', 'EU', 'BR'] },
        ttlSeconds: 600,
        kind: 'widget',
      });
      await until(b, session.id, (o) => o.state === 'awaiting_signup');
      const warmCalls = (await requests()).filter((r) => r.api !== 'admin').length;
      const m0 = performance.now();
      const code = await mintCode();
      const t1 = performance.now();
      const mintMs = t1 - m0;
      await b.engine.submitSignup(session.id, {
        code,
        event: 'FINISH',
        wabaId: String(5_000_000 + seq),
        phoneNumberId: String(6_000_000 + seq),
        businessId: '7',
        region: REGIONS[i % 3]!,
      });
      await until(b, session.id, (o) => o.state === 'completed');
      const t2 = performance.now();
      const all = (await requests()).filter((r) => r.api !== 'admin').length;
      // The code mint (a sandbox admin call standing in for the customer's popup) is not engine time.
      full.push((t1 - t0 - mintMs + (t2 - t1)) / (all * LAT));
      afterSignup.push((t2 - t1) / ((all - warmCalls) * LAT));
      calls.push(all);
    }
    await admin('DELETE', '/faults');
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(
      `${label}2. at ${LAT} ms per upstream call: total onboarding time / sum of upstream latencies = ${mean(full).toFixed(3)} ` +
        `(createSession → completed, ${mean(calls).toFixed(1)} upstream calls per onboarding); ` +
        `after the signup alone: ${mean(afterSignup).toFixed(3)}`,
    );
    await b.close();
  }

  // 3. submitSignup → create-sender, 50 onboardings in flight.
  {
    const b = await engine();
    await b.start();
    const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
    const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
    const toSent: number[] = [];
    const toSandbox: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const ids: string[] = [];
      for (let i = 0; i < IN_FLIGHT; i++) {
        seq++;
        ids.push(
          (
            await b.engine.createSession({
              customer: { reference: `inflight-${seq}`, displayName: `In flight ${seq}` },
              regions: { allowed: ['US', 'EU', 'BR'] },
              ttlSeconds: 600,
              kind: 'widget',
            })
          ).session.id,
        );
      }
      const warm = await Promise.all(ids.map((id) => until(b, id, (o) => o.state === 'awaiting_signup')));
      const codes = await Promise.all(ids.map(() => mintCode()));
      await admin('DELETE', '/requests');
      const submittedAt = new Map<string, { perf: number; wall: number }>();
      await Promise.all(
        warm.map((o, i) => {
          submittedAt.set(o.subprojectId!, { perf: performance.now(), wall: Date.now() });
          const my = ++seq;
          return b.engine.submitSignup(o.id, {
            code: codes[i]!,
            event: 'FINISH',
            wabaId: String(8_000_000 + my),
            phoneNumberId: String(9_000_000 + my),
            businessId: '7',
            region: REGIONS[i % 3]!,
          });
        }),
      );
      await Promise.all(ids.map((id) => until(b, id, (o) => o.state === 'completed')));
      const received = (await requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/whatsapp/senders'));
      for (const [sp, t] of submittedAt) {
        const sent = senderSentAt.get(sp);
        if (sent !== undefined) toSent.push(sent - t.perf);
        const r = received.find((x) => x.path.includes(`/projects/${sp}/`));
        if (r) toSandbox.push(Date.parse(r.at) - t.wall);
      }
    }
    console.log(
      `${label}3. submitSignup → create-sender with ${IN_FLIGHT} onboardings in flight (${toSent.length} samples): ` +
        `request sent by the engine p50 ${pct(toSent, 0.5).toFixed(2)} ms, p99 ${pct(toSent, 0.99).toFixed(2)} ms; ` +
        `received by the sandbox (ms clock) p50 ${pct(toSandbox, 0.5)} ms, p99 ${pct(toSandbox, 0.99)} ms`,
    );
    await b.close();
  }

}

await postgres?.stop();
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
