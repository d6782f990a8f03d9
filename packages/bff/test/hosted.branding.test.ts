/**
 * The hosted page carries the ASP's brand and leads back: BRAND_* and RETURN_URL_ORIGINS (config), a link's
 * `branding`, `locale` and `returnUrl` (POST /v1/signup-links), the page's words, logo, links, colours and CSP
 * (GET /signup/:token), and the signed "Back to <brand>" URL (GET /v1/session/return-url) checked with the
 * README's own snippet.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { API_KEY, fakeHarness, sessionBody } from './fixtures/harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { foregroundOn } from '../src/hosted/branding.js';
import { readmeVerifyReturn } from './fixtures/readme-return-check.js';
import type { HostedSettings } from '../src/http/http-config.js';
import { PROD_ENV } from './fixtures/production-env.js';

const asp = { Authorization: `Bearer ${API_KEY}` };
const RETURN_SECRET = 'whsec_return_test_secret_0123456789';
const LOGO = 'https://cdn.acme.example/brand/logo.svg';
const BRAND = {
  name: 'Acme Messaging',
  logoUrl: LOGO,
  color: '#0b5fff',
  supportUrl: 'https://help.acme.example/whatsapp',
  privacyUrl: 'https://acme.example/privacy',
};
const HOSTED: HostedSettings = { brand: BRAND, returnUrl: { origins: ['https://app.acme.example'], secret: RETURN_SECRET } };
const RETURN_URL = 'https://app.acme.example/whatsapp/return?customer=cust-42';

const PROD = PROD_ENV;
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...PROD, ...env });
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e;
  }
  assert.fail(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('BRAND_* and RETURN_URL_ORIGINS', () => {
  test('When the brand variables are valid, then the hosted section holds them and the origins are normalised', () => {
    const c = loadConfig({
      ...PROD,
      BRAND_NAME: 'Acme Messaging',
      BRAND_LOGO_URL: LOGO,
      BRAND_COLOR: '#0B5FFF',
      BRAND_SUPPORT_EMAIL: 'help@acme.example',
      BRAND_PRIVACY_URL: 'https://acme.example/privacy',
      RETURN_URL_ORIGINS: 'https://app.acme.example/, https://Portal.Acme.example:8443',
      NOTIFY_SECRET: RETURN_SECRET,
    });
    assert.deepEqual(c.http.hosted?.brand, {
      name: 'Acme Messaging',
      logoUrl: LOGO,
      color: '#0B5FFF',
      supportEmail: 'help@acme.example',
      privacyUrl: 'https://acme.example/privacy',
    });
    assert.deepEqual(c.http.hosted?.returnUrl, { origins: ['https://app.acme.example', 'https://portal.acme.example:8443'], secret: RETURN_SECRET });
  });

  test('When a brand or return variable is bad, then the start stops with a message naming it', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ BRAND_COLOR: 'blue' }, 'BRAND_COLOR', /hex colour/],
      [{ BRAND_COLOR: '#12345' }, 'BRAND_COLOR', /hex colour/],
      [{ BRAND_LOGO_URL: 'http://cdn.acme.example/logo.png' }, 'BRAND_LOGO_URL', /https URL/],
      [{ BRAND_LOGO_URL: 'javascript:alert(1)' }, 'BRAND_LOGO_URL', /https URL/],
      [{ BRAND_SUPPORT_URL: 'ftp://acme.example' }, 'BRAND_SUPPORT_URL', /https URL/],
      [{ BRAND_SUPPORT_EMAIL: 'not-an-address' }, 'BRAND_SUPPORT_EMAIL', /.+/],
      [{ BRAND_PRIVACY_URL: 'acme.example/privacy' }, 'BRAND_PRIVACY_URL', /https URL/],
      [{ BRAND_SUPPORT_URL: 'https://help.acme.example', BRAND_SUPPORT_EMAIL: 'help@acme.example' }, 'BRAND_SUPPORT_EMAIL', /not both/],
      [{ RETURN_URL_ORIGINS: 'https://app.acme.example/return', NOTIFY_SECRET: RETURN_SECRET }, 'RETURN_URL_ORIGINS', /https origins/],
      [{ RETURN_URL_ORIGINS: 'http://app.acme.example', NOTIFY_SECRET: RETURN_SECRET }, 'RETURN_URL_ORIGINS', /https origins/],
      [{ RETURN_URL_ORIGINS: 'https://app.acme.example' }, 'NOTIFY_SECRET', /required with RETURN_URL_ORIGINS/],
    ];
    for (const [env, name, message] of cases) {
      const e = configError(env);
      assert.deepEqual(e.variables, [name], JSON.stringify(env));
      assert.match(e.message, new RegExp(`${name}: [^;]*${message.source}`), e.message);
    }
  });

  test('When the brand colour is light or dark, then the element\'s text on it is black or white, at least 4.5:1 either way', () => {
    assert.equal(foregroundOn('#ffd700'), '#000000');
    assert.equal(foregroundOn('#0b5fff'), '#ffffff');
    const lum = (hex: string) =>
      [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    for (let v = 0; v < 0x1000000; v += 0x0f0f0f + 0x10305) {
      const bg = `#${v.toString(16).padStart(6, '0')}`;
      const [a, b] = [lum(bg), lum(foregroundOn(bg))].sort((x, y) => y - x) as [number, number];
      assert.ok((a + 0.05) / (b + 0.05) >= 4.5, `${bg} on ${foregroundOn(bg)}`);
    }
  });
});

describe('POST /v1/signup-links with branding, locale and returnUrl', () => {
  const h = fakeHarness({ config: { hosted: HOSTED } });
  const bare = fakeHarness({ config: { hosted: { brand: {} } } });
  after(async () => {
    await h.close();
    await bare.close();
  });

  const refused = async (app: typeof h.app, body: Record<string, unknown>, field: string, message: RegExp) => {
    const res = doc(await request(app).post('/v1/signup-links').set(asp).send(sessionBody(body)).expect(400));
    assert.equal(res.body.error.code, 'invalid_request');
    assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    assert.match(res.body.error.message, message);
  };

  test('When returnUrl is not https or not on an origin of RETURN_URL_ORIGINS, then 400 naming returnUrl and nothing is created', async () => {
    const before = h.engine.calls.length;
    await refused(h.app, { returnUrl: 'http://app.acme.example/return' }, 'returnUrl', /returnUrl must be an https URL/);
    await refused(h.app, { returnUrl: 'https://evil.example/return' }, 'returnUrl', /RETURN_URL_ORIGINS \(https:\/\/app\.acme\.example\)/);
    await refused(h.app, { returnUrl: 'https://app.acme.example.evil.example/return' }, 'returnUrl', /RETURN_URL_ORIGINS/);
    await refused(h.app, { returnUrl: 'https://app.acme.example:8443/return' }, 'returnUrl', /RETURN_URL_ORIGINS/);
    assert.equal(h.engine.calls.length, before, 'no session was created');
  });

  test('When no RETURN_URL_ORIGINS are configured, then any returnUrl is refused with a message saying to set it', async () => {
    await refused(bare.app, { returnUrl: RETURN_URL }, 'returnUrl', /set RETURN_URL_ORIGINS/);
    assert.deepEqual(bare.engine.calls, []);
  });

  test('When branding has a bad colour, a javascript: logo or two support contacts, or the locale is unknown, then 400 naming the field', async () => {
    await refused(h.app, { branding: { color: 'red' } }, 'branding.color', /hex colour/);
    await refused(h.app, { branding: { logoUrl: 'javascript:alert(1)' } }, 'branding.logoUrl', /https URL/);
    await refused(h.app, { branding: { privacyUrl: 'http://acme.example/privacy' } }, 'branding.privacyUrl', /https URL/);
    await refused(h.app, { branding: { supportUrl: 'https://help.acme.example', supportEmail: 'help@acme.example' } }, 'branding.supportEmail', /not both/);
    await refused(h.app, { locale: 'fr' }, 'locale', /.+/);
  });

  test('When the options are valid, then they are kept with the session', async () => {
    const link = doc(await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody({ branding: { name: 'Globex' }, locale: 'de', returnUrl: RETURN_URL })).expect(201));
    const session = await h.engine.getSession(link.body.sessionId);
    assert.deepEqual(session?.hosted, { branding: { name: 'Globex' }, locale: 'de', returnUrl: RETURN_URL });
  });
});

describe('GET /signup/:token with a brand', () => {
  const h = fakeHarness({ config: { hosted: HOSTED } });
  const bare = fakeHarness();
  after(async () => {
    await h.close();
    await bare.close();
  });
  const open = async (app: typeof h.app, body: Record<string, unknown> = {}, lang?: string) => {
    const link = await request(app).post('/v1/signup-links').set(asp).send(sessionBody(body)).expect(201);
    const req = request(app).get(new URL(link.body.url).pathname);
    return doc(await (lang ? req.set('Accept-Language', lang) : req).expect(200));
  };
  const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

  test('When BRAND_* is configured, then the page says who asks, shows the logo, support and privacy links, and draws the element in the brand colour', async () => {
    const res = await open(h.app);
    assert.match(res.text, /<h1>Acme Messaging asks you to connect your WhatsApp Business account<\/h1>/);
    assert.match(res.text, /For <strong>Acme Shoes<\/strong>/, "the customer's name");
    assert.match(res.text, /<img class="logo" src="https:\/\/cdn\.acme\.example\/brand\/logo\.svg" alt="Acme Messaging" height="48"/);
    assert.match(res.text, /\.logo\{[^}]*max-height:3rem;max-width:12rem/, 'the logo is size-bounded');
    assert.match(res.text, /<a href="https:\/\/help\.acme\.example\/whatsapp"[^>]*>Support<\/a>/);
    assert.match(res.text, /<a href="https:\/\/acme\.example\/privacy"[^>]*>Privacy policy<\/a>/);
    assert.match(res.text, /whatsapp-signup\{--whatsapp-signup-accent:#0b5fff;--whatsapp-signup-accent-fg:#ffffff\}/);
  });

  test("When the brand has a logo, then the CSP adds the logo's origin to img-src and nowhere else", async () => {
    const csp = async (app: typeof h.app) => String((await open(app)).headers['content-security-policy']).replace(/'nonce-[^']+'/g, "'nonce-N'");
    const branded = await csp(h.app);
    const plain = await csp(bare.app);
    assert.equal(directive(branded, 'img-src'), `${directive(plain, 'img-src')} https://cdn.acme.example`);
    assert.equal(branded.replace(' https://cdn.acme.example', ''), plain, 'every other directive as without a brand');
  });

  test("When a link overrides the brand, then its fields replace BRAND_*'s one by one (a support e-mail replaces the support URL)", async () => {
    const res = await open(h.app, { branding: { name: 'Globex', supportEmail: 'help@globex.example', color: '#ffd700' } });
    assert.match(res.text, /<h1>Globex asks you to connect/);
    assert.match(res.text, /src="https:\/\/cdn\.acme\.example\/brand\/logo\.svg" alt="Globex"/, 'the configured logo stays');
    assert.match(res.text, /<a href="mailto:help@globex\.example"[^>]*>Support<\/a>/);
    assert.doesNotMatch(res.text, /help\.acme\.example/);
    assert.match(res.text, /privacy/, 'the configured privacy link stays');
    assert.match(res.text, /--whatsapp-signup-accent:#ffd700;--whatsapp-signup-accent-fg:#000000/, 'black text on a light colour');
  });

  test('When the brand name or the customer holds markup, then it is shown as text, never run', async () => {
    const res = await open(h.app, {
      customer: { reference: 'x', displayName: '<img src=x onerror=alert(2)>' },
      branding: { name: '<script>alert(1)</script>', supportUrl: 'https://help.acme.example/?a="><script>alert(3)</script>' },
    });
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.doesNotMatch(res.text, /<img src=x/);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; asks you to connect/);
    assert.match(res.text, /alt="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(res.text, /&lt;img src=x onerror=alert\(2\)&gt;/);
  });

  test('When no brand is configured, then the page reads as an unbranded one (no logo, no links, no colour, the default CSP)', async () => {
    const res = await open(bare.app);
    assert.match(res.text, /<h1>Connect WhatsApp for Acme Shoes<\/h1>/);
    assert.doesNotMatch(res.text, /<img|<footer|--whatsapp-signup-accent|id="back"/);
  });

  test("When the link has a locale, then the page and the element use it; without one, the browser's Accept-Language", async () => {
    const de = await open(h.app, { locale: 'de' }, 'en-US');
    assert.match(de.text, /<html lang="de">/);
    assert.match(de.text, /<whatsapp-signup [^>]*locale="de"/);
    assert.match(de.text, /<h1>Acme Messaging bittet Sie, Ihr WhatsApp-Business-Konto zu verbinden<\/h1>/);
    assert.match(de.text, />Datenschutz</);
    const pt = await open(bare.app, {}, 'pt,en;q=0.5');
    assert.match(pt.text, /<html lang="pt-BR">/);
    assert.match(pt.text, /<h1>Conectar o WhatsApp de Acme Shoes<\/h1>/);
    assert.doesNotMatch(pt.text, /<whatsapp-signup [^>]*locale=/, "the element follows the page's lang");
    assert.match(String(pt.headers.vary), /Accept-Language/);
    assert.match((await open(bare.app, {}, 'fr-FR')).text, /<html lang="en">/);
  });
});

describe('"Back to <brand>" through a real onboarding', () => {
  let h: RealHarness;
  const verifyReturn = readmeVerifyReturn();
  before(
    async () =>
      (h = await realHarness({
        env: { BRAND_NAME: 'Acme Messaging', BRAND_COLOR: '#0b5fff', RETURN_URL_ORIGINS: 'https://app.acme.example', NOTIFY_SECRET: RETURN_SECRET },
      })),
  );
  after(() => h.close());
  const tokenOf = (html: string) => /session="([^"]+)"/.exec(html)![1]!;
  const returnUrl = async (token: string) => doc(await request(h.app).get('/v1/session/return-url').set(bearer(token)).expect(200)).body.url as string | null;

  test('When the onboarding completes, then the signed return URL carries its id and state and verifies with the README snippet', async () => {
    const link = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody({ returnUrl: RETURN_URL })).expect(201)).body;
    const path = new URL(link.url).pathname;
    const first = (await request(h.app).get(path).expect(200)).text;
    assert.match(first, /<p id="back" hidden><a id="back-link" class="back">Back to Acme Messaging<\/a><\/p>/, 'offered once there is an outcome');
    const token = tokenOf(first);
    assert.equal(await returnUrl(token), null, 'no outcome yet: no return URL');
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode())).expect(202);
    await waitForOnboarding(h.app, link.sessionId, (o) => o.state === 'completed');

    const url = (await returnUrl(token))!;
    const u = new URL(url);
    assert.equal(`${u.origin}${u.pathname}`, 'https://app.acme.example/whatsapp/return');
    assert.equal(u.searchParams.get('customer'), 'cust-42', "the ASP's own parameters stay");
    assert.equal(u.searchParams.get('onboarding_id'), link.sessionId);
    assert.equal(u.searchParams.get('state'), 'completed');
    assert.ok(Math.abs(Number(u.searchParams.get('t')) - Date.now() / 1000) < 60);
    assert.deepEqual(verifyReturn(url, RETURN_SECRET), { onboardingId: link.sessionId, state: 'completed' });
    u.searchParams.set('state', 'failed');
    assert.equal(verifyReturn(u.href, RETURN_SECRET), null, 'a changed state does not verify');
    assert.equal(verifyReturn(url, 'another-secret'), null);
    assert.equal(verifyReturn(url, RETURN_SECRET, Date.now() / 1000 + 3600), null, 'an old one does not verify');

    // Reopened after the outcome, the page offers the way back at once.
    const again = (await request(h.app).get(path).expect(200)).text;
    const href = /<p id="back"><a id="back-link" class="back" href="([^"]+)">Back to Acme Messaging<\/a><\/p>/.exec(again)?.[1];
    assert.ok(href, 'the back link is shown with its URL');
    assert.deepEqual(verifyReturn(href.replace(/&amp;/g, '&'), RETURN_SECRET), { onboardingId: link.sessionId, state: 'completed' });
  });

  test('When the customer cancels in Meta\'s dialog, then the return URL says abandoned', async () => {
    const link = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody({ returnUrl: RETURN_URL })).expect(201)).body;
    const token = tokenOf((await request(h.app).get(new URL(link.url).pathname).expect(200)).text);
    await request(h.app).post('/v1/session/abandon').set(bearer(token)).send({ kind: 'cancel', currentStep: 'WABA_PHONE_VERIFICATION' }).expect(200);
    assert.deepEqual(verifyReturn((await returnUrl(token))!, RETURN_SECRET), { onboardingId: link.sessionId, state: 'abandoned' });
  });

  test('When the link has no returnUrl, then the page offers no way back and the route answers null', async () => {
    const link = (await request(h.app).post('/v1/signup-links').set(asp).send(sessionBody()).expect(201)).body;
    const page = (await request(h.app).get(new URL(link.url).pathname).expect(200)).text;
    assert.doesNotMatch(page, /id="back"|return-url/);
    const token = tokenOf(page);
    await request(h.app).post('/v1/session/abandon').set(bearer(token)).send({ kind: 'cancel' }).expect(200);
    assert.equal(await returnUrl(token), null);
  });

  test('When the return URL is asked for without a session token, then 401', async () => {
    const res = doc(await request(h.app).get('/v1/session/return-url').expect(401));
    assert.equal(res.body.error.code, 'unauthorized');
  });
});
