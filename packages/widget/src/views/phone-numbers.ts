/**
 * The element's phone-number views: the picker shown when Meta's answer left several numbers of the WABA
 * (`awaiting_phone_number_choice`), and the numbers of an onboarding, one line each, with Meta's ids in a
 * disclosure. Plain render functions of the element's state; the element owns the state and the handlers.
 *
 * Needed only once a signup was submitted, so not in the element's file: the build makes it
 * dist/views/phone-numbers.js, which the BFF serves beside the bundle and the element imports on demand
 * (internal/phone-numbers.view.ts). It imports no values: Lit's `html` comes from the element.
 */
import type {TemplateResult, html as litHtml} from 'lit';
import type {Messages} from '../i18n/types.js';
import type {Onboarding, PhoneNumber} from '../internal/api-client.js';
import {en} from './phone-numbers.en.js';

/** Template text as written (the build squeezes the whitespace out of css`` templates). */
const css = String.raw;

/** Styles of the numbers' list and its disclosure (added to the element's shadow root). */
const styles = css`
  ul,
  dl {
    margin: 0;
  }
  ul {
    display: grid;
    gap: 0.25em;
    padding: 0;
    list-style: none;
  }
  summary,
  dt {
    color: var(--_muted);
  }
  summary {
    cursor: pointer;
  }
  dl {
    margin-top: 0.25em;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25em 1em;
  }
  dd {
    margin: 0;
    font-family: ui-monospace, monospace;
  }
`;

/** The number picker's state: `busy` while its choice is being sent, `error` its last problem in words. */
export interface PickState {
  busy?: boolean;
  error?: string;
}

export interface PhoneNumbersViews {
  choices(m: Messages, o: Onboarding, pick: PickState, onSubmit: (e: SubmitEvent) => void): TemplateResult;
  numbers(m: Messages, o: Onboarding): TemplateResult;
}

/** The module's one entry point: the views, rendered with the element's `html`; `root` gets their styles. */
export function createPhoneNumbersViews(html: typeof litHtml, root: ShadowRoot | null): PhoneNumbersViews {
  if (root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  return {
    /** The picker of `o.phoneNumberChoices`: checkboxes (one or more) in a fieldset, its problem as an alert. */
    choices: (m, o, pick, onSubmit) => html`<form part="choices" @submit=${onSubmit}>
      <fieldset>
        <legend>${m.choose}</legend>
        ${(o.phoneNumberChoices ?? []).map(
          (c) =>
            html`<label
              ><input type="checkbox" .value=${c.phoneNumberId} />
              ${c.displayPhoneNumber ?? c.phoneNumberId}${c.verifiedName ? html` <span>${c.verifiedName}</span>` : ''}</label
            >`,
        )}
      </fieldset>
      ${pick.error ? html`<p role="alert">${pick.error}</p>` : ''}
      <button type="submit" aria-disabled=${!!pick.busy}>${{...en, ...m.numbers}.connect}</button>
    </form>`,

    /**
     * The onboarding's numbers (display number, verified name, status; `senderState` when a record has no
     * status), then Meta's ids in a `<details>`. An onboarding without `phoneNumbers` shows its one `phoneNumberId`.
     */
    numbers(m, o) {
      const t = {...en, ...m.numbers};
      const numbers: Array<Pick<PhoneNumber, 'phoneNumberId' | 'senderState'> & Partial<PhoneNumber>> = o.phoneNumbers?.length
        ? o.phoneNumbers
        : o.phoneNumberId
          ? [{phoneNumberId: o.phoneNumberId, senderState: o.senderState}]
          : [];
      return html`${numbers.length
          ? html`<ul part="numbers">
              ${numbers.map((p) => {
                const state = p.status ? t.status[p.status] : p.senderState;
                return html`<li>
                  ${p.displayPhoneNumber ?? p.phoneNumberId}${p.verifiedName ? html` <span>${p.verifiedName}</span>` : ''}${state
                    ? html` <b>${state}</b>`
                    : ''}
                </li>`;
              })}
            </ul>`
          : ''}
        ${o.wabaId
          ? html`<details>
              <summary>${t.details}</summary>
              <dl>
                <dt>${t.waba}</dt>
                <dd>${o.wabaId}</dd>
                ${numbers.map((p) => html`<dt>${t.phone}</dt><dd>${p.phoneNumberId}</dd>`)}
              </dl>
            </details>`
          : ''}`;
    },
  };
}
