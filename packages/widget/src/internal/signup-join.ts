/**
 * Joins the two halves Meta returns in either order: `authResponse.code` from the `FB.login` callback and
 * the `WA_EMBEDDED_SIGNUP` FINISH message. The code lives 30 s, so the join reports the moment both are
 * there; a watchdog turns "one half never came" into a retryable `signup_incomplete`.
 */
import type {FacebookLoginResponse} from './load-sdk.js';
import type {EsMessage} from './es-messages.js';

type Finish = Extract<EsMessage, {kind: 'finish'}>;

/** How one signup attempt ended. */
export type JoinOutcome =
  | {kind: 'complete'; code: string; finish: Finish}
  | {kind: 'cancel'; currentStep?: string}
  | {kind: 'meta_error'; message?: string; code?: string; errorId?: string; sessionId?: string}
  | {kind: 'signup_incomplete'; missing: 'code' | 'session'}
  | {kind: 'popup_closed'}
  | {kind: 'popup_blocked'};

/** Timings of the join, in milliseconds. */
export interface JoinOptions {
  /** How long to wait for the second half once the first arrived. */
  watchdog?: number;
  /** How long a login callback without a code waits for a CANCEL/ERROR message before deciding. */
  grace?: number;
  /** A callback without a code this soon after the click, with no focus change, means the popup was blocked. */
  blockedWithin?: number;
}

/** The time source of the join: the browser's timers, or a fake one in tests. */
export interface JoinClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserClock: JoinClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One join per element; {@link SignupJoin.begin} starts each attempt. */
export class SignupJoin {
  #active = false;
  #code?: string;
  #finish?: Finish;
  #startedAt = 0;
  #blurred = false;
  #loginWithoutCode = false;
  #timer?: unknown;
  #opts: Required<JoinOptions>;

  constructor(
    private readonly onOutcome: (outcome: JoinOutcome) => void,
    options: JoinOptions = {},
    private readonly clock: JoinClock = browserClock,
  ) {
    this.#opts = {watchdog: 20_000, grace: 600, blockedWithin: 1_000, ...options};
  }

  /** Whether an attempt is waiting for Meta. */
  get pending(): boolean {
    return this.#active;
  }

  /** Starts an attempt; call it in the click, right before `FB.login`. */
  begin(): void {
    this.stop();
    this.#active = true;
    this.#code = this.#finish = undefined;
    this.#blurred = this.#loginWithoutCode = false;
    this.#startedAt = this.clock.now();
    // Opening the popup takes the focus from this window; its absence tells a blocked popup from a closed one.
    addEventListener('blur', this.#onBlur);
  }

  /** Feeds the `FB.login` callback's response. */
  handleLogin(response: FacebookLoginResponse | null | undefined): void {
    if (!this.#active) return;
    const code = response?.authResponse?.code;
    if (typeof code === 'string' && code) {
      this.#code = code;
      return this.#check('session');
    }
    if (this.#finish) return this.#end({kind: 'signup_incomplete', missing: 'code'});
    this.#loginWithoutCode = true;
    const blocked = !this.#blurred && this.clock.now() - this.#startedAt < this.#opts.blockedWithin;
    this.#arm(this.#opts.grace, () => this.#end({kind: blocked ? 'popup_blocked' : 'popup_closed'}));
  }

  /** Feeds a parsed Embedded Signup message. */
  handleMessage(msg: EsMessage): void {
    if (!this.#active) return;
    if (msg.kind === 'cancel') return this.#end(msg);
    if (msg.kind === 'error') {
      const {kind: _k, ...rest} = msg;
      return this.#end({kind: 'meta_error', ...rest});
    }
    this.#finish = msg;
    if (this.#loginWithoutCode) return this.#end({kind: 'signup_incomplete', missing: 'code'});
    this.#check('code');
  }

  /** Abandons the attempt without an outcome (disconnect). */
  stop(): void {
    this.#active = false;
    this.clock.clearTimeout(this.#timer);
    removeEventListener('blur', this.#onBlur);
  }

  #check(missing: 'code' | 'session'): void {
    if (this.#code && this.#finish) return this.#end({kind: 'complete', code: this.#code, finish: this.#finish});
    this.#arm(this.#opts.watchdog, () => this.#end({kind: 'signup_incomplete', missing}));
  }

  #arm(ms: number, fn: () => void): void {
    this.clock.clearTimeout(this.#timer);
    this.#timer = this.clock.setTimeout(fn, ms);
  }

  #end(outcome: JoinOutcome): void {
    this.stop();
    this.#timer = undefined;
    this.onOutcome(outcome);
  }

  #onBlur = (): void => {
    this.#blurred = true;
  };
}
