import {html, nothing, svg} from 'lit';
import type {Funnel} from '../api-types.js';
import {title, when} from '../format.js';
import {LightElement, LoadGeneration, type ConsoleContext} from '../light-element.js';
import {href} from '../router.js';
import {loadError} from './shared.js';

const BAR_X = 170;
const BAR_W = 460;
const ROW_H = 34;

/**
 * The signup funnel of the last 7 or 30 days: one bar per stage (inline SVG, labelled as an image, with the
 * same figures in a table beside it) and the drop-off causes with their counts.
 */
export class ConsoleFunnel extends LightElement {
  static override properties = {ctx: {attribute: false}, days: {attribute: false}, _funnel: {state: true}, _error: {state: true}};
  declare ctx: ConsoleContext;
  /** The window: 7 or 30 days up to now. */
  declare days: 7 | 30;
  declare private _funnel: Funnel | undefined;
  declare private _error: unknown;
  #gen = new LoadGeneration();

  constructor() {
    super();
    this.days = 7;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('days')) void this.#load();
  }

  async #load() {
    const n = this.#gen.next();
    this._funnel = undefined;
    try {
      const f = await this.ctx.api.funnel(this.days);
      if (!this.#gen.current(n)) return;
      this._funnel = f;
      this._error = undefined;
    } catch (e) {
      if (this.#gen.current(n)) this._error = e;
    }
  }

  override render() {
    const f = this._funnel;
    return html`<h1 tabindex="-1">Signup funnel</h1>
      <div class="seg" role="group" aria-label="Period">
        ${([7, 30] as const).map(
          (d) => html`<button type="button" aria-pressed=${this.days === d ? 'true' : 'false'}
            @click=${() => (location.hash = href('funnel', {days: String(d)}))}>Last ${d} days</button>`,
        )}
      </div>
      ${this._error ? loadError(this._error) : nothing}
      ${f ? this.#figures(f) : this._error ? nothing : html`<p role="status">Loading the funnel…</p>`}`;
  }

  #figures(f: Funnel) {
    const stages = f.stageOrder.map((s) => ({stage: s, count: f.totals.stages[s]}));
    const created = stages[0]?.count ?? 0;
    const max = Math.max(1, ...stages.map((s) => s.count));
    const pct = (n: number) => (created ? `${Math.round((n / created) * 100)} %` : '—');
    const label = `Sessions per stage, ${when(f.from)} to ${when(f.to)}: ${stages.map((s) => `${title(s.stage)} ${s.count}`).join(', ')}.`;
    const height = stages.length * ROW_H + 8;
    return html`<section class="panel" aria-labelledby="stages-h">
        <h2 id="stages-h">Sessions reaching each stage</h2>
        <p class="muted">Sessions created from ${when(f.from)} to ${when(f.to)}.</p>
        <svg class="chart" role="img" aria-label=${label} viewBox="0 0 ${BAR_X + BAR_W + 80} ${height}" preserveAspectRatio="xMinYMin meet">
          ${stages.map((s, i) => {
            const y = i * ROW_H + 4;
            const w = Math.round((s.count / max) * BAR_W);
            return svg`<g>
              <text class="label" x="0" y=${y + 20}>${title(s.stage)}</text>
              <rect class="track" x=${BAR_X} y=${y + 4} width=${BAR_W} height="22" rx="4"></rect>
              <rect class="bar" x=${BAR_X} y=${y + 4} width=${w} height="22" rx="4"></rect>
              <text class="value" x=${BAR_X + BAR_W + 10} y=${y + 20}>${s.count}</text>
            </g>`;
          })}
        </svg>
        <table class="funnel-stages">
          <caption>The chart's figures</caption>
          <thead><tr><th scope="col">Stage</th><th scope="col" class="num">Sessions</th><th scope="col" class="num">Of created</th></tr></thead>
          <tbody>
            ${stages.map(
              (s) => html`<tr data-stage=${s.stage}><th scope="row">${title(s.stage)}</th><td class="num">${s.count}</td><td class="num">${pct(s.count)}</td></tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="drops-h">
        <h2 id="drops-h">Where sessions dropped out</h2>
        ${f.totals.drops.length
          ? html`<table class="funnel-drops">
              <thead><tr><th scope="col">Cause</th><th scope="col">Detail</th><th scope="col" class="num">Sessions</th></tr></thead>
              <tbody>
                ${[...f.totals.drops]
                  .sort((a, b) => b.count - a.count)
                  .map(
                    (d) => html`<tr data-cause=${d.cause}><th scope="row">${title(d.cause)}</th><td>${d.detail ? html`<code>${d.detail}</code>` : '—'}</td><td class="num">${d.count}</td></tr>`,
                  )}
              </tbody>
            </table>`
          : html`<p class="muted">No session dropped out in this period.</p>`}
      </section>`;
  }
}
