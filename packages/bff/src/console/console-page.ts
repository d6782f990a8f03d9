/**
 * The console's page: `GET /console` (and any path under it but the API and the bundle, for the UI's own routes)
 * answers an HTML shell with a strict nonce CSP, the `<operator-console>` element and its module
 * `/console/console.js`, which is packages/console/dist/console.js (built by that package; a clear 404 until then).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { AppError } from '../errors.js';
import { escapeHtml } from '../hosted/hosted-page.js';
import { WidgetBundle } from '../http/widget-bundle.js';

/** packages/console/dist/console.js, built by `npm run build -w @whatsapp-signup/console`. */
export const DEFAULT_CONSOLE_FILE = fileURLToPath(new URL('../../../console/dist/console.js', import.meta.url));
export const CONSOLE_BUILD_COMMAND = 'npm run build -w @whatsapp-signup/console';

/** Scripts only from the BFF itself plus the one nonce'd inline script; no framing, no plugins, no foreign origin. */
export function consoleCsp(nonce: string): string {
  return [
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
}

export function consoleShell(nonce: string, bundleVersion: string | undefined): string {
  const n = escapeHtml(nonce);
  const src = `/console/console.js${bundleVersion ? `?v=${encodeURIComponent(bundleVersion)}` : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Operator console</title>
<script nonce="${n}">window.litNonce = ${JSON.stringify(nonce)};</script>
<script type="module" nonce="${n}" src="${escapeHtml(src)}"></script>
</head>
<body>
<operator-console>
  <noscript>The operator console needs JavaScript.</noscript>
</operator-console>
</body>
</html>
`;
}

export function consolePageRoutes(bundleFile: string | undefined): Router {
  const r = Router();
  const bundle = new WidgetBundle(bundleFile);

  r.get('/console/console.js', async (req, res) => {
    const file = await bundle.load();
    if (!file) throw new AppError('not_found', `The operator console is not built yet: run \`${CONSOLE_BUILD_COMMAND}\` and reload`, 404);
    res.setHeader('Cache-Control', req.query.v === file.version ? 'private, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', file.etag);
    res.type('text/javascript; charset=utf-8');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(file.body);
  });

  r.get(['/console', '/console/{*rest}'], async (req, res, next) => {
    if (req.path.startsWith('/console/api/') || req.path === '/console/api') return next();
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', consoleCsp(nonce));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.status(200).type('html').send(consoleShell(nonce, await bundle.version()));
  });

  return r;
}
