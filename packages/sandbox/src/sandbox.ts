import { createClock, iso } from './clock.js';
import type { SandboxContext } from './context.js';
import { FaultEngine } from './faults.js';
import { secretToken } from './ids.js';
import { setNumbers } from './meta/phone-numbers.js';
import { ProvisioningNotifier } from './provisioning-notifier.js';
import { senderChangeOf, type SenderUpdateInput } from './sender-changes.js';
import { recordSenderChange, senderView } from './sender-lifecycle.js';
import { createRng } from './rng.js';
import { requireVerification, sentCode } from './routes/sender-verification.js';
import { createSandboxApp, trackServer } from './server.js';
import type { SandboxSnapshot, SinchSandbox, SinchSandboxOptions } from './sinch-sandbox.types.js';
import { SandboxState, type SandboxConfig } from './state.js';

/** Fixed, random-looking defaults so a restarted sandbox accepts the same credentials. */
export const DEFAULT_CREDENTIALS = {
  projectId: '6b3f2a1c-8d4e-4f7a-9b2c-5e1d0a7f3c84',
  keyId: 'c1e7a9d2-3b5f-4c8e-a6d0-2f9b8e4a7c13',
  keySecret: 'sbx_Jq7vR2mXw9KpT4sLd8NfY3hC',
} as const;

/**
 * What the Meta sandbox's Graph endpoints accept unless told otherwise: the ASP's Meta app id and secret
 * (code exchange) and a system-user token (reads every WABA's numbers). Fixed so a restarted sandbox accepts them.
 */
export const DEFAULT_META = {
  appId: '1234567890123456',
  appSecret: 'sbx_meta_app_secret_8Kq2vX7rT4nW',
  systemUserToken: 'EAAGsbxSystemUserToken9fJ3kL7pQ2wZ5xC8vB1nM4',
} as const;

function resolveConfig(opts: SinchSandboxOptions): SandboxConfig {
  const nonNegative = (name: string, v: number | undefined, def: number) => {
    const value = v ?? def;
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`startSinchSandbox: ${name} expects a number >= 0 but received ${v}`);
    return value;
  };
  return {
    port: nonNegative('port', opts.port, 0),
    host: opts.host ?? '127.0.0.1',
    projectId: opts.projectId ?? DEFAULT_CREDENTIALS.projectId,
    keyId: opts.keyId ?? DEFAULT_CREDENTIALS.keyId,
    keySecret: opts.keySecret ?? DEFAULT_CREDENTIALS.keySecret,
    tokenTtlSeconds: nonNegative('tokenTtlSeconds', opts.tokenTtlSeconds, 3600),
    subprojectReadyDelayMs: nonNegative('subprojectReadyDelayMs', opts.subprojectReadyDelayMs, 0),
    senderActivationDelayMs: nonNegative('senderActivationDelayMs', opts.senderActivationDelayMs, 0),
    codeTtlMs: nonNegative('codeTtlMs', opts.codeTtlMs, 30_000),
    rngSeed: opts.seed?.rng ?? 1,
    meta: { ...DEFAULT_META, ...Object.fromEntries(Object.entries(opts.meta ?? {}).filter(([, v]) => v !== undefined)) },
  };
}

