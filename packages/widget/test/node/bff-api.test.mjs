// The widget's generated wire types must be those of the BFF's current OpenAPI document (node:test, run by
// `npm test` before the browser suites).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {WIDGET_API_FILE, generateWidgetApi} from '@whatsapp-signup/codegen/widget-api';

test('When docs/openapi.json changes, then src/internal/bff-api.generated.ts is regenerated (else run `npm run gen:api`)', async () => {
  const committed = readFileSync(WIDGET_API_FILE, 'utf8');
  assert.equal(committed, await generateWidgetApi(), 'bff-api.generated.ts is stale: run `npm run gen:api` at the repository root and commit the result');
});

test('The element recognises success events by the very pattern the BFF documents for EsFinishEvent', () => {
  const doc = JSON.parse(readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8'));
  const source = readFileSync(new URL('../../src/internal/es-messages.ts', import.meta.url), 'utf8');
  const literal = /export const FINISH_EVENT = \/(.+)\/;/.exec(source)?.[1];
  assert.ok(literal, 'es-messages.ts defines FINISH_EVENT as a regular-expression literal');
  assert.equal(literal, doc.components.schemas.EsFinishEvent.pattern, 'FINISH_EVENT differs from the BFF: an event it accepts would be dropped, or the reverse');
});
