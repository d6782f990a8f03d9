/**
 * The element's one state machine (a Lit ReactiveController): the session, Meta's SDK, the words of the
 * locale, the login and its join, the submission, the progress stream, the verification and the number choice
 * all end in one discriminated union, {@link ViewState}, which the element renders from. Everything the
 * element does asynchronously lives here; the component holds its attributes and its templates.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {
  WhatsappSignupBeforeStartEvent,
  WhatsappSignupCancelEvent,
  WhatsappSignupCompleteEvent,
  WhatsappSignupErrorEvent,
  WhatsappSignupProgressEvent,
  WhatsappSignupReadyEvent,
  WhatsappSignupStartEvent,
  type WhatsappSignupErrorDetail,
} from '../events.js';
import {en} from '../i18n/en.js';
import {FB_LOCALES, errorMessage, resolveLocale, type Messages} from '../i18n/index.js';
import {loadMessages} from '../i18n/load.js';
import {ApiClient, ApiError, TERMINAL_STATES, type FunnelReport, type Onboarding, type Region, type SessionInfo} from './api-client.js';
// The BFF's regions, in its order (generated from its OpenAPI document).
import {regionValues as REGIONS, type JobState, type OnboardingErrorCode} from './bff-api.generated.js';
import {parseEsMessage} from './es-messages.js';
import {loadSdk, sdkUrl, type FacebookSdk, type SdkLoadError} from './load-sdk.js';
import {SignupJoin, type JoinOutcome} from './signup-join.js';
import {VerificationView, numberToVerify} from './verification-view.js';

/** What the element shows. */
/**
 * What the controller reads of its element: the properties the element is configured by and Lit's host API.
 * The element (whatsapp-signup.component.ts) satisfies it; naming it here keeps the controller from importing
 * the element that imports it.
 */
export interface SignupHost extends ReactiveControllerHost, HTMLElement {
  endpoint: string;
  session: string;
  sdkSrc: string;
  appId: string;
  configId: string;
  graphVersion: string;
  solutionId: string;
  locale: string;
  watchdogTimeout: number;
  sdkTimeout: number;
  pollInterval: number;
  readonly hasUpdated: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export type WhatsappSignupView = ViewState['view'];

/** The number picker: `busy` while its choice is being sent, `error` its last problem in words. */
export type PickState = {busy?: boolean; error?: string};

/** A view without an onboarding. */
type NoOnboarding = {onboarding?: undefined};

/** What the element shows, with exactly what it needs for it (`onboarding`: the job shown, in any view). */
export type ViewState =
  | ({view: 'loading'} & NoOnboarding)
  /** `notice`: what the status line says (the customer cancelled). */
  | ({view: 'ready'; notice?: string} & NoOnboarding)
  /** `reopen`: the page got the focus back while waiting: the popup may be gone without a callback. */
  | ({view: 'waiting'; reopen?: boolean} & NoOnboarding)
  /** `onboarding` is absent while the submission is under way. */
  | {view: 'progress'; onboarding?: Onboarding}
  | {view: 'verification' | 'complete'; onboarding: Onboarding}
  | {view: 'choose'; onboarding: Onboarding; pick: PickState}
  /** `onboarding`: the job that failed, whose steps stay on screen. */
  | {view: 'error' | 'blocked'; error: WhatsappSignupErrorDetail; onboarding?: Onboarding};

/** Job states that mean the ES result was already submitted: the element resumes showing progress. */
const SUBMITTED = new Set<JobState>([
  'running',
  'awaiting_phone_number',
  'awaiting_phone_number_choice',
  'awaiting_verification',
  'completed',
  'failed',
]);
/** Views that follow the onboarding (its updates are applied). */
const FOLLOWING = new Set<WhatsappSignupView>(['progress', 'choose', 'verification', 'complete']);
/** Errors that a new Facebook login fixes (a fresh code; one WABA chosen this time). */
const NEEDS_NEW_LOGIN = new Set<string>(['code_expired', 'code_invalid', 'multiple_wabas'] satisfies Array<OnboardingErrorCode | 'multiple_wabas'>);

/** A step's status in `o` (`pending` before there is one): a progress event fires on each change. */
export const stepStatus = (o: Onboarding | undefined, name: string): string => o?.steps.find((x) => x.name === name)?.status ?? 'pending';

export class SignupController implements ReactiveController {
  /** What the element shows now. */
  s: ViewState = {view: 'loading'};
  /** The messages in use: English until the locale's have loaded (or when they cannot). */
  m: Messages = en;
  /** Whether the locale's words (or English, when they cannot load) are there: nothing shows words before. */
  words = false;
  /** `GET /v1/session`'s answer, once there. */
  declare info?: SessionInfo;
  /** The data region chosen. */
  declare region?: Region;
  declare readonly verification: VerificationView;
  /** The session and endpoint the last {@link load} was for. */
  declare key?: string;

