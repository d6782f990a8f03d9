/**
 * Property: whatever body, headers, path parameters and query a client sends, invalid input gets a 4xx
 * (never a 5xx) and not one request reaches Sinch. Real engine, real sandbox.
 * And (issue 13): a live credential in the query under any spelling of any name, or a link token under any
 * spelling of `/signup/`, never reaches a log line; the tokens are minted here, never sent in a response,
 * so the harness's secret scan fails on them wherever they appear.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import request from 'supertest';
import type { z } from 'zod';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';
import { API_KEY, SESSION_SECRET, sessionBody } from './fixtures/harness.js';
import { signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { rawClient } from './fixtures/raw-request.js';
import { TokenService } from '../src/auth/tokens.js';
import {
  AbandonBodySchema,
  AddPhoneNumberBodySchema,
  CreateLinkBodySchema,
  CreateSessionBodySchema,
  SubmitSignupBodySchema,
} from '../src/http/schemas.js';

type Method = 'get' | 'post' | 'delete';
interface RouteCase {
  method: Method;
  path: (id: string) => string;
  /** Schema of a valid body: generated bodies are filtered to fail it. */
  body?: z.ZodType;
  valid?: () => Record<string, unknown>;
  auth: 'apiKey' | 'session' | 'none';
  /** Never send a valid credential (the SSE route would stream forever). */
  noValidAuth?: boolean;
}

const ROUTES: RouteCase[] = [
  { method: 'post', path: () => '/v1/sessions', body: CreateSessionBodySchema, valid: () => sessionBody(), auth: 'apiKey' },
  { method: 'post', path: () => '/v1/signup-links', body: CreateLinkBodySchema, valid: () => sessionBody(), auth: 'apiKey' },
  { method: 'delete', path: (id) => `/v1/signup-links/${id}`, auth: 'apiKey' },
  { method: 'get', path: () => '/v1/onboardings', auth: 'apiKey' },
  { method: 'get', path: (id) => `/v1/onboardings/${id}`, auth: 'apiKey' },
  { method: 'post', path: (id) => `/v1/onboardings/${id}/retry`, auth: 'apiKey' },
  { method: 'post', path: (id) => `/v1/onboardings/${id}/phone-numbers`, body: AddPhoneNumberBodySchema, valid: () => ({ phoneNumberId: '123' }), auth: 'apiKey' },
  { method: 'get', path: () => '/v1/session', auth: 'session' },
  { method: 'post', path: () => '/v1/session/onboarding', body: SubmitSignupBodySchema, valid: () => signupBody('AQ-code'), auth: 'session' },
  { method: 'get', path: () => '/v1/session/onboarding', auth: 'session' },
  { method: 'get', path: () => '/v1/session/onboarding/events', auth: 'session', noValidAuth: true },
  { method: 'post', path: () => '/v1/session/abandon', body: AbandonBodySchema, valid: () => ({ kind: 'cancel' }), auth: 'session' },
  { method: 'post', path: () => '/v1/sinch/provisioning-events', auth: 'none' },
  { method: 'get', path: (id) => `/signup/${id}`, auth: 'none' },
];

const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'authorization', 'origin']);
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((n) => !FORBIDDEN_HEADERS.has(n));
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((s) => s.trim());
const randomHeaders = fc.dictionary(headerName, headerValue, { maxKeys: 5 });
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/merge-patch+json',
);
/** Path parameter: anything, URL-encoded, or raw bytes with broken percent-encodings. */
const pathParam = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.array(fc.oneof(fc.constantFrom('%', '%E0%A4%A', '%ff', '%00', '%2F', '..', '%25'), fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/)), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
);
const query = fc.dictionary(fc.stringMatching(/^[a-zA-Z_]{1,12}$/), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)), { maxKeys: 3 });

const hex = (ch: string) => ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
/**
 * `word` as a hostile client spells it: each character as is, in upper case, percent-encoded (`%73`) or
 * encoded twice (`%2573`). The router decodes one round and matches paths case-insensitively; the log must
 * not be fooled by any of it.
 */
