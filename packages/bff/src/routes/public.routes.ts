/** Unauthenticated routes: health, readiness, metrics, the OpenAPI document and the widget bundle. */
import { Router, type Request, type Response } from 'express';
import { AppError } from '../errors.js';
import type { HttpContext } from '../http/context.js';
import { buildOpenApi } from '../http/openapi.js';
import type { WidgetFile } from '../http/widget-bundle.js';

export function publicRoutes(ctx: HttpContext): Router {
  const r = Router();

  r.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  r.get('/readyz', async (req, res) => {
    const [database, sinch] = await Promise.all(
      [ctx.readiness.database, ctx.readiness.sinch].map(async (check) => {
        try {
          await check();
          return 'ok' as const;
        } catch (err) {
          req.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'readiness check failed');
          return 'failed' as const;
        }
      }),
    );
    const ok = database === 'ok' && sinch === 'ok';
    res.setHeader('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: { database, sinch } });
  });

  r.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.send(await ctx.metrics.render());
  });

  let doc: string | undefined;
  r.get('/v1/openapi.json', (_req, res) => {
    doc ??= JSON.stringify(buildOpenApi());
    res.type('application/json').send(doc);
  });

  r.get('/widget/whatsapp-signup.js', async (req, res) => {
    const file = await ctx.widget.load();
    if (!file) {
      throw new AppError(
        'widget_not_built',
        'The widget bundle is not built yet: run `npm run build -w whatsapp-signup` and reload',
        404,
      );
    }
    sendWidgetFile(req, res, file, 'text/javascript; charset=utf-8');
  });

  // The element's languages other than English, fetched from beside its script (same origin, same `?v=`).
  r.get('/widget/i18n/:locale.json', async (req, res) => {
    const file = await ctx.widget.language(req.params.locale);
    if (!file) throw new AppError('not_found', 'The widget has no such language', 404);
    sendWidgetFile(req, res, file, 'application/json; charset=utf-8');
  });

  // The element's views that are files of their own (the number verification), imported on demand like a language.
  r.get('/widget/views/:name.js', async (req, res) => {
    const file = await ctx.widget.view(req.params.name);
    if (!file) throw new AppError('not_found', 'The widget has no such view', 404);
    sendWidgetFile(req, res, file, 'text/javascript; charset=utf-8');
  });

  return r;
}

/** A widget file for pages on any origin: ETag-revalidated, immutable only under its content-versioned URL. */
function sendWidgetFile(req: Request, res: Response, file: WidgetFile, type: string): void {
  // Loaded by <script> tags (and the element's fetch) on the ASP's pages: allow cross-origin use of these files.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Access-Control-Allow-Origin', '*');
  // Immutable only under its content-versioned URL (`?v=<etag>`, as the hosted page loads it). The plain URL
  // in an ASP's script tag must pick up a new build, so browsers revalidate it with the ETag (a cheap 304).
  const versioned = req.query.v === file.version;
  res.setHeader('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate');
  res.setHeader('ETag', file.etag);
  res.type(type);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(file.body);
}
