/**
 * The console's built file and a shell page like the BFF's /console (packages/bff/src/console/console-page.ts),
 * with its nonce CSP, so the fake runs the console under the same policy.
 */
import { fileURLToPath } from 'node:url';

export const CONSOLE_JS = fileURLToPath(new URL('../dist/console.js', import.meta.url));

export const SHELL_CSP = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const shellHtml = (nonce: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Operator console</title>
<script type="module" nonce="${nonce}" src="/console/console.js"></script></head>
<body><operator-console></operator-console></body></html>`;
