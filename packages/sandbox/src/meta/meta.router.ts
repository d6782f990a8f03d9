/**
 * The Meta sandbox: a fake FB JS SDK (`GET /meta/sdk.js`) whose `FB.login` opens a simulated Embedded Signup
 * dialog (`GET /meta/dialog`) in a real popup. On Finish the dialog mints the login code through the Sinch
 * sandbox's code store (`POST /meta/finish`), so the 30 s life and single use hold end to end, and delivers
 * the `WA_EMBEDDED_SIGNUP` message and the code in a configurable order and delay.
 *
 * Origins (see README "Meta sandbox"): by default the dialog is served from the sandbox's own origin and the
 * fake SDK re-dispatches the message on the page's window as coming from https://www.facebook.com; with
 * `sdk.js?dialog-origin=https://www.facebook.com` the SDK opens the dialog there (a test routes that origin to
 * the sandbox) and does not re-dispatch, since the popup's own postMessage already carries that origin.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { iso } from '../clock.js';
import type { SandboxContext } from '../context.js';
import { renderDialog, type DialogModel } from './dialog-page.js';
import { finishEventFor, REQUESTABLE_FINISH_EVENTS, sharesNumbers } from './finish-variants.js';
import { makeNumbers, metaId, setNumbers } from './phone-numbers.js';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const SDK_SOURCE = asset('fb-sdk.js');
const DIALOG_JS = asset('dialog.js');
const DIALOG_CSS = asset('dialog.css');

/** In which order the dialog hands over the two halves on Finish. */
export type DeliveryOrder = 'message-first' | 'code-first';

export interface MetaSettings {
  order: DeliveryOrder;
  /** Milliseconds between the first and the second half. */
  delayMs: number;
}

export const DEFAULT_META_SETTINGS: MetaSettings = { order: 'message-first', delayMs: 0 };

const orderSchema = z.enum(['message-first', 'code-first']);
const delaySchema = z.coerce.number().int().min(0).max(120_000);
const finishSchema = z.enum(REQUESTABLE_FINISH_EVENTS);
/** How many phone numbers the dialog's new WABA has (Graph lists them); a finish with a phone number id shares them all. */
const numbersSchema = z.coerce.number().int().min(0).max(10);
const finishBodySchema = z.strictObject({
  wabaId: z.string().regex(/^\d+$/).optional(),
  numbers: z
    .array(z.strictObject({
      id: z.string().regex(/^\d+$/),
      display_phone_number: z.string().min(1),
      verified_name: z.string().min(1),
      code_verification_status: z.string().optional(),
      quality_rating: z.string().optional(),
      platform_type: z.string().optional(),
    }))
    .max(10)
    .optional(),
});
const settingsSchema = z.strictObject({ order: orderSchema.optional(), delayMs: z.number().int().min(0).max(120_000).optional() });

/** True for `https:` origins whose hostname is facebook.com or a subdomain (the widget's own rule). */
export function isFacebookOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'https:' && (u.hostname === 'facebook.com' || u.hostname.endsWith('.facebook.com'));
  } catch {
    return false;
  }
}