const spelled = (word: string) =>
  fc
    .array(fc.constantFrom('as-is', 'upper', 'encoded', 'twice'), { minLength: word.length, maxLength: word.length })
    .map((modes) =>
      [...word]
        .map((ch, i) => ({ 'as-is': ch, upper: ch.toUpperCase(), encoded: `%${hex(ch)}`, twice: `%25${hex(ch)}` })[modes[i]!]!)
        .join(''),
    );
/** Names a credential is sent under, by clients that mean well or not. */
const CREDENTIAL_NAMES = ['access_token', 'token', 'api_key', 'apiKey', 'key', 'code', 'authorization', 'session'];
/** A raw query string carrying `credentials` under spelled names (`?access%5Ftoken=…&API_KEY=…`). */
const credentialQuery = (credentials: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom(...CREDENTIAL_NAMES).chain(spelled), fc.constantFrom(...credentials)), { minLength: 1, maxLength: 3 })
    .map((pairs) => pairs.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&'));

/** A valid body with one field broken: an unknown key, a wrong type, or a corrupted string. */
function mutated(valid: () => Record<string, unknown>) {
  const base = valid();
  const keys = Object.keys(base);
  return fc.oneof(
    fc.tuple(fc.stringMatching(/^[a-zA-Z]{1,10}$/), fc.jsonValue()).map(([k, v]) => (k in base ? { ...base, [`${k}_x`]: v } : { ...base, [k]: v })),
    fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }))).map(([k, v]) => ({ ...base, [k]: v })),
    fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 40 })).map(([k, v]) => ({ ...base, [k]: `${v}\u0000x` })),
  );
}

