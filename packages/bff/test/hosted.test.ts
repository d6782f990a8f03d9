/**
 * The hosted signup page and the widget bundle it loads: GET /signup/:token, GET /widget/whatsapp-signup.js and
 * the element's languages, GET /widget/i18n/:locale.json.
 * A link is good for one onboarding: loading it never uses it up; submitting the signup through it does.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { API_KEY, fakeHarness, sessionBody } from './fixtures/harness.js';
import { DEFAULT_WIDGET_FILE } from '../src/http/http-config.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { sqliteStorage } from '../src/data/storage.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';

const asp = { Authorization: `Bearer ${API_KEY}` };

describe('GET /widget/whatsapp-signup.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'widget-'));
  const file = join(dir, 'whatsapp-signup.js');
  const h = fakeHarness({ config: { widgetFile: file } });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('When the widget is not built, then 404 widget_not_built with a clear message', async () => {
    const res = doc(await request(h.app).get('/widget/whatsapp-signup.js').expect(404));
    assert.equal(res.body.error.code, 'widget_not_built');
    assert.match(res.body.error.message, /npm run build/);
  });

  test('When it is built, then it is served as JavaScript with an ETag, immutable only under its versioned URL, loadable cross-origin', async () => {
    writeFileSync(file, 'console.log("widget v1");');
    const res = doc(await request(h.app).get('/widget/whatsapp-signup.js').expect(200));
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=0, must-revalidate', 'the plain URL picks up new builds');
    assert.match(String(res.headers.etag), /^"[\w-]+"$/);
    const version = String(res.headers.etag).replace(/"/g, '');
    const pinned = await request(h.app).get(`/widget/whatsapp-signup.js?v=${version}`).expect(200);
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
    const stale = await request(h.app).get('/widget/whatsapp-signup.js?v=some-older-build').expect(200);
    assert.equal(stale.headers['cache-control'], 'public, max-age=0, must-revalidate', 'an old version is not pinned to new bytes');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.text, 'console.log("widget v1");');
  });

  test('When the BFF is configured from the environment, then it serves the widget package build', () => {
    assert.match(DEFAULT_WIDGET_FILE.replace(/\\/g, '/'), /packages\/widget\/dist\/whatsapp-signup\.js$/);
  });

  test('When the browser revalidates with If-None-Match, then 304; a rebuilt file gets a new ETag', async () => {
    const first = await request(h.app).get('/widget/whatsapp-signup.js').expect(200);
    doc(await request(h.app).get('/widget/whatsapp-signup.js').set('If-None-Match', String(first.headers.etag)).expect(304));
    writeFileSync(file, 'console.log("widget v2, longer");');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = await request(h.app).get('/widget/whatsapp-signup.js').expect(200);
    assert.notEqual(second.headers.etag, first.headers.etag);
    assert.match(second.text, /v2/);
  });

  test('When the hosted page is served, then it loads the bundle by a content-versioned URL', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    const page = doc(await request(h.app).get(new URL(link.body.url).pathname).expect(200));
    const etag = String((await request(h.app).get('/widget/whatsapp-signup.js')).headers.etag).replace(/"/g, '');
    assert.ok(page.text.includes(`/widget/whatsapp-signup.js?v=${etag}`));
  });
});

describe('GET /widget/i18n/:locale.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'widget-'));
  const file = join(dir, 'whatsapp-signup.js');
  const h = fakeHarness({ config: { widgetFile: file } });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const german = JSON.stringify({ button: 'WhatsApp verbinden' });

  test('When the widget is not built, then a language is 404 not_found', async () => {
    const res = doc(await request(h.app).get('/widget/i18n/de.json').expect(404));
    assert.equal(res.body.error.code, 'not_found');
  });

  test('When it is built, then a language is JSON beside the bundle with the bundle\'s ETag, cached like it, loadable cross-origin', async () => {
    writeFileSync(file, 'console.log("widget");');
    mkdirSync(join(dir, 'i18n'), { recursive: true });
    writeFileSync(join(dir, 'i18n', 'de.json'), german);
    writeFileSync(join(dir, 'i18n', 'pt-BR.json'), '{"button":"Conectar WhatsApp"}');
    const bundle = await request(h.app).get('/widget/whatsapp-signup.js').expect(200);
    const res = doc(await request(h.app).get('/widget/i18n/de.json').expect(200));
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.text, german);
    assert.equal(res.headers.etag, bundle.headers.etag, 'one ETag for the bundle and its languages');
    assert.equal(res.headers['cache-control'], 'public, max-age=0, must-revalidate');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
    const version = String(bundle.headers.etag).replace(/"/g, '');
    const pinned = await request(h.app).get(`/widget/i18n/pt-BR.json?v=${version}`).expect(200);
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(pinned.text, '{"button":"Conectar WhatsApp"}');
    doc(await request(h.app).get('/widget/i18n/de.json').set('If-None-Match', String(res.headers.etag)).expect(304));
  });

  test('When a language file changes, then the bundle\'s version changes too (the hosted page\'s ?v= moves with it)', async () => {
    const before = String((await request(h.app).get('/widget/whatsapp-signup.js')).headers.etag);
    writeFileSync(join(dir, 'i18n', 'de.json'), JSON.stringify({ button: 'WhatsApp jetzt verbinden' }));
    utimesSync(join(dir, 'i18n', 'de.json'), new Date(), new Date(Date.now() + 5000));
    const after = await request(h.app).get('/widget/i18n/de.json').expect(200);
    assert.notEqual(after.headers.etag, before);
    assert.match(after.text, /jetzt/);
    assert.equal((await request(h.app).get('/widget/whatsapp-signup.js')).headers.etag, after.headers.etag);
  });

  test('When a language does not exist or the name is not a locale, then 404 and nothing else is read', async () => {
    writeFileSync(join(dir, 'secret.json'), '{"x":1}');
    writeFileSync(join(dir, 'i18n', 'notes.json'), '{"x":1}');
    for (const path of ['/widget/i18n/fr.json', '/widget/i18n/notes.json', '/widget/i18n/..%2Fsecret.json', '/widget/i18n/de.json.bak', '/widget/i18n/DE.json']) {
      const res = await request(h.app).get(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.text, /"x":1/, path);
    }
  });
});

describe('GET /widget/views/:name.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'widget-'));
  const file = join(dir, 'whatsapp-signup.js');
  const h = fakeHarness({ config: { widgetFile: file } });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const view = 'export function createVerificationView(){}';

  test('When the widget is not built, then a view is 404 not_found', async () => {
    const res = doc(await request(h.app).get('/widget/views/verification.js').expect(404));
    assert.equal(res.body.error.code, 'not_found');
  });

  test('When it is built, then a view is a script beside the bundle with the bundle\'s ETag, cached like it, importable cross-origin', async () => {
    writeFileSync(file, 'console.log("widget");');
    mkdirSync(join(dir, 'views'), { recursive: true });
    writeFileSync(join(dir, 'views', 'verification.js'), view);
    const bundle = await request(h.app).get('/widget/whatsapp-signup.js').expect(200);
    const res = doc(await request(h.app).get('/widget/views/verification.js').expect(200));
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.equal(res.text, view);
    assert.equal(res.headers.etag, bundle.headers.etag, 'one ETag for the bundle and its views');
    assert.equal(res.headers['cache-control'], 'public, max-age=0, must-revalidate');
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const version = String(bundle.headers.etag).replace(/"/g, '');
    const pinned = await request(h.app).get(`/widget/views/verification.js?v=${version}`).expect(200);
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
    doc(await request(h.app).get('/widget/views/verification.js').set('If-None-Match', String(res.headers.etag)).expect(304));
  });

  test('When a view changes, then the bundle\'s version changes too; a name that is no view is 404', async () => {
    const before = String((await request(h.app).get('/widget/whatsapp-signup.js')).headers.etag);
    writeFileSync(join(dir, 'views', 'verification.js'), view + ';');
    utimesSync(join(dir, 'views', 'verification.js'), new Date(), new Date(Date.now() + 5000));
    const changed = await request(h.app).get('/widget/views/verification.js').expect(200);
    assert.notEqual(changed.headers.etag, before);
    assert.equal((await request(h.app).get('/widget/whatsapp-signup.js')).headers.etag, changed.headers.etag);
    writeFileSync(join(dir, 'secret.js'), 'x=1');
    for (const path of ['/widget/views/other.js', '/widget/views/..%2Fsecret.js', '/widget/views/Verification.js', '/widget/views/verification.js.map']) {
      assert.equal((await request(h.app).get(path)).status, 404, path);
    }
  });
});

describe('GET /signup/:token', () => {
  const h = fakeHarness({ config: { hostedExtraOrigins: ['http://127.0.0.1:4010'] } });
  after(() => h.close());

  test('When a valid link is opened, then the page embeds <whatsapp-signup> with the endpoint and a session token for its session', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    const res = doc(await request(h.app).get(new URL(link.body.url).pathname).expect(200));
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.text, /Connect WhatsApp for Acme Shoes/);
    const token = /session="([^"]+)"/.exec(res.text)![1]!;
    const view = await request(h.app).get('/v1/session').set('Authorization', `Bearer ${token}`).expect(200);
    assert.equal(view.body.session.id, link.body.sessionId);
    // The page's session token lives at most 2 h, even though the link lived 24 h.
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    assert.ok(exp - Date.now() <= 2 * 3600_000 + 1000);
  });

  test('When sandbox origins are configured, then the CSP also allows them (the fake FB SDK)', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    const res = await request(h.app).get(new URL(link.body.url).pathname).expect(200);
    assert.match(String(res.headers['content-security-policy']), /script-src [^;]*http:\/\/127\.0\.0\.1:4010/);
  });

  test('When an SDK override is configured (Meta sandbox), then the element gets sdk-src and the CSP its origin', async () => {
    const h2 = fakeHarness({ config: { hostedSdkSrc: 'http://127.0.0.1:4011/meta/sdk.js' } });
    const link = await request(h2.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    const res = await request(h2.app).get(new URL(link.body.url).pathname).expect(200);
    assert.match(res.text, /sdk-src="http:\/\/127\.0\.0\.1:4011\/meta\/sdk\.js"/);
    assert.match(String(res.headers['content-security-policy']), /script-src [^;]*http:\/\/127\.0\.0\.1:4011/);
    await h2.close();
  });

  test('When a mail scanner checks the link (HEAD, GETs) before the customer, then every load gets the page and the link stays unused', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    const path = new URL(link.body.url).pathname;
    const head = await request(h.app).head(path).expect(200);
    assert.match(String(head.headers['content-type']), /^text\/html/);
    for (let visit = 0; visit < 3; visit++) {
      const page = doc(await request(h.app).get(path).expect(200));
      assert.match(page.text, /<whatsapp-signup /);
      assert.match(page.text, /Connect WhatsApp for Acme Shoes/);
      assert.match(page.text, /session="[^"]+"/);
    }
    const stored = await sqliteStorage(h.db).links.get(link.body.id);
    assert.equal(stored?.usedAt, undefined, 'loading the page never marks the link used');
  });

  test('When the token is garbage, then a 404 HTML page with the strict CSP', async () => {
    const res = doc(await request(h.app).get('/signup/garbage').expect(404));
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.text, /not valid/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  });

  test('When the hosted page is requested, then its URL token is redacted from the access log', async () => {
    const link = await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201);
    const path = new URL(link.body.url).pathname;
    await request(h.app).get(path).expect(200);
    const token = path.split('/').pop()!;
    assert.ok(h.logs.some((l) => l.includes('/signup/[REDACTED]')));
    assert.ok(!h.logs.some((l) => l.includes(token)));
  });
});

describe('a hosted link through its one onboarding', () => {
  let h: RealHarness;
  before(async () => (h = await realHarness()));
  after(() => h.close());
  const sessionTokenOf = (html: string) => /session="([^"]+)"/.exec(html)![1]!;

  test('When the customer submits through the link, then it is marked used with the job, and loading it again shows that onboarding (not 410) until revoked', async () => {
    const link = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
    const path = new URL(link.url).pathname;
    const token = sessionTokenOf((await request(h.app).get(path).expect(200)).text);
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode())).expect(202);
    const stored = await h.bundle.storage.links.get(link.id);
    const job = await h.engine.getOnboarding(link.sessionId);
    assert.ok(stored?.usedAt, 'the submission used the link');
    assert.ok(job && ['running', 'completed'].includes(job.state), String(job?.state));
    const again = doc(await request(h.app).get(path).expect(200));
    assert.match(again.text, /Your WhatsApp connection for Acme Shoes/);
    assert.match(again.text, /<whatsapp-signup /, 'the element follows the submitted onboarding');
    const view = await request(h.app).get('/v1/session').set(bearer(sessionTokenOf(again.text))).expect(200);
    assert.equal(view.body.onboarding.id, link.sessionId);
    assert.notEqual(view.body.onboarding.state, 'awaiting_signup');
    await waitForOnboarding(h.app, link.sessionId, (o) => o.state === 'completed');
    assert.match((await request(h.app).get(path).expect(200)).text, /Your WhatsApp connection/, 'the result, after completion too');
    await request(h.app).delete(`/v1/signup-links/${link.id}`).set(asp).expect(204);
    assert.match(doc(await request(h.app).get(path).expect(410)).text, /withdrawn/);
  });

  test("When a widget session's hosted fallback is opened, then hostedUrl is still offered until the signup is submitted", async () => {
    const { token } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    const hostedUrl = (await request(h.app).get('/v1/session').set(bearer(token)).expect(200)).body.hostedUrl as string;
    await request(h.app).get(new URL(hostedUrl).pathname).expect(200);
    await request(h.app).head(new URL(hostedUrl).pathname).expect(200);
    assert.equal((await request(h.app).get('/v1/session').set(bearer(token)).expect(200)).body.hostedUrl, hostedUrl, 'opening it used nothing up');
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode())).expect(202);
    assert.equal((await request(h.app).get('/v1/session').set(bearer(token)).expect(200)).body.hostedUrl, null, 'its one onboarding was submitted');
  });
});
