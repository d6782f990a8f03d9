import {css} from 'lit';

/**
 * The console's one stylesheet (the document adopts it). Colours meet WCAG AA contrast on their backgrounds;
 * a state's badge colour only repeats its text.
 */
export default css`
  :root {
    --c-text: #1b1f24;
    --c-muted: #4a5461;
    --c-line: #d0d5dc;
    --c-bg: #f5f6f8;
    --c-panel: #ffffff;
    --c-primary: #0b57d0;
    --c-primary-text: #ffffff;
    --c-head: #132235;
    --c-focus: #0b57d0;
    --c-bad-bg: #fde7e9;
    --c-bad: #8a1620;
    --c-good-bg: #e3f3e7;
    --c-good: #14532d;
    --c-busy-bg: #e6eefc;
    --c-busy: #123f8c;
    --c-idle-bg: #eceef1;
    --c-idle: #2d3540;
  }
  operator-console {
    display: block;
    min-height: 100vh;
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: var(--c-text);
    background: var(--c-bg);
  }
  body {
    margin: 0;
  }
  operator-console *,
  operator-console *::before,
  operator-console *::after {
    box-sizing: border-box;
  }
  operator-console :focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }
  .skip {
    position: absolute;
    left: 8px;
    top: -48px;
    padding: 8px 12px;
    background: var(--c-panel);
    color: var(--c-primary);
    z-index: 10;
  }
  .skip:focus {
    top: 8px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  header.top {
    display: flex;
    align-items: center;
    gap: 24px;
    flex-wrap: wrap;
    padding: 10px 24px;
    background: var(--c-head);
    color: #fff;
  }
  header.top .brand {
    font-weight: 650;
    font-size: 16px;
    margin: 0;
  }
  header.top nav ul {
    display: flex;
    gap: 4px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  header.top nav a {
    display: inline-block;
    padding: 6px 10px;
    border-radius: 6px;
    color: #fff;
    text-decoration: none;
  }
  header.top nav a[aria-current='page'] {
    background: #2c4564;
    text-decoration: underline;
    text-underline-offset: 4px;
  }
  header.top nav a:hover {
    background: #22384f;
  }
  header.top :focus-visible {
    outline-color: #ffd166;
  }
  header.top .who {
    margin-left: auto;
    display: flex;
    align-items: center;
    gap: 12px;
  }
  header.top .who button {
    background: transparent;
    color: #fff;
    border-color: #8da2bb;
  }
  main {
    display: block;
    padding: 20px 24px 48px;
    max-width: 1200px;
  }
  h1 {
    font-size: 22px;
    margin: 0 0 14px;
  }
  h1:focus {
    outline: none;
  }
  h2 {
    font-size: 17px;
    margin: 22px 0 8px;
  }
  h3 {
    font-size: 15px;
    margin: 14px 0 6px;
  }
  a {
    color: var(--c-primary);
  }
  section.panel,
  form.panel {
    background: var(--c-panel);
    border: 1px solid var(--c-line);
    border-radius: 10px;
    padding: 14px 18px;
    margin-bottom: 16px;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--c-panel);
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0 0 6px;
  }
  th,
  td {
    text-align: left;
    padding: 7px 10px;
    border-bottom: 1px solid var(--c-line);
    vertical-align: top;
  }
  th {
    font-weight: 600;
  }
  thead th {
    background: #eef1f5;
  }
  td.time {
    white-space: nowrap;
  }
  section.panel > h2:first-child {
    margin-top: 0;
  }
  .toolbar:not(:empty) {
    margin-top: 12px;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .muted {
    color: var(--c-muted);
  }
  code,
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 13px;
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 13px;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.bad {
    background: var(--c-bad-bg);
    color: var(--c-bad);
  }
  .badge.good {
    background: var(--c-good-bg);
    color: var(--c-good);
  }
  .badge.busy {
    background: var(--c-busy-bg);
    color: var(--c-busy);
  }
  .badge.idle {
    background: var(--c-idle-bg);
    color: var(--c-idle);
  }
  label {
    display: block;
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  input,
  select {
    font: inherit;
    padding: 6px 8px;
    border: 1px solid #7a8491;
    border-radius: 6px;
    background: #fff;
    color: var(--c-text);
    min-width: 0;
  }
  button,
  .button {
    font: inherit;
    padding: 6px 14px;
    border-radius: 6px;
    border: 1px solid var(--c-primary);
    background: var(--c-primary);
    color: var(--c-primary-text);
    cursor: pointer;
    text-decoration: none;
    display: inline-block;
  }
  button.secondary,
  .button.secondary {
    background: #fff;
    color: var(--c-primary);
  }
  button.danger {
    background: #a3141f;
    border-color: #a3141f;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 12px 16px;
    align-items: flex-end;
  }
  .filters .actions {
    display: flex;
    gap: 8px;
  }
  .pager {
    display: flex;
    gap: 12px;
    align-items: center;
    margin-top: 12px;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .outcome {
    margin: 10px 0;
    padding: 8px 12px;
    border-radius: 8px;
  }
  .outcome:empty {
    display: none;
  }
  .outcome.ok {
    background: var(--c-good-bg);
    color: var(--c-good);
  }
  .outcome.error {
    background: var(--c-bad-bg);
    color: var(--c-bad);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dl.facts dt {
    font-weight: 600;
    color: var(--c-muted);
  }
  dl.facts dd {
    margin: 0;
  }
  .signin {
    max-width: 380px;
    margin: 64px auto;
  }
  .signin .field {
    margin-bottom: 12px;
  }
  .signin input {
    width: 100%;
  }
  .inline-form {
    display: flex;
    gap: 8px;
    align-items: flex-end;
    flex-wrap: wrap;
  }
  .seg {
    display: inline-flex;
    gap: 4px;
    margin-bottom: 12px;
  }
  .seg button[aria-pressed='true'] {
    background: var(--c-primary);
    color: #fff;
  }
  .seg button[aria-pressed='false'] {
    background: #fff;
    color: var(--c-primary);
  }
  svg.chart {
    display: block;
    width: 100%;
    max-width: 760px;
    height: auto;
    margin: 8px 0 16px;
  }
  svg.chart .bar {
    fill: var(--c-primary);
  }
  svg.chart .label,
  svg.chart .value {
    fill: var(--c-text);
    font-size: 13px;
  }
  svg.chart .track {
    fill: #e6e9ee;
  }
  dialog {
    border: 1px solid var(--c-line);
    border-radius: 10px;
    padding: 18px 20px;
    max-width: 440px;
    color: var(--c-text);
  }
  dialog::backdrop {
    background: rgb(19 34 53 / 0.45);
  }
  dialog h2 {
    margin-top: 0;
  }
  dialog .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 16px;
  }
  .callback + .callback {
    border-top: 1px solid var(--c-line);
    padding-top: 10px;
    margin-top: 14px;
  }
  .callback h3 {
    margin-top: 0;
  }
`;