describe('property: random input never gives a 5xx and never reaches Sinch', () => {
  let h: RealHarness;
  let sessionToken = '';
  let linkToken = '';
  before(async () => {
    h = await realHarness();
    const s = (await request(h.app).post('/v1/sessions').set({ Authorization: `Bearer ${API_KEY}` }).send(sessionBody()).expect(201)).body;
    const link = (await request(h.app).post('/v1/signup-links').set({ Authorization: `Bearer ${API_KEY}` }).send(sessionBody()).expect(201)).body;
    // Valid tokens no response ever carried (another expiry than the BFF's own), so the scan can hunt them.
    const tokens = new TokenService(SESSION_SECRET);
    const expires = new Date(Date.now() + 600_000);
    sessionToken = await tokens.mintSession(s.id, expires);
    linkToken = await tokens.mintLink(link.id, link.sessionId, expires);
    h.scan.addSecrets(() => [
      { kind: 'session token', value: sessionToken },
      { kind: 'link token', value: linkToken },
    ]);
    // Both warm-ups (subproject, readiness, Provisioning webhook) are over before any count of Sinch requests.
    await waitForOnboarding(h.app, s.id, (o) => o.state === 'awaiting_signup');
    await waitForOnboarding(h.app, link.sessionId, (o) => o.state === 'awaiting_signup');
  });
  after(() => h.close());
  /** A message may show where a credential was, never the credential. */
  const mask = (text: string) =>
    [API_KEY, sessionToken, linkToken].reduce((t, c) => t.split(c).join('<credential>').split(encodeURIComponent(c)).join('<credential>'), text);

  for (const route of ROUTES) {
    test(`When random input hits ${route.method.toUpperCase()} ${route.path(':id')}, then 4xx or a documented success, never 5xx, no Sinch call`, async () => {
      const before = h.sinchRequests();
      const invalidBody = route.body
        ? fc.oneof(
            fc.jsonValue().filter((b) => !route.body!.safeParse(b).success),
            mutated(route.valid!).filter((b) => !route.body!.safeParse(b).success),
          )
        : fc.oneof(fc.jsonValue(), fc.constant(undefined));
      const credential = fc.constantFrom<'none' | 'garbage' | 'valid'>('none', 'garbage', 'valid');
      // A live credential in the query (the stream would accept a session token there and never end).
      const inQuery = fc.option(credentialQuery(route.noValidAuth ? [API_KEY, linkToken] : [API_KEY, linkToken, sessionToken]));
      await fc.assert(
        fc.asyncProperty(invalidBody, randomHeaders, contentType, credential, pathParam, query, fc.boolean(), inQuery, async (body, headers, ctype, cred, id, q, rawString, secretQuery) => {
          const target = secretQuery ? `${route.path(id)}?${secretQuery}` : route.path(id);
          const logFrom = h.logs.length;
          let req = request(h.app)[route.method](target).query(q).set(headers);
          const useValid = cred === 'valid' && !route.noValidAuth;
          if (cred === 'garbage') req = req.set('Authorization', `Bearer ${id}`);
          if (useValid && route.auth === 'apiKey') req = req.set('Authorization', `Bearer ${API_KEY}`);
          if (useValid && route.auth === 'session') req = req.set('Authorization', `Bearer ${sessionToken}`);
          if (body !== undefined && route.method !== 'get') {
            // Always a string on the wire (superagent cannot serialise objects for every content type);
            // `rawString` appends a stray brace so malformed JSON is thrown in too.
            req = req.set('Content-Type', ctype).send(`${JSON.stringify(body)}${rawString ? '}' : ''}`);
          }
          const res = await req;
          assert.ok(res.status < 500, `${res.status} for ${route.method} ${route.path(id)}: ${res.text.slice(0, 200)}`);
          // Body routes get invalid bodies, so anything but a 4xx is wrong there (a valid API key alone
          // may legitimately read a list, or find no such id).
          if (route.body && route.method === 'post') assert.ok(res.status >= 400, `accepted invalid body ${JSON.stringify(body)}`);
          if (res.status >= 400 && res.headers['content-type']?.includes('json')) {
            assert.equal(typeof res.body.error?.code, 'string');
            assert.equal(typeof res.body.error?.message, 'string');
            assert.doesNotMatch(res.text, /at .+\.(ts|js):\d+/, 'no stack trace');
          }
          // The whole scan runs once per route (below); this names the request that leaked.
          const leaked = h.logs.slice(logFrom).filter((l) => [API_KEY, sessionToken, linkToken].some((c) => l.includes(c)));
          assert.equal(leaked.length, 0, `a credential was logged for ${route.method} ${mask(target)}`);
        }),
        { numRuns: 60 },
      );
      assert.equal(h.sinchRequests(), before, 'no Sinch request');
      assert.deepEqual(h.scan.leaks(), [], 'no credential in a log line or a response');
    });
  }

  test('When a link token is sent under any spelling of /signup/ (case, percent-encoding, //, absolute-form), then never 5xx and never logged', async () => {
    const client = await rawClient(h.app, h.logs);
    const target = fc
      .tuple(
        fc.constantFrom('', `http://127.0.0.1:${client.port}`, 'HTTP://bff.example', 'https://evil.example'),
        fc.constantFrom('/', '//', '/%2F', '/./'),
        spelled('signup'),
        fc.constantFrom('/', '%2F', '%252F', '//'),
        fc.constantFrom('', '/', '/x', '?v=1', `?access_token=${linkToken}`, '#top'),
      )
      .map(([origin, lead, word, sep, tail]) => `${origin}${lead}${word}${sep}${linkToken}${tail}`);
    try {
      await fc.assert(
        fc.asyncProperty(target, async (t) => {
          const { status, raw } = await client.get(t);
          assert.ok(status < 500, `${status} for ${mask(t)}`);
          assert.ok(!raw.includes(linkToken), `the link token was logged for GET ${mask(t)}: ${mask(raw)}`);
        }),
        { numRuns: 80 },
      );
    } finally {
      await client.close();
    }
    assert.deepEqual(h.scan.leaks(), [], 'no credential in a log line or a response');
  });
});
