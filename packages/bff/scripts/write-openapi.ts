/**
 * Writes the OpenAPI document generated from the zod schemas to docs/openapi.json, the file the widget's
 * wire types are generated from (`npm run gen:api` at the root runs this, then the widget's generator).
 * test/openapi.test.ts fails while the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { openApiJson } from '../src/http/openapi.js';

const file = new URL('../../../docs/openapi.json', import.meta.url);
writeFileSync(file, openApiJson());
console.log(`wrote ${file.pathname}`);
