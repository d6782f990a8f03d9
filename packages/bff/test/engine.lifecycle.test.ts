import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../src/domain/clock.js';
import { isTerminal, resourcesOf, sessionInput, signup, startHarness, waitFor, type Harness } from './fixtures/engine-harness.js';

describe('Onboarding engine lifecycle', () => {
  let h: Harness;
  const logLines: string[] = [];
  before(async () => {
    h = await startHarness({ logLines });
  });
  after(() => h.close());

  async function warm(over = {}) {
    const { session } = await h.engine.createSession(sessionInput(over));
    await waitFor(h.engine, session.id, (o) => o.state !== 'warming_up');
    return session;
  }

  test('When the ES code is older than 30 s, then the sender step fails with code_expired, and a fresh code finishes the job', async () => {
    // Arrange
    const session = await warm();
    const code = h.sandbox.mintCode();
    h.sandbox.clock.advance(31_000);
    const result = signup(code, 'EU');
    // Act
    await h.engine.submitSignup(session.id, result);
    const failed = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.equal(failed.state, 'failed');
    assert.deepEqual(
      { step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable },
      { step: 'sender', code: 'code_expired', retryable: false },
    );
    assert.equal(failed.error?.sinch?.code, 'invalid_facebook_token');
    await assert.rejects(h.engine.retry(session.id), { code: 'not_retryable' });
    // Act again: the customer runs ES again; same ids, new code.
    await h.engine.submitSignup(session.id, { ...result, code: h.sandbox.mintCode() });
    const done = await waitFor(h.engine, session.id, isTerminal);
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });

  test('When a run stopped after recording the sender but before marking its step done, then the next run finishes with that sender', async () => {
    // Arrange: a finished onboarding, stored back as a crash between those two writes leaves it.
    const session = await warm();
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    await waitFor(h.engine, session.id, isTerminal);
    const repo = h.bundle.storage.onboarding;
    const job = (await repo.getJob(session.id))!;
    const sender = job.onboarding.steps.find((s) => s.name === 'sender')!;
    Object.assign(sender, { status: 'running', endedAt: undefined });
    Object.assign(job.onboarding, { state: 'running', completedAt: undefined });
    await repo.saveJob(job, true);
    // Act: the code is gone with the old process; the sender it created is on record.
    await h.restart();
    const done = await waitFor(h.engine, session.id, (o) => o.state !== 'running');
    // Assert
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.equal(done.steps.find((s) => s.name === 'sender')!.attempts, 2);
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });

  test('When a different WABA is submitted for the same session, then it is refused with signup_already_submitted', async () => {
    const session = await warm();
    const first = signup(h.sandbox.mintCode(), 'US');
    await h.engine.submitSignup(session.id, first);
    const again = await h.engine.submitSignup(session.id, { ...first, code: 'AQ-other' });
    assert.equal(again.id, session.id);
    await assert.rejects(h.engine.submitSignup(session.id, { ...first, wabaId: '999' }), { code: 'signup_already_submitted', status: 409 });
    await waitFor(h.engine, session.id, isTerminal);
    assert.equal(h.sandbox.inspect().senders.filter((s) => s.wabaId === first.wabaId).length, 1);
  });

  test('When the region is not allowed by the session, then submitSignup is refused before any Sinch call', async () => {
    const session = await warm({ regions: { allowed: ['EU'] } });
    await assert.rejects(h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'BR')), { code: 'invalid_request', field: 'region' });
  });

  test('When the signup is FINISH_ONLY_WABA, then the job waits for a number and addPhoneNumber completes it', async () => {
    // Arrange
    const session = await warm();
    const result = signup(h.sandbox.mintCode(), 'BR', { event: 'FINISH_ONLY_WABA', phoneNumberId: undefined });
    // Act
    const waiting = await h.engine.submitSignup(session.id, result);
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_phone_number');
    assert.equal(waiting.phoneNumbers.length, 0);
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: '55501', code: h.sandbox.mintCode() });
    const done = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.equal(done.phoneNumberId, '55501');
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });

  test('When another number is added after completion, then it gets its own sender, Conversation app and webhook, and turns active', async () => {
    // Arrange
    const session = await warm();
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    const first = await waitFor(h.engine, session.id, isTerminal);
    // Act
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: '66601', code: h.sandbox.mintCode() });
    const done = await waitFor(h.engine, session.id, (o) => o.phoneNumbers.length === 2 && o.phoneNumbers.every((p) => p.status === 'active'));
    // Assert: one app (and webhook) per number, the first number's top-level fields unchanged.
    const [a, b] = done.phoneNumbers;
    assert.equal(done.state, 'completed');
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 2, apps: 2, webhooks: 2 });
    assert.deepEqual([done.senderId, done.appId, done.webhookId], [first.senderId, first.appId, first.webhookId]);
    assert.deepEqual([a?.appId, a?.webhookId], [first.appId, first.webhookId]);
    assert.ok(b?.senderId && b.appId && b.webhookId, JSON.stringify(b));
    assert.notEqual(b.appId, a?.appId);
    const apps = h.sandbox.inspect().apps.filter((x) => x.id === a?.appId || x.id === b.appId);
    assert.deepEqual(apps.map((x) => x.claimedIdentity).sort(), [a?.senderId, b.senderId].sort(), 'each app holds its own sender');
    // The sealed bearer tokens are gone once the apps hold them.
    const job = await h.bundle.storage.onboarding.getJob(session.id);
    assert.deepEqual(job?.internal.sealedBearerTokens, {});
    // Idempotent: the same number again changes nothing.
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: '66601' });
    await h.engine.idle();
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 2, apps: 2, webhooks: 2 });
  });

  test('When a session expires unused, then the job is expired, its warm subproject deleted and a late signup refused', async () => {
    // Arrange
    const session = await warm({ ttlSeconds: 0 });
    const o = (await h.engine.getOnboarding(session.id))!;
    // Act
    assert.equal(await h.engine.sweepExpired(), 1);
    const expired = await waitFor(h.engine, session.id, (x) => x.state === 'expired');
    await h.engine.idle();
    // Assert
    assert.equal(expired.state, 'expired');
    assert.equal(h.sandbox.inspect().subprojects.find((s) => s.subprojectId === o.subprojectId)?.deleted, true);
    await assert.rejects(h.engine.submitSignup(session.id, signup(h.sandbox.mintCode())), { code: 'session_expired', status: 401 });
  });

  test('When the customer cancels, then the job is abandoned but a later signup still completes it', async () => {
    const session = await warm();
    const abandoned = await h.engine.abandon(session.id, { kind: 'cancel', currentStep: 'PHONE_NUMBER_SETUP', at: new Date().toISOString() });
    assert.equal(abandoned.state, 'abandoned');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
    assert.equal((await waitFor(h.engine, session.id, isTerminal)).state, 'completed');
  });

  test('When onboardings ran, then no log line and no database byte holds the ES code, a bearer token or a webhook secret', async () => {
    // Arrange
    const session = await warm();
    const code = h.sandbox.mintCode();
    await h.engine.submitSignup(session.id, signup(code, 'US'));
    const done = await waitFor(h.engine, session.id, isTerminal);
    const sender = await h.bundle.sinch.provisioning.getSender(done.subprojectId!, done.senderId!);
    const secret = (await h.engine.getWebhookSecret(session.id))!;
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    // Act
    const logs = logLines.join('\n');
    const db = readFileSync(h.dbPath).toString('latin1');
    // Assert
    assert.ok(logs.includes(session.id), 'the capture works');
    for (const s of [code, sender.bearerToken!, secret]) {
      assert.ok(!logs.includes(s), 'secret in logs');
      assert.ok(!db.includes(s), 'secret in database');
    }
  });

  test('When the listing pages, then listOnboardings returns every job exactly once', async () => {
    // Arrange: jobs of its own, so the listing spans several pages of two whatever ran before
    for (let i = 0; i < 3; i++) await h.engine.createSession(sessionInput());
    // Act
    const paged: string[] = [];
    let pages = 0;
    let pageToken: string | undefined;
    do {
      const page = await h.engine.listOnboardings({ pageSize: 2, pageToken });
      paged.push(...page.items.map((o) => o.id));
      pages++;
      pageToken = page.nextPageToken;
    } while (pageToken);
    const all = (await h.engine.listOnboardings({ pageSize: 100 })).items;
    // Assert: the same jobs as one big page, none twice, none missing
    assert.ok(pages >= 2 && all.length >= 3, `${pages} pages, ${all.length} jobs`);
    assert.deepEqual(paged, all.map((o) => o.id));
    assert.equal(new Set(paged).size, paged.length, 'a job listed twice');
    // The state filter returns exactly the completed ones (earlier tests of this suite completed some).
    const completed = (await h.engine.listOnboardings({ pageSize: 100, state: 'completed' })).items;
    assert.ok(completed.length > 0, 'no completed job to filter');
    assert.deepEqual(completed.map((o) => o.id), all.filter((o) => o.state === 'completed').map((o) => o.id));
  });
});