  #api?: ApiClient;
  #fb?: FacebookSdk;
  #ac?: AbortController;
  #join = new SignupJoin((o) => this.#outcome(o));
  /** A part to focus after the next render. */
  #focus?: string;
  /** Whether the next render makes the button interactive (then `whatsapp-signup-ready` fires). */
  #ready = false;

  #h: SignupHost;

  constructor(host: SignupHost) {
    (this.#h = host).addController(this);
    this.verification = new VerificationView(host, {
      api: () => this.#api,
      endpoint: () => this.#endpoint ?? location.origin,
      onUpdate: (o) => this.#apply(o),
    });
  }

  hostConnected(): void {
    // One listener per element however many clicks; removed on disconnect.
    addEventListener('message', this.#onMessage);
    addEventListener('focus', this.#onFocus);
    // The session fetch and the SDK load start now, not after a first render (without a session token yet,
    // the first update decides: a framework may set it right after connecting).
    if (this.#h.hasUpdated || this.#h.session) this.load();
  }

  hostDisconnected(): void {
    removeEventListener('message', this.#onMessage);
    removeEventListener('focus', this.#onFocus);
    this.#ac?.abort();
    this.#join.stop();
  }

  hostUpdated(): void {
    const part = this.#focus;
    this.#focus = undefined;
    if (part) {
      const root = this.#h.renderRoot;
      (root.querySelector<HTMLElement>(`[part~='${part}'] :is(input,button)`) ?? root.querySelector<HTMLElement>(`[part~='${part}']`))?.focus();
    }
    if (this.#ready) {
      this.#ready = false;
      this.#h.dispatchEvent(new WhatsappSignupReadyEvent());
    }
  }

  /** The locale in use: `locale`, else the nearest `lang`. */
  get tag(): string {
    const h = this.#h;
    return resolveLocale(h.locale, h.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  }

  /** Regions the session allows, in a fixed order. */
  get regions(): Region[] {
    const allowed = this.info?.regions.allowed ?? [];
    return REGIONS.filter((r) => allowed.includes(r));
  }

  /** The BFF's base URL (`endpoint`, else the page's origin); undefined when `endpoint` is no URL. */
  get #endpoint(): string | undefined {
    try {
      return new URL(this.#h.endpoint || location.origin, location.href).href;
    } catch {
      return undefined;
    }
  }

  /** Meta settings: attributes override the session's. */
  get #meta() {
    const s = this.info?.meta;
    const h = this.#h;
    return {
      appId: h.appId || s?.appId,
      configId: h.configId || s?.configId,
      graphVersion: h.graphVersion || s?.graphVersion,
      solutionId: h.solutionId || s?.solutionId,
    };
  }

  #set(s: ViewState): void {
    this.s = s;
    this.#h.requestUpdate();
  }

  /** Loads the locale's messages and uses them (unless the locale changed meanwhile); then calls `done`. */
  lang(done?: () => void): void {
    const tag = this.tag;
    const use = (m: Messages) => {
      if (tag === this.tag) {
        this.m = m;
        this.words = true;
        this.#h.requestUpdate();
      }
      done?.();
    };
    const m = loadMessages(tag, this.#endpoint ?? location.origin);
    if (m instanceof Promise) void m.then(use);
    else use(m);
  }

  /**
   * Loads the session, the SDK and the locale's words at once, and makes the button interactive in the same
   * task as the last of them arrives.
   */
  load(): void {
    const h = this.#h;
    this.#ac?.abort();
    const ac = (this.#ac = new AbortController());
    this.key = `${h.session} ${h.endpoint}`;
    this.#join.stop();
    this.info = this.#fb = undefined;
    this.#ready = false;
    this.#set({view: 'loading'});
    let words = false;
    let failed: (() => void) | undefined;
    let sdkFailed: SdkLoadError | undefined;
    let fb: FacebookSdk | null | undefined;
    // Each half calls this when it arrives; nothing shows words before the locale's are there.
    const settle = (): void => {
      const info = this.info;
      if (ac.signal.aborted || this.s.view !== 'loading' || !words) return;
      if (failed) return failed();
      if (!info) return;
      if (info.onboarding && SUBMITTED.has(info.onboarding.state)) return void this.#follow(info.onboarding, ac);
      // loadSdk rejects with an SdkLoadError only.
      if (sdkFailed) {
        this.#report(sdkFailed.code);
        return this.#fail(sdkFailed.code, true);
      }
      if (!fb) return;
      const {appId, configId, graphVersion} = this.#meta;
      const allowed = this.regions;
      if (!appId || !configId || !graphVersion || !allowed.length) {
        return this.#bad('appId, configId, graphVersion and a region', {appId, configId, graphVersion, regions: allowed});
      }
      fb.init({appId, version: graphVersion, autoLogAppEvents: true, xfbml: false});
      this.#fb = fb;
      this.#ready = true;
      this.#set({view: 'ready'});
    };
    const endpoint = this.#endpoint;
    if (!h.session) failed = () => this.#bad('a session token in "session"', h.session);
    else if (!endpoint) failed = () => this.#bad('a URL in "endpoint"', h.endpoint);
    else {
      // The SDK first: the slower half (a script from Meta's CDN) gets the head start.
      loadSdk(h.sdkSrc || sdkUrl(FB_LOCALES[this.tag]!), h.sdkTimeout).then(
        (sdk) => {
          fb = sdk;
          settle();
        },
        (e: SdkLoadError) => {
          sdkFailed = e;
          settle();
        },
      );
      const api = (this.#api = new ApiClient(endpoint, h.session, h.pollInterval));
      api.getSession(ac.signal).then(
        (info) => {
          if (ac.signal.aborted) return;
          this.info = info;
          const allowed = this.regions;
          this.region = allowed.includes(info.regions.default!) ? info.regions.default : allowed[0];
          settle();
          // Reported after the task that enables the button (a request costs the main thread a few ms).
          setTimeout(() => this.#report('loaded'));
        },
        (e: unknown) => {
          failed = () => this.#failFrom(e);
          settle();
        },
      );
    }
    this.lang(() => {
      words = true;
      settle();
    });
  }

  /** The funnel milestones reported (each once per element). */
  #sent = new Set<string>();

  /** Reports a funnel milestone to the BFF, once per element; never awaited, never retried. */
  #report(milestone: FunnelReport['milestone'], extra?: Omit<FunnelReport, 'milestone'>): void {
    // `loaded` waits for the task after the ready render (see load): a milestone reported meanwhile goes after it.
    if (this.info && milestone != 'loaded') this.#report('loaded');
    if (!this.#sent.has(milestone)) this.#api?.report({milestone, ...extra});
    this.#sent.add(milestone);
  }

  /** Whether a click opens Embedded Signup (the SDK and the session are there in these views). */
  get startable(): boolean {
    const s = this.s;
    return s.view === 'ready' || (s.view === 'waiting' && !!s.reopen);
  }

  /** Opens Embedded Signup. Must stay synchronous: a popup opened after an `await` gets blocked. */
  open(): void {
    const info = this.info!;
    const h = this.#h;
    const fb = this.#fb!;
    if (!this.startable) return;
    // Vetoable by the page; dispatchEvent is synchronous, so FB.login below still runs inside the click.
    if (!this.#h.dispatchEvent(new WhatsappSignupBeforeStartEvent())) return;
    const {configId, solutionId} = this.#meta;
    const version = info.meta.esVersion;
    this.#join.stop();
    // This attempt's own join: a cancelled attempt's login answer, which Meta's SDK may send after the next
    // click, reaches the stopped join it belongs to and is ignored there.
    const join = (this.#join = new SignupJoin((o) => this.#outcome(o), {watchdog: h.watchdogTimeout}));
    join.begin();
    this.#set({view: 'waiting'});
    this.#h.dispatchEvent(new WhatsappSignupStartEvent());
    fb.login((response) => join.handleLogin(response), {
      config_id: configId,
      response_type: 'code',
      override_default_response_type: true,
      extras: {
        setup: {...info.prefill, ...(solutionId && {solutionID: solutionId})},
        featureType: info.featureType ?? '',
        sessionInfoVersion: '3',
        // META_ES_VERSION (UNCONFIRMED, api-facts §8): only when the BFF asks; else today's extras exactly.
        ...(version && {version}),
      },
    });
    this.#report('start');
  }

  #onMessage = (e: MessageEvent): void => {
    const msg = parseEsMessage(e);
    if (msg) this.#join.handleMessage(msg);
  };

  // Some browsers never call FB.login back when the popup is closed with the window's close button.
  #onFocus = (): void => {
    if (this.s.view === 'waiting') this.#set({view: 'waiting', reopen: true});
  };

  #outcome(o: JoinOutcome): void {
    const api = this.#api;
    const ac = this.#ac;
    if (!api || !ac) return;
    switch (o.kind) {
      case 'complete':
        this.#report('finished');
        return void this.#submit(o, api, ac);
      case 'cancel':
        this.#report('cancelled', {currentStep: o.currentStep});
        api.abandon({kind: 'cancel', currentStep: o.currentStep}).catch(() => undefined);
        this.#set({view: 'ready', notice: this.m.cancelled});
        this.#h.dispatchEvent(new WhatsappSignupCancelEvent({currentStep: o.currentStep}));
        return this.#focusPart('button');
      case 'meta_error':
        this.#report('meta_error', {errorCode: o.code});
        api
          .abandon({kind: 'error', message: o.message, code: o.code, errorId: o.errorId, metaSessionId: o.sessionId})
          .catch(() => undefined);
        return this.#fail('meta_error', true, {
          ...((o.errorId ?? o.code) && {metaErrorId: o.errorId ?? o.code}),
          ...(o.sessionId && {metaSessionId: o.sessionId}),
        }, o.message);
      default:
        if (o.kind !== 'signup_incomplete') this.#report(o.kind);
        return this.#fail(o.kind, true);
    }
  }

  async #submit(o: Extract<JoinOutcome, {kind: 'complete'}>, api: ApiClient, ac: AbortController): Promise<void> {
    this.#set({view: 'progress'});
    this.#focusPart('progress');
    // The ids exactly as Meta sent them: the optional ones are absent, not empty.
    const {kind: _k, ...ids} = o.finish;
    try {
      const onboarding = await api.submit({code: o.code, ...ids, region: this.region!}, ac.signal);
      if (!ac.signal.aborted) await this.#follow(onboarding, ac);
    } catch (e) {
      if (!ac.signal.aborted) this.#failFrom(e);
    }
  }

  /** Shows `onboarding` and follows it until it is terminal. */
  async #follow(onboarding: Onboarding, ac: AbortController): Promise<void> {
    this.#set({view: 'progress'});
    this.#apply(onboarding);
    // A choice to make or a number to verify is followed too: the stream goes on meanwhile.
    if (!FOLLOWING.has(this.s.view) || this.s.view === 'complete') return;
    try {
      await this.#api!.watch((o) => this.#apply(o), ac.signal);
    } catch (e) {
      if (!ac.signal.aborted) this.#failFrom(e);
    }
  }

  #apply(o: Onboarding): void {
    const s = this.s;
    const shown = s.onboarding;
    // The stream and an answer to a command can cross: never go back to an older state, or out of a final one.
    if (
      !FOLLOWING.has(s.view) ||
      (shown && (o.updatedAt < shown.updatedAt || (TERMINAL_STATES.has(shown.state) && !TERMINAL_STATES.has(o.state))))
    ) {
      return;
    }
    // The verification view is a file of its own: fetch it as soon as a number waits for its code.
    if (numberToVerify(o)) this.verification.load();
    for (const step of o.steps) {
      if (stepStatus(shown, step.name) !== step.status) {
        this.#h.dispatchEvent(new WhatsappSignupProgressEvent({step: step.name, status: step.status}));
      }
    }
    const state = o.state;
    // The customer verifies the first number (Sinch's sender is PENDING_VERIFICATION); steps go on meanwhile.
    if (state === 'awaiting_verification' && numberToVerify(o)) {
      if (s.view !== 'verification') this.#focusPart('verification');
      return this.#set({view: 'verification', onboarding: o});
    }
    if (s.view === 'verification') this.#focusPart('progress');
    if (state === 'completed' || state === 'awaiting_phone_number') {
      this.#set({view: 'complete', onboarding: o});
      if (state === 'completed' && s.view !== 'complete') {
        this.#h.dispatchEvent(
          new WhatsappSignupCompleteEvent({
            onboardingId: o.id,
            subprojectId: o.subprojectId ?? '',
            senderId: o.senderId ?? '',
            appId: o.appId ?? '',
            wabaId: o.wabaId ?? '',
            phoneNumberId: o.phoneNumberId ?? '',
          }),
        );
      }
    } else if (state === 'awaiting_phone_number_choice') {
      if (s.view !== 'choose') this.#focusPart('choices');
      this.#set({view: 'choose', onboarding: o, pick: s.view === 'choose' ? s.pick : {}});
    } else if (state === 'failed') {
      const code = o.error?.code ?? 'internal_error';
      // The BFF marks an expired or refused ES code as not retryable on its side; a new Facebook login
      // (the widget's Retry) brings a fresh code, and the BFF resumes the same job with it.
      this.#fail(code, (o.error?.retryable ?? false) || NEEDS_NEW_LOGIN.has(code), {}, undefined, o);
    } else if (state === 'expired') {
      this.#fail('session_expired', false, {}, undefined, o);
    } else {
      this.#set({view: 'progress', onboarding: o});
    }
  }

  #setPick(pick: PickState): void {
    if (this.s.view === 'choose') this.#set({...this.s, pick});
  }

  /** Sends the numbers checked in the picker; a problem is shown in the picker, which stays usable. */
  async pick(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const api = this.#api;
    const ac = this.#ac;
    const s = this.s;
    if (s.view !== 'choose' || s.pick.busy || !api || !ac) return;
    const form = e.target as HTMLFormElement;
    const phoneNumberIds = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
    if (!phoneNumberIds.length) {
      this.#setPick({error: this.m.chooseOne});
      return this.#focusPart('choices');
    }
    this.#setPick({busy: true});
    try {
      const o = await api.selectPhoneNumbers({phoneNumberIds}, ac.signal);
      this.#setPick({});
      this.#apply(o);
    } catch (err) {
      if (ac.signal.aborted) return;
      // A session that is gone cannot pick again; anything else can (another choice, or the same later).
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.#failFrom(err);
      const code = err instanceof ApiError ? err.code : 'network_error';
      const message = errorMessage(this.m, code);
      this.#setPick({error: message});
      this.#h.dispatchEvent(new WhatsappSignupErrorEvent({code, message, retryable: true}));
    }
  }

  #failFrom(e: unknown): void {
    if (e instanceof ApiError) this.#fail(e.code, e.retryable || NEEDS_NEW_LOGIN.has(e.code));
    else this.#fail('network_error', true);
  }

