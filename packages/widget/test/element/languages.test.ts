// Languages other than English come as i18n/<tag>.json from beside the script (the BFF that serves the
// element serves them too); English is built in and is what the element falls back to. One page per test
// file, so the element's language cache starts empty here: the first test sees the first fetch.
import {expectAccessible} from '../fixtures/a11y.js';
import {equal, ok, waitFor} from '../fixtures/assert.js';
import {build} from '../fixtures/widget.js';
import {cleanup, mount} from './helpers.js';

const languageRequests = () =>
  performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/i18n\/[\w-]+\.json/.test(n));

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

  it('should fetch a language once from beside the script and render in it from the first words', async () => {
    const m = await mount({attrs: {locale: 'pt-BR'}, wait: null});
    const texts = [m.part('status')?.textContent ?? ''];
    const observer = new MutationObserver(() => texts.push(m.part('status')?.textContent ?? ''));
    observer.observe(m.el.shadowRoot!, {subtree: true, characterData: true, childList: true});
    await m.waitEvent('whatsapp-signup-ready');
    observer.disconnect();
    equal(m.part('button')!.textContent!.trim(), 'Conectar WhatsApp');
    ok(!texts.includes('Loading…'), `no English while the language loads: ${JSON.stringify(texts)}`);
    const script = build === 'src' ? '/packages/widget/src/i18n/load.ts' : `/packages/widget/dist/`;
    const urls = languageRequests().filter((u) => u.includes('pt-BR'));
    equal(urls.length, 1, urls.join());
    ok(new URL(urls[0]!).pathname.startsWith(script.replace(/load\.ts$/, '')), `${urls[0]} is beside ${script}`);
    cleanup();
    await mount({attrs: {locale: 'pt-BR'}});
    equal(languageRequests().filter((u) => u.includes('pt-BR')).length, 1, 'a second element uses the loaded language');
  });

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
