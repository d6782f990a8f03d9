/** The console's built file and a shell page like the BFF's /console (for the fake server). */
import { fileURLToPath } from 'node:url';

export const CONSOLE_JS = fileURLToPath(new URL('../dist/console.js', import.meta.url));

export const shellHtml = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Operator console</title></head>
<body><operator-console></operator-console><script type="module" src="/console/console.js"></script></body></html>`;
