/**
 * Faults bench (issue 10): onboardings through the real composition (composeBff) against the Sinch sandbox
 * on loopback (its own process, so its work does not share the engine's event loop), with faults on every
 * Sinch route: 20 % 429/5xx, 2 % hangs (no answer until the client gives up), 1 % lost responses (the
 * side effect happens, the answer is dropped). Timeouts, backoff and retry horizons are scaled down by
 * SCALE so the run takes minutes, not hours. Prints the share completed, the duplicates found in the
 * sandbox (subprojects, senders, apps, webhooks per onboarding), p50/p99 completion time and the longest
 * silence of a job towards Sinch, each beside its goal.
 *
 * `npm run bench:faults` (root). Knobs (environment): BENCH_ONBOARDINGS (1000), BENCH_CONCURRENCY (50),
 * BENCH_SEED (1), BENCH_TIMEOUT_MS (1000, the scaled SINCH_TIMEOUT_MS).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTransport, type Transport } from '../src/clients/sinch/http.js';
import { loadConfig, sandboxEnv } from '../src/config.js';
import { composeBff } from '../src/compose.js';
import type { Onboarding, Region } from '../src/domain/onboarding.types.js';
import { SESSION_LABEL } from '../src/domain/steps/step-context.js';
import { startSandboxChild } from './sandbox-child.js';

const TOTAL = Number(process.env.BENCH_ONBOARDINGS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SEED = Number(process.env.BENCH_SEED ?? 1);
/** The production defaults divided by this (timeouts, backoff, horizons). */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 1000);
const SCALE = Number(process.env.BENCH_SCALE ?? 10_000 / TIMEOUT_MS);
const FAULTS = { rate429: 0.1, rate5xx: 0.1, rateHang: 0.02, rateLostResponse: 0.01, retryAfterSeconds: 0, ...JSON.parse(process.env.BENCH_FAULTS ?? '{}') };

