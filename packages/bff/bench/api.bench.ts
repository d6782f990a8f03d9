/**
 * `npm run bench:api`: requests/s and latency percentiles of GET /v1/session and
 * POST /v1/session/onboarding on a real listening BFF (server.ts) against the Sinch sandbox, over loopback.
 * Closed loop: CONCURRENCY workers each send their next request when the previous one answered.
 * Rate limits are raised for the run (they would otherwise be what is measured).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSinchSandbox } from '@whatsapp-signup/sandbox';
import { sandboxEnv } from '../src/config.js';
import { startServer } from '../src/server.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const GET_REQUESTS = Number(process.env.BENCH_GET_REQUESTS ?? 20_000);
const POST_REQUESTS = Number(process.env.BENCH_POST_REQUESTS ?? 2_000);
const API_KEY = 'bench-api-key-0123456789';

interface Result {
  name: string;
  requests: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `total` requests with `concurrency` workers; `make(i)` sends request i and returns its status. */
async function run(name: string, total: number, make: (i: number) => Promise<number>): Promise<Result> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        const status = await make(i);
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return { name, requests: total, seconds: (performance.now() - started) / 1000, latencies, statuses };
}

function print(r: Result) {
  const s = [...r.latencies].sort((a, b) => a - b);
  const st = [...r.statuses].map(([k, v]) => `${k}×${v}`).join(' ');
  console.log(
    `${r.name.padEnd(30)} ${String(Math.round(r.requests / r.seconds)).padStart(7)} req/s   p50 ${pct(s, 50).toFixed(2)} ms   p99 ${pct(s, 99).toFixed(2)} ms   max ${s.at(-1)!.toFixed(2)} ms   (${r.requests} requests, ${st})`,
  );
}

const sandbox = await startSinchSandbox({ subprojectReadyDelayMs: 0, senderActivationDelayMs: 0 });
const dir = mkdtempSync(join(tmpdir(), 'bff-bench-'));
const bff = await startServer(
  {
    ...sandboxEnv(sandbox),
    PORT: '0',
    DATABASE_PATH: join(dir, 'bff.db'),
    BFF_API_KEYS: API_KEY,
    ALLOWED_ORIGINS: 'https://asp.example',
    LOG_LEVEL: 'warn',
    META_APP_ID: '1234567890',
    META_CONFIG_ID: '987654321',
  },
  { http: { rateLimits: { perIp: 1e9, perSession: 1e9 } } },
);

const json = { 'content-type': 'application/json' };
async function createSession(): Promise<{ id: string; token: string }> {
  const res = await fetch(`${bff.url}/v1/sessions`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ customer: { reference: 'bench', displayName: 'Bench Co' }, regions: { allowed: ['EU', 'US'] } }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/sessions → ${res.status}`);
  return (await res.json()) as { id: string; token: string };
}

try {
  console.log(`bench:api — BFF ${bff.url}, Sinch sandbox ${sandbox.url}, ${CONCURRENCY} concurrent clients, Node ${process.version}`);
  const one = await createSession();
  const auth = { authorization: `Bearer ${one.token}` };
  // Warm-up (JIT, connections).
  await run('warm-up', 500, async () => (await fetch(`${bff.url}/v1/session`, { headers: auth })).status);
  print(await run('GET /v1/session', GET_REQUESTS, async () => {
    const res = await fetch(`${bff.url}/v1/session`, { headers: auth });
    await res.arrayBuffer();
    return res.status;
  }));

  // One fresh session per POST: the first submission is the real path (persist, then create-sender in
  // the background). Sessions are created before the timed part.
  const sessions: Array<{ token: string; code: string }> = [];
  for (let i = 0; i < POST_REQUESTS; i++) sessions.push({ token: (await createSession()).token, code: '' });
  for (const s of sessions) s.code = sandbox.mintCode();
  /** Posts session i's signup (the same ids every time, so a second pass is the idempotent repeat). */
  const submit = async (i: number) => {
    const s = sessions[i]!;
    const res = await fetch(`${bff.url}/v1/session/onboarding`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${s.token}` },
      body: JSON.stringify({ code: s.code, event: 'FINISH', wabaId: String(1_000_000 + i), phoneNumberId: String(2_000_000 + i), businessId: '3000', region: 'EU' }),
    });
    await res.arrayBuffer();
    return res.status;
  };
  print(await run('POST /v1/session/onboarding', POST_REQUESTS, submit));
  // The idempotent repeat (same ids again → same job).
  print(await run('POST /v1/session/onboarding (repeat)', POST_REQUESTS, submit));
} finally {
  await bff.stop();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
