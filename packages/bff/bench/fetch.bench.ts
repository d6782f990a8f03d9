/**
 * Node's built-in fetch (undici, keep-alive by default) vs node-fetch with a keep-alive http.Agent,
 * both through the real SinchHttp client against the Sinch sandbox on loopback. The sandbox runs in its
 * own process (its CLI) so the server's work does not share the event loop with the client being measured.
 * `npm run bench:fetch -w @whatsapp-signup/bff`
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { builtinFetchTransport, createSinchClients, nodeFetchTransport, type Transport } from '../src/clients/sinch/index.js';
import { loadConfig, sinchSettings } from '../src/config.js';

const sandboxDir = dirname(createRequire(import.meta.url).resolve('@whatsapp-signup/sandbox'));
const child = spawn(process.execPath, ['--import', 'tsx', join(sandboxDir, 'cli.ts')], {
  env: { ...process.env, SANDBOX_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const env: Record<string, string> = {};
for await (const line of createInterface({ input: child.stdout })) {
  const m = /^\s*(SINCH_[A-Z_]+)=(\S+)/.exec(line);
  if (m) env[m[1]!] = m[2]!;
  if (env.SINCH_KEY_SECRET) break;
}
const config = sinchSettings(loadConfig({ ...env, SANDBOX: '1' }));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);

async function run(name: string, transport: Transport, concurrency: number, kind: 'GET' | 'POST') {
  const c = createSinchClients(config, { transport });
  const call = () =>
    kind === 'GET' ? c.subprojects.get(first) : c.subprojects.create({ displayName: 'bench', labels: { bench: name } });
  for (let i = 0; i < 200; i++) await call(); // warm-up: connections, JIT
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < REQUESTS) {
        const s = performance.now();
        await call();
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(2);
  return { transport: name, kind, concurrency, reqPerSec: Math.round(lat.length / secs), p50ms: pct(0.5), p99ms: pct(0.99) };
}

const first = (await createSinchClients(config).subprojects.create({ displayName: 'bench-get' })).subprojectId;
const rows: Array<Awaited<ReturnType<typeof run>>> = [];
for (const kind of ['GET', 'POST'] as const) {
  for (const concurrency of [1, 16]) {
    // Alternate order so neither transport always runs on a warmer process.
    for (let round = 0; round < 3; round++) {
      const pair: Array<[string, Transport]> = [
        ['builtin fetch', builtinFetchTransport],
        ['node-fetch+agent', nodeFetchTransport()],
      ];
      if (round % 2 === 1) pair.reverse();
      for (const [name, t] of pair) rows.push(await run(name, t, concurrency, kind));
    }
  }
}
child.kill('SIGTERM');

console.log(`fetch transports through SinchHttp against the sandbox (${REQUESTS} requests per row, Node ${process.version})`);
console.table(rows);
const total = (name: string) => rows.filter((r) => r.transport === name).reduce((s, r) => s + r.reqPerSec, 0);
const b = total('builtin fetch');
const n = total('node-fetch+agent');
console.log(`sum of req/s: builtin fetch ${b}, node-fetch+agent ${n} -> faster: ${b >= n ? 'builtin fetch' : 'node-fetch+agent'}`);