describe('Onboarding engine: a new subproject Sinch does not answer for yet', () => {
  // The sandbox's readiness delay runs on its own clock, far beyond any scheduling delay of a loaded machine:
  // the subproject stays unusable until the test advances that clock, so the probes' 403 is always seen.
  const READY_DELAY_MS = 600_000;
  let h: Harness;
  before(async () => {
    h = await startHarness({ sandbox: { subprojectReadyDelayMs: READY_DELAY_MS } });
  });
  after(() => h.close());

  test('When the new subproject is not usable yet, then warm-up waits it out and the signup proceeds', async () => {
    // Arrange
    const { session } = await h.engine.createSession(sessionInput());
    const waiting = await waitFor(h.engine, session.id, (o) => o.steps[0]!.note === 'waiting for the new subproject');
    // Act
    h.sandbox.clock.advance(READY_DELAY_MS);
    const warm = await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    // Assert
    const forbidden = h.sandbox.inspect().requests.filter((r) => r.api === 'provisioning' && r.status === 403);
    assert.ok(forbidden.length >= 1, 'probes saw the subproject not ready');
    assert.equal(waiting.state, 'warming_up');
    assert.equal(warm.steps[0]!.status, 'done');
  });
});

describe('Onboarding engine with slow Sinch (readiness and activation delays)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ sandbox: { subprojectReadyDelayMs: 300, senderActivationDelayMs: 3_600_000 } });
  });
  after(() => h.close());

  test('When a provisioning webhook reports ACTIVE, then activation completes without waiting for the poll', async () => {
    // Arrange
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'EU'));
    const waiting = await waitFor(h.engine, session.id, (o) => o.steps[4]!.status === 'waiting');
    // Act
    await h.engine.handleSenderUpdate({ id: waiting.senderId!, state: 'ACTIVE' });
    const done = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.equal(done.state, 'completed');
    assert.equal(done.senderState, 'ACTIVE');
  });

  for (const [errorCode, code, retryable] of [
    ['NO_PRICING_PLAN', 'sinch_account_setup', true],
    ['WABA_CONNECTED_TO_ANOTHER_PROJECT', 'waba_in_use', false],
    ['NOT_VERIFIED_REQUESTED_PHONE_NUMBER', 'phone_number_not_verified', false],
    ['CANNOT_REGISTER_TO_CLOUD_API', 'meta_setup_failed', true],
    ['UNKNOWN_ERROR', 'sender_error', false],
  ] as const) {
    test(`When Sinch puts the sender in ERROR with ${errorCode}, then the job fails at activation with ${code} (retryable: ${retryable})`, async () => {
      const { session } = await h.engine.createSession(sessionInput());
      await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
      await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
      const waiting = await waitFor(h.engine, session.id, (o) => o.steps[4]!.status === 'waiting');
      h.sandbox.failSender(waiting.senderId!, errorCode);
      const failed = await waitFor(h.engine, session.id, isTerminal);
      assert.deepEqual(
        { state: failed.state, step: failed.error?.step, code: failed.error?.code, retryable: failed.error?.retryable, sinch: failed.error?.sinch?.code },
        { state: 'failed', step: 'activation', code, retryable, sinch: errorCode },
      );
      assert.match(failed.error!.message, new RegExp(errorCode));
      assert.equal(failed.phoneNumbers[0]?.status, 'failed');
    });
  }

  test('When the engine restarts during activation, then the new engine resumes the job and creates nothing again', async () => {
    // Arrange
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'BR'));
    await waitFor(h.engine, session.id, (o) => o.steps[4]!.status === 'waiting');
    // Act
    await h.restart();
    h.sandbox.clock.advance(3_600_000);
    const done = await waitFor(h.engine, session.id, isTerminal);
    // Assert
    assert.equal(done.state, 'completed', JSON.stringify(done.error));
    assert.deepEqual(resourcesOf(h.sandbox, done), { subprojects: 1, senders: 1, apps: 1, webhooks: 1 });
  });
});

