/**
 * The real BFF (startServer: the same composition as `npm run bff`) on the Sinch + Meta sandbox over loopback,
 * with an operator account and an ASP callback receiver that fails until told otherwise, seeded through the
 * public API the way browsers and the ASP's server would: sessions created, the element's funnel milestones
 * reported, signups submitted with codes minted by the Meta sandbox. The result: completed onboardings, one
 * failed on a Sinch fault (retryable), one whose sender Sinch rejected, customers who cancelled in Meta's
 * dialog or whose popup was blocked, a hosted link not opened yet, and failing callbacks.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSinchSandbox, type SinchSandbox } from '@whatsapp-signup/sandbox';
import { sandboxEnv } from '../../bff/src/config.js';
import { hashPassword } from '../../bff/src/console/passwords.js';
import { startServer, type RunningServer } from '../../bff/src/server.js';
import { SecretScan, configSecrets, sandboxSecrets, staticSecrets } from '../../bff/test/fixtures/secret-scan.js';

export const OPERATOR = { name: 'ada', password: `pw-${randomBytes(9).toString('base64url')}` };
const API_KEY = `console-test-${randomBytes(12).toString('hex')}`;
const NOTIFY_SECRET = randomBytes(24).toString('base64url');

type Milestone = 'loaded' | 'start' | 'popup_blocked' | 'cancelled' | 'finished';

export interface Seeded {
  /** Onboarding ids by what happened to them. */
  completed: string[];
  retryable: string;
  rejected: string;
  cancelled: string;
  popupBlocked: string;
  linked: string;
  /** Sessions created in all. */
  created: number;
}

export interface SeededBff {
  url: string;
  sandbox: SinchSandbox;
  bff: RunningServer;
  seeded: Seeded;
  /** What the ASP's callback receiver answers from now on. */
  callbacksAnswer(status: number): void;
  api<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  /** Polls the onboarding (bounded) until `done` holds; fails saying what it last saw. */
  waitOnboarding(id: string, done: (o: any) => boolean): Promise<any>;
  close(): Promise<void>;
}

