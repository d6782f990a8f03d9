import type { Request } from 'express';

/** The BFF's public base URL: the configured public URL, else the origin this request came to. */
export const baseUrlOf = (ctx: { readonly config: { readonly publicUrl?: string | undefined } }, req: Request): string =>
  (ctx.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/+$/, '');
