// src/i18n/load.ts on its own: the language comes from the BFF, with the script's `?v=` when the script came
// from that BFF (imported here under a query, as the hosted page loads the bundle), English when it fails.
import {deepEqual, equal, ok} from './fixtures/assert.js';

type Load = typeof import('../src/i18n/load.js');
const {loadMessages}: Load = await import(/* @vite-ignore */ new URL('../src/i18n/load.ts?v=build123', import.meta.url).href);
const {en} = await import('../src/i18n/en.js');
const requests = (tag: string) =>
  performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes(`/widget/i18n/${tag}.json`));

describe('loadMessages', () => {
  it('should give English at once, without a request', () => {
    equal(loadMessages('en', location.origin), en);
    equal(requests('en').length, 0);
  });
  it("should fetch another language from the BFF with the script's cache key when the script came from it", async () => {
    const de = await loadMessages('de', `${location.origin}/`);
    equal(de.button, 'WhatsApp verbinden');
    deepEqual(requests('de'), [`${location.origin}/widget/i18n/de.json?v=build123`]);
    equal(await loadMessages('de', location.origin), de, 'once per page');
    equal(requests('de').length, 1);
  });
  it('should not send the cache key to another BFF, and fall back to English when it cannot be reached', async () => {
    const other = 'http://127.0.0.1:9/bff';
    const m = await loadMessages('es', other);
    equal(m, en);
    ok(requests('es').some((u) => u === `${other}/widget/i18n/es.json`), JSON.stringify(requests('es')));
  });
});