export async function startSeededBff(): Promise<SeededBff> {
  const dir = mkdtempSync(join(tmpdir(), 'console-bff-'));
  const sandbox = await startSinchSandbox({ subprojectReadyDelayMs: 0, senderActivationDelayMs: 0 });
  let answer = 503;
  let received = 0;
  const receiver: Server = createServer((req, res) => {
    received += 1;
    req.resume();
    req.on('end', () => res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 400 ? 'ASP server down for maintenance' : 'ok'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks`;
  // The lowest scrypt cost passwords.ts accepts: a test signs in often.
  const hash = await hashPassword(OPERATOR.password, { N: 1024, r: 8, p: 1 });
  const scan = new SecretScan(sandboxSecrets(sandbox), staticSecrets({ 'API key': API_KEY, NOTIFY_SECRET, 'operator password': OPERATOR.password }));
  const bff = await startServer(
    {
      ...sandboxEnv(sandbox),
      PORT: '0',
      DATABASE_PATH: join(dir, 'bff.db'),
      BFF_API_KEYS: API_KEY,
      META_APP_ID: '1234567890123456',
      META_CONFIG_ID: '987654321098765',
      OPERATOR_ACCOUNTS: `${OPERATOR.name}:${hash}`,
      // A lasting Sinch fault at the app step fails the job at once instead of after an hour.
      APP_RETRY_HORIZON_MS: '300',
      NOTIFY_URL: receiverUrl,
      NOTIFY_SECRET,
      LOG_LEVEL: 'debug',
    },
    { sandbox, shutdownGraceMs: 10, logDestination: scan.destination() },
  );
  scan.addSecrets(configSecrets(bff.config));

  async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${bff.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token ?? API_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    scan.add(`response to ${method} ${path.split('?')[0]}`, text);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async function waitOnboarding(id: string, done: (o: any) => boolean): Promise<any> {
    let last: any;
    for (let i = 0; i < 400; i++) {
      last = (await api<{ onboarding: any }>('GET', `/v1/onboardings/${id}`)).body.onboarding;
      if (done(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`onboarding ${id} did not get there; last seen: ${JSON.stringify({ state: last?.state, error: last?.error })}`);
  }

  let n = 0;
  async function session(displayName: string, reference: string): Promise<{ id: string; token: string }> {
    n += 1;
    const { body } = await api<{ id: string; token: string }>('POST', '/v1/sessions', {
      customer: { reference, displayName },
      regions: { allowed: ['EU', 'US', 'BR'], default: 'EU' },
      featureType: '',
    });
    return body;
  }
  const report = async (token: string, ...milestones: Milestone[]) => {
    for (const milestone of milestones) {
      await api('POST', '/v1/session/events', { milestone, ...(milestone === 'cancelled' ? { currentStep: 'WABA_PHONE_PROFILE_PICKER' } : {}) }, token);
    }
  };
  let ids = 0;
  async function signup(s: { id: string; token: string }, region: 'EU' | 'US' | 'BR', plan?: Record<string, unknown>): Promise<void> {
    ids += 1;
    const wabaId = `71000${ids}`;
    const phoneNumberId = `72000${ids}`;
    await waitOnboarding(s.id, (o) => o.state === 'awaiting_signup');
    await report(s.token, 'loaded', 'start', 'finished');
    if (plan) sandbox.planSender(phoneNumberId, plan as never);
    const code = sandbox.mintCode();
    await api('POST', '/v1/session/onboarding', { code, event: 'FINISH', wabaId, phoneNumberId, region }, s.token);
  }
  const terminal = (o: any) => ['completed', 'failed'].includes(o.state);

  const completed: string[] = [];
  for (const [name, ref, region] of [
    ['Acme Bakery', 'acme-eu-7', 'EU'],
    ['Initech Support', 'initech-us-1', 'US'],
    ['Tropical Frutas', 'tropical-br-3', 'BR'],
  ] as const) {
    const s = await session(name, ref);
    await signup(s, region);
    await waitOnboarding(s.id, terminal);
    completed.push(s.id);
  }

  const retry = await session('Globex Shipping', 'globex-eu-2');
  sandbox.faults.add({ api: 'conversation', method: 'POST', path: '/apps$', rate5xx: 1 });
  await signup(retry, 'EU');
  await waitOnboarding(retry.id, terminal);
  sandbox.faults.clear();

  const rejected = await session('Umbrella Pharmacy', 'umbrella-us-9');
  await signup(rejected, 'US', { changesStatus: 'REJECTED', errorReason: 'Display name not approved' });
  await waitOnboarding(rejected.id, terminal);

  const cancelled = await session('Hooli Cafe', 'hooli-eu-4');
  await waitOnboarding(cancelled.id, (o) => o.state === 'awaiting_signup');
  await report(cancelled.token, 'loaded', 'start', 'cancelled');
  await api('POST', '/v1/session/abandon', { kind: 'cancel', currentStep: 'WABA_PHONE_PROFILE_PICKER' }, cancelled.token);

  const blocked = await session('Vandelay Imports', 'vandelay-us-5');
  await report(blocked.token, 'loaded', 'start', 'popup_blocked');

  const link = (await api<{ sessionId?: string; id: string }>('POST', '/v1/signup-links', { customer: { reference: 'stark-eu-8', displayName: 'Stark Florist' } })).body;
  n += 1;

  // Every terminal onboarding's callback has been tried once (and refused) before the console looks at them.
  for (let i = 0; received < completed.length + 2; i++) {
    if (i === 400) throw new Error(`the ASP's receiver got ${received} callbacks, not ${completed.length + 2}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: bff.url,
    sandbox,
    bff,
    seeded: {
      completed,
      retryable: retry.id,
      rejected: rejected.id,
      cancelled: cancelled.id,
      popupBlocked: blocked.id,
      linked: link.sessionId ?? link.id,
      created: n,
    },
    callbacksAnswer: (status) => (answer = status),
    api,
    waitOnboarding,
    async close() {
      await bff.stop();
      await new Promise<void>((r) => {
        receiver.close(() => r());
        receiver.closeAllConnections();
      });
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      scan.addSecrets(sandboxSecrets(sandbox));
      scan.check();
    },
  };
}
