/**
 * `npm run bench:memory`: the developers' guide's budget "one BFF with 1,000 jobs in flight and 1,000 SSE
 * streams: RSS ≤ 150 MB". The BFF (server.ts → composeBff, SQLite file) runs as a child process
 * (memory-bff.child.ts) so its RSS is its own: VmRSS/VmHWM from /proc/<pid>/status, the heap from an IPC probe.
 * The Sinch sandbox runs in another process (sandbox-child.ts) with senders that take an hour to activate, so
 * every onboarding stays in its activation step (polling Sinch) while it is measured. The bench creates
 * BENCH_JOBS sessions (1,000), submits each one's signup, waits until every job is in flight, then opens one
 * `GET /v1/session/onboarding/events` stream per session (SSE_MAX_STREAMS_PER_IP is raised to BENCH_JOBS
 * for the run: all streams come from loopback) and waits for each one's first event. MB = 10^6 bytes.
 * The child runs with the Node flags of package.json's `start` (production's), then BENCH_BFF_NODE_FLAGS's.
 * BENCH_HEAP_SNAPSHOT=<file> writes a heap snapshot of the BFF at the end.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxEnv } from '../src/config.js';
import { startSandboxChild } from './sandbox-child.js';

/** The child's IPC protocol (memory-bff.child.mjs). */
type ProbeRequest = { type: 'probe'; gc: boolean } | { type: 'snapshot'; path: string } | { type: 'stop' };
type ProbeAnswer =
  | { type: 'ready'; url: string }
  | { type: 'probe'; memory: NodeJS.MemoryUsage; heapSpaces: Array<{ name: string; usedBytes: number; sizeBytes: number }> }
  | { type: 'snapshot'; path: string }
  | { type: 'stopped' };

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const BUDGET_MB = 150;
const API_KEY = 'bench-api-key-0123456789';
const HOUR_MS = 3_600_000;
/** The Node flags of the production start (package.json's `start`: `node <flags> dist/server.js`), which the child runs with too. */
const START = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
const startFlags = /^node ((?:--\S+ )*)dist\/server\.js$/.exec(START)?.[1];
if (startFlags === undefined) throw new Error(`package.json's start is not \`node [--flags] dist/server.js\`: ${START}`);
/** The child's Node flags: the production start's, then BENCH_BFF_NODE_FLAGS's (e.g. --max-semi-space-size=4, which wins). */
const NODE_FLAGS = [...startFlags.split(' '), ...(process.env.BENCH_BFF_NODE_FLAGS ?? '').split(' ')].filter(Boolean);

