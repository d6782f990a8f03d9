import {html, nothing, type TemplateResult} from 'lit';
import type {CallbackDelivery, Onboarding, OnboardingDetail, SignupLink} from '../api-types.js';
import {title, when, words} from '../format.js';
import {follow, LightElement, LoadGeneration, type ConsoleContext} from '../light-element.js';
import {href} from '../router.js';
import {actionError, badge, deliveryError, loadError, outcome} from './shared.js';

/** States in which the engine works on its own: the view reads the onboarding again every REFRESH_MS meanwhile. */
const WORKING = new Set<Onboarding['state']>(['warming_up', 'running']);
const REFRESH_MS = 2000;

/** States in which the engine takes another phone number (transitions.ts `phone_number_added`); the server decides. */
const ADDS_NUMBERS = new Set<Onboarding['state']>(['awaiting_phone_number', 'running', 'awaiting_verification', 'completed']);

/**
 * One onboarding: its steps (start, end, attempts, Sinch's error), numbers (status, sender state, quality),
 * link lifecycle and ASP callbacks with every delivery attempt; the actions retry, add a phone number, revoke
 * the link and redeliver a callback, each confirmed first, its outcome shown, the onboarding read again.
 */
export class ConsoleOnboarding extends LightElement {
  static override properties = {
    ctx: {attribute: false},
    onboardingId: {attribute: false},
    _detail: {state: true},
    _error: {state: true},
    _busy: {state: true},
    _outcome: {state: true},
  };
  declare ctx: ConsoleContext;
  declare onboardingId: string;
  declare private _detail: OnboardingDetail | undefined;
  declare private _error: unknown;
  declare private _busy: boolean;
  declare private _outcome: {ok: boolean; text: string} | undefined;
  #gen = new LoadGeneration();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this._busy = false;
  }

  override disconnectedCallback() {
    clearTimeout(this.#timer);
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('onboardingId')) {
      this._detail = undefined;
      this._outcome = undefined;
      void this.#load();
    }
  }

  async #load() {
    clearTimeout(this.#timer);
    const n = this.#gen.next();
    try {
      const d = await this.ctx.api.onboarding(this.onboardingId);
      if (!this.#gen.current(n)) return;
      this._detail = d;
      this._error = undefined;
      // While the engine is at work, follow it (a retry's progress, a number being added).
      const following = WORKING.has(d.onboarding.state) || d.onboarding.phoneNumbers.some((p) => p.status === 'pending');
      if (following && this.isConnected) this.#timer = setTimeout(() => void this.#load(), REFRESH_MS);
    } catch (e) {
      if (this.#gen.current(n)) this._error = e;
    }
  }

  /** Confirm, run, say how it went, read the onboarding again. */
  async #act(confirm: {title: string; body: string; action: string}, run: () => Promise<unknown>, done: string | (() => {ok: boolean; text: string})) {
    if (!(await this.ctx.confirm(confirm))) return;
    this._busy = true;
    this._outcome = undefined;
    let result: {ok: boolean; text: string};
    try {
      await run();
      result = typeof done === 'string' ? {ok: true, text: done} : done();
    } catch (e) {
      result = {ok: false, text: `${confirm.action} failed: ${actionError(e)}`};
    }
    // The outcome shows with the onboarding as it is after the action.
    await this.#load();
    this._outcome = result;
    this._busy = false;
  }

  #retry = () =>
    this.#act(
      {title: 'Retry this onboarding?', body: 'The engine resumes it at the step that failed.', action: 'Retry'},
      () => this.ctx.api.retry(this.onboardingId),
      'Retry started: the onboarding is running again.',
    );

  #addNumber = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const phoneNumberId = String(new FormData(form).get('phoneNumberId') ?? '').trim();
    return this.#act(
      {title: 'Add this phone number?', body: `Phone number id ${phoneNumberId} gets its own sender, app and webhook.`, action: 'Add number'},
      async () => {
        await this.ctx.api.addPhoneNumber(this.onboardingId, phoneNumberId);
        form.reset();
      },
      `Phone number ${phoneNumberId} added: its sender is being set up.`,
    );
  };

  #revoke = (link: SignupLink) =>
    this.#act(
      {title: 'Revoke the signup link?', body: 'The customer can no longer open it; open pages stop.', action: 'Revoke link'},
      () => this.ctx.api.revokeLink(link.id),
      'The signup link is revoked.',
    );

  #redeliver = (c: CallbackDelivery) => {
    const now = () => this._detail?.callbacks.find((x) => x.id === c.id);
    return this.#act(
      {title: 'Redeliver this callback?', body: `${c.type} (event ${c.id}) is sent to the ASP's server again now, with the same event id.`, action: 'Redeliver'},
      async () => {
        await this.ctx.api.redeliver(c.id);
        // The server sends it right after it answered: follow until the attempt is in.
        await follow(() => this.#load(), () => (now()?.attempts ?? 0) > c.attempts, {tries: 15, everyMs: 1000});
      },
      () => {
        const after = now();
        if (after?.deliveredAt) return {ok: true, text: `Callback ${c.type} sent again and delivered.`};
        if (after && after.attempts > c.attempts) {
          return {ok: false, text: `Callback ${c.type} sent again, but it failed: ${after.lastStatus ? `HTTP ${after.lastStatus}` : 'no answer'}${after.lastError ? ` (${after.lastError})` : ''}.`};
        }
        return {ok: true, text: `Callback ${c.type} queued: it is sent again shortly.`};
      },
    );
  };

  override render() {
    const d = this._detail;
    if (!d) {
      return html`<p><a href=${href('onboardings')}>← All onboardings</a></p>
        <h1 tabindex="-1">Onboarding</h1>
        ${this._error ? loadError(this._error) : html`<p role="status">Loading the onboarding…</p>`}`;
    }
    const o = d.onboarding;
    return html`<p><a href=${href('onboardings')}>← All onboardings</a></p>
      <h1 tabindex="-1">${o.customer.displayName}</h1>
      ${outcome(this._outcome)}
      ${this._error ? loadError(this._error) : nothing}
      ${this.#summary(o)} ${this.#steps(o)} ${this.#numbers(o)} ${this.#link(d.link)} ${this.#callbacks(d.callbacks)}`;
  }

  #summary(o: Onboarding): TemplateResult {
    const canRetry = o.state === 'failed' && o.error?.retryable === true;
    return html`<section class="panel" aria-labelledby="sum-h">
      <h2 id="sum-h">Summary</h2>
      <dl class="facts">
        <dt>State</dt><dd class="state">${badge(o.state)}</dd>
        <dt>Customer reference</dt><dd class="mono">${o.customer.reference}</dd>
        <dt>Onboarding id</dt><dd class="mono">${o.id}</dd>
        <dt>Region</dt><dd>${o.region ?? '—'}</dd>
        <dt>WABA</dt><dd class="mono">${o.wabaId ?? '—'}</dd>
        <dt>Subproject</dt><dd class="mono">${o.subprojectId ?? '—'}</dd>
        <dt>Created</dt><dd>${when(o.createdAt)}</dd>
        <dt>Updated</dt><dd>${when(o.updatedAt)}</dd>
        ${o.completedAt ? html`<dt>Completed</dt><dd>${when(o.completedAt)}</dd>` : nothing}
        ${o.error
          ? html`<dt>Error</dt>
              <dd class="error-summary"><code>${o.error.code}</code> at ${words(o.error.step)}: ${o.error.message}
                (${o.error.retryable ? 'a retry can help' : 'a retry cannot help'})</dd>`
          : nothing}
        ${o.abandonment
          ? html`<dt>Left Meta's dialog</dt>
              <dd>${o.abandonment.kind === 'cancel'
                ? `cancelled${o.abandonment.currentStep ? ` at ${o.abandonment.currentStep}` : ''}`
                : `Meta error${o.abandonment.code ? ` ${o.abandonment.code}` : ''}${o.abandonment.message ? `: ${o.abandonment.message}` : ''}`}
                (${when(o.abandonment.at)})</dd>`
          : nothing}
      </dl>
      <div class="toolbar">
        ${canRetry ? html`<button type="button" ?disabled=${this._busy} @click=${this.#retry}>Retry onboarding</button>` : nothing}
      </div>
    </section>`;
  }

  #steps(o: Onboarding): TemplateResult {
    return html`<section class="panel" aria-labelledby="steps-h">
      <h2 id="steps-h">Steps</h2>
      <table>
        <thead>
          <tr><th scope="col">Step</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col" class="num">Attempts</th><th scope="col">Sinch's error</th></tr>
        </thead>
        <tbody>
          ${o.steps.map((s) => {
            const err = o.error?.step === s.name ? o.error : undefined;
            return html`<tr data-step=${s.name}>
              <th scope="row">${title(s.name)}</th>
              <td>${badge(s.status)}${s.note ? html`<div class="muted">${s.note}</div>` : nothing}</td>
              <td class="time">${when(s.startedAt)}</td>
              <td class="time">${when(s.endedAt)}</td>
              <td class="num">${s.attempts}</td>
              <td>${err
                ? html`<code>${err.code}</code>${err.sinch
                    ? html`<div class="muted">HTTP ${err.sinch.status}${err.sinch.code ? ` ${err.sinch.code}` : ''}${err.sinch.message ? `: ${err.sinch.message}` : ''}</div>`
                    : nothing}`
                : '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
  }

  #numbers(o: Onboarding): TemplateResult {
    return html`<section class="panel" aria-labelledby="numbers-h">
      <h2 id="numbers-h">Phone numbers</h2>
      ${o.phoneNumbers.length
        ? html`<table>
            <thead>
              <tr><th scope="col">Number</th><th scope="col">Status</th><th scope="col">Sender state</th><th scope="col">Quality</th><th scope="col">Sender</th><th scope="col">Error</th></tr>
            </thead>
            <tbody>
              ${o.phoneNumbers.map(
                (p) => html`<tr data-phone-number=${p.phoneNumberId}>
                  <th scope="row">${p.displayPhoneNumber ?? p.phoneNumberId}<div class="muted mono">${p.phoneNumberId}</div></th>
                  <td>${badge(p.status ?? 'pending')}</td>
                  <td>${p.senderState ?? '—'}</td>
                  <td>${p.qualityRating ?? '—'}</td>
                  <td class="mono">${p.senderId ?? '—'}</td>
                  <td>${p.error ? html`<code>${p.error.code}</code> ${p.error.message}` : '—'}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">No phone number yet.</p>`}
      ${ADDS_NUMBERS.has(o.state)
        ? html`<h3 id="add-h">Add a phone number</h3>
            <form class="inline-form" aria-labelledby="add-h" @submit=${this.#addNumber}>
              <div>
                <label for="add-number">Meta phone number id</label>
                <input id="add-number" name="phoneNumberId" required inputmode="numeric" pattern="[0-9]{1,32}" maxlength="32" aria-describedby="add-number-hint" />
              </div>
              <button type="submit" ?disabled=${this._busy}>Add number</button>
              <p id="add-number-hint" class="muted">Digits only: the id Meta gives the number in the customer's WABA.</p>
            </form>`
        : nothing}
    </section>`;
  }

  #link(link: SignupLink | undefined): TemplateResult {
    if (!link) {
      return html`<section class="panel" aria-labelledby="link-h"><h2 id="link-h">Signup link</h2>
        <p class="muted">This onboarding did not come through a hosted signup link.</p></section>`;
    }
    return html`<section class="panel" aria-labelledby="link-h">
      <h2 id="link-h">Signup link</h2>
      <dl class="facts link-lifecycle">
        <dt>State</dt><dd class="link-state">${badge(link.state)}</dd>
        <dt>Link id</dt><dd class="mono">${link.id}</dd>
        <dt>Created</dt><dd>${when(link.createdAt)}</dd>
        <dt>Opened</dt><dd>${when(link.openedAt)}</dd>
        <dt>Used</dt><dd>${when(link.usedAt)}</dd>
        <dt>Revoked</dt><dd>${when(link.revokedAt)}</dd>
        <dt>Expires</dt><dd>${when(link.expiresAt)}</dd>
      </dl>
      ${link.state === 'active'
        ? html`<div class="toolbar"><button type="button" class="danger" ?disabled=${this._busy} @click=${() => this.#revoke(link)}>Revoke link</button></div>`
        : nothing}
    </section>`;
  }

  #callbacks(list: CallbackDelivery[]): TemplateResult {
    return html`<section class="panel" aria-labelledby="cb-h">
      <h2 id="cb-h">Callbacks to the ASP</h2>
      ${list.length ? list.map((c) => this.#callback(c)) : html`<p class="muted">No callback was sent for this onboarding.</p>`}
    </section>`;
  }

  #callback(c: CallbackDelivery): TemplateResult {
    const id = `cb-${c.id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
    return html`<div class="callback" data-callback=${c.id}>
      <h3 id=${id}><code>${c.type}</code> ${badge(c.deliveredAt ? 'delivered' : c.attempts ? 'failing' : 'queued')}</h3>
      <dl class="facts">
        <dt>Event id</dt><dd class="mono">${c.id}</dd>
        <dt>Created</dt><dd>${when(c.createdAt)}</dd>
        <dt>Delivered</dt><dd>${when(c.deliveredAt)}</dd>
        ${c.deliveredAt ? nothing : html`<dt>Next attempt</dt><dd>${when(c.nextAttemptAt)}</dd>`}
      </dl>
      ${c.attemptLog.length
        ? html`<table aria-labelledby=${id}>
            <thead><tr><th scope="col" class="num">Attempt</th><th scope="col">At</th><th scope="col">HTTP status</th><th scope="col">Error</th></tr></thead>
            <tbody>
              ${c.attemptLog.map(
                (a, i) => html`<tr><td class="num">${i + 1}</td><td class="time">${when(a.at)}</td><td>${a.status ?? 'no answer'}</td><td>${deliveryError(a.status, a.error) ?? '—'}</td></tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">No delivery attempt yet.</p>`}
      <div class="toolbar">
        <button type="button" class="secondary" ?disabled=${this._busy} @click=${() => this.#redeliver(c)} aria-describedby=${id}>Redeliver</button>
      </div>
    </div>`;
  }
}
