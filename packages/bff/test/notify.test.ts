/**
 * ASP callbacks: a signed POST to NOTIFY_URL for every terminal state, kept in a durable outbox and
 * retried with backoff until delivered; terminal onboardings without an outbox row are enqueued at start.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Notifier } from '../src/notify/notifier.js';
import { SqliteOutboxRepository } from '../src/data/sqlite-outbox.repository.js';
import { NOTIFY_SIGNATURE_HEADER, verifyNotification } from '../src/notify/signature.js';
import { fakeHarness, sessionBody, type Harness } from './fixtures/harness.js';
import { staticSecrets } from './fixtures/secret-scan.js';

const SECRET = 'notify-secret-for-tests-0123456789';

/** A loopback ASP server that answers `failures` 503s before accepting. */
class Receiver {
  readonly received: Array<{ headers: IncomingHttpHeaders; body: string; status: number }> = [];
  failures = 0;
  private server: Server | undefined;
  url = '';
  private waiters: Array<() => void> = [];
  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const status = this.failures > 0 ? 503 : 204;
        if (this.failures > 0) this.failures--;
        this.received.push({ headers: req.headers, body, status });
        res.statusCode = status;
        res.end();
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/whatsapp`;
  }
  /** Resolves once `n` requests arrived. */
  async waitFor(n: number) {
    while (this.received.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }
  close() {
    return new Promise<void>((r) => this.server?.close(() => r()));
  }
}

/** The notifier's logger: into the harness's secret scan, which also looks for NOTIFY_SECRET at close. */
function scanned(h: Harness, lines?: string[]) {
  h.scan.addSecrets(staticSecrets({ NOTIFY_SECRET: SECRET }));
  return h.scan.logger('debug', lines);
}

describe('ASP callbacks (NOTIFY_URL)', () => {
  const receiver = new Receiver();
  before(() => receiver.start());
  after(() => receiver.close());

  test('When an onboarding completes, then one signed event reaches NOTIFY_URL and is marked delivered', async () => {
    const h = fakeHarness();
    const logger = scanned(h);
    const notifier = new Notifier({ outbox: new SqliteOutboxRepository(h.db), engine: h.engine, url: receiver.url, secret: SECRET, logger });
    await notifier.start();
    const { session } = await h.engine.createSession({ ...sessionBody(), regions: { allowed: ['EU'] }, ttlSeconds: 600, kind: 'widget' } as never);
    h.engine.update(session.id, { state: 'running' });
    const start = receiver.received.length;
    h.engine.update(session.id, { state: 'completed', completedAt: new Date().toISOString() });
    await receiver.waitFor(start + 1);
    await notifier.flush();

    const got = receiver.received[start]!;
    assert.ok(verifyNotification(SECRET, String(got.headers[NOTIFY_SIGNATURE_HEADER]), got.body), 'signature verifies');
    assert.match(String(got.headers[NOTIFY_SIGNATURE_HEADER]), /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(verifyNotification('wrong-secret', String(got.headers[NOTIFY_SIGNATURE_HEADER]), got.body), false);
    assert.equal(verifyNotification(SECRET, String(got.headers[NOTIFY_SIGNATURE_HEADER]), got.body.replace('completed', 'failed')), false);
    const event = JSON.parse(got.body);
    assert.equal(event.type, 'onboarding.completed');
    assert.equal(event.data.onboarding.id, session.id);
    assert.equal(got.headers['x-whatsapp-signup-event-id'], event.id);
    const row = (await notifier.outbox.get(event.id))!;
    assert.ok(row.deliveredAt);
    assert.equal(row.attempts, 1);
    assert.equal(receiver.received.length, start + 1, 'non-terminal changes send nothing');
    await notifier.stop();
    await h.close();
  });

  test('When NOTIFY_URL answers 503 twice, then the event is retried with backoff until delivered', async () => {
    const h = fakeHarness();
    const lines: string[] = [];
    const logger = scanned(h, lines);
    const notifier = new Notifier({ outbox: new SqliteOutboxRepository(h.db), engine: h.engine, url: receiver.url, secret: SECRET, logger, backoff: { baseMs: 20, capMs: 200 } });
    await notifier.start();
    const { session } = await h.engine.createSession({ ...sessionBody(), regions: { allowed: ['EU'] }, ttlSeconds: 600, kind: 'widget' } as never);
    receiver.failures = 2;
    const start = receiver.received.length;
    h.engine.update(session.id, { state: 'failed' });
    await receiver.waitFor(start + 3);
    await notifier.flush();
    assert.deepEqual(receiver.received.slice(start).map((r) => r.status), [503, 503, 204]);
    const bodies = new Set(receiver.received.slice(start).map((r) => r.body));
    assert.equal(bodies.size, 1, 'the same event body on every attempt');
    const [row] = (await notifier.outbox.all()).filter((e) => e.onboardingId === session.id);
    assert.ok(row?.deliveredAt);
    assert.equal(row.attempts, 3);
    assert.ok(lines.some((l) => l.includes('notify: delivery failed')));
    await notifier.stop();
    await h.close();
  });

  test('When the receiver is down, then the event stays in the outbox (durable) with its next attempt scheduled', async () => {
    const h = fakeHarness();
    const logger = scanned(h);
    const notifier = new Notifier({ outbox: new SqliteOutboxRepository(h.db), engine: h.engine, url: 'http://127.0.0.1:9/down', secret: SECRET, logger, timeoutMs: 500 });
    await notifier.start();
    const { session } = await h.engine.createSession({ ...sessionBody(), regions: { allowed: ['EU'] }, ttlSeconds: 600, kind: 'widget' } as never);
    h.engine.update(session.id, { state: 'expired' });
    await notifier.flush();
    const [row] = await notifier.outbox.all();
    assert.equal(row?.deliveredAt, undefined);
    assert.equal(row?.attempts, 1);
    assert.ok(row!.nextAttemptAt > Date.now());
    await notifier.stop();
    await h.close();
  });

  test('When the notifier starts, then terminal onboardings without an outbox row are enqueued once', async () => {
    const h = fakeHarness();
    const logger = scanned(h);
    const a = await h.engine.createSession({ ...sessionBody(), regions: { allowed: ['EU'] }, ttlSeconds: 600, kind: 'widget' } as never);
    const b = await h.engine.createSession({ ...sessionBody(), regions: { allowed: ['EU'] }, ttlSeconds: 600, kind: 'widget' } as never);
    // Both turned terminal while no notifier was listening (e.g. a crash).
    h.engine.update(a.session.id, { state: 'completed' });
    h.engine.update(b.session.id, { state: 'failed' });
    const start = receiver.received.length;
    const notifier = new Notifier({ outbox: new SqliteOutboxRepository(h.db), engine: h.engine, url: receiver.url, secret: SECRET, logger });
    await notifier.start();
    await receiver.waitFor(start + 2);
    await notifier.flush();
    await notifier.stop();
    const types = receiver.received.slice(start).map((r) => JSON.parse(r.body).type).sort();
    assert.deepEqual(types, ['onboarding.completed', 'onboarding.failed']);
    // A restart does not send them again.
    const again = new Notifier({ outbox: new SqliteOutboxRepository(h.db), engine: h.engine, url: receiver.url, secret: SECRET, logger });
    assert.equal(await again.enqueueMissing(), 0);
    await h.close();
  });
});
