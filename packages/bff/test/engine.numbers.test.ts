/**
 * Issue 10 items 1, 2 and 4 against the Sinch sandbox on loopback: every number its own app and webhook
 * (reconciled like the first ones), the region check, the subproject's Provisioning webhook, and sender states
 * after completion reaching the number and the ASP's callbacks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Transport } from '../src/clients/sinch/index.js';
import type { Onboarding } from '../src/domain/onboarding.types.js';
import { PROVISIONING_WEBHOOK_TRIGGERS } from '../src/domain/steps/provisioning-webhook.js';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

const PUBLIC_URL = 'https://bff.example';
const EVENTS_URL = `${PUBLIC_URL}/v1/sinch/provisioning-events`;

/** Polls `cond` (async) every 10 ms, at most `max` times, then fails naming `what`. */
async function until(cond: () => Promise<boolean> | boolean, what: string, max = 3000): Promise<void> {
  for (let i = 0; !(await cond()); i++) {
    if (i >= max) throw new Error(`gave up after ${max} checks waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function completedOnboarding(h: Harness, region: 'US' | 'EU' | 'BR' = 'US') {
  const { session } = await h.engine.createSession(sessionInput());
  await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
  await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), region));
  const done = await waitFor(h.engine, session.id, isTerminal);
  assert.equal(done.state, 'completed', JSON.stringify(done.error));
  return done;
}

const numberOf = (o: Onboarding, id: string) => o.phoneNumbers.find((p) => p.phoneNumberId === id);

describe('Provisioning webhook of each subproject (warm-up)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { PUBLIC_URL } });
  });
  after(() => h.close());

  test('When a session warms up, then its subproject gets one Provisioning webhook at PUBLIC_URL with the sender triggers, its secret sealed', async () => {
    const { session } = await h.engine.createSession(sessionInput());
    const warm = await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    const hooks = h.sandbox.inspect().provisioningWebhooks.filter((w) => w.projectId === warm.subprojectId);
    assert.deepEqual(
      hooks.map((w) => ({ target: w.target, triggers: [...w.triggers].sort() })),
      [{ target: EVENTS_URL, triggers: [...PROVISIONING_WEBHOOK_TRIGGERS].sort() }],
    );
    const job = await h.bundle.storage.onboarding.getJob(session.id);
    assert.equal(job?.internal.provisioningWebhook?.id, hooks[0]?.id);
    const secret = h.sandbox.issuedSecrets().filter((s) => s.kind === 'provisioning webhook secret').at(-1)!.value;
    assert.ok(secret.length >= 32, 'high entropy');
    assert.ok(!JSON.stringify(job).includes(secret), 'the stored job holds the secret sealed only');
    assert.equal(await h.engine.provisioningWebhookSecret('no-such-sender'), undefined);
  });

  test('When the answer to the registration is lost, then the engine finds its webhook by listing and registers no second one', async () => {
    h.sandbox.faults.add({ api: 'provisioning', method: 'POST', path: '/webhooks$', rateLostResponse: 1, times: 1 });
    const { session } = await h.engine.createSession(sessionInput());
    const warm = await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    const hooks = h.sandbox.inspect().provisioningWebhooks.filter((w) => w.projectId === warm.subprojectId);
    assert.equal(hooks.length, 1);
    assert.equal((await h.bundle.storage.onboarding.getJob(session.id))?.internal.provisioningWebhook?.id, hooks[0]?.id);
    assert.ok(h.sandbox.inspect().requests.some((r) => r.fault === 'lost' && r.path.endsWith('/webhooks')), 'the fault hit');
  });

  test('When the onboarding completes, then the webhook secret verifies callbacks of its senders (the route asks the engine for it)', async () => {
    const done = await completedOnboarding(h);
    const secrets = h.sandbox.issuedSecrets().filter((s) => s.kind === 'provisioning webhook secret').map((s) => s.value);
    const own = await h.engine.provisioningWebhookSecret(done.senderId!);
    assert.ok(own && secrets.includes(own));
  });
});

describe('Provisioning webhook switched off', () => {
  for (const [what, env] of [
    ['PROVISIONING_WEBHOOKS=0', { PUBLIC_URL, PROVISIONING_WEBHOOKS: '0' }],
    ['no PUBLIC_URL', {}],
  ] as const) {
    test(`When ${what}, then no Provisioning webhook is registered and activation still completes by polling`, async () => {
      const h = await startHarness({ env });
      try {
        const done = await completedOnboarding(h);
        assert.equal(done.state, 'completed');
        assert.deepEqual(h.sandbox.inspect().provisioningWebhooks, []);
      } finally {
        await h.close();
      }
    });
  }
});

describe('One Conversation app and webhook per number', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { NOTIFY_URL: 'http://127.0.0.1:9/asp', NOTIFY_SECRET: 'notify-secret-for-tests' } });
  });
  after(() => h.close());

  for (const [what, path] of [
    ['app', '/apps$'],
    ['webhook', '/webhooks$'],
  ] as const) {
    test(`When the answer to an added number's ${what} creation is lost, then the engine reconciles: one app and one webhook per number`, async () => {
      const first = await completedOnboarding(h, 'EU');
      h.sandbox.faults.add({ api: 'conversation', method: 'POST', path, rateLostResponse: 1, times: 1 });
      await h.engine.addPhoneNumber(first.id, { phoneNumberId: `8800${what.length}`, code: h.sandbox.mintCode() });
      const done = await waitFor(h.engine, first.id, (o) => o.phoneNumbers.length === 2 && o.phoneNumbers.every((p) => p.status === 'active' || p.status === 'failed'));
      assert.deepEqual(done.phoneNumbers.map((p) => p.status), ['active', 'active'], JSON.stringify(done.phoneNumbers));
      assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 2, apps: 2, webhooks: 2 });
      assert.ok(h.sandbox.inspect().requests.some((r) => r.fault === 'lost' && new RegExp(path).test(r.path)), 'the fault hit');
    });
  }

  test('When an added number turns active, then the ASP gets onboarding.number_added for it (not for the first number)', async () => {
    const first = await completedOnboarding(h);
    await h.engine.addPhoneNumber(first.id, { phoneNumberId: '88100', code: h.sandbox.mintCode() });
    await waitFor(h.engine, first.id, (o) => numberOf(o, '88100')?.status === 'active');
    const events = async () =>
      (await h.bundle.storage.outbox.all()).filter((e) => e.onboardingId === first.id).map((e) => JSON.parse(e.body) as { type: string; data: { phoneNumber?: { phoneNumberId: string } } });
    await until(async () => (await events()).some((e) => e.type === 'onboarding.number_added'), 'the number_added callback');
    const added = (await events()).filter((e) => e.type === 'onboarding.number_added');
    assert.deepEqual(added.map((e) => e.data.phoneNumber?.phoneNumberId), ['88100']);
  });

  test('When Sinch suspends or deactivates a number after completion, then the number says so, the job stays completed and the ASP is told', async () => {
    const done = await completedOnboarding(h);
    await h.engine.handleSenderUpdate({ id: done.senderId!, state: 'SUSPENDED', qualityRating: 'RED' });
    const suspended = await waitFor(h.engine, done.id, (o) => o.phoneNumbers[0]?.status === 'suspended');
    assert.deepEqual([suspended.state, suspended.senderState, suspended.phoneNumbers[0]?.qualityRating], ['completed', 'SUSPENDED', 'RED']);
    await h.engine.handleSenderUpdate({ id: done.senderId!, state: 'INACTIVE' });
    await waitFor(h.engine, done.id, (o) => o.phoneNumbers[0]?.status === 'inactive');
    const types = async () => (await h.bundle.storage.outbox.all()).filter((e) => e.onboardingId === done.id).map((e) => (JSON.parse(e.body) as { type: string }).type);
    await until(async () => (await types()).includes('onboarding.number_inactive'), 'the number_inactive callback');
    assert.deepEqual((await types()).sort(), ['onboarding.completed', 'onboarding.number_inactive', 'onboarding.number_suspended']);
  });

  test('When a display-name or quality callback arrives, then the number records the new values', async () => {
    const done = await completedOnboarding(h);
    await h.engine.handleSenderUpdate({ id: done.senderId!, state: 'ACTIVE', countryCode: '48', phoneNumber: '500100200', details: { displayName: 'Acme Renamed' }, qualityRating: 'YELLOW' });
    const o = await waitFor(h.engine, done.id, (x) => x.phoneNumbers[0]?.verifiedName === 'Acme Renamed');
    // The display number was known from the sender DTO already (the number itself does not change).
    assert.match(done.phoneNumbers[0]?.displayPhoneNumber ?? '', /^\+\d/);
    assert.deepEqual(
      [o.phoneNumbers[0]?.displayPhoneNumber, o.phoneNumbers[0]?.qualityRating, o.phoneNumbers[0]?.status],
      [done.phoneNumbers[0]?.displayPhoneNumber, 'YELLOW', 'active'],
    );
  });
});

