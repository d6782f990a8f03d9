import { startSinchSandbox } from '@whatsapp-signup/sandbox';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSinchClients, defaultTransport } from '../src/clients/sinch/index.js';
import { loadConfig, sandboxEnv, sinchSettings, withSinchSandbox } from '../src/config.js';
import { SecretBox } from '../src/crypto/secret-box.js';
import { openDatabase } from '../src/data/database.js';
import { sqliteStorage } from '../src/data/storage.js';
import { sqliteCluster } from '../src/data/cluster.js';
import { OnboardingEngine } from '../src/domain/onboarding.engine.js';
import { createLogger } from '../src/logger.js';
import { FAST_RETRY, FAST_TIMING, sessionInput, signup } from '../test/fixtures/engine-harness.js';

const sb = await startSinchSandbox({ senderActivationDelayMs: 0, subprojectReadyDelayMs: 300 });
const dir = mkdtempSync(join(tmpdir(), 'two-'));
const config = withSinchSandbox(loadConfig({ ...sandboxEnv(sb), DATABASE_PATH: join(dir, 'x.db') }), sb);
const log = createLogger(process.env.LL ?? 'warn', process.stderr);
function mk(name: string) {
  const db = openDatabase(join(dir, 'x.db'));
  const storage = sqliteStorage(db);
  const sinch = createSinchClients(sinchSettings(config), { transport: defaultTransport, logger: log, retry: FAST_RETRY });
  const e = new OnboardingEngine({ settings: config.engine, repo: storage.onboarding, sinch, secretBox: new SecretBox(config.crypto.encryptionKey), logger: log.child({ inst: name }), timing: FAST_TIMING, leases: { repo: sqliteCluster(db).leases, ttlMs: 1000, owner: name } });
  return e;
}
const A = mk('A'), B = mk('B');
// B hears A's changes and vice versa (no feed on SQLite: wire by hand)
A.onChange((o) => void B.jobChanged(o.id));
B.onChange((o) => void A.jobChanged(o.id));
await A.start(); await B.start();
const ids: string[] = [];
for (let i = 0; i < 10; i++) ids.push((await A.createSession(sessionInput())).session.id);
// submit on B at once (A is warming up)
for (const id of ids) await B.submitSignup(id, signup(sb.mintCode()));
const t0 = Date.now();
for (;;) {
  const os = await Promise.all(ids.map((id) => B.getOnboarding(id)));
  const done = os.filter((o) => ['completed', 'failed'].includes(o!.state));
  if (done.length === ids.length) { console.log(os.map((o) => `${o!.state}${o!.error ? ':' + o!.error.code : ''}`).join(' ')); break; }
  if (Date.now() - t0 > 60000) { console.log('timeout', os.map((o) => o!.state)); break; }
  await new Promise((r) => setTimeout(r, 100));
}
const snap = sb.inspect();
for (const id of ids) {
  const sps = snap.subprojects.filter((s) => s.labels['wss-session'] === id);
  const sp = sps[0]?.subprojectId;
  const c = [sps.length, snap.senders.filter((s) => s.projectId === sp).length, snap.apps.filter((a) => a.projectId === sp).length, snap.webhooks.filter((w) => w.projectId === sp).length];
  if (c.join() !== '1,1,1,1') console.log('DUP', id, c);
}
console.log('took', Date.now() - t0);
await A.stop(); await B.stop(); await sb.close();
