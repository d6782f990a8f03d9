/** HTML of the hosted signup page (the "hosted ES flow"). Everything interpolated is escaped. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The hosted page's CSP: strict, yet lets the FB JS SDK load, open its popup and talk to Graph. */
export function hostedCsp(nonce: string, extraOrigins: readonly string[] = []): string {
  const extra = extraOrigins.length ? ` ${extraOrigins.join(' ')}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' https://connect.facebook.net${extra}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `frame-src https://*.facebook.com https://www.facebook.com${extra}`,
    `connect-src 'self' https://*.facebook.com https://graph.facebook.com${extra}`,
    `img-src 'self' data: https://*.facebook.com https://*.fbcdn.net${extra}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const STYLE = `
  body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f6f7f9;color:#1c1e21}
  main{max-width:32rem;margin:8vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
  h1{font-size:1.35rem;margin:0 0 1rem} p{margin:.5rem 0} .done{color:#1a7f37}`;

function layout(nonce: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
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
}

/**
 * The signup page: the `<whatsapp-signup>` element, its bundle, and a note once it finishes. Once the signup was
 * submitted the same element shows its progress and result (it follows a submitted job), under another heading.
 */
export function signupPage(p: SignupPageInput): string {
  const nonce = escapeHtml(p.nonce);
  const name = escapeHtml(p.customerName);
  const intro = p.submitted
    ? `<h1>Your WhatsApp connection for ${name}</h1>
<p>Your signup was received. This page shows how the connection is going.</p>`
    : `<h1>Connect WhatsApp for ${name}</h1>
<p>Sign in with Facebook to connect your WhatsApp Business account. Keep this page open until it says you are done.</p>`;
  return layout(
    nonce,
    'Connect WhatsApp',
    `${intro}
<whatsapp-signup endpoint="${escapeHtml(p.endpoint)}" session="${escapeHtml(p.sessionToken)}"${p.sdkSrc ? ` sdk-src="${escapeHtml(p.sdkSrc)}"` : ''}>
  <p>Loading the signup…</p>
</whatsapp-signup>
<p id="status" role="status" aria-live="polite"></p>
<noscript><p>This page needs JavaScript to run the WhatsApp signup.</p></noscript>
<script nonce="${nonce}">
  window.litNonce = ${JSON.stringify(p.nonce)};
  var el = document.querySelector('whatsapp-signup'), st = document.getElementById('status');
  el.addEventListener('whatsapp-signup-complete', function () { st.className = 'done'; st.textContent = 'All done: you can close this page.'; });
  // Module scripts run before 'load': by then the element is defined, or the bundle failed to load.
  window.addEventListener('load', function () {
    if (!window.customElements || !customElements.get('whatsapp-signup')) st.textContent = 'The signup could not be loaded. Please try again later.';
  });
</script>
<script type="module" src="${escapeHtml(p.widgetSrc)}"></script>`,
  );
}

/** A page for a link that cannot be used (unknown, revoked or expired). */
export function linkErrorPage(nonce: string, title: string, message: string): string {
  return layout(escapeHtml(nonce), title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
