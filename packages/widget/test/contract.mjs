// Node side of the widget tests: checks the responses a test scenario plays (test/mock-bff.mjs) against the
// BFF's OpenAPI document, docs/openapi.json, with ajv (JSON Schema 2020-12), the same way the BFF's own route
// tests check the real routes. A response meant to be off the contract (a proxy's error page, a broken
// stream) says so with `offContract: '<why>'`.
import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';

const doc = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({strict: false, allErrors: true, validateFormats: false});
ajv.addSchema(doc, 'openapi');

const pointer = (...segments) =>
  `openapi#/${segments.map((s) => encodeURIComponent(String(s).replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;

function check(where, ref, data, errors) {
  const validate = ajv.getSchema(ref);
  if (!validate) return errors.push(`${where}: no schema at ${ref}`);
  if (!validate(data)) errors.push(`${where} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}`);
}

/** What is wrong with a scenario's routes (`{'GET /v1/session': {status, body} | [...]}`), one line each. */
export function contractErrors(routes) {
  const errors = [];
  for (const [key, value] of Object.entries(routes ?? {})) {
    const [method, path] = key.split(' ');
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) {
      errors.push(`${key} is not a route of the OpenAPI document`);
      continue;
    }
    (Array.isArray(value) ? value : [value]).forEach((r, i) => {
      if (r.offContract) return;
      const where = Array.isArray(value) ? `${key} [${i}]` : key;
      const status = String(r.status ?? 200);
      const documented = op.responses[status];
      if (!documented) return errors.push(`${where} → ${status} is not a documented response`);
      if (r.sse) {
        if (!documented.content?.['text/event-stream']) return errors.push(`${where} is not an event stream`);
        r.sse.forEach((ev, n) => {
          if (ev.raw === undefined) check(`${where} event ${n}`, pointer('components', 'schemas', 'Onboarding'), ev.onboarding, errors);
        });
        return;
      }
      if (documented.content?.['application/json']) {
        check(`${where} → ${status}`, pointer('paths', path, method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema'), r.body ?? {}, errors);
      }
    });
  }
  return errors;
}
