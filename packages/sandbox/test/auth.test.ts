import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, startHarness, type Harness } from './helpers.js';

describe('POST /auth/oauth2/token', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ tokenTtlSeconds: 60 });
  });
  after(() => h.sb.close());

  it('When the key is right, then an opaque bearer token is issued', async () => {
    // Arrange
    const { keyId, keySecret } = h.sb.credentials;
    // Act
    const r = await call(h.sb.urls.auth, { basic: [keyId, keySecret], form: { grant_type: 'client_credentials' } });
    // Assert
    assert.equal(r.status, 200);
    assert.equal(r.body.token_type, 'bearer');
    assert.equal(r.body.expires_in, 60);
    assert.equal(r.body.scope, '');
    assert.match(r.body.access_token, /^[A-Za-z0-9_-]{40,}$/);
    assert.notEqual(r.body.access_token, h.token);
  });

  it('When the key secret is wrong, then 401 invalid_client', async () => {
    const r = await call(h.sb.urls.auth, { basic: [h.sb.credentials.keyId, 'nope'], form: { grant_type: 'client_credentials' } });
    assert.equal(r.status, 401);
    assert.equal(r.body.error, 'invalid_client');
    assert.equal(typeof r.body.error_description, 'string');
  });

  it('When there is no Authorization header, then 401 invalid_client', async () => {
    const r = await call(h.sb.urls.auth, { form: { grant_type: 'client_credentials' } });
    assert.equal(r.status, 401);
    assert.equal(r.body.error, 'invalid_client');
  });

  it('When grant_type is missing or another one, then 400 unsupported_grant_type', async () => {
    const { keyId, keySecret } = h.sb.credentials;
    const missing = await call(h.sb.urls.auth, { basic: [keyId, keySecret], form: {} });
    const other = await call(h.sb.urls.auth, { basic: [keyId, keySecret], form: { grant_type: 'password' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'unsupported_grant_type');
    assert.equal(other.status, 400);
    assert.equal(other.body.error, 'unsupported_grant_type');
  });
});

describe('Authorization on the project-scoped APIs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ tokenTtlSeconds: 60 });
  });
  after(() => h.sb.close());

  it('When a valid bearer token or the Basic key is used, then the call goes through', async () => {
    const bearer = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token });
    const basic = await call(h.prov(`/v1/projects/${h.parent}/whatsapp/senders`), { basic: [h.sb.credentials.keyId, h.sb.credentials.keySecret] });
    assert.equal(bearer.status, 200);
    assert.equal(basic.status, 200);
  });

  it('When the token is unknown, then 401 in the API dialect', async () => {
    const google = await call(h.conv('eu', `/v1/projects/${h.parent}/apps`), { token: 'forged' });
    const papi = await call(h.prov(`/v1/projects/${h.parent}/whatsapp/senders`), { token: 'forged' });
    assert.equal(google.status, 401);
    assert.equal(google.body.error.status, 'UNAUTHENTICATED');
    assert.equal(papi.status, 401);
    assert.equal(papi.body.errorCode, 'unauthorized_error');
  });

  it('When Basic credentials are wrong, then 401', async () => {
    const r = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { basic: [h.sb.credentials.keyId, 'wrong'] });
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 401);
  });

  it('When the token has expired on the sandbox clock, then 401 access-token-expired with a Bearer challenge', async () => {
    // Arrange
    const { keyId, keySecret } = h.sb.credentials;
    const t = await call(h.sb.urls.auth, { basic: [keyId, keySecret], form: { grant_type: 'client_credentials' } });
    // Act
    h.sb.clock.advance(60_000);
    const r = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: t.body.access_token });
    // Assert
    assert.equal(r.status, 401);
    assert.equal(r.body.type, 'https://developers.sinch.com/docs/errors/registry/access-token-expired');
    assert.equal(typeof r.body.title, 'string');
    assert.equal(typeof r.body.detail, 'string');
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
  });
});
