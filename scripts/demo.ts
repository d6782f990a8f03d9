/**
 * Engine-only demo: the Sinch sandbox in-process (subprojects usable after ~1.5 s, senders ACTIVE after
 * ~2 s), a temp SQLite database and the onboarding engine in sandbox mode driving three onboardings
 * (US, EU, BR). Prints each step as it happens and a final table, then exits 0.
 * Run: `npx tsx scripts/demo.ts` (`npm start` runs the full demo site, scripts/demo-site).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSinchSandbox } from '@whatsapp-signup/sandbox';
import { composeBff, loadConfig, sandboxEnv, storageLabel, type Onboarding, type Region } from '@whatsapp-signup/bff';

const sandbox = await startSinchSandbox({ subprojectReadyDelayMs: 1500, senderActivationDelayMs: 2000 });
const dir = mkdtempSync(join(tmpdir(), 'wss-demo-'));
const config = loadConfig({
  ...sandboxEnv(sandbox),
  DATABASE_PATH: join(dir, 'bff.db'),
  WEBHOOK_TARGET: 'https://asp.example.com/sinch/events',
  // The demo prints its own lines; the BFF's log stays quiet.
  LOG_LEVEL: 'silent',
});
const { engine, start, close } = await composeBff(config, {
  timing: { readiness: { baseMs: 200, capMs: 500 }, activation: { baseMs: 300, capMs: 1000 } },
});

const t0 = Date.now();
const stamp = () => `+${((Date.now() - t0) / 1000).toFixed(2)}s`.padStart(8);
const seen = new Map<string, Map<string, string>>();
engine.onChange((o) => {
  const prev = seen.get(o.id) ?? new Map<string, string>();
  seen.set(o.id, prev);
  const who = o.customer.reference.replace('demo-', '').padEnd(3);
  if (prev.get('state') !== o.state) console.log(`${stamp()}  ${who} state ${o.state}`);
  prev.set('state', o.state);
  for (const s of o.steps) {
    if (prev.get(s.name) === s.status) continue;
    prev.set(s.name, s.status);
    if (s.status === 'pending') continue;
    const detail =
      s.status !== 'done'
        ? (s.note ?? '')
        : ({ warm_up: o.subprojectId, sender: o.senderId, app: o.appId, webhook: o.webhookId, activation: o.senderState } as const)[s.name] ?? '';
    console.log(`${stamp()}  ${who}   ${s.name.padEnd(10)} ${s.status.padEnd(7)} ${detail}`);
  }
  if (o.error) console.log(`${stamp()}  ${who}   error ${o.error.code}: ${o.error.message}`);
});
await start();

console.log(`Sinch sandbox on ${sandbox.url}; database ${storageLabel(config.storage)}\n`);

async function onboard(region: Region, n: number): Promise<Onboarding> {
  const { session } = await engine.createSession({
    customer: { reference: `demo-${region}`, displayName: `Demo customer ${region}`, labels: { plan: 'demo' } },
    regions: { allowed: [region] },
    ttlSeconds: 600,
    kind: 'widget',
  });
  // The customer takes a moment in Meta's popup; warm-up runs meanwhile.
  await new Promise((r) => setTimeout(r, 500 + n * 300));
  await engine.submitSignup(session.id, {
    code: sandbox.mintCode(),
    event: 'FINISH',
    wabaId: `10${n}000`,
    phoneNumberId: `20${n}000`,
    businessId: `30${n}000`,
    region,
  });
  return new Promise((resolve) => {
    const check = (o: Onboarding) => {
      if (o.id === session.id && (o.state === 'completed' || o.state === 'failed')) {
        off();
        resolve(o);
      }
    };
    const off = engine.onChange(check);
    void engine.getOnboarding(session.id).then((o) => o && check(o));
  });
}

const results = await Promise.all((['US', 'EU', 'BR'] as const).map((r, i) => onboard(r, i)));
console.log('');
console.table(
  results.map((o) => ({
    region: o.region,
    subproject: o.subprojectId,
    sender: o.senderId,
    app: o.appId,
    webhook: o.webhookId,
    state: o.state,
  })),
);
const snap = sandbox.inspect();
console.log(
  `sandbox holds ${snap.subprojects.length} subprojects, ${snap.senders.length} senders, ${snap.apps.length} apps, ` +
    `${snap.webhooks.length} webhooks after ${snap.requests.length} requests`,
);
await close();
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
process.exit(results.every((o) => o.state === 'completed') ? 0 : 1);
