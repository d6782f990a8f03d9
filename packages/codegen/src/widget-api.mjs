// The widget's wire types, generated from the BFF's OpenAPI document (docs/openapi.json) with openapi-typescript:
// the widget never restates a BFF shape or code list by hand. `npm run gen:api` at the root writes the file;
// the widget's test fails while the committed file differs from what this returns.
import {readFileSync} from 'node:fs';
import openapiTS, {astToString} from 'openapi-typescript';

/** docs/openapi.json, written by `npm run openapi -w @whatsapp-signup/bff`. */
export const OPENAPI_DOC = new URL('../../../docs/openapi.json', import.meta.url);
/** The generated module, imported (types only, plus the code lists in tests) by the widget. */
export const WIDGET_API_FILE = new URL('../../widget/src/internal/bff-api.generated.ts', import.meta.url);

const BANNER = `/**
 * The BFF's wire types and code lists, generated from docs/openapi.json by openapi-typescript
 * (packages/codegen/src/widget-api.mjs). Do not edit: run \`npm run gen:api\` at the repository root.
 */
`;

/** The text of bff-api.generated.ts for the document as it is now. */
export async function generateWidgetApi() {
  const doc = JSON.parse(readFileSync(OPENAPI_DOC, 'utf8'));
  const ast = await openapiTS(doc, {
    // Named types (`Onboarding`, `ApiErrorCode`…) and, for each enum, an array of its values.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    enumValues: true,
    alphabetize: true,
    silent: true,
  });
  return BANNER + astToString(ast);
}