describe('The sender must fit the Conversation region', () => {
  /** Sinch says the senders may be used in BR only (a GET of a sender answers compatibleRegions: ["br"]). */
  let brOnly = false;
  const transport: Transport = async (url, init) => {
    const res = await fetch(url, init);
    if (!brOnly || init.method !== 'GET' || !/\/whatsapp\/senders\/[^/]+$/.test(new URL(url).pathname) || res.status !== 200) return res;
    const body = JSON.stringify({ ...((await res.json()) as object), compatibleRegions: ['br'] });
    return { status: 200, headers: res.headers, text: async () => body };
  };
  let h: Harness;
  before(async () => {
    h = await startHarness({ transport });
  });
  after(() => h.close());

  test('When the first number cannot be used in the chosen region, then the job fails at the app step with region_incompatible and no app', async () => {
    brOnly = true;
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
    const failed = await waitFor(h.engine, session.id, isTerminal);
    brOnly = false;
    assert.deepEqual(
      { state: failed.state, step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable, status: failed.phoneNumbers[0]?.status },
      { state: 'failed', step: 'app', code: 'region_incompatible', retryable: false, status: 'failed' },
    );
    assert.match(failed.error!.message, /BR/);
    assert.equal(resourcesOf(h.sandbox, failed).apps, 0);
  });

  test('When an added number cannot be used in the region, then only that number fails with region_incompatible', async () => {
    const first = await completedOnboarding(h, 'US');
    brOnly = true;
    await h.engine.addPhoneNumber(first.id, { phoneNumberId: '88200', code: h.sandbox.mintCode() });
    const o = await waitFor(h.engine, first.id, (x) => numberOf(x, '88200')?.status === 'failed');
    brOnly = false;
    assert.deepEqual([o.state, numberOf(o, '88200')?.error?.code, numberOf(o, '88200')?.error?.step, o.phoneNumbers[0]?.status], ['completed', 'region_incompatible', 'app', 'active']);
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 2, apps: 1, webhooks: 1 });
  });
});

describe('Sender states Sinch reports during activation (sandbox plans)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  for (const [what, plan, code] of [
    ['changes.status REJECTED', { changesStatus: 'REJECTED', errorReason: 'Display name not approved' }, 'sender_rejected'],
    ['ERROR with NOT_VERIFY_BUSINESS_VIA_WHATSAPP', { state: 'ERROR', errorCode: 'NOT_VERIFY_BUSINESS_VIA_WHATSAPP' }, 'business_not_verified'],
  ] as const) {
    test(`When the sender comes out ${what}, then the job fails at activation with ${code}, not retryable`, async () => {
      const { session } = await h.engine.createSession(sessionInput());
      await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
      const result = signup(h.sandbox.mintCode(), 'US');
      h.sandbox.planSender(result.phoneNumberId!, plan);
      await h.engine.submitSignup(session.id, result);
      const failed = await waitFor(h.engine, session.id, isTerminal);
      assert.deepEqual(
        { state: failed.state, step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable, status: failed.phoneNumbers[0]?.status },
        { state: 'failed', step: 'activation', code, retryable: false, status: 'failed' },
      );
    });
  }
});

