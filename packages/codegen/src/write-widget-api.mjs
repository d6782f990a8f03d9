// Writes packages/widget/src/internal/bff-api.generated.ts from docs/openapi.json (see widget-api.mjs).
import {writeFileSync} from 'node:fs';
import {WIDGET_API_FILE, generateWidgetApi} from './widget-api.mjs';

writeFileSync(WIDGET_API_FILE, await generateWidgetApi());
console.log(`wrote ${WIDGET_API_FILE.pathname}`);
