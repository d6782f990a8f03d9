/**
 * The OpenAPI document against the Express app: every route exists in both, every $ref resolves,
 * and the document served at /v1/openapi.json is the generated one. (Each route test also runs its
 * responses through assertDocumented, which validates bodies against the documented schemas.)
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import request from 'supertest';
import type { Express } from 'express';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fakeHarness } from './fixtures/harness.js';
import { assertDocumented, openApiDoc } from './fixtures/openapi-check.js';

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
