/**
 * The operator console's entry (dist/console.js): adopts the stylesheet and defines `<operator-console>` and
 * its views. The BFF's shell page at /console holds `<operator-console>` and loads this module.
 */
import styles from './console.styles.js';
import {ConsoleConfirm} from './confirm-dialog.js';
import {OperatorConsole} from './operator-console.component.js';
import {ConsoleAudit} from './views/audit.view.js';
import {ConsoleCallbacks} from './views/callbacks.view.js';
import {ConsoleFunnel} from './views/funnel.view.js';
import {ConsoleOnboarding} from './views/onboarding.view.js';
import {ConsoleOnboardings} from './views/onboardings.view.js';
import {ConsoleSignIn} from './views/sign-in.view.js';

const ELEMENTS: Array<[string, CustomElementConstructor]> = [
  ['console-confirm', ConsoleConfirm],
  ['console-sign-in', ConsoleSignIn],
  ['console-onboardings', ConsoleOnboardings],
  ['console-onboarding', ConsoleOnboarding],
  ['console-funnel', ConsoleFunnel],
  ['console-callbacks', ConsoleCallbacks],
  ['console-audit', ConsoleAudit],
  // Last: the app's first render uses the others.
  ['operator-console', OperatorConsole],
];

if (styles.styleSheet && !document.adoptedStyleSheets.includes(styles.styleSheet)) {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles.styleSheet];
}
for (const [name, ctor] of ELEMENTS) if (!customElements.get(name)) customElements.define(name, ctor);

export {OperatorConsole};

declare global {
  interface HTMLElementTagNameMap {
    'operator-console': OperatorConsole;
  }
}