  /**
   * Shows an error and reports it; `detail` is shown next to the human message (Meta's text, config hints),
   * `onboarding` is the job whose steps stay on screen (the one shown, unless given).
   */
  #fail(
    code: string,
    retryable: boolean,
    extra: Partial<WhatsappSignupErrorDetail> = {},
    detail?: string,
    onboarding = this.s.onboarding,
  ): void {
    const human = errorMessage(this.m, code);
    const error = {code, message: detail ? `${human} (${detail})` : human, retryable, ...extra};
    this.#ac?.abort();
    this.#join.stop();
    this.#set({view: code.startsWith('sdk_') ? 'blocked' : 'error', error, onboarding});
    this.#h.dispatchEvent(new WhatsappSignupErrorEvent(error));
    this.#focusPart('error');
  }

  /** A setting the element cannot work with: `invalid_config`, saying what it expected. */
  #bad(expected: string, received: unknown): void {
    this.#fail('invalid_config', false, {}, `expected ${expected} but received ${JSON.stringify(received)}`);
  }

  retry(): void {
    const s = this.s;
    // Meta or onboarding failures need a fresh login; anything before "ready" starts over.
    if (s.view === 'error' && this.#fb && this.info && s.error.code !== 'network_error') {
      this.#ac = new AbortController();
      this.#set({view: 'ready'});
      this.#focusPart('button');
    } else {
      this.load();
    }
  }

  /** Moves focus to a part after the next render, only when focus was inside the element (never steals it). */
  #focusPart(part: string): void {
    if (this.#h.matches(':focus-within')) this.#focus = part;
  }
}
