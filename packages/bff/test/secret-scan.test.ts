/**
 * The suite-wide secret scan can fail: a secret the sandbox issued, put in a log line or a response on purpose,
 * makes the harness's close() reject, naming the kind of secret and the line (with the secret masked).
 * (Every other test's harness runs the same check in its close(), so a real leak anywhere fails the suite.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { isTerminal, sessionInput, signup, startHarness, waitFor } from './fixtures/engine-harness.js';
import { realHarness } from './fixtures/real-harness.js';
import { asp } from './fixtures/api-client.js';
import { fakeHarness, sessionBody, SESSION_SECRET } from './fixtures/harness.js';
import { MIN_SECRET_LENGTH } from './fixtures/secret-scan.js';

describe('secret scan (close() of every harness)', () => {
  test('When a sandbox-issued ES code and sender bearer token are logged through the engine harness, then close() rejects naming both kinds, masked', async () => {
    const h = await startHarness();
    const code = h.sandbox.mintCode();
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    await h.engine.submitSignup(session.id, signup(code, 'US'));
    assert.equal((await waitFor(h.engine, session.id, isTerminal)).state, 'completed');
    const bearer = h.sandbox.issuedSecrets().find((x) => x.kind === 'sender bearer token')!.value;
    await h.engine.idle();
    h.logger.info({ detail: `careless ${code}` }, 'oops');
    h.logger.warn(`sender says ${bearer}`);
    const err = await h.close().then(
      () => assert.fail('close() should reject'),
      (e: Error) => e,
    );
    assert.match(err.message, /ES code in log: .*careless \*\*\*/);
    assert.match(err.message, /sender bearer token in log: .*sender says \*\*\*/);
    assert.equal(err.message.includes(code), false, 'the report never prints the secret');
    assert.equal(err.message.includes(bearer), false, 'the report never prints the secret');
  });

  test('When a verification code (6 digits) is logged as a field, then close() rejects naming it, though short values are otherwise not scanned', async () => {
    const h = await startHarness();
    const { session } = await h.engine.createSession(sessionInput());
    await waitFor(h.engine, session.id, (o) => o.state === 'awaiting_signup');
    const result = signup(h.sandbox.mintCode(), 'US');
    h.sandbox.requireVerification(result.phoneNumberId!);
    await h.engine.submitSignup(session.id, result);
    const o = await waitFor(h.engine, session.id, (x) => x.state === 'awaiting_verification');
    await h.engine.startVerification(session.id, { phoneNumberId: result.phoneNumberId!, method: 'SMS' });
    const code = h.sandbox.verificationCode(o.senderId!)!.code;
    assert.ok(h.sandbox.issuedSecrets().some((x) => x.kind === 'verification code' && x.value === code));
    // A field named `code` is redacted by the logger itself; under another name only the scan catches it.
    h.logger.info({ code }, 'redacted by the logger');
    h.logger.info({ detail: code }, 'careless');
    const err = await h.close().then(
      () => assert.fail('close() should reject'),
      (e: Error) => e,
    );
    assert.match(err.message, /verification code in log: .*"detail":\*\*\*/);
    assert.equal(err.message.split('verification code in log').length, 2, 'only the unredacted line');
    assert.equal(err.message.includes(code), false, 'the report never prints the secret');
  });

  test('When a response body holds an OAuth token the sandbox issued, then the real harness close() rejects naming the response', async () => {
    const h = await realHarness();
    const oauth = (await h.bundle.sinch.auth.header()).replace(/^Bearer /i, '');
    assert.ok(h.sandbox.issuedSecrets().some((s) => s.kind === 'OAuth token' && s.value === oauth));
    assert.ok(oauth.length >= MIN_SECRET_LENGTH);
    // The strict schema names an unknown field in its 400: here the field's name is the token.
    const res = await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ [oauth]: 1 })).expect(400);
    assert.equal(res.body.error.field, oauth);
    await assert.rejects(h.close(), /OAuth token in response to POST \/v1\/sessions: .*\*\*\*/);
  });

  test('When a response holds SESSION_SECRET on the fake-engine harness, then close() rejects naming SESSION_SECRET', async () => {
    const h = fakeHarness();
    await request(h.app).post('/v1/sessions').set(asp).send(sessionBody({ [SESSION_SECRET]: 1 })).expect(400);
    await assert.rejects(h.close(), /SESSION_SECRET in response to POST \/v1\/sessions/);
  });

  test('When nothing secret was said, then close() resolves (and short values are never scanned)', async () => {
    const h = fakeHarness();
    h.scan.addSecrets(() => [{ kind: 'short', value: 'abc' }]);
    await request(h.app).get('/healthz').expect(200);
    h.scan.add('note', 'abc abc abc');
    await h.close();
  });

  test('When an operator hash or a console cookie shows up outside its Set-Cookie, then close() rejects naming it; the Set-Cookie itself is fine', async () => {
    const { hashPassword } = await import('../src/console/passwords.js');
    const hash = await hashPassword('correct-horse-battery', { N: 1024, r: 8, p: 1 });
    const h = await realHarness({ env: { OPERATOR_ACCOUNTS: `ops:${hash}` } });
    const res = await request(h.app).post('/console/api/session').set('Origin', 'https://bff.example').send({ name: 'ops', password: 'correct-horse-battery' }).expect(200);
    const value = String(res.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
    h.scan.addSecrets(() => [{ kind: 'console session cookie', value, cookie: true }]);
    assert.deepEqual(h.scan.leaks(), [], 'handed out in Set-Cookie: not a leak');
    h.logger.info(`cookie ${value} and hash ${hash}`);
    const err = await h.close().then(
      () => assert.fail('close() should reject'),
      (e: Error) => e,
    );
    assert.match(err.message, /console session cookie in log/);
    assert.match(err.message, /operator password hash \(ops\) in log/);
  });
});
