import {css} from 'lit';

// Dark defaults, shared by theme="dark" and by theme="auto" under a dark color scheme.
const dark = css`
  --_accent: var(--whatsapp-signup-accent, #00a884);
  --_accent-fg: var(--whatsapp-signup-accent-fg, #111b21);
  --_bg: var(--whatsapp-signup-bg, #111b21);
  --_fg: var(--whatsapp-signup-fg, #e9edef);
  --_muted: var(--whatsapp-signup-muted, #aebac1);
  --_border: var(--whatsapp-signup-border, #374248);
  --_error: var(--whatsapp-signup-error, #f2b8b5);
  --_success: var(--whatsapp-signup-success, #00a884);
`;

export default css`
  :host {
    --_accent: var(--whatsapp-signup-accent, #008069);
    --_accent-fg: var(--whatsapp-signup-accent-fg, #fff);
    --_bg: var(--whatsapp-signup-bg, #fff);
    --_fg: var(--whatsapp-signup-fg, #111b21);
    --_muted: var(--whatsapp-signup-muted, #54656f);
    --_border: var(--whatsapp-signup-border, #d1d7db);
    --_error: var(--whatsapp-signup-error, #b3261e);
    --_success: var(--whatsapp-signup-success, #006e4f);
    --_radius: var(--whatsapp-signup-radius, 8px);
    --_font: var(--whatsapp-signup-font, system-ui, sans-serif);
    --_pad: 0.6em 1.2em;
    display: block;
    font: 1rem/1.4 var(--_font);
    color-scheme: light;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
      color-scheme: dark;
    }
  }
  :host([size='small']) {
    font-size: 0.875rem;
    --_pad: 0.4em 0.8em;
  }
  :host([size='large']) {
    font-size: 1.125rem;
    --_pad: 0.8em 1.6em;
  }
  [part='base'] {
    display: grid;
    gap: 0.75em;
    padding: 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: var(--_pad);
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-fg);
    cursor: pointer;
    justify-self: start;
  }
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.7;
  }
  button:focus-visible,
  input:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0;
    padding: 0;
    border: 0;
  }
  label input {
    margin: 0 0.4em 0 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25em;
    color: var(--_muted);
  }
  p,
  ol {
    margin: 0;
  }
  ol,
  form,
  form fieldset {
    display: grid;
    gap: 0.25em;
  }
  ol {
    padding: 0;
    list-style: none;
  }
  form {
    gap: 0.5em;
  }
  ol li::before {
    content: '○';
    display: inline-block;
    width: 1.4em;
    color: var(--_muted);
  }
  li[data-status='running']::before,
  li[data-status='waiting']::before {
    content: '◔';
    color: var(--_accent);
  }
  li[data-status='done']::before {
    content: '✓';
    color: var(--_success);
  }
  li[data-status='failed']::before {
    content: '✕';
    color: var(--_error);
  }
  li span,
  [part='status'] {
    color: var(--_muted);
  }
  [part='error'] {
    display: grid;
    gap: 0.5em;
  }
  [role='alert'] {
    color: var(--_error);
  }
  a {
    color: inherit;
  }
`;
