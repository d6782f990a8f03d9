// Where a cold load's time goes (issue 14 item 1), measured from outside the element so that no byte is added to
// it: a probe that runs before the script tag notes the times (performance.now(), ms since navigation) of
// what the page can see — Resource Timing for the script, `GET /v1/session` and the SDK; the SDK file's own
// first line; `customElements.whenDefined`; the element's first `updateComplete`; and, from a MutationObserver on
// its shadow root, the moment its button is there and neither `disabled` nor `aria-disabled="true"`.

/** The probe: an inline script placed before the element's script tag; it leaves its marks in `window.__marks`. */
export const PROBE = `
const marks = (window.__marks = {t0: performance.now()});
const TAG = 'whatsapp-signup';
const enabled = (b) => b && !b.disabled && b.getAttribute('aria-disabled') !== 'true';
customElements.whenDefined(TAG).then(() => {
  marks.defined = performance.now();
  const el = document.querySelector(TAG);
  el.updateComplete.then(() => (marks.rendered ??= performance.now()));
  const check = () => {
    if (marks.enabled === undefined && enabled(el.shadowRoot?.querySelector('[part~="button"]'))) {
      marks.enabled = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(el.shadowRoot, {subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'aria-disabled']});
  check();
});
`;

/** The line the fake SDK starts with, so the time it runs is known (its fetch alone is not all of its load). */
export const SDK_MARK = 'window.__marks.sdkRan = performance.now();';

/**
 * One load's phases from its marks and its Resource Timing entries (`{name, startTime, responseEnd}`):
 * `{name: {start, end}}` in ms since the probe ran (the script's start).
 */
export function phasesOf(marks, entries) {
  const entry = (re) => {
    const e = entries.find((r) => re.test(r.name));
    if (!e) throw new Error(`no Resource Timing entry matches ${re}`);
    return e;
  };
  const script = entry(/\/whatsapp-signup(\.classic)?\.js/);
  const session = entry(/\/v1\/session(\?|$)/);
  // Without an SDK load (the page had `window.FB` already) the SDK phase is absent.
  const sdk = marks.sdkRan === undefined ? undefined : entry(/\/sdk\.js/);
  for (const k of ['defined', 'rendered', 'enabled']) if (marks[k] === undefined) throw new Error(`the load has no "${k}" mark`);
  const t = (x) => x - marks.t0;
  // The script runs once it is there and the parser reaches it (after the probe).
  const run = Math.max(marks.t0, script.responseEnd);
  const ready = Math.max(session.responseEnd, marks.sdkRan ?? 0, marks.rendered);
  return {
    'script fetch': {start: t(script.startTime), end: t(script.responseEnd)},
    'parse and define': {start: t(run), end: t(marks.defined)},
    'GET /v1/session': {start: t(session.startTime), end: t(session.responseEnd)},
    ...(sdk && {'SDK load': {start: t(sdk.startTime), end: t(marks.sdkRan)}}),
    'first render': {start: t(marks.defined), end: t(marks.rendered)},
    'button enabled (after session, SDK and first render)': {start: t(ready), end: t(marks.enabled)},
    interactive: {start: 0, end: t(marks.enabled)},
  };
}

/** The value at quantile `q` (nearest rank) of the numbers `xs`. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** `[[phase, {median, p90, start, end}]]` over many loads' phases: the duration's median and p90, the median start and end. */
export function summarize(loads) {
  return Object.keys(loads[0]).map((name) => {
    const of = (f) => loads.map((l) => f(l[name]));
    const durations = of((p) => p.end - p.start);
    return [
      name,
      {
        median: quantile(durations, 0.5),
        p90: quantile(durations, 0.9),
        start: quantile(of((p) => p.start), 0.5),
        end: quantile(of((p) => p.end), 0.5),
      },
    ];
  });
}
