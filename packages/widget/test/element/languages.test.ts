// Languages other than English come from the BFF (its /widget/i18n/<tag>.json, the build's dist/i18n files;
// here the mock BFF serves them from src/i18n); English is built in and is what the element falls back to.
// One page per test file, so the element's language cache starts empty here: the first test sees the first fetch.
import {expectAccessible} from '../fixtures/a11y.js';
import {equal, ok, waitFor} from '../fixtures/assert.js';
import {build} from '../fixtures/widget.js';
import {cleanup, mount} from './helpers.js';

const languageRequests = () =>
  performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/widget\/i18n\/[\w-]+\.json/.test(n));

describe(`<whatsapp-signup> languages (${build} build)`, () => {
  afterEach(() => cleanup());

  it('should fall back to English when its language does not load, and load it on a later try', async () => {
    const realFetch = window.fetch;
    const refused: string[] = [];
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/i18n\/de\.json/.test(url)) {
        refused.push(url);
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return realFetch(input, init);
    };
    try {
      const m = await mount({attrs: {locale: 'de'}});
      equal(refused.length, 1, 'the German file was asked for');
      equal(m.part('button')!.textContent!.trim(), 'Connect WhatsApp');
      equal(m.part('base')!.getAttribute('lang'), 'en', 'the text says which language it is in');
      await expectAccessible(m.el, 'English fallback');
    } finally {
      window.fetch = realFetch;
    }
    cleanup();
    const again = await mount({attrs: {locale: 'de'}});
    equal(again.part('button')!.textContent!.trim(), 'WhatsApp verbinden', 'a failure is not kept');
    equal(again.part('base')!.getAttribute('lang'), 'de');
  });

  it('should fetch a language once from its BFF and render in it from the first words', async () => {
    const m = await mount({attrs: {locale: 'pt-BR'}, wait: null});
    const texts = [m.part('status')?.textContent ?? ''];
    const observer = new MutationObserver(() => texts.push(m.part('status')?.textContent ?? ''));
    observer.observe(m.el.shadowRoot!, {subtree: true, characterData: true, childList: true});
    await m.waitEvent('whatsapp-signup-ready');
    observer.disconnect();
    equal(m.part('button')!.textContent!.trim(), 'Conectar WhatsApp');
    ok(!texts.includes('Loading…'), `no English while the language loads: ${JSON.stringify(texts)}`);
    const urls = languageRequests().filter((u) => u.includes('pt-BR'));
    equal(urls.length, 1, urls.join());
    equal(urls[0], `${location.origin}/widget/i18n/pt-BR.json`, 'from the endpoint, the BFF');
    cleanup();
    await mount({attrs: {locale: 'pt-BR'}});
    equal(languageRequests().filter((u) => u.includes('pt-BR')).length, 1, 'a second element uses the loaded language');
  });

  it('should show the pending button with a neutral ellipsis, not in English, while its language loads', async () => {
    // The Spanish file is held until the test lets it go, so the first render surely comes before it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      if (/\/i18n\/es\.json/.test(String(input instanceof Request ? input.url : input))) await held;
      return realFetch(input, init);
    };
    try {
      const m = await mount({attrs: {locale: 'es'}, wait: null});
      const button = m.part<HTMLButtonElement>('button')!;
      ok(button, 'the button is there at once');
      equal(button.getAttribute('aria-disabled'), 'true');
      equal(button.textContent!.trim(), '…', 'pending, in no language');
      await expectAccessible(m.el, 'pending button before its words');
      release();
      await m.waitEvent('whatsapp-signup-ready');
      equal(button.textContent!.trim(), 'Conectar WhatsApp');
    } finally {
      release();
      window.fetch = realFetch;
    }
  });

  if (build !== 'src') {
    it('should ship the languages the BFF serves beside the build (dist/i18n/<tag>.json)', async () => {
      for (const [tag, button] of [['de', 'WhatsApp verbinden'], ['es', 'Conectar WhatsApp'], ['pt-BR', 'Conectar WhatsApp']]) {
        const res = await fetch(new URL(`../../dist/i18n/${tag}.json`, import.meta.url));
        ok(res.ok, `dist/i18n/${tag}.json exists (run the build)`);
        equal((await res.json()).button, button);
      }
      equal((await fetch(new URL('../../dist/i18n/en.json', import.meta.url))).status, 404, 'English is built in, not a file');
    });
  }

  it('should switch language when the locale attribute changes', async () => {
    const m = await mount({attrs: {locale: 'es'}});
    equal(m.part('button')!.textContent!.trim(), 'Conectar WhatsApp');
    m.el.setAttribute('locale', 'de');
    await waitFor(() => m.part('button')!.textContent!.trim() === 'WhatsApp verbinden', 'German');
    m.el.setAttribute('locale', 'en');
    await waitFor(() => m.part('button')!.textContent!.trim() === 'Connect WhatsApp', 'English');
    equal(m.part('base')!.getAttribute('lang'), 'en');
  });
});