const { sb, child: sandbox } = await startSandboxChild({ subprojectReadyDelayMs: 0, senderActivationDelayMs: HOUR_MS });
const dir = mkdtempSync(join(tmpdir(), 'bff-memory-bench-'));
const bffEnv = {
  ...sandboxEnv(sb),
  PORT: '0',
  DATABASE_PATH: join(dir, 'bff.db'),
  BFF_API_KEYS: API_KEY,
  ALLOWED_ORIGINS: 'https://asp.example',
  LOG_LEVEL: 'error',
  META_APP_ID: '1234567890',
  META_CONFIG_ID: '987654321',
  WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
  SSE_MAX_STREAMS_PER_IP: String(JOBS),
  ACTIVATION_TIMEOUT_MS: String(2 * HOUR_MS),
};
const bffChild = fork(join(import.meta.dirname, 'memory-bff.child.mjs'), [JSON.stringify(bffEnv)], {
  execArgv: ['--expose-gc', ...NODE_FLAGS],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
process.on('exit', () => bffChild.kill('SIGKILL'));

const answers: Array<(m: ProbeAnswer) => void> = [];
bffChild.on('message', (m: ProbeAnswer) => answers.shift()?.(m));
const next = () => new Promise<ProbeAnswer>((resolve) => answers.push(resolve));
const ask = <T extends ProbeAnswer['type']>(m: ProbeRequest): Promise<Extract<ProbeAnswer, { type: T }>> => {
  const answer = next();
  bffChild.send(m);
  return answer as Promise<Extract<ProbeAnswer, { type: T }>>;
};
const ready = await Promise.race([
  next(),
  new Promise<never>((_, reject) => bffChild.once('exit', (code) => reject(new Error(`the BFF child exited (${code}) before it was ready`)))),
]);
if (ready.type !== 'ready') throw new Error(`the BFF child sent ${ready.type} before ready`);
const url = ready.url;

const procStatus = (key: 'VmRSS' | 'VmHWM') => {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${bffChild.pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${key} in /proc/${bffChild.pid}/status`);
  return Number(m[1]) * 1024;
};
/** The highest VmRSS sampled since the last reset (every 50 ms, besides VmHWM which the kernel keeps). */
let sampledPeak = 0;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, procStatus('VmRSS'))), 50);

interface Row {
  label: string;
  rss: number;
  heapUsed?: number;
  note?: string;
}
const rows: Row[] = [];
async function measure(label: string, gc: boolean) {
  const probe = await ask<'probe'>({ type: 'probe', gc });
  rows.push({ label, rss: procStatus('VmRSS'), heapUsed: probe.memory.heapUsed });
  return probe;
}

const json = { 'content-type': 'application/json' };
async function call(method: string, path: string, auth: string, body?: unknown, attempt = 1): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${url}${path}`, {
      method,
      headers: { ...(body ? json : {}), authorization: `Bearer ${auth}` },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    // On a loaded machine the server may close an idle keep-alive socket as a request goes out on it: that
    // request was never handled, so it is sent once more on a new connection (the calls used here are idempotent
    // or, for POST /v1/sessions, only make one more session).
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (!['UND_ERR_SOCKET', 'ECONNRESET'].includes(code ?? '') || attempt >= 3) throw e;
    return call(method, path, auth, body, attempt + 1);
  }
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
async function mintCode(attempt = 1): Promise<string> {
  try {
    const res = await fetch(`${sb.url}/_sandbox/meta/codes`, { method: 'POST' });
    return ((await res.json()) as { code: string }).code;
  } catch (e) {
    // The same closed keep-alive socket as in call(): a code not minted is minted again.
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (!['UND_ERR_SOCKET', 'ECONNRESET'].includes(code ?? '') || attempt >= 3) throw e;
    return mintCode(attempt + 1);
  }
}
async function inParallel(total: number, work: (i: number) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let mine = i++; mine < total; mine = i++) await work(mine);
  }));
}
type Job = { state: string; steps: Array<{ name: string; status: string }> };
const inActivation = (o: Job) => o.state === 'running' && o.steps.some((s) => s.name === 'activation' && (s.status === 'running' || s.status === 'waiting'));

