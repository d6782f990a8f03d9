/**
 * The script-tag build on its own: dist/whatsapp-signup.classic.js served without its sibling locale files
 * (whatsapp-signup.classic.<locale>.js) still works, in English, even on a page that asks for German.
 */
import {equal, ok, waitFor} from '../fixtures/assert.js';
import {mockBff, sessionBody} from '../fixtures/bff.js';
import {build} from '../fixtures/widget.js';

(build === 'classic' ? describe : describe.skip)('<whatsapp-signup> classic file alone', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('should work in English when the locale files are not next to it', async () => {
    const bff = await mockBff({'GET /v1/session': {body: sessionBody()}});
    frame = document.createElement('iframe');
    frame.srcdoc =
      `<!doctype html><html lang="de"><head><script>window.FB = {init() {}, login() {}};</script></head><body>` +
      `<whatsapp-signup endpoint="${location.origin}" session="${bff.token}"></whatsapp-signup>` +
      `<script src="${location.origin}/__bff/alone/whatsapp-signup.classic.js"></script></body></html>`;
    document.body.append(frame);
    const win = await waitFor(() => frame!.contentWindow?.document.querySelector('whatsapp-signup')?.shadowRoot && frame!.contentWindow, 'element');
    const el = win.document.querySelector('whatsapp-signup') as HTMLElement & {view: string; updateComplete: Promise<unknown>};
    await waitFor(() => el.view === 'ready', 'ready');
    await el.updateComplete;
    const root = el.shadowRoot!;
    equal(root.querySelector('[part~="button"]')!.textContent!.trim(), 'Connect WhatsApp');
    equal(root.querySelector('[part~="base"]')!.getAttribute('lang'), 'en');
    const asked = win.performance.getEntriesByType('resource').map((e) => e.name);
    ok(asked.some((u) => u.endsWith('/__bff/alone/whatsapp-signup.classic.de.js')), `tried the German file: ${asked.join(', ')}`);
  });
});
