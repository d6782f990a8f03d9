/** Server-side HTML of the simulated Embedded Signup dialog. No inline script or style (CSP friendly). */
import type { GraphPhoneNumber } from '../state.js';
import { dataKeysFor, sharesNumbers, type FinishEvent } from './finish-variants.js';

export interface DialogModel {
  /** Set when FB.login's options cannot work: shown instead of the screens. */
  problem: string;
  /** The opener's origin: the only target of postMessage. */
  origin: string;
  appId: string;
  configId: string;
  featureType: string;
  /** What Finish sends (finish-variants.ts). */
  finishEvent: FinishEvent;
  solutionId: string;
  setup: Record<string, unknown>;
  ids: { businessId: string; wabaId: string };
  /**
   * The new WABA's phone numbers (Graph lists them after Finish). A finish with a phone number id shares them
   * all (several → the session-info arrays); coexistence and WABA-only share none (the partner looks them up).
   */
  numbers: GraphPhoneNumber[];
  sessionId: string;
  order?: 'message-first' | 'code-first';
  delayMs?: number;
}

const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const ids = (v: unknown): string[] => (Array.isArray(obj(v).ids) ? (obj(v).ids as unknown[]).filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : []);

const field = (id: string, label: string, value: unknown, attrs = '') =>
  `<label for="${id}">${esc(label)}</label><input id="${id}" name="${id}" value="${esc(value)}" ${attrs}>`;

export function renderDialog(m: DialogModel): string {
  const business = obj(m.setup.business);
  const address = obj(business.address);
  const bphone = obj(business.phone);
  const phone = obj(m.setup.phone);
  const wabaIds = ids(m.setup.whatsAppBusinessAccount);
  const preVerified = ids(m.setup.preVerifiedPhone)[0];
  const onlyWaba = m.featureType === 'only_waba_sharing';
  const coexistence = m.featureType === 'whatsapp_business_app_onboarding';
  const businessId = typeof business.id === 'string' || typeof business.id === 'number' ? String(business.id) : m.ids.businessId;
  const title = 'Embedded Signup (sandbox)';
  const shared = sharesNumbers(m.finishEvent) ? m.numbers : [];
  const firstNumberId = preVerified ?? m.numbers[0]?.id ?? '';

  const data = {
    origin: m.origin,
    'feature-type': m.featureType,
    'business-id': businessId,
    'waba-id': m.ids.wabaId,
    'phone-number-id': firstNumberId,
    'phone-number-ids': [firstNumberId, ...shared.slice(1).map((n) => n.id)].filter(Boolean).join(' '),
    numbers: JSON.stringify(m.numbers.map((n, i) => (i === 0 && preVerified ? { ...n, id: preVerified } : n))),
    'session-id': m.sessionId,
    event: m.finishEvent,
    fields: dataKeysFor(m.finishEvent, shared.length).join(' '),
    ...(m.order ? { order: m.order } : {}),
    ...(m.delayMs !== undefined ? { 'delay-ms': m.delayMs } : {}),
  };
  const dataAttrs = Object.entries(data)
    .map(([k, v]) => `data-${k}="${esc(v)}"`)
    .join(' ');

  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(title)}</title><link rel="stylesheet" href="dialog.css"><script src="dialog.js" defer></script></head>`;

  if (m.problem) {
    return `${head}<body><main id="es" ${dataAttrs} data-problem="1"><header><strong>${esc(title)}</strong></header>
<section class="screen"><h1>Something went wrong</h1><p id="problem">${esc(m.problem)}</p>
<div class="actions"><button type="button" data-action="close">Close</button></div></section></main></body></html>`;
  }

  const wabaOptions = [
    ...wabaIds.map((id) => `<option value="${esc(id)}">Existing WhatsApp Business account ${esc(id)}</option>`),
    `<option value="${esc(m.ids.wabaId)}" selected>Create a new WhatsApp Business account (${esc(m.ids.wabaId)})</option>`,
  ].join('');

  const footer = (step: string, last: boolean) => `<div class="actions">