const streams: ClientRequest[] = [];
try {
  console.log(`bench:memory — Node ${process.version} (${process.platform}/${process.arch}), BFF pid ${bffChild.pid} at ${url}, Sinch sandbox ${sb.url} (own process, senders activate after 1 h), ${JOBS} jobs, ${JOBS} SSE streams (SSE_MAX_STREAMS_PER_IP=${JOBS})${NODE_FLAGS.length ? `, BFF Node flags ${NODE_FLAGS.join(' ')}` : ''}`);
  // Idle: composed, listening, one request served (routes and JIT warmed a little), nothing in flight.
  await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
  await measure('idle (after a GC)', true);

  const tokens: string[] = [];
  await inParallel(JOBS, async (i) => {
    const s = await call('POST', '/v1/sessions', API_KEY, { customer: { reference: `mem-${i}`, displayName: `Memory ${i}` }, regions: { allowed: ['EU', 'US', 'BR'] } });
    tokens[i] = s.token as string;
    await call('POST', '/v1/session/onboarding', tokens[i]!, {
      code: await mintCode(), event: 'FINISH', wabaId: String(1_000_000 + i), phoneNumberId: String(2_000_000 + i), businessId: String(3_000_000 + i), region: (['EU', 'US', 'BR'] as const)[i % 3],
    });
  });
  // Every job in its activation step (the sender made, Sinch says IN_PROGRESS for an hour).
  const pending = new Set(tokens.keys());
  for (let round = 1; pending.size > 0; round++) {
    if (round > 300) throw new Error(`${pending.size} jobs did not reach the activation step after 300 rounds`);
    await inParallel(pending.size, async (k) => {
      const i = [...pending][k];
      if (i === undefined) return;
      const { onboarding } = (await call('GET', '/v1/session/onboarding', tokens[i]!)) as { onboarding: Job };
      if (['completed', 'failed', 'expired', 'abandoned'].includes(onboarding.state)) throw new Error(`job ${i} ended: ${JSON.stringify(onboarding)}`);
      if (inActivation(onboarding)) pending.delete(i);
    });
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 500));
  }
  const peakJobs = Math.max(sampledPeak, procStatus('VmRSS'));
  rows.push({ label: `${JOBS} jobs in flight (peak while submitting)`, rss: peakJobs });
  await measure(`${JOBS} jobs in flight`, false);
  await measure(`${JOBS} jobs in flight (after a GC)`, true);

  sampledPeak = 0;
  let open = 0;
  let allOpen!: () => void;
  const opened = new Promise<void>((r) => (allOpen = r));
  await inParallel(JOBS, (i) => new Promise<void>((resolve, reject) => {
    const req = request(`${url}/v1/session/onboarding/events`, { agent: false, headers: { authorization: `Bearer ${tokens[i]}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${i} → ${res.statusCode}`));
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (first && chunk.includes('event: onboarding')) {
          first = false;
          if (++open === JOBS) allOpen();
          resolve();
        }
      });
      res.on('end', () => first && reject(new Error(`stream ${i} ended before its first event`)));
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    req.end();
    streams.push(req);
  }));
  await opened;
  // Every stream open and every job still in flight.
  const { onboarding: sample } = (await call('GET', '/v1/session/onboarding', tokens[0]!)) as { onboarding: Job };
  if (!inActivation(sample)) throw new Error(`job 0 left its activation step: ${sample.state}`);
  rows.push({ label: `${JOBS} jobs + ${JOBS} streams (peak while opening)`, rss: Math.max(sampledPeak, procStatus('VmRSS')) });
  await measure(`${JOBS} jobs + ${JOBS} streams`, false);
  const settled = await measure(`${JOBS} jobs + ${JOBS} streams (settled, after a GC)`, true);
  rows.push({ label: 'highest RSS of the run (VmHWM)', rss: procStatus('VmHWM') });

  const mb = (b: number) => (b / 1e6).toFixed(1);
  console.log(`\n${'measure'.padEnd(52)} ${'RSS'.padStart(9)} ${'heap used'.padStart(10)}  budget ${BUDGET_MB} MB`);
  for (const r of rows) {
    const verdict = r.rss <= BUDGET_MB * 1e6 ? 'met' : `NOT MET (${mb(r.rss - BUDGET_MB * 1e6)} MB over)`;
    console.log(`${r.label.padEnd(52)} ${`${mb(r.rss)} MB`.padStart(9)} ${(r.heapUsed === undefined ? '' : `${mb(r.heapUsed)} MB`).padStart(10)}  ${verdict}`);
  }
  const m = settled.memory;
  console.log(`\nsettled breakdown: heap total ${mb(m.heapTotal)} MB (used ${mb(m.heapUsed)}), external ${mb(m.external)} MB (array buffers ${mb(m.arrayBuffers)}), rest of RSS (code, stacks, native: SQLite, OpenSSL, libuv) ${mb(m.rss - m.heapTotal - m.external)} MB`);
  console.log(`heap spaces, used / committed (MB): ${settled.heapSpaces.filter((s) => s.sizeBytes > 1e5).map((s) => `${s.name} ${mb(s.usedBytes)} / ${mb(s.sizeBytes)}`).join(', ')}`);
  const idle = rows[0]!;
  console.log(`per job + stream (settled − idle) / ${JOBS}: ${((m.rss - idle.rss) / JOBS / 1e3).toFixed(1)} kB RSS, ${((m.heapUsed - idle.heapUsed!) / JOBS / 1e3).toFixed(1)} kB heap`);
  if (process.env.BENCH_HEAP_SNAPSHOT) console.log(`heap snapshot: ${(await ask<'snapshot'>({ type: 'snapshot', path: process.env.BENCH_HEAP_SNAPSHOT })).path}`);
} finally {
  clearInterval(sampler);
  for (const s of streams) s.destroy();
  if (bffChild.connected) {
    await ask<'stopped'>({ type: 'stop' });
    await new Promise((r) => (bffChild.exitCode === null ? bffChild.once('exit', r) : r(undefined)));
  }
  sandbox.kill('SIGTERM');
  await new Promise((r) => (sandbox.exitCode === null ? sandbox.once('exit', r) : r(undefined)));
  rmSync(dir, { recursive: true, force: true });
}
