/**
 * The element's phone-number views (the picker when Meta's answer left several numbers of the WABA, the numbers
 * of an onboarding with Meta's ids in a disclosure) are a file of their own, src/views/phone-numbers.ts, built
 * as dist/views/phone-numbers.js and imported from the BFF the first time an onboarding is shown. Meanwhile the
 * numbers' list is empty and the picker says it is loading; when the file does not load the picker says so
 * with a retry. The component owns the state and the handlers; these render it.
 */
import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import type {Messages} from '../i18n/index.js';
import type {PhoneNumbersViews, PickState} from '../views/phone-numbers.js';
import type {Onboarding} from './api-client.js';
import {ViewImport, renderPending} from './view-import.js';

/** The element: it re-renders when the file arrives; its `endpoint` (else the page's origin) serves the file. */
type Host = ReactiveControllerHost & HTMLElement & {endpoint: string};

const files = new WeakMap<Host, ViewImport<PhoneNumbersViews>>();

/** The host's import of the views, started on first use (a failed one waits for the picker's Try again). */
function views(host: Host): ViewImport<PhoneNumbersViews> {
  let file = files.get(host);
  if (!file) {
    file = new ViewImport(
      'phone-numbers',
      host,
      () => new URL(host.endpoint || location.origin, location.href).href,
      (mod: typeof import('../views/phone-numbers.js')) => mod.createPhoneNumbersViews(html, host.shadowRoot),
    );
    files.set(host, file);
    file.load();
  }
  return file;
}

/** The picker of `o.phoneNumberChoices`: checkboxes (one or more) in a fieldset, its problem as an alert. */
export function renderChoices(
  m: Messages,
  o: Onboarding,
  pick: PickState,
  onSubmit: (e: SubmitEvent) => void,
  host: Host,
): TemplateResult {
  const file = views(host);
  return file.view ? file.view.choices(m, o, pick, onSubmit) : renderPending('choices', file, m, m.errors.network);
}

/**
 * The onboarding's numbers (display number, verified name, status), then Meta's ids in a `<details>`; nothing
 * until the views' file is there.
 */
export function renderNumbers(m: Messages, o: Onboarding, host: Host): TemplateResult | typeof nothing {
  return views(host).view?.numbers(m, o) ?? nothing;
}
