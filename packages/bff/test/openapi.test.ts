/**
 * The OpenAPI document against the Express app: every route exists in both, every $ref resolves, the
 * document served at /v1/openapi.json and committed as docs/openapi.json is the generated one, and the fields
 * the domain keeps reach the wire. (Each route test also runs its responses through assertDocumented, which
 * validates the bytes sent against the documented schemas.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import express, { type Express } from 'express';
import request from 'supertest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApiJson } from '../src/http/openapi.js';
import { fakeHarness, sessionBody } from './fixtures/harness.js';
import { asp, bearer, signupBody, waitForOnboarding } from './fixtures/api-client.js';
import { assertDocumented, openApiDoc } from './fixtures/openapi-check.js';
import { realHarness, type RealHarness } from './fixtures/real-harness.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path/{param}` for every route registered on the app (routers mounted at /). */
function expressRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const l of stack) {
      if (l.route) {
        for (const m of Object.keys(l.route.methods)) out.push(`${m.toUpperCase()} ${l.route.path.replace(/:(\w+)/g, '{$1}')}`);
      } else if (l.handle?.stack) walk(l.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out.sort();
}

const documented = () =>
  Object.entries(openApiDoc.paths)
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();

describe('OpenAPI document', () => {
  const h = fakeHarness();
  after(() => h.close());

  test('When the routes are listed, then every Express route is documented and every documented route exists', () => {
    const routes = expressRoutes(h.app);
    assert.ok(routes.length >= 19, `found only ${routes.length} routes`);
    assert.deepEqual(routes, documented());
  });

  test('When the document is fetched, then it is OpenAPI 3.1 and equals the generated one', async () => {
    const res = assertDocumented(await request(h.app).get('/v1/openapi.json').expect(200));
    assert.equal(res.body.openapi, '3.1.0');
    assert.deepEqual(res.body, JSON.parse(JSON.stringify(openApiDoc)));
  });

  test('When docs/openapi.json is read, then it is the generated document (else run `npm run gen:api`)', () => {
    const committed = readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8');
    const hint = 'docs/openapi.json is stale: run `npm run gen:api` at the repository root and commit the result';
    assert.deepEqual(JSON.parse(committed), JSON.parse(openApiJson()), hint);
    assert.equal(committed, openApiJson(), hint);
  });

  test('When every schema of the document is compiled, then all $refs resolve', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(openApiDoc, 'doc');
    const refs = [...JSON.stringify(openApiDoc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length > 10);
    for (const ref of new Set(refs)) assert.ok(ajv.getSchema(`doc${ref}`), `unresolved ${ref}`);
  });

  test('When an operation is documented, then it lists 4xx errors with the Error schema and a security rule', () => {
    for (const [p, ops] of Object.entries(openApiDoc.paths)) {
      for (const [m, op] of Object.entries(ops) as Array<[string, { responses: Record<string, unknown>; security?: unknown[] }]>) {
        assert.ok(Array.isArray(op.security), `${m} ${p} has no security`);
        if (p.startsWith('/v1/') && p !== '/v1/openapi.json') {
          assert.ok(op.responses['400'] ?? op.responses['401'], `${m} ${p} documents no error`);
        }
      }
    }
  });

  test('When request bodies are documented, then they reject unknown fields like the routes do', () => {
    const schemas = (openApiDoc.components as { schemas: Record<string, { additionalProperties?: unknown }> }).schemas;
    for (const id of ['CreateSessionRequest', 'CreateSignupLinkRequest', 'SubmitSignupRequest', 'AddPhoneNumberRequest']) {
      assert.equal(schemas[id]?.additionalProperties, false, id);
    }
  });
});

describe('the route check (assertDocumented)', () => {
  // A stand-in route on a documented path, so the checker itself is shown to fail on both kinds of drift.
  const onboarding = {
    id: 'ses_1', state: 'running', customer: { reference: 'c', displayName: 'C' }, phoneNumbers: [], steps: [],
    createdAt: '2026-11-22T13:00:00.000Z', updatedAt: '2026-11-22T13:00:00.000Z',
  };
  const appSending = (body: unknown) => express().get('/v1/onboardings/:id', (_req, res) => void res.json(body));

  test('When a route sends the documented shape, then the check passes', async () => {
    assertDocumented(await request(appSending({ onboarding })).get('/v1/onboardings/ses_1'));
  });

  test('When a route sends a field the document lacks, then the check fails naming it', async () => {
    const res = await request(appSending({ onboarding: { ...onboarding, internal: { intents: {} } } })).get('/v1/onboardings/ses_1');
    assert.throws(() => assertDocumented(res), /must NOT have additional properties/);
  });

  test('When a route omits a required field, then the check fails naming it', async () => {
    const { steps: _steps, ...withoutSteps } = onboarding;
    const res = await request(appSending({ onboarding: withoutSteps })).get('/v1/onboardings/ses_1');
    assert.throws(() => assertDocumented(res), /must have required property 'steps'/);
  });
});

describe('fields the domain keeps reach the wire', () => {
  let h: RealHarness;
  // No webhook target: the webhook step is skipped with a note.
  before(async () => (h = await realHarness({ env: { WEBHOOK_TARGET: undefined } })));
  after(() => h.close());

  test('When an added phone number fails, then GET /v1/onboardings/{id} shows its error and the skipped step its note', async () => {
    const { token, id } = (await request(h.app).post('/v1/sessions').set(asp).send(sessionBody()).expect(201)).body;
    await request(h.app).post('/v1/session/onboarding').set(bearer(token)).send(signupBody(h.sandbox.mintCode(), { wabaId: '9401', phoneNumberId: '9402' })).expect(202);
    await waitForOnboarding(h.app, id, (o) => o.state === 'completed');
    // A code Meta never issued: Sinch refuses the sender, which no retry can fix.
    assertDocumented(await request(h.app).post(`/v1/onboardings/${id}/phone-numbers`).set(asp).send({ phoneNumberId: '9403', code: 'AQ-never-issued' }).expect(202));
    await waitForOnboarding(h.app, id, (o) => !!o.phoneNumbers.find((p) => p.phoneNumberId === '9403')?.error);

    const res = assertDocumented(await request(h.app).get(`/v1/onboardings/${id}`).set(asp).expect(200));
    const added = res.body.onboarding.phoneNumbers.find((p: { phoneNumberId: string }) => p.phoneNumberId === '9403');
    assert.equal(added.error.code, 'code_expired', 'Sinch refused the code as invalid or expired');
    assert.equal(added.error.step, 'sender');
    assert.equal(typeof added.error.message, 'string');
    assert.equal(res.body.onboarding.state, 'completed', 'the first number stays onboarded');
    const webhook = res.body.onboarding.steps.find((st: { name: string }) => st.name === 'webhook');
    assert.match(webhook.note, /no webhook target/);
  });
});
