/**
 * The BFF's own origin and base URL. The `Host` header is the client's to choose, so it is never trusted
 * on its own: the configured public URL wins (required outside sandbox mode), and without one (sandbox mode)
 * only a loopback Host counts as the request's own origin. Otherwise a request with `Host: evil.example`
 * would get CORS as "self" and links built on evil.example.
 */
import type { Request } from 'express';

/** localhost, 127.0.0.0/8 or [::1], with an optional port; nothing else (no userinfo, no path). */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|\[::1\])(?::\d{1,5})?$/i;

/** The origin this request came to when its Host is a loopback host; undefined for any other Host. */
export function loopbackOriginOf(req: Request): string | undefined {
  const host = req.get('host');
  if (host === undefined || !LOOPBACK_HOST.test(host)) return undefined;
  return new URL(`${req.protocol}://${host}`).origin;
}

/**
 * The BFF's public base URL: the configured public URL; else the request's own origin when it is loopback;
 * else the loopback address the request reached (port included), so a link never names a host the
 * client made up. (Sandbox mode, where the BFF listens on 127.0.0.1 by default.)
 */
export function baseUrlOf(ctx: { readonly config: { readonly publicUrl?: string | undefined } }, req: Request): string {
  const port = req.socket.localPort;
  return (ctx.config.publicUrl ?? loopbackOriginOf(req) ?? `http://127.0.0.1${port ? `:${port}` : ''}`).replace(/\/+$/, '');
}
