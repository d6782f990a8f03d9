/**
 * Two instances against one: onboardings per second of one BFF instance, then of two instances on the same
 * PostgreSQL database, each a child process of `src/server.ts` (what `npm run bff` runs), behind a round-robin
 * "load balancer" (this process sends each request to the next instance in turn: creating the session,
 * submitting the signup and the progress stream may each land on a different instance). The Sinch sandbox runs in
 * a process of its own at 0 ms latency; PostgreSQL is the tests' server (TEST_DATABASE_URL, or one started here).
 * Prints both figures, their ratio beside the budget (≥ 1.8×), and the CPU each process used, which says what
 * limits the ratio on this machine.
 * `npm run bench:cluster` (root) or `npm run bench:cluster -w @whatsapp-signup/bff`.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { sandboxEnv } from '../src/config.js';
import type { Onboarding, Region } from '../src/domain/onboarding.types.js';
import { BffInstance, freePort, openStream } from '../test/fixtures/bff-instances.js';
import { startPostgresServer } from '../test/fixtures/postgres-server.js';
import { startSandboxChild } from './sandbox-child.js';

const TOTAL = Number(process.env.BENCH_ONBOARDINGS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const BUDGET = 1.8;

// The Sinch sandbox in a process of its own (its CPU is reported apart from the instances').
const { sb, child: sandboxChild } = await startSandboxChild({ subprojectReadyDelayMs: 0, senderActivationDelayMs: 0 });

const pgServer = await startPostgresServer();
const API_KEY = `bench-${randomBytes(8).toString('hex')}`;
const baseEnv = {
  ...sandboxEnv(sb),
  BFF_API_KEYS: API_KEY,
  SESSION_SECRET: randomBytes(32).toString('hex'),
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
  LOG_LEVEL: 'warn',
};

/** CPU seconds (user + system) a process used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of every PostgreSQL server process (postmaster and backends) so far. */
function postgresCpu(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += cpuSeconds(Number(pid));
    } catch {
      /* gone */
    }
  }
  return sum;
}

let waba = 700_000;
const REGIONS: Region[] = ['US', 'EU', 'BR'];

async function run(instances: number): Promise<{ perSecond: number; secs: number; cpu: Record<string, number> }> {
  const env = { ...baseEnv, DATABASE_URL: await pgServer.createDatabase() };
  const bffs = await Promise.all(Array.from({ length: instances }, async (_, i) => new BffInstance(String.fromCharCode(65 + i), await freePort(), env)));
  await Promise.all(bffs.map((b) => b.start()));
  let turn = 0;
  const next = () => bffs[turn++ % bffs.length]!;
  // The customer's popup, played by the sandbox's admin route.
  const mintCode = async () => ((await (await fetch(`${sb.url}/_sandbox/meta/codes`, { method: 'POST' })).json()) as { code: string }).code;
  const one = async (i: number) => {
    // Each customer from an address of its own (127.0.x.y), as through a load balancer: the per-IP limits hold per customer.
    const from = `127.0.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
    const created = await next().api<{ id: string; token: string }>('POST', '/v1/sessions', { token: API_KEY, from, body: { customer: { reference: `b${i}`, displayName: 'Bench' } } });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const { token } = created.body;
    const stream = await openStream(next().url, token, from);
    const n = ++waba;
    const body = { code: await mintCode(), event: 'FINISH', wabaId: String(n), phoneNumberId: String(n + 5_000_000), businessId: '1', region: REGIONS[i % 3] };
    const sent = await next().api('POST', '/v1/session/onboarding', { token, body, from });
    if (sent.status !== 202) throw new Error(`submit: ${sent.status} ${JSON.stringify(sent.body)}`);
    await stream.ended;
    const last: Onboarding | undefined = stream.events.at(-1);
    if (last?.state !== 'completed') throw new Error(`onboarding ended ${last?.state}: ${JSON.stringify(last?.error)}`);
  };
  const pids = () => ({ ...Object.fromEntries(bffs.map((b) => [`BFF ${b.name}`, b.pid])), sandbox: sandboxChild.pid!, bench: process.pid });
  const before = Object.fromEntries(Object.entries(pids()).map(([k, p]) => [k, cpuSeconds(p!)]));
  const pgBefore = pgServer.local ? postgresCpu() : 0;
  try {
    const t0 = performance.now();
    let started = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (started < TOTAL) await one(started++);
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const cpu = Object.fromEntries(Object.entries(pids()).map(([k, p]) => [k, cpuSeconds(p!) - before[k]!]));
    if (pgServer.local) cpu.PostgreSQL = postgresCpu() - pgBefore;
    return { perSecond: TOTAL / secs, secs, cpu };
  } finally {
    await Promise.all(bffs.map((b) => b.stop()));
  }
}

try {
  console.log(`${TOTAL} onboardings, ${CONCURRENCY} at a time, ${availableParallelism()} cores; PostgreSQL ${pgServer.local ? 'started here' : 'from TEST_DATABASE_URL'}`);
  const results: Array<Awaited<ReturnType<typeof run>>> = [];
  for (const n of [1, 2]) {
    const r = await run(n);
    results.push(r);
    const cpu = Object.entries(r.cpu)
      .map(([k, s]) => `${k} ${((s / r.secs) * 100).toFixed(0)} %`)
      .join(', ');
    console.log(
      `${n} instance${n > 1 ? 's' : ''}: ${r.perSecond.toFixed(1)} onboardings/s (${r.secs.toFixed(2)} s); CPU of one core: ${cpu}; machine load ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const ratio = results[1]!.perSecond / results[0]!.perSecond;
  console.log(`two instances ÷ one: ${ratio.toFixed(2)}× (budget ≥ ${BUDGET}×) ${ratio >= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
} finally {
  await pgServer.stop();
  sandboxChild.kill('SIGTERM');
}
