/**
 * The element's phone-number views: the picker shown when Meta's answer left several numbers of the WABA
 * (`awaiting_phone_number_choice`), and the numbers of an onboarding, one line each, with Meta's ids in a
 * disclosure. Plain render functions of the component's state; the component owns the state and the handlers.
 */
import {html, nothing, type TemplateResult} from 'lit';
import type {Messages} from '../i18n/index.js';
import type {Onboarding} from './api-client.js';
import type {PhoneNumber} from './bff-api.generated.js';

/** The picker of `o.phoneNumberChoices`: checkboxes (one or more) in a fieldset, its problem as an alert. */
export function renderChoices(
  m: Messages,
  o: Onboarding,
  pick: {busy?: boolean; error?: string},
  onSubmit: (e: SubmitEvent) => void,
): TemplateResult {
  return html`<form part="choices" @submit=${onSubmit}>
    <fieldset>
      <legend>${m.choose}</legend>
      ${(o.phoneNumberChoices ?? []).map(
        (c) =>
          html`<label
            ><input type="checkbox" .value=${c.phoneNumberId} />
            ${c.displayPhoneNumber ?? c.phoneNumberId}${c.verifiedName ? html` <span>${c.verifiedName}</span>` : nothing}</label
          >`,
      )}
    </fieldset>
    ${pick.error ? html`<p role="alert">${pick.error}</p>` : nothing}
    <button type="submit" aria-disabled=${!!pick.busy}>${m.connect}</button>
  </form>`;
}

/**
 * The onboarding's numbers (display number, verified name, status; `senderState` when a record has no status),
 * then Meta's ids in a `<details>`. An onboarding without `phoneNumbers` shows its one `phoneNumberId`.
 */
export function renderNumbers(m: Messages, o: Onboarding): TemplateResult {
  const numbers: Array<Pick<PhoneNumber, 'phoneNumberId' | 'senderState'> & Partial<PhoneNumber>> = o.phoneNumbers?.length
    ? o.phoneNumbers
    : o.phoneNumberId
      ? [{phoneNumberId: o.phoneNumberId, senderState: o.senderState}]
      : [];
  return html`${numbers.length
      ? html`<ul part="numbers">
          ${numbers.map((p) => {
            const state = p.status ? m.status[p.status] : p.senderState;
            return html`<li>
              ${p.displayPhoneNumber ?? p.phoneNumberId}${p.verifiedName
                ? html` <span>${p.verifiedName}</span>`
                : nothing}${state ? html` <b>${state}</b>` : nothing}
            </li>`;
          })}
        </ul>`
      : nothing}
    ${o.wabaId
      ? html`<details>
          <summary>${m.details}</summary>
          <dl>
            <dt>${m.waba}</dt>
            <dd>${o.wabaId}</dd>
            ${numbers.map((p) => html`<dt>${m.phone}</dt><dd>${p.phoneNumberId}</dd>`)}
          </dl>
        </details>`
      : nothing}`;
}