const { sb, child } = await startSandboxChild({ subprojectReadyDelayMs: 100, senderActivationDelayMs: 100 });

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sb.url}/_sandbox${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 400) throw new Error(`sandbox admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
};

/**
 * Which onboarding a Sinch call belongs to: the bench runs each onboarding's commands inside its own async
 * context, and the engine's run of that job starts from them (kick), so the transport sees the job's tag.
 */
interface Tag {
  id?: string;
  calls: number[];
  inFlight: Set<string>;
  last?: string[];
}
const jobOf = new AsyncLocalStorage<Tag>();
const transport: Transport = (url, init) => {
  const tag = jobOf.getStore();
  if (!tag) return defaultTransport(url, init);
  const at = performance.now();
  tag.calls.push(at);
  const what = `${init.method} ${new URL(url).pathname} @${at.toFixed(0)}`;
  tag.inFlight.add(what);
  return defaultTransport(url, init)
    .then(
      (r) => {
        tag.last = [...(tag.last ?? []).slice(-5), `${init.method} ${new URL(url).pathname} ${r.status}`];
        return r;
      },
      (e: unknown) => {
        tag.last = [...(tag.last ?? []).slice(-5), `${init.method} ${new URL(url).pathname} ${String(e)}`];
        throw e;
      },
    )
    .finally(() => tag.inFlight.delete(what));
};
/** Onboardings under way (for the stall report). */
const running = new Set<Tag>();

const dir = mkdtempSync(join(tmpdir(), 'bff-faults-bench-'));
const ms = (production: number) => String(Math.max(1, Math.round(production / SCALE)));
const config = loadConfig({
  ...sandboxEnv(sb),
  DATABASE_PATH: join(dir, 'bench.db'),
  WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
  LOG_LEVEL: 'silent',
  SINCH_TIMEOUT_MS: String(TIMEOUT_MS),
  WARM_UP_RETRY_HORIZON_MS: ms(15 * 60_000),
  APP_RETRY_HORIZON_MS: ms(60 * 60_000),
  WEBHOOK_RETRY_HORIZON_MS: ms(60 * 60_000),
  SUBPROJECT_READY_TIMEOUT_MS: ms(120_000),
  ACTIVATION_TIMEOUT_MS: ms(1_800_000),
});
const scaled = (p: { baseMs: number; capMs: number }) => ({ baseMs: Math.max(1, Math.round(p.baseMs / SCALE)), capMs: Math.max(1, Math.round(p.capMs / SCALE)) });
const bff = await composeBff(config, {
  transport,
  retry: scaled({ baseMs: 200, capMs: 10_000 }),
  timing: {
    readiness: scaled({ baseMs: 250, capMs: 2_000 }),
    activation: scaled({ baseMs: 1_000, capMs: 30_000 }),
    stepRetry: scaled({ baseMs: 500, capMs: 10_000 }),
  },
});
await bff.start();

function until(id: string, pred: (o: Onboarding) => boolean): Promise<Onboarding> {
  return new Promise((resolve) => {
    const off = bff.engine.onChange((o) => {
      if (o.id === id && pred(o)) {
        off();
        resolve(o);
      }
    });
    void bff.engine.getOnboarding(id).then((o) => {
      if (o && pred(o)) {
        off();
        resolve(o);
      }
    });
  });
}

const terminal = (o: Onboarding) => o.state === 'completed' || o.state === 'failed';
const REGIONS: Region[] = ['US', 'EU', 'BR'];

interface Result {
  id: string;
  state: string;
  error?: string;
  ms: number;
  /** Longest time between two Sinch calls of this job (or the job's start and its first call). */
  silenceMs: number;
  /** For a job that did not complete: what it went through. */
  detail?: string;
}

let seq = 0;
async function onboard(): Promise<Result> {
  const my = ++seq;
  const tag: Tag = { calls: [], inFlight: new Set() };
  running.add(tag);
  return jobOf.run(tag, async () => {
    const t0 = performance.now();
    tag.calls.push(t0);
    const { session } = await bff.engine.createSession({
      customer: { reference: `faults-${my}`, displayName: `Faults ${my}` },
      regions: { allowed: ['US', 'EU', 'BR'] },
      ttlSeconds: 3600,
      kind: 'widget',
    });
    tag.id = session.id;
    const warm = await until(session.id, (o) => o.state !== 'warming_up');
    let done = warm;
    let submittedAt = NaN;
    if (warm.state === 'awaiting_signup') {
      const code = (await admin('POST', '/meta/codes'))!.code as string;
      await bff.engine.submitSignup(session.id, {
        code,
        event: 'FINISH',
        wabaId: String(1_000_000 + my),
        phoneNumberId: String(2_000_000 + my),
        businessId: String(3_000_000 + my),
        region: REGIONS[my % 3]!,
      });
      submittedAt = performance.now();
      done = await until(session.id, terminal);
    }
    const end = performance.now();
    running.delete(tag);
    const calls = [...tag.calls, end].sort((a, b) => a - b);
    let silenceMs = 0;
    for (let i = 1; i < calls.length; i++) silenceMs = Math.max(silenceMs, calls[i]! - calls[i - 1]!);
    return {
      id: session.id,
      state: done.state,
      ...(done.error ? { error: `${done.error.step}:${done.error.code}` } : {}),
      ms: end - t0,
      silenceMs,
      ...(done.state === 'completed'
        ? {}
        : {
            detail:
              `${done.error?.message ?? ''}; submit → end ${((end - submittedAt) / 1000).toFixed(1)} s; ` +
              `${done.steps.map((x) => `${x.name}×${x.attempts}`).join(' ')}; last calls ${JSON.stringify(tag.last)}`,
          }),
    };
  });
}

// Every Sinch API (the sandbox's Meta Graph is not Sinch and this bench does not use it).
for (const api of ['auth', 'subproject', 'provisioning', 'conversation']) await admin('POST', '/faults', { api, ...FAULTS });
await admin('POST', '/faults/seed', { seed: SEED });
console.log(
  `faults bench: ${TOTAL} onboardings, ${CONCURRENCY} at a time; on every Sinch route ${FAULTS.rate429 * 100} % 429 + ${FAULTS.rate5xx * 100} % 5xx, ` +
    `${FAULTS.rateHang * 100} % hangs, ${FAULTS.rateLostResponse * 100} % lost responses (seed ${SEED}); SINCH_TIMEOUT_MS=${TIMEOUT_MS}, ` +
    `backoff and horizons ÷${SCALE}`,
);
const results: Result[] = [];
const t0 = performance.now();
/**
 * A job silent towards Sinch this long is stalled: far beyond the engine's own rhythm (scaled: activation
 * polls ≤ 3 s, step retries ≤ 1 s, one call ≤ SINCH_TIMEOUT_MS with ≤ 3 retries). Before the timeout fix,
 * hung calls stayed open for the rest of the run.
 */
const STALL_MS = 20 * TIMEOUT_MS + 2000;
/** Reports jobs silent towards Sinch far longer than the engine's rhythm allows (what the issue calls a stall). */
const watchdog = setInterval(() => {
  const now = performance.now();
  if (process.env.BENCH_DEBUG) {
    const oldest = [...running].sort((a, b) => (a.calls.at(-1) ?? 0) - (b.calls.at(-1) ?? 0))[0];
    console.log(`  [debug] running ${running.size}, done ${results.length}; quietest: ${oldest?.id} last call ${((now - (oldest?.calls.at(-1) ?? now)) / 1000).toFixed(1)} s ago, in flight ${JSON.stringify([...(oldest?.inFlight ?? [])])} last ${JSON.stringify(oldest?.last)}`);
  }
  for (const tag of running) {
    const last = tag.calls.at(-1) ?? now;
    if (now - last < STALL_MS) continue;
    void bff.engine.getOnboarding(tag.id ?? '').then((o) =>
      console.log(
        `  stalled ${((now - last) / 1000).toFixed(1)} s: ${tag.id} ${o?.state} ${JSON.stringify(o?.steps.map((x) => `${x.name}:${x.status}:${x.attempts}`))} ` +
          `in flight ${JSON.stringify([...tag.inFlight])} now @${now.toFixed(0)}`,
      ),
    );
  }
}, 5000);
watchdog.unref();
let next = 0;
let progress = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < TOTAL) {
      next++;
      results.push(await onboard());
      if (results.length >= progress + TOTAL / 10) {
        progress = results.length;
        console.log(`  … ${results.length}/${TOTAL} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
  }),
);
const wallS = (performance.now() - t0) / 1000;
await admin('DELETE', '/faults');
await bff.engine.idle();