/** An http(s) origin, or undefined. */
function parseOrigin(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** The origin the browser used to reach this server. */
function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

const noStore = (res: Response) => res.set('Cache-Control', 'no-store');

/** JSON for a `<script>` body: no `</script>`, no U+2028/2029 surprises. */
const jsJson = (v: unknown) =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export interface MetaSandbox {
  router: Router;
  adminRouter: Router;
  settings: MetaSettings;
}

/** Routes of the Meta sandbox: mount `router` at the root and `adminRouter` at `/_sandbox/meta`. */
export function metaSandbox(ctx: SandboxContext): MetaSandbox {
  const settings: MetaSettings = { ...DEFAULT_META_SETTINGS };
  const r = Router();

  r.get('/meta/sdk.js', (req, res) => {
    const here = requestOrigin(req);
    const dialogOrigin = req.query['dialog-origin'] === undefined ? here : parseOrigin(req.query['dialog-origin']);
    if (!dialogOrigin) return void res.status(400).type('text/plain').send('dialog-origin: expected an http(s) origin');
    const order = req.query.order === undefined ? undefined : orderSchema.safeParse(req.query.order);
    const delay = req.query.delayMs === undefined ? undefined : delaySchema.safeParse(req.query.delayMs);
    if (order && !order.success) return void res.status(400).type('text/plain').send('order: expected message-first or code-first');
    if (delay && !delay.success) return void res.status(400).type('text/plain').send('delayMs: expected an integer 0..120000');
    // A finish no featureType leads to (Meta picks it from the business's situation): asked for by name.
    const finish = req.query.finish === undefined ? undefined : finishSchema.safeParse(req.query.finish);
    if (finish && !finish.success) return void res.status(400).type('text/plain').send(`finish: expected ${REQUESTABLE_FINISH_EVENTS.join(' or ')}`);
    const numbers = req.query.numbers === undefined ? undefined : numbersSchema.safeParse(req.query.numbers);
    if (numbers && !numbers.success) return void res.status(400).type('text/plain').send('numbers: expected an integer 0..10');
    const config = {
      dialogUrl: `${dialogOrigin}/meta/dialog`,
      dialogOrigin,
      // Only when the popup is not on facebook.com does the SDK speak as Facebook (re-dispatch).
      redispatch: !isFacebookOrigin(dialogOrigin),
      ...(order?.success ? { order: order.data } : {}),
      ...(delay?.success ? { delayMs: delay.data } : {}),
      ...(finish?.success ? { finishEvent: finish.data } : {}),
      ...(numbers?.success ? { numbers: numbers.data } : {}),
    };
    noStore(res);
    res.set('Access-Control-Allow-Origin', '*'); // loaded with crossorigin="anonymous" like Meta's
    res.type('application/javascript').send(`${SDK_SOURCE}\n;window.__fbSandboxBoot(${jsJson(config)});\n`);
  });

  r.get('/meta/dialog.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-cache').send(DIALOG_JS);
  });
  r.get('/meta/dialog.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'no-cache').send(DIALOG_CSS);
  });

  r.get('/meta/dialog', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '');
    let setup: Record<string, unknown> = {};
    let problem = '';
    if (str('setup')) {
      try {
        const parsed: unknown = JSON.parse(str('setup'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) setup = parsed as Record<string, unknown>;
        else problem = 'extras.setup is not an object';
      } catch {
        problem = 'extras.setup is not JSON';
      }
    }
    const origin = parseOrigin(str('origin'));
    if (!origin) problem = 'the opener origin is missing (FB.login passes it as origin=)';
    if (!str('config_id')) problem ||= 'config_id is missing: FB.login needs {config_id} for Embedded Signup';
    const order = orderSchema.safeParse(str('order'));
    const delay = delaySchema.safeParse(str('delayMs') || undefined);
    const featureType = str('feature_type');
    const finishEvent = finishEventFor(featureType, str('finish_event'));
    const count = numbersSchema.safeParse(str('numbers') || '1');
    const phone = (setup.phone && typeof setup.phone === 'object' ? setup.phone : {}) as Record<string, unknown>;
    const business = (setup.business && typeof setup.business === 'object' ? setup.business : {}) as Record<string, unknown>;
    const verifiedName = [phone.displayName, business.name].find((x): x is string => typeof x === 'string' && x.length > 0) ?? 'Sandbox Business';
    // A finish that carries a phone number id always shares at least one.
    const howMany = Math.max(count.success ? count.data : 1, sharesNumbers(finishEvent) ? 1 : 0);
    const model: DialogModel = {
      problem,
      origin: origin ?? '',
      appId: str('app_id'),
      configId: str('config_id'),
      featureType,
      finishEvent,
      solutionId: str('solution_id') || (typeof setup.solutionID === 'string' ? setup.solutionID : ''),
      setup,
      ids: { businessId: metaId('5'), wabaId: metaId('1') },
      numbers: makeNumbers(howMany, verifiedName.slice(0, 100)),
      sessionId: randomBytes(12).toString('hex'),
      ...(order.success ? { order: order.data } : {}),
      ...(delay.success && str('delayMs') ? { delayMs: delay.data } : {}),
    };
    noStore(res);
    res.set({
      'Content-Security-Policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.type('html').send(renderDialog(model));
  });

  // Finish: the WABA gets its numbers in the sandbox's Graph (unless it has some already), and the code is
  // minted in the Sinch sandbox's store (30 s on the sandbox clock, single use), tied to that WABA.
  r.post('/meta/finish', express.json({ limit: '16kb' }), (req, res) => {
    const body = finishBodySchema.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ error: { code: 'invalid_request', message: body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } });
    const { wabaId, numbers } = body.data;
    if (wabaId && numbers && !ctx.state.wabaNumbers.has(wabaId)) setNumbers(ctx.state, wabaId, numbers);
    const { code, issuedAt } = ctx.mintCode(wabaId ? { wabaId } : {});
    noStore(res);
    res.status(201).json({ code, issuedAt: iso(issuedAt), order: settings.order, delayMs: settings.delayMs });
  });

  const admin = Router();
  admin.use((req, res, next) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,POST,DELETE,OPTIONS', 'Access-Control-Allow-Headers': 'content-type' });
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  admin.use(express.json({ limit: '16kb' }));
  admin.get('/settings', (_req, res) => void res.json(settings));
  admin.post('/settings', (req, res) => {
    const parsed = settingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return void res.status(400).json({ error: { code: 'invalid_request', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') } });
    }
    Object.assign(settings, parsed.data);
    res.json(settings);
  });
  admin.delete('/settings', (_req, res) => {
    Object.assign(settings, DEFAULT_META_SETTINGS);
    res.json(settings);
  });

  return { router: r, adminRouter: admin, settings };
}
