/**
 * server.ts: SANDBOX=1 starts the Sinch sandbox in-process, the BFF listens and serves a whole flow,
 * ASP callbacks go out, and stop() (SIGTERM) ends open SSE streams and closes everything.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { SecretScan, configSecrets, sandboxSecrets } from './fixtures/secret-scan.js';
import { startServer } from '../src/server.js';
import { verifyNotification, NOTIFY_SIGNATURE_HEADER } from '../src/notify/signature.js';

const API_KEY = 'server-test-api-key-123456';
const NOTIFY_SECRET = 'server-test-notify-secret-123456';

describe('server.ts', () => {
  test('When SANDBOX=1 and no Sinch credentials, then the sandbox runs in-process, a signup completes, the ASP is called back, and stop() closes all', async () => {
    // Arrange: an ASP receiver for NOTIFY_URL.
    const received: Array<{ body: string; signature: string }> = [];
    const asp = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers[NOTIFY_SIGNATURE_HEADER]) });
        res.end();
      });
    });
    await new Promise<void>((r) => asp.listen(0, '127.0.0.1', r));
    const dir = mkdtempSync(join(tmpdir(), 'bff-server-'));
    const scan = new SecretScan();
    const bff = await startServer(
      {
        SANDBOX: '1',
        PORT: '0',
        DATABASE_PATH: join(dir, 'bff.db'),
        BFF_API_KEYS: API_KEY,
        LOG_LEVEL: 'debug',
        NOTIFY_URL: `http://127.0.0.1:${(asp.address() as AddressInfo).port}/events`,
        NOTIFY_SECRET,
      },
      { shutdownGraceMs: 50, logDestination: scan.destination() },
    );
    try {
      assert.ok(bff.sandbox, 'in-process sandbox');
      assert.equal(bff.config.sinch.urls.auth, bff.sandbox.urls.auth);
      // Act: a whole flow over HTTP.
      assert.equal((await fetch(`${bff.url}/readyz`)).status, 200);
      const created = await fetch(`${bff.url}/v1/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customer: { reference: 'c1', displayName: 'Server Test' } }),
      });
      assert.equal(created.status, 201);
      const { token, id } = (await created.json()) as { token: string; id: string };
      const submit = await fetch(`${bff.url}/v1/session/onboarding`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: bff.sandbox.mintCode(), event: 'FINISH', wabaId: '11', phoneNumberId: '22', businessId: '33', region: 'EU' }),
      });
      assert.equal(submit.status, 202);
      // The CLI-like sandbox delays readiness (3 s) and activation (5 s); move its clock instead of sleeping.
      const events = await fetch(`${bff.url}/v1/session/onboarding/events`, { headers: { authorization: `Bearer ${token}` } });
      const reader = events.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let done = false;
      let pending = reader.read();
      // Bounded: a regression fails here instead of hanging the suite.
      for (let i = 0; i < 600 && !done; i++) {
        bff.sandbox.clock.advance(1000);
        const chunk = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
        if (chunk === undefined) continue;
        if (chunk.done) done = true;
        else {
          text += decoder.decode(chunk.value, { stream: true });
          pending = reader.read();
        }
      }
      assert.ok(done, `the event stream did not end after 600 clock moves: ${text}`);
      assert.match(text, /"state":"completed"/);
      for (let i = 0; i < 500 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(received.length > 0, 'no onboarding.completed notification reached the ASP after 500 polls');
      assert.ok(verifyNotification(NOTIFY_SECRET, received[0]!.signature, received[0]!.body));
      assert.equal(JSON.parse(received[0]!.body).data.onboarding.id, id);
      // An SSE stream still open at shutdown must not hold stop() forever.
      const open = await fetch(`${bff.url}/v1/session/onboarding/events?access_token=${token}`);
      assert.equal(open.status, 200);
    } finally {
      await bff.stop();
      await new Promise((r) => asp.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
    // Assert: the port is closed, and no secret was logged.
    await assert.rejects(fetch(`${bff.url}/healthz`));
    scan.addSecrets(sandboxSecrets(bff.sandbox!));
    scan.addSecrets(configSecrets(bff.config));
    scan.check();
  });

  test('When TRUST_PROXY is malformed, then the config refuses it by name; valid forms parse', () => {
    const base = { SANDBOX: '1' };
    assert.equal(loadConfig(base).http.trustProxy, false);
    assert.equal(loadConfig({ ...base, TRUST_PROXY: '1' }).http.trustProxy, 1);
    assert.equal(loadConfig({ ...base, TRUST_PROXY: 'true' }).http.trustProxy, true);
    assert.equal(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy, 'loopback, 10.0.0.0/8');
    assert.throws(() => loadConfig({ ...base, TRUST_PROXY: 'yes please!' }), (e: unknown) => e instanceof ConfigError && e.variables.includes('TRUST_PROXY'));
  });

  test('When a required variable is missing outside sandbox mode, then startServer refuses with a message naming it', async () => {
    await assert.rejects(startServer({ PORT: '0', LOG_LEVEL: 'silent' }), (e: unknown) => e instanceof ConfigError && /SINCH_KEY_SECRET/.test(e.message));
  });

  test('When PUBLIC_URL is unset outside sandbox mode, then startServer refuses with a ConfigError naming it', async () => {
    const production = {
      PORT: '0',
      LOG_LEVEL: 'silent',
      SINCH_PROJECT_ID: 'p',
      SINCH_KEY_ID: 'k',
      SINCH_KEY_SECRET: 's',
      SESSION_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    await assert.rejects(startServer(production), (e: unknown) => e instanceof ConfigError && e.variables.join() === 'PUBLIC_URL' && /PUBLIC_URL: required/.test(e.message));
  });

  test('When SANDBOX=1 and HOST is unset, then the BFF listens on loopback only; HOST chooses the interface', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-server-host-'));
    const env = { SANDBOX: '1', PORT: '0', LOG_LEVEL: 'silent' };
    try {
      const loopback = await startServer({ ...env, DATABASE_PATH: join(dir, 'a.db') }, { shutdownGraceMs: 10 });
      try {
        assert.equal((loopback.server.address() as AddressInfo).address, '127.0.0.1');
        assert.equal((await fetch(`${loopback.url}/healthz`)).status, 200);
      } finally {
        await loopback.stop();
      }
      const everywhere = await startServer({ ...env, HOST: '0.0.0.0', DATABASE_PATH: join(dir, 'b.db') }, { shutdownGraceMs: 10 });
      try {
        assert.equal((everywhere.server.address() as AddressInfo).address, '0.0.0.0');
        assert.match(everywhere.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'the local URL of a wildcard listener is loopback');
        assert.equal((await fetch(`${everywhere.url}/healthz`)).status, 200);
      } finally {
        await everywhere.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