/** Starts the Sinch emulator (auth, subprojects, provisioning, Conversation) on one loopback HTTP server. */
export async function startSinchSandbox(opts: SinchSandboxOptions = {}): Promise<SinchSandbox> {
  const config = resolveConfig(opts);
  const state = new SandboxState(config);
  let notifier: ProvisioningNotifier | undefined;
  const clock = createClock(() => notifier?.check());
  notifier = new ProvisioningNotifier(state, clock);
  const faults = new FaultEngine(createRng(config.rngSeed));

  const ctx: SandboxContext = {
    config,
    state,
    clock,
    faults,
    notifier,
    mintCode(opts = {}) {
      const code = `AQ${secretToken(96)}`;
      const issuedAt = clock.now();
      state.codes.set(code, { issuedAt, ...(opts.wabaId ? { wabaId: opts.wabaId } : {}) });
      state.remember('ES code', code);
      return { code, issuedAt };
    },
  };

  const updateSender = (senderId: string, update: SenderUpdateInput) => {
    const s = state.senders.get(senderId);
    if (!s) throw new Error(`updateSender: no sender ${senderId}`);
    // Announce what was due before (an activation), then this change.
    notifier?.check();
    recordSenderChange(state, s, senderChangeOf(update), clock.now());
    notifier?.check();
  };
  const failSender = (senderId: string, errorCode = 'CANNOT_REGISTER_TO_CLOUD_API') => {
    if (!state.senders.has(senderId)) throw new Error(`failSender: no sender ${senderId}`);
    updateSender(senderId, { state: 'ERROR', errorCode });
  };
  const planSender = (phoneNumberId: string, update: SenderUpdateInput) => {
    state.senderPlans.set(phoneNumberId, senderChangeOf(update));
  };

  const inspect = (): SandboxSnapshot => {
    const now = clock.now();
    return {
      subprojects: [...state.subprojects.values()].map((sp) => ({
        subprojectId: sp.subprojectId,
        displayName: sp.displayName,
        labels: { ...(sp.labels ?? {}) },
        deleted: sp.deleted,
        ready: state.isReady(sp, now),
      })),
      senders: [...state.senders.values()].map((s) => ({
        id: s.id,
        projectId: s.projectId,
        wabaId: s.wabaId,
        phoneNumberId: s.phoneNumberId,
        region: s.region,
        state: senderView(state, s, now).state,
      })),
      apps: [...state.apps.values()].map((a) => {
        const wa = a.channel_credentials.find((c) => c.channel === 'WHATSAPP');
        const sb = wa?.fields.static_bearer as { claimed_identity?: string } | undefined;
        return {
          id: a.id,
          projectId: a.projectId,
          region: a.region,
          display_name: a.display_name,
          ...(sb?.claimed_identity ? { claimedIdentity: sb.claimed_identity } : {}),
        };
      }),
      webhooks: [...state.conversationWebhooks.values()].map((w) => ({
        id: w.id,
        projectId: w.projectId,
        region: w.region,
        app_id: w.app_id,
        target: w.target,
        target_type: w.target_type,
        triggers: [...w.triggers],
      })),
      provisioningWebhooks: [...state.provisioningWebhooks.values()].map((w) => ({ id: w.id, projectId: w.projectId, target: w.target, triggers: [...w.triggers] })),
      solutionAssignments: [...state.solutionAssignments].map(([projectId, solutionId]) => ({ projectId, solutionId })),
      requests: state.requests.map((r) => ({ ...r })),
      webhookDeliveries: state.deliveries.map((d) => ({ ...d })),
    };
  };

  const app = createSandboxApp(ctx, { inspect, failSender, updateSender, planSender });
  const tracked = trackServer(app);
  const port = await tracked.listen(config.port, config.host);
  notifier.start();

  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    urls: {
      auth: `${url}/auth/oauth2/token`,
      subproject: `${url}/subproject`,
      provisioning: `${url}/provisioning`,
      conversation: `${url}/conversation/{region}`,
      graph: `${url}/graph`,
    },
    credentials: { projectId: config.projectId, keyId: config.keyId, keySecret: config.keySecret },
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear(), seed: (seed) => faults.seed(seed) },
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    mintCode: (opts) => ctx.mintCode(opts).code,
    meta: {
      ...config.meta,
      setNumbers: (wabaId, numbers) => setNumbers(state, wabaId, numbers),
      numbersOf: (wabaId) => state.wabaNumbers.get(wabaId)?.map((n) => ({ ...n })),
    },
    requireVerification: (phoneNumberId, setting) => requireVerification(ctx, phoneNumberId, setting),
    verificationCode: (senderId) => sentCode(ctx, senderId),
    failSender,
    updateSender,
    planSender,
    clearSenderPlans: () => state.senderPlans.clear(),
    inspect,
    clearRequests: () => {
      state.requests = [];
    },
    issuedSecrets: () => state.issuedSecrets(),
    close: () => {
      closing ??= (async () => {
        notifier?.close();
        await tracked.close();
      })();
      return closing;
    },
  };
}


