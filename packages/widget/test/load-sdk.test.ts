import {SdkLoadError, loadSdk, resetSdkLoader, sdkUrl} from '../src/internal/load-sdk.js';
import {equal, ok, rejects} from './fixtures/assert.js';

const w = window as unknown as {FB?: unknown};
const sdk = (q: string) => `${location.origin}/__bff/sdk.js?key=${Math.random()}&${q}`;
const tags = () => [...document.querySelectorAll('script[src*="/__bff/sdk.js"], script[src*="connect.facebook.net"]')];

describe('loadSdk()', () => {
  beforeEach(() => {
    resetSdkLoader();
    delete w.FB;
    tags().forEach((t) => t.remove());
  });

  describe('when window.FB already exists', () => {
    it('should resolve it without injecting a tag', async () => {
      const fb = {init() {}, login() {}};
      w.FB = fb;
      equal(await loadSdk(sdk('')), fb as never);
      equal(tags().length, 0);
    });
  });

  describe('when the page already has an SDK tag', () => {
    it('should reuse the tag and resolve once it loads', async () => {
      const src = 'https://connect.facebook.net/en_US/sdk.js';
      const tag = document.createElement('script');
      tag.type = 'text/plain'; // keeps the browser from fetching it; the test fires `load` itself
      tag.src = src;
      document.head.append(tag);
      const p = loadSdk(src);
      const fb = {init() {}, login() {}};
      w.FB = fb;
      tag.dispatchEvent(new Event('load'));
      equal(await p, fb as never);
      equal(tags().length, 1, 'no second tag');
    });
  });

  describe('when nothing is there', () => {
    it('should inject one async crossorigin tag and resolve window.FB', async () => {
      const src = sdk('');
      const p = loadSdk(src);
      equal(loadSdk(src), p, 'one cached promise');
      const tag = tags()[0] as HTMLScriptElement;
      ok(tag.async);
      equal(tag.crossOrigin, 'anonymous');
      const fb = await p;
      ok(fb && typeof fb.init === 'function');
      equal(tags().length, 1);
    });
    it('should default to connect.facebook.net for the locale', () => {
      equal(sdkUrl('de_DE'), 'https://connect.facebook.net/de_DE/sdk.js');
    });
  });

  describe('when the tag fails to load', () => {
    it('should reject with sdk_blocked and the cause, and remove the dead tag', async () => {
      const e = (await rejects(loadSdk(sdk('fail=1')))) as SdkLoadError;
      ok(e instanceof SdkLoadError);
      equal(e.code, 'sdk_blocked');
      ok(e.cause instanceof Event, 'cause is the error event');
      equal(tags().length, 0);
    });
    it('should reject on first load and succeed on the second', async () => {
      const src = sdk('fail=1');
      await rejects(loadSdk(src));
      const fb = await loadSdk(src);
      ok(fb);
      equal(tags().length, 1);
    });
  });

  describe('when the script loads but defines no FB (blocked by tracking protection)', () => {
    it('should reject with sdk_blocked', async () => {
      const e = (await rejects(loadSdk(sdk('empty=1')))) as SdkLoadError;
      equal(e.code, 'sdk_blocked');
      ok(/not available/.test(e.message));
    });
  });

  describe('when the script never answers', () => {
    it('should reject with sdk_timeout after the timeout and allow a retry', async () => {
      const e = (await rejects(loadSdk(sdk('hang=1'), 150))) as SdkLoadError;
      equal(e.code, 'sdk_timeout');
      equal(tags().length, 0);
      ok(await loadSdk(sdk('')));
    });
  });
});