// Duplicates: every resource beyond the first of its kind per onboarding (the sandbox's own records).
const snap = (await admin('GET', '/inspect')) as {
  subprojects: Array<{ subprojectId: string; labels: Record<string, string> }>;
  senders: Array<{ projectId: string }>;
  apps: Array<{ projectId: string }>;
  webhooks: Array<{ projectId: string }>;
  requests: Array<{ at: string; api: string; method: string; path: string; status: number; fault?: string }>;
};
const byJob = new Map<string, string[]>();
for (const s of snap.subprojects) {
  const id = s.labels[SESSION_LABEL];
  if (id) byJob.set(id, [...(byJob.get(id) ?? []), s.subprojectId]);
}
const count = (xs: Array<{ projectId: string }>) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x.projectId, (m.get(x.projectId) ?? 0) + 1);
  return m;
};
const senders = count(snap.senders);
const apps = count(snap.apps);
const webhooks = count(snap.webhooks);
const dup = { subprojects: 0, senders: 0, apps: 0, webhooks: 0 };
const dupJobs: string[] = [];
for (const r of results) {
  const sps = byJob.get(r.id) ?? [];
  const per = (m: Map<string, number>) => sps.reduce((n, sp) => n + (m.get(sp) ?? 0), 0);
  const extra = { subprojects: Math.max(0, sps.length - 1), senders: Math.max(0, per(senders) - 1), apps: Math.max(0, per(apps) - 1), webhooks: Math.max(0, per(webhooks) - 1) };
  for (const k of Object.keys(dup) as Array<keyof typeof dup>) dup[k] += extra[k];
  if (Object.values(extra).some((n) => n > 0)) {
    // The creating calls behind it, as the sandbox logged them.
    const creates = snap.requests.filter((q) => q.method === 'POST' && (sps.some((sp) => q.path.includes(sp)) || (extra.subprojects > 0 && q.api === 'subproject')));
    dupJobs.push(`${r.id} ${JSON.stringify(extra)}: ${creates.filter((q) => sps.some((sp) => q.path.includes(sp))).map((q) => `${q.at.slice(11)} ${q.path.replace(/.*\//, '')} ${q.status}${q.fault ? ` ${q.fault}` : ''}`).join(', ')}`);
  }
}
const faults = new Map<string, number>();
for (const q of snap.requests) if (q.fault) faults.set(q.fault, (faults.get(q.fault) ?? 0) + 1);

const completed = results.filter((r) => r.state === 'completed');
const failures = new Map<string, number>();
for (const r of results) if (r.state !== 'completed') failures.set(r.error ?? r.state, (failures.get(r.error ?? r.state) ?? 0) + 1);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const times = completed.map((r) => r.ms);
const silences = results.map((r) => r.silenceMs);
const totalDup = dup.subprojects + dup.senders + dup.apps + dup.webhooks;
const check = (ok: boolean) => (ok ? 'met' : 'NOT met');

console.log(`Sinch requests: ${snap.requests.length} (faults injected: ${[...faults].map(([k, v]) => `${k} ${v}`).join(', ')}); wall time ${wallS.toFixed(1)} s`);
console.log(`completed: ${((100 * completed.length) / results.length).toFixed(1)} % (${completed.length}/${results.length}) — goal 100 % → ${check(completed.length === results.length)}`);
if (failures.size > 0) console.log(`  not completed: ${[...failures].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
for (const r of results.filter((x) => x.detail).slice(0, 5)) console.log(`    ${r.id}: ${r.error} — ${r.detail}`);
console.log(
  `duplicates: ${totalDup} (subprojects ${dup.subprojects}, senders ${dup.senders}, apps ${dup.apps}, webhooks ${dup.webhooks}) — goal 0 → ${check(totalDup === 0)}`,
);
for (const d of dupJobs.slice(0, 5)) console.log(`    ${d}`);
console.log(`completion time (createSession → completed): p50 ${(pct(times, 0.5) / 1000).toFixed(2)} s, p99 ${(pct(times, 0.99) / 1000).toFixed(2)} s`);
console.log(
  `longest silence of a job towards Sinch: p99 ${pct(silences, 0.99).toFixed(0)} ms, max ${Math.max(...silences).toFixed(0)} ms — ` +
    `goal: no stall (a silence ≥ ${STALL_MS} ms, reported while it runs) → ${check(Math.max(...silences) < STALL_MS)}`,
);

await bff.close();
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
