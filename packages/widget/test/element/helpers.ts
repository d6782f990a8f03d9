/** Mounting helpers for the element suite (runs against src, the ES module and the classic build). */
import type {WhatsappSignup} from '../../src/index.js';
import {waitFor} from '../fixtures/assert.js';
import {mockBff, onboarding, sessionBody, type MockRoutes} from '../fixtures/bff.js';
import {fakeFb, type FakeFb} from '../fixtures/fake-fb.js';
import '../fixtures/widget.js';

export const EVENT_NAMES = [
  'whatsapp-signup-ready',
  'whatsapp-signup-before-start',
  'whatsapp-signup-start',
  'whatsapp-signup-cancel',
  'whatsapp-signup-error',
  'whatsapp-signup-progress',
  'whatsapp-signup-complete',
] as const;

export interface Mounted {
  el: WhatsappSignup;
  fb: FakeFb;
  token: string;
  events: Array<Event & {detail?: any}>;
  calls: () => Promise<Array<{method: string; path: string; body?: any; auth?: string}>>;
  part: <T extends HTMLElement = HTMLElement>(name: string) => T | null;
  of: (type: string) => Array<Event & {detail?: any}>;
  waitEvent: (type: string, count?: number) => Promise<Event & {detail?: any}>;
}

const mounted: HTMLElement[] = [];

export async function mount(
  opts: {routes?: MockRoutes; session?: Record<string, unknown>; attrs?: Record<string, string>; wait?: string | null; container?: Node} = {},
): Promise<Mounted> {
  const fb = fakeFb();
  const bff = await mockBff({
    'GET /v1/session': {body: opts.session ?? sessionBody()},
    'POST /v1/session/abandon': {body: {onboarding: onboarding('abandoned')}},
    // The funnel milestones the element reports as it goes (test/element/funnel.test.ts).
    'POST /v1/session/events': {status: 204},
    // Proxies that buffer or cut event streams are common: by default the element falls back to polling.
    'GET /v1/session/onboarding/events': {status: 503, offContract: 'a proxy that cuts event streams'},
    ...opts.routes,
  });
  const el = document.createElement('whatsapp-signup');
  const events: Mounted['events'] = [];
  for (const n of EVENT_NAMES) el.addEventListener(n, (e) => events.push(e));
  el.setAttribute('endpoint', location.origin);
  el.setAttribute('session', bff.token);
  el.setAttribute('poll-interval', '30');
  for (const [k, v] of Object.entries(opts.attrs ?? {})) el.setAttribute(k, v);
  (opts.container ?? document.body).appendChild(el);
  mounted.push(el);
  const of = (type: string) => events.filter((e) => e.type === type);
  const m: Mounted = {
    el,
    fb,
    token: bff.token,
    events,
    calls: bff.calls,
    of,
    part: (name) => el.shadowRoot!.querySelector(`[part~="${name}"]`),
    waitEvent: (type, count = 1) => waitFor(() => of(type)[count - 1], type),
  };
  const wait = opts.wait === undefined ? 'whatsapp-signup-ready' : opts.wait;
  if (wait) await m.waitEvent(wait);
  await el.updateComplete;
  return m;
}

export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** Clicks the start button and answers like Meta: FINISH then code (or the other order). */
export function signup(m: Mounted, order: 'message-first' | 'code-first' = 'message-first', code = 'c0de'): void {
  m.part<HTMLButtonElement>('button')!.click();
  const msg = () =>
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: 'https://www.facebook.com',
        data: JSON.stringify({
          type: 'WA_EMBEDDED_SIGNUP',
          event: 'FINISH',
          data: {phone_number_id: '2000', waba_id: '1000', business_id: '3000'},
        }),
      }),
    );
  if (order === 'message-first') {
    msg();
    m.fb.answer(code);
  } else {
    m.fb.answer(code);
    msg();
  }
}

export {sessionBody};
