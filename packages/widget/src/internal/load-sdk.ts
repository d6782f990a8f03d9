/**
 * Loads Meta's JavaScript SDK once per page, stripe-js style (`src/shared.ts`): one cached promise,
 * `null` without `window`, reuse of `window.FB` or of an existing tag, injection otherwise, a check of the
 * global after `load`, rejection with `{cause}`, and a reset on failure so that a retry works.
 */

/** The part of the FB JS SDK the element uses. */
export interface FacebookSdk {
  init(options: {appId: string; version: string; autoLogAppEvents?: boolean; xfbml?: boolean; cookie?: boolean}): void;
  login(callback: (response: FacebookLoginResponse) => void, options?: Record<string, unknown>): void;
  getLoginStatus?(callback: (response: FacebookLoginResponse) => void): void;
}

/** What `FB.login` hands its callback. */
export interface FacebookLoginResponse {
  status?: string;
  authResponse?: {code?: string; [key: string]: unknown} | null;
}

declare global {
  interface Window {
    FB?: FacebookSdk;
  }
}

/** Why the SDK could not be loaded: `sdk_blocked` (error event, or no `FB` after load) or `sdk_timeout`. */
export class SdkLoadError extends Error {
  override name = 'SdkLoadError';
  constructor(
    message: string,
    readonly code: 'sdk_blocked' | 'sdk_timeout',
    options?: {cause?: unknown},
  ) {
    super(message, options);
  }
}

/** Default SDK URL for a locale such as `en_US`. */
export const sdkUrl = (fbLocale = 'en_US'): string => `https://connect.facebook.net/${fbLocale}/sdk.js`;

/** Milliseconds to wait for the SDK before reporting `sdk_timeout`. */
export const DEFAULT_SDK_TIMEOUT = 15_000;

const SDK_RE = /^https:\/\/connect\.facebook\.net\/[\w-]+\/sdk(\/debug)?\.js(\?.*)?$/;

let sdkPromise: Promise<FacebookSdk | null> | null = null;
let failures = 0;

const findScript = (src: string): HTMLScriptElement | null => {
  for (const s of document.querySelectorAll<HTMLScriptElement>('script[src]')) {
    if (s.src === src || s.getAttribute('src') === src || SDK_RE.test(s.src)) return s;
  }
  return null;
};

/**
 * Loads the SDK from `src` (once per page) and resolves with `window.FB`; resolves `null` without `window`.
 * Rejects with an {@link SdkLoadError}; a later call tries again.
 */
export function loadSdk(src: string = sdkUrl(), timeout = DEFAULT_SDK_TIMEOUT): Promise<FacebookSdk | null> {
  if (sdkPromise) return sdkPromise;
  if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.resolve(null);
  if (window.FB) return (sdkPromise = Promise.resolve(window.FB));

  sdkPromise = new Promise<FacebookSdk>((resolve, reject) => {
    let script = findScript(src);
    const injected = !script;
    if (!script) {
      script = document.createElement('script');
      script.async = true;
      script.crossOrigin = 'anonymous';
      // Chromium keeps a failed script in its memory cache for the page: a retry must use a new URL.
      script.src = failures ? `${src}${src.includes('?') ? '&' : '?'}retry=${failures}` : src;
    }
    const tag = script;
    const done = (err?: SdkLoadError) => {
      clearTimeout(timer);
      tag.removeEventListener('load', onLoad);
      tag.removeEventListener('error', onError);
      if (!err && window.FB) return resolve(window.FB);
      // A dead tag would be found again by the next attempt: remove it so a retry injects a fresh one.
      tag.remove();
      reject(err ?? new SdkLoadError('Facebook SDK not available after load', 'sdk_blocked'));
    };
    const onLoad = () => done();
    const onError = (cause: Event) =>
      done(new SdkLoadError('Failed to load the Facebook SDK', 'sdk_blocked', {cause}));
    const timer = setTimeout(
      () => done(new SdkLoadError(`Facebook SDK did not load within ${timeout} ms`, 'sdk_timeout')),
      timeout,
    );
    tag.addEventListener('load', onLoad);
    tag.addEventListener('error', onError);
    if (injected) (document.head ?? document.body).append(tag);
  }).catch((e: unknown) => {
    sdkPromise = null;
    failures++;
    return Promise.reject(e);
  });
  return sdkPromise;
}

/** Forgets the cached promise. For tests only. @internal */
export const resetSdkLoader = (): void => {
  sdkPromise = null;
  failures = 0;
};
