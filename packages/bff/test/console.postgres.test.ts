/**
 * The operator console on two BFF instances sharing one PostgreSQL database: a session signed in on one works on the
 * other (only its hash is stored, in the shared operator_sessions), a sign-out on either ends it on both, and both
 * write one audit log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { hashPassword } from '../src/console/passwords.js';
import { AuditListSchema } from '../src/http/console.schemas.js';
import { postgresForTests } from './fixtures/postgres-server.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { staticSecrets } from './fixtures/secret-scan.js';

const server = postgresForTests();
const PASSWORD = 'correct-horse-battery-staple';

describe('operator console on two instances (PostgreSQL)', () => {
  let a: RealHarness;
  let b: RealHarness;
  before(async () => {
    const env = { DATABASE_URL: await server.createDatabase(), OPERATOR_ACCOUNTS: `ops:${await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 })}` };
    a = await realHarness({ env });
    b = await realHarness({ env });
    for (const h of [a, b]) h.scan.addSecrets(staticSecrets({ 'operator password': PASSWORD }));
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });

  test('When an operator signs in on one instance, then the other knows the session; a sign-out on it ends the session on both', async () => {
    const res = await request(a.app).post('/console/api/session').set('Origin', 'https://bff.example').send({ name: 'ops', password: PASSWORD }).expect(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    for (const h of [a, b]) h.scan.addSecrets(() => [{ kind: 'console session cookie', value: cookie.split('=')[1]!, cookie: true }]);
    const csrf = res.body.csrfToken as string;
    assert.equal((await request(b.app).get('/console/api/session').set('Cookie', cookie).expect(200)).body.operator.name, 'ops');
    await request(b.app).delete('/console/api/session').set({ Cookie: cookie, 'X-CSRF-Token': csrf }).expect(204);
    await request(a.app).get('/console/api/session').set('Cookie', cookie).expect(401);
    const again = await request(b.app).post('/console/api/session').set('Origin', 'https://bff.example').send({ name: 'ops', password: PASSWORD }).expect(200);
    const audit = AuditListSchema.parse((await request(a.app).get('/console/api/audit').set('Cookie', String(again.headers['set-cookie']).split(';')[0]!).expect(200)).body);
    assert.deepEqual(audit.items.map((e) => e.action), ['sign_in', 'sign_out', 'sign_in'], 'one log, newest first');
    for (const h of [a, b]) h.scan.addSecrets(() => [{ kind: 'console session cookie', value: String(again.headers['set-cookie']).split(';')[0]!.split('=')[1]!, cookie: true }]);
  });
});
