/** HTML of the hosted signup page (the "hosted ES flow"). Everything interpolated is escaped. */
import { foregroundOn, type Branding } from './branding.js';
import { PAGE_STRINGS, type PageLocale } from './hosted-strings.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The hosted page's CSP: strict, yet lets the FB JS SDK load, open its popup and talk to Graph. `imageOrigins`
 * (the brand logo's) join img-src only.
 */
export function hostedCsp(nonce: string, extraOrigins: readonly string[] = [], imageOrigins: readonly string[] = []): string {
  const extra = extraOrigins.length ? ` ${extraOrigins.join(' ')}` : '';
  const images = imageOrigins.length ? ` ${imageOrigins.join(' ')}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' https://connect.facebook.net${extra}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `frame-src https://*.facebook.com https://www.facebook.com${extra}`,
    `connect-src 'self' https://*.facebook.com https://graph.facebook.com${extra}`,
    `img-src 'self' data: https://*.facebook.com https://*.fbcdn.net${extra}${images}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const STYLE = `
  body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f6f7f9;color:#1c1e21}
  main{max-width:32rem;margin:8vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
  h1{font-size:1.35rem;margin:0 0 1rem} p{margin:.5rem 0} .done{color:#1a7f37}
  .logo{display:block;height:auto;width:auto;max-height:3rem;max-width:12rem;margin:0 0 1rem}
  .back{display:inline-block;margin-top:.5rem;padding:.5em 1em;border-radius:8px;background:#008069;color:#fff;font-weight:600;text-decoration:none}
  .back:focus-visible{outline:2px solid #1c1e21;outline-offset:2px}
  footer{margin-top:1.5rem;font-size:.875rem} footer a{color:#0b57d0;margin-right:1rem}`;

function layout(nonce: string, title: string, body: string, lang = 'en', extraStyle = ''): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}${extraStyle}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface SignupPageInput {
  nonce: string;
  /** BFF base URL the widget calls. */
  endpoint: string;
  sessionToken: string;
  customerName: string;
  /** e.g. /widget/whatsapp-signup.js?v=<hash> (the widget's self-contained ES module). */
  widgetSrc: string;
  /** Overrides the FB SDK URL (`sdk-src`), e.g. a Meta sandbox's fake SDK. */
  sdkSrc?: string;
  /** The link's onboarding was submitted: the page follows it instead of inviting a signup. */
  submitted?: boolean;
  /** The ASP's brand (BRAND_* under the link's branding); empty: the page reads as an unbranded one. */
  brand?: Branding;
  /** The page's language (the element follows the page's `lang`). */
  locale?: PageLocale;
  /** The link chose the language: the element gets it as its `locale` too. */
  linkLocale?: boolean;
  /**
   * The link leads back (it has a returnUrl): the page offers "Back to <brand>" once the onboarding has an outcome,
   * with the signed URL the BFF answers at `GET /v1/session/return-url`. `url`: already known when the page is served.
   */
  back?: { url?: string };
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** JSON that is safe inside an inline script (no `</script>`, no line separators). */
const scriptJson = (v: unknown) =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The brand colour on the element (its accent custom properties) and on the return button, text by contrast. */
function brandStyle(color: string | undefined): string {
  if (!color || !HEX.test(color)) return '';
  const fg = foregroundOn(color);
  return `
  whatsapp-signup{--whatsapp-signup-accent:${color};--whatsapp-signup-accent-fg:${fg}}
  main{border-top:4px solid ${color}} .back{background:${color};color:${fg}}`;
}

/**
 * The signup page: the ASP's brand (who asks, logo, support and privacy links, colour), the `<whatsapp-signup>`
 * element, its bundle, a note once it finishes and, for a link with a returnUrl, "Back to <brand>" once the
 * onboarding has an outcome. Once the signup was submitted the same element shows its progress and result (it
 * follows a submitted job), under another heading.
 */
export function signupPage(p: SignupPageInput): string {
  const nonce = escapeHtml(p.nonce);
  const t = PAGE_STRINGS[p.locale ?? 'en'];
  const name = escapeHtml(p.customerName);
  const brand = p.brand ?? {};
  const brandName = brand.name ? escapeHtml(brand.name) : undefined;
  const logo = brand.logoUrl
    ? `<img class="logo" src="${escapeHtml(brand.logoUrl)}" alt="${brandName ?? escapeHtml(t.logo)}" height="48" decoding="async" referrerpolicy="no-referrer">\n`
    : '';
  let intro: string;
  if (p.submitted) {
    intro = `<h1>${t.yourConnection(name)}</h1>\n<p>${escapeHtml(t.received)}</p>`;
  } else if (brandName) {
    intro = `<h1>${t.asks(brandName)}</h1>\n<p>${t.brandedIntro(`<strong>${name}</strong>`)}</p>`;
  } else {
    intro = `<h1>${t.connectFor(name)}</h1>\n<p>${escapeHtml(t.intro)}</p>`;
  }
  const support = brand.supportUrl ?? (brand.supportEmail ? `mailto:${brand.supportEmail}` : undefined);
  const footerLinks = [
    support ? `<a href="${escapeHtml(support)}" rel="noopener">${escapeHtml(t.support)}</a>` : '',
    brand.privacyUrl ? `<a href="${escapeHtml(brand.privacyUrl)}" rel="noopener">${escapeHtml(t.privacy)}</a>` : '',
  ].filter(Boolean);
  const footer = footerLinks.length ? `\n<footer>${footerLinks.join('\n')}</footer>` : '';
  const back = p.back
    ? `\n<p id="back"${p.back.url ? '' : ' hidden'}><a id="back-link" class="back"${p.back.url ? ` href="${escapeHtml(p.back.url)}"` : ''}>${brandName ? t.backTo(brandName) : escapeHtml(t.back)}</a></p>`
    : '';
  const locale = p.locale && p.linkLocale ? ` locale="${escapeHtml(p.locale)}"` : '';
  return layout(
    nonce,
    t.title,
    `${logo}${intro}
<whatsapp-signup endpoint="${escapeHtml(p.endpoint)}" session="${escapeHtml(p.sessionToken)}"${locale}${p.sdkSrc ? ` sdk-src="${escapeHtml(p.sdkSrc)}"` : ''}>
  <p>${escapeHtml(t.loading)}</p>
</whatsapp-signup>
<p id="status" role="status" aria-live="polite"></p>${back}${footer}
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
<script nonce="${nonce}">
  window.litNonce = ${scriptJson(p.nonce)};
  var el = document.querySelector('whatsapp-signup'), st = document.getElementById('status'), text = ${scriptJson({ done: t.done, loadFailed: t.loadFailed })};
  // The funnel's "link opened": a person's browser ran the page (a mail scanner's fetch does not). Fire and forget.
  fetch('/v1/session/events', {
    method: 'POST', keepalive: true, body: '{"milestone":"link_opened"}',
    headers: { authorization: 'Bearer ' + el.getAttribute('session'), 'content-type': 'application/json' },
  }).catch(function () {});
  el.addEventListener('whatsapp-signup-complete', function () { st.className = 'done'; st.textContent = text.done; });
  // Module scripts run before 'load': by then the element is defined, or the bundle failed to load.
  window.addEventListener('load', function () {
    if (!window.customElements || !customElements.get('whatsapp-signup')) st.textContent = text.loadFailed;
  });${p.back ? BACK_SCRIPT : ''}
</script>
<script type="module" src="${escapeHtml(p.widgetSrc)}"></script>`,
    p.locale ?? 'en',
    brandStyle(brand.color),
  );
}

/**
 * "Back to <brand>": on an outcome (complete, error, cancel) the page asks the BFF for the signed return URL of
 * the onboarding's stored state (a cancel reaches the BFF a moment after the event, hence a few tries); a state
 * that is still running gets none. A click asks again, so the URL's time is fresh and its state the latest.
 */
const BACK_SCRIPT = `
  var back = document.getElementById('back'), backLink = document.getElementById('back-link');
  function returnUrl() {
    return fetch('/v1/session/return-url', { headers: { authorization: 'Bearer ' + el.getAttribute('session') }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : { url: null }; })
      .then(function (b) { return b.url; });
  }
  // Each outcome asks anew; only the latest question's answer counts (answers can arrive out of order).
  var asked = 0;
  function offerBack() {
    var mine = ++asked, tries = 6;
    (function ask() {
      var again = function () { if (mine === asked && --tries > 0) setTimeout(ask, 400 * (6 - tries)); };
      returnUrl().then(function (url) {
        if (mine !== asked) return;
        if (!url) return again();
        backLink.href = url;
        back.hidden = false;
      }, again);
    })();
  }
  ['whatsapp-signup-complete', 'whatsapp-signup-error', 'whatsapp-signup-cancel'].forEach(function (name) {
    el.addEventListener(name, offerBack);
  });
  // Trying again after a cancel: the outcome is open again (and earlier questions no longer count).
  el.addEventListener('whatsapp-signup-start', function () { asked++; back.hidden = true; });
  backLink.addEventListener('click', function (e) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    returnUrl().then(function (url) {
      if (url) location.assign(url);
      else back.hidden = true; // the onboarding went on meanwhile: no outcome to report yet
    }, function () { location.assign(backLink.href); });
  });`;

/** A page for a link that cannot be used (unknown, revoked or expired). */
export function linkErrorPage(nonce: string, title: string, message: string): string {
  return layout(escapeHtml(nonce), title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