describe('Onboarding engine: an additional number whose sender never turns ACTIVE', () => {
  const ACTIVATION_TIMEOUT_MS = 600_000;
  let offset = 0;
  const clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
  let h: Harness;
  before(async () => {
    h = await startHarness({
      clock,
      sandbox: { senderActivationDelayMs: 60_000 },
      env: { ACTIVATION_TIMEOUT_MS: String(ACTIVATION_TIMEOUT_MS) },
    });
  });
  after(() => h.close());

  test('When the engine restarts while the number activates, then its activation timeout still counts from the first wait', async () => {
    // Arrange: a completed onboarding, then a second number whose sender stays IN_PROGRESS (sandbox clock frozen).
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(h.sandbox.mintCode(), 'US'));
    await waitFor(h.engine, session.id, (o) => o.steps[4]!.status === 'waiting');
    h.sandbox.clock.advance(60_000);
    await waitFor(h.engine, session.id, isTerminal);
    await h.engine.addPhoneNumber(session.id, { phoneNumberId: '77701', code: h.sandbox.mintCode() });
    const added = await waitFor(h.engine, session.id, (o) => o.phoneNumbers.some((p) => p.phoneNumberId === '77701' && p.senderState === 'IN_PROGRESS' && p.webhookId !== undefined));
    const extraSenderId = added.phoneNumbers.find((p) => p.phoneNumberId === '77701')!.senderId!;
    // The number has its app and webhook; the engine has started following it once its activation wait is recorded.
    const stored = () => h.bundle.storage.onboarding.getJob(session.id);
    for (let i = 0; !(await stored())?.internal.extraActivationStartedAt?.[extraSenderId]; i++) {
      if (i >= 3000) throw new Error('the activation wait of the added number was never recorded');
      await new Promise((r) => setTimeout(r, 10));
    }
    // Act: 60 % of the timeout passes, the engine restarts, another 60 % passes.
    offset += ACTIVATION_TIMEOUT_MS * 0.6;
    await h.restart();
    offset += ACTIVATION_TIMEOUT_MS * 0.6;
    // Assert: 120 % since the first wait → timed out (a timer restarted at the restart would be at 60 %).
    const o = await waitFor(h.engine, session.id, (x) => !!x.phoneNumbers.find((p) => p.phoneNumberId === '77701')?.error);
    const extra = o.phoneNumbers.find((p) => p.phoneNumberId === '77701')!;
    assert.equal(extra.error?.code, 'activation_timeout');
    assert.equal(o.state, 'completed', 'the first number stays onboarded');
    // The number got its app and webhook before its activation wait.
    assert.deepEqual(resourcesOf(h.sandbox, o), { subprojects: 1, senders: 2, apps: 2, webhooks: 2 });
  });
});
