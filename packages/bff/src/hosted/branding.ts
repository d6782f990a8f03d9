/**
 * The ASP's brand on the hosted page: BRAND_* (config) overridden by a link's `branding`, and the colour the
 * element's text gets on the brand colour (the one of black and white that contrasts more with it).
 */
import type { z } from 'zod';
import type { BrandingSchema } from '../contract/schemas.js';

/** Who asks, with their logo, colour, support and privacy links (every field optional). */
export type Branding = z.output<typeof BrandingSchema>;

/**
 * The link's branding over the configured one, field by field. The support contact is one thing: a link that
 * names a support URL or e-mail replaces the configured one of either kind.
 */
export function resolveBranding(configured: Branding | undefined, link: Branding | undefined): Branding {
  const base = { ...configured };
  if (link?.supportUrl !== undefined || link?.supportEmail !== undefined) {
    delete base.supportUrl;
    delete base.supportEmail;
  }
  return { ...base, ...link };
}

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * Black or white, whichever contrasts more with `hex` (WCAG contrast ratio). The better of the two is always at
 * least 4.58:1, so text on any brand colour passes WCAG AA.
 */
export function foregroundOn(hex: string): '#000000' | '#ffffff' {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