<button type="button" class="secondary" data-action="cancel" data-step="${step}">Cancel</button>
<button type="button" class="link" data-action="report">Report error</button>
${step === 'BUSINESS_ACCOUNT_SELECTION' ? '' : '<button type="button" class="secondary" data-action="back">Back</button>'}
${last ? '<button type="button" class="primary" data-action="finish" id="finish">Finish</button>' : '<button type="button" class="primary" data-action="next">Continue</button>'}
</div>`;

  const phoneScreen = onlyWaba
    ? ''
    : `<section class="screen" data-step="PHONE_NUMBER_SETUP" hidden>
<h1>${coexistence ? 'Connect your WhatsApp Business app' : 'Add a phone number'}</h1>
<p class="muted">${coexistence ? 'Scan the code in the WhatsApp Business app to share your number and chat history (simulated).' : 'This number will send and receive WhatsApp messages.'}</p>
${field('phone-display-name', 'Display name', phone.displayName ?? business.name ?? '')}
${field('phone-category', 'Category', phone.category ?? 'OTHER')}
${field('phone-number', 'Phone number', preVerified ? `pre-verified ${preVerified}` : (m.numbers[0]?.display_phone_number ?? ''))}
<p class="muted">Phone number id <code id="phone-number-id">${esc(data['phone-number-id'])}</code></p>
${shared.length > 1 ? `<p>Numbers shared with the partner:</p><ul id="shared-numbers">${shared.map((n) => `<li data-id="${esc(n.id)}">${esc(n.display_phone_number)} · ${esc(n.verified_name)}</li>`).join('')}</ul>` : ''}
${footer('PHONE_NUMBER_SETUP', true)}
</section>`;

  return `${head}<body><main id="es" ${dataAttrs}>
<header><strong>${esc(title)}</strong><span class="badge">not Facebook</span>
<span class="muted">app ${esc(m.appId || '—')} · config ${esc(m.configId)}${m.solutionId ? ` · solution ${esc(m.solutionId)}` : ''}${m.featureType ? ` · ${esc(m.featureType)}` : ''}</span></header>
<ol class="steps"><li data-for="BUSINESS_ACCOUNT_SELECTION">Business</li><li data-for="WABA_PHONE_PROFILE_PICKER">WhatsApp account</li>${onlyWaba ? '' : '<li data-for="PHONE_NUMBER_SETUP">Phone number</li>'}</ol>
<section class="screen" data-step="BUSINESS_ACCOUNT_SELECTION">
<h1>Choose your business portfolio</h1>
${field('business-name', 'Business name', business.name ?? 'Sandbox Business')}
${field('business-email', 'Email', business.email ?? '')}
${field('business-website', 'Website', business.website ?? '')}
${field('business-country', 'Country', address.country ?? '')}
${field('business-phone', 'Phone', bphone.number ? `+${bphone.code ?? ''} ${bphone.number}` : '')}
<p class="muted">Business id <code id="business-id">${esc(businessId)}</code></p>
${footer('BUSINESS_ACCOUNT_SELECTION', false)}
</section>
<section class="screen" data-step="WABA_PHONE_PROFILE_PICKER" hidden>
<h1>Choose a WhatsApp Business account</h1>
<label for="waba">WhatsApp Business account</label><select id="waba" name="waba">${wabaOptions}</select>
${field('waba-profile', 'Business profile name', phone.displayName ?? business.name ?? '')}
${footer('WABA_PHONE_PROFILE_PICKER', onlyWaba)}
</section>
${phoneScreen}
<section class="screen" data-step="REPORT" hidden>
<h1>Report a problem</h1>
${field('error-message', 'What went wrong', 'Sandbox: the user reported an error')}
${field('error-code', 'Error code', '2388093')}
<div class="actions"><button type="button" class="secondary" data-action="back-from-report">Back</button><button type="button" class="primary" data-action="send-error" id="send-error">Send report</button></div>
</section>
<section class="screen" data-step="DONE" hidden><h1 id="done-title">Finishing…</h1><p class="muted" id="done-text"></p></section>
</main></body></html>`;
}
