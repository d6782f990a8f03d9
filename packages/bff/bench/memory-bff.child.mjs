/**
 * The BFF of `bench:memory`, in its own process so that its RSS is its own: the production build on plain node
 * (dist/server.js's startServer → composeBff, what `npm run bff` runs; the bench builds it first), listening on
 * loopback, with a probe on the IPC channel. Plain JavaScript so that nothing but node loads it. Messages from
 * the bench (their types: memory.bench.ts): `{ type: 'probe', gc }` answers process.memoryUsage() and V8's heap
 * spaces (after two full GCs when `gc`; the child runs with --expose-gc), `{ type: 'snapshot', path }` writes a
 * heap snapshot, `{ type: 'stop' }` shuts the server down and exits. The BFF's environment is argv[2] (JSON);
 * rate limits are raised for the run.
 */
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { startServer } from '../dist/server.js';

const send = (m) => process.send(m);
const env = JSON.parse(process.argv[2]);
const running = await startServer(env, { http: { rateLimits: { perIp: 1e9, perSession: 1e9 } }, shutdownGraceMs: 0 });

process.on('message', (m) => {
  if (m.type === 'probe') {
    if (m.gc) for (let i = 0; i < 2; i++) globalThis.gc();
    send({
      type: 'probe',
      memory: process.memoryUsage(),
      heapSpaces: getHeapSpaceStatistics().map((s) => ({ name: s.space_name, usedBytes: s.space_used_size, sizeBytes: s.space_size })),
    });
  } else if (m.type === 'snapshot') {
    send({ type: 'snapshot', path: writeHeapSnapshot(m.path) });
  } else if (m.type === 'stop') {
    void running.stop().then(() => {
      send({ type: 'stopped' });
      process.disconnect();
    });
  }
});
// The bench gone (crashed or killed): nothing keeps this BFF alive.
process.on('disconnect', () => void running.stop().then(() => process.exit(0)));
send({ type: 'ready', url: running.url });
