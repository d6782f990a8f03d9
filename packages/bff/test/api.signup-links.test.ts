/**
 * GET /v1/signup-links and GET /v1/signup-links/:id on the real composition: the lifecycle of links in each state
 * (active and opened by the hosted page, used by a signup that completed through the sandbox, revoked, expired),
 * the state filter, keyset paging and the errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { systemClock, type Clock } from '../src/domain/clock.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { assertDocumented as doc } from './fixtures/openapi-check.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';

const BRANDING = { name: 'Acme Messaging', color: '#0b5fff', privacyUrl: 'https://acme.example/privacy' };

interface LinkView {
  locale?: string;
  branding?: Record<string, string>;
  id: string;
  sessionId: string;
  onboardingId: string;
  state: string;
  customer: { reference: string; displayName: string };
  createdAt: string;
  expiresAt: string;
  openedAt?: string;
  usedAt?: string;
  revokedAt?: string;
}

describe('GET /v1/signup-links', () => {
  let h: RealHarness;
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
  const made: Record<string, { id: string; sessionId: string; url: string }> = {};
  before(async () => (h = await realHarness({ clock })));
  after(() => h.close());

  async function link(name: string, ttl = 3600, extra: Record<string, unknown> = {}) {
    const body = { customer: { reference: `ref-${name}`, displayName: `Customer ${name}` }, regions: { allowed: ['EU'] }, ttl, ...extra };
    const res = await request(h.app).post('/v1/signup-links').set(asp).send(body).expect(201);
    return (made[name] = res.body);
  }
  /** The hosted page, as the customer's browser runs it: its session token, then its link_opened report. */
  async function open(url: string): Promise<string> {
    const page = await request(h.app).get(new URL(url).pathname).expect(200);
    const token = /session="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(token, 'the page carries a session token');
    await request(h.app).post('/v1/session/events').set(bearer(token)).send({ milestone: 'link_opened' }).expect(204);
    return token;
  }
  const get = async (id: string): Promise<LinkView> => doc(await request(h.app).get(`/v1/signup-links/${id}`).set(asp).expect(200)).body;

  before(async () => {
    // Expired: its session was created two days ago (the engine's clock), for the shortest ttl.
    offset = -2 * 86_400_000;
    await link('expired', 60);
    offset = 0;
    await link('fresh', 3600, { locale: 'de', branding: BRANDING });
    await open((await link('opened')).url);
    const used = await link('used');
    const token = await open(used.url);
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '9100', phoneNumberId: '9101' })).expect(202);
    assert.equal((await waitForOnboarding(h.app, used.sessionId, (o) => o.state === 'completed' || o.state === 'failed')).state, 'completed');
    const revoked = await link('revoked');
    await request(h.app).delete(`/v1/signup-links/${revoked.id}`).set(asp).expect(204);
  });

  test('When a link is read, then its state, times, customer and onboarding id show where it stands', async () => {
    const fresh = await get(made.fresh!.id);
    assert.equal(fresh.state, 'active');
    assert.equal(fresh.onboardingId, made.fresh!.sessionId);
    assert.equal(fresh.sessionId, made.fresh!.sessionId);
    assert.deepEqual(fresh.customer, { reference: 'ref-fresh', displayName: 'Customer fresh' });
    assert.equal(Date.parse(fresh.expiresAt) - Date.parse(fresh.createdAt), 3_600_000);
    assert.equal(fresh.openedAt, undefined, 'never opened');
    assert.equal(fresh.locale, 'de');
    assert.deepEqual(fresh.branding, BRANDING, 'the options the link was created with');
    assert.equal((await get(made.opened!.id)).branding, undefined);

    const opened = await get(made.opened!.id);
    assert.equal(opened.state, 'active');
    assert.ok(opened.openedAt && opened.openedAt >= opened.createdAt, JSON.stringify(opened));
    assert.equal(opened.usedAt, undefined);

    const used = await get(made.used!.id);
    assert.equal(used.state, 'used');
    assert.ok(used.openedAt && used.usedAt, JSON.stringify(used));
    const onboarding = doc(await request(h.app).get(`/v1/onboardings/${used.onboardingId}`).set(asp).expect(200)).body.onboarding;
    assert.equal(onboarding.state, 'completed', 'the onboarding id leads to the onboarding');

    const revoked = await get(made.revoked!.id);
    assert.equal(revoked.state, 'revoked');
    assert.ok(revoked.revokedAt);

    const expired = await get(made.expired!.id);
    assert.equal(expired.state, 'expired');
    assert.ok(Date.parse(expired.expiresAt) < Date.now());
  });

  test('When links are listed by state, then each state lists exactly its links, newest first', async () => {
    const list = async (state: string) =>
      (doc(await request(h.app).get(`/v1/signup-links?state=${state}`).set(asp).expect(200)).body.items as LinkView[]).map((l) => l.id);
    assert.deepEqual(await list('active'), [made.opened!.id, made.fresh!.id]);
    assert.deepEqual(await list('used'), [made.used!.id]);
    assert.deepEqual(await list('revoked'), [made.revoked!.id]);
    assert.deepEqual(await list('expired'), [made.expired!.id]);
  });

  test('When links are paged, then every link comes once, newest first, and the last page has no token', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = doc(await request(h.app).get(`/v1/signup-links?pageSize=2${token ? `&pageToken=${token}` : ''}`).set(asp).expect(200));
      seen.push(...(res.body.items as LinkView[]).map((l) => l.id));
      token = res.body.nextPageToken;
      if (!token) break;
    }
    assert.deepEqual(seen, [made.revoked!.id, made.used!.id, made.opened!.id, made.fresh!.id, made.expired!.id]);
  });

  test('When the query or id is wrong, then 400 naming the field, 404 for an unknown link, 401 without an API key', async () => {
    for (const [query, field] of [
      ['state=open', 'query.state'],
      ['pageSize=0', 'query.pageSize'],
      ['pageToken=bm9wZQ', 'query.pageToken'],
      ['sort=asc', 'query.sort'],
    ] as const) {
      const res = await request(h.app).get(`/v1/signup-links?${query}`).set(asp);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
      doc(res);
    }
    doc(await request(h.app).get('/v1/signup-links/lnk_unknown').set(asp).expect(404));
    doc(await request(h.app).get('/v1/signup-links').expect(401));
    doc(await request(h.app).get(`/v1/signup-links/${made.fresh!.id}`).expect(401));
  });
});
