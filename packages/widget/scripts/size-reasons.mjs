// Why each module of the script-tag file is in it (issue 14 item 3: what the bytes over the 12 kB budget are and
// why each is needed). bench:widget prints every module's share beside its reason; a module without one here
// is printed as such, so a new module has to say why it belongs in the file rather than in a file the BFF serves.

/** Module path (as size-breakdown.mjs names it) → why the file needs it. */
export const SIZE_REASONS = {
  'lit-html/lit-html.js':
    'Lit renders every template: what is left after trim-lit (template parsing, child, attribute, property, boolean and event parts, lists, Trusted Types)',
  '@lit/reactive-element/reactive-element.js':
    'Lit: the reactive properties and attributes (14, two reflected), the update cycle, reactive controllers',
  '@lit/reactive-element/css-tag.js': "Lit: css`` and the shadow root's adopted style sheet",
  'lit-element/lit-element.js': 'Lit: LitElement renders into the shadow root',
  'src/whatsapp-signup.component.ts':
    'the element: its properties and attributes, and the rendering of every view state (start with its pending button, progress, error, blocked)',
  'src/internal/signup-controller.ts':
    'the state machine: session, SDK and words at once, the vetoable start, login and join, submission, following the onboarding, the picker and verification hand-offs, the funnel milestones, errors',
  'src/i18n/en.ts':
    "English, the language the file works in alone: button, regions, steps, status lines and the message of every error code the element itself can meet, shown synchronously when it happens (also on a reload of a failed onboarding); the verification view's and the phone-number views' strings are in their files",
  'src/internal/api-client.ts':
    'the BFF client: session, submission, abandon, milestone reports, the number choice, the progress stream (SSE) and its polling fallback, errors by code',
  'src/whatsapp-signup.styles.ts':
    'the look of the start, the steps, status and errors: light, dark and auto themes, three sizes, the documented custom properties',
  'src/internal/load-sdk.ts': "loads Meta's SDK once per page, with its timeout and a retry under a new URL",
  'src/i18n/index.ts': 'the locale choice and the error code → message table (every code the BFF documents for the browser)',
  'src/internal/signup-join.ts': "joins FB.login's code with Meta's session info: the watchdog, the popup-blocked and -closed detection",
  'src/internal/es-messages.ts': "reads Meta's postMessage: the facebook.com origin check and the message's shape",
  'src/internal/phone-numbers.view.ts': 'imports the phone-number views from the BFF (picker placeholder, its Try again)',
  'src/internal/verification-view.ts': 'imports the verification view from the BFF, and which number waits for its code',
  'src/internal/view-import.ts': 'one importer for the views the BFF serves beside the script (retry under a new URL)',
  'src/i18n/load.ts': 'fetches the other languages from the BFF, versioned like the script',
  'src/events.ts': 'the typed events the page listens to',
  'src/whatsapp-signup.ts': 'registers the tag (once, and a warning for a second version)',
  'src/index.ts': "the package's exports",
  'src/internal/bff-api.generated.ts': "the BFF's regions, steps and terminal states, generated from its OpenAPI document",
};
