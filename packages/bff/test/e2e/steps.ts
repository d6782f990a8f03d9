/**
 * What the e2e suites do over and over: read an onboarding through the server API and wait for a state of it,
 * wait for the element's view or one of its events on the ASP page, and drive the sandbox's Embedded Signup dialog.
 * No sleeping: every wait is for a state; the timeouts are hang guards only.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { E2e } from './harness.js';

/** A hang guard for Playwright waits (never a wait for time to pass). */
export const GUARD = { timeout: 120_000 };

export async function onboarding(e: E2e, id: string): Promise<any> {
  const r = await e.api('GET', `/v1/onboardings/${id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.onboarding;
}

/** Polls the onboarding (bounded); `tick` runs after each look that did not match (e.g. moving the sandbox clock). */
export async function waitOnboarding(e: E2e, id: string, pred: (o: any) => boolean, tick?: (o: any) => void): Promise<any> {
  for (let i = 0; i < 1200; i++) {
    const o = await onboarding(e, id);
    if (pred(o)) return o;
    tick?.(o);
    await new Promise((r) => setTimeout(r, 100)); // polling interval, not a wait for time to pass
  }
  throw new Error(`onboarding ${id} never reached the expected state: ${JSON.stringify(await onboarding(e, id))}`);
}

/** The element's `view` (element id `w0` unless given). */
export const view = (page: Page, id = 'w0') => page.evaluate((i) => (globalThis as any).document.getElementById(i)?.view as string, id);

export async function waitView(page: Page, v: string, id = 'w0'): Promise<void> {
  await page.waitForFunction(([i, want]) => (globalThis as any).document.getElementById(i)?.view === want, [id, v] as const, GUARD);
}

/** Every event the ASP page recorded (its `events` array: type, element id, detail). */
export const events = (page: Page): Promise<Array<{ type: string; id: string; detail: any }>> => page.evaluate(() => (globalThis as any).events);

/** The detail of the first event of `type` from element `id` whose detail satisfies `pred` (a JS expression of `d`). */
export async function waitEvent(page: Page, type: string, id = 'w0', pred = 'true'): Promise<any> {
  const h = await page.waitForFunction(
    ([t, i, p]) => (globalThis as any).events.find((x: any) => x.type === t && x.id === i && new Function('d', `return ${p}`)(x.detail)) ?? false,
    [type, id, pred] as const,
    GUARD,
  );
  return (await h.jsonValue()).detail;
}

/** Clicks the element's button (a real click: FB.login must open the popup from it) and returns the dialog. */
export async function connect(ctx: BrowserContext, page: Page, id = 'w0'): Promise<Page> {
  const [popup] = await Promise.all([ctx.waitForEvent('page', GUARD), page.click(`#${id} [part~="button"]`)]);
  await popup.waitForSelector('body[data-ready]', GUARD);
  // A real popup takes the focus from the page, and the element uses that to tell a closed popup from a
  // blocked one; Playwright's headless focus emulation keeps every page focused, so signal it here.
  await page.evaluate(() => (globalThis as any).dispatchEvent(new (globalThis as any).FocusEvent('blur')));
  return popup;
}

/** Presses a button of the dialog's visible screen (`next`, `finish`, `cancel`, …). */
export const act = (popup: Page, action: string) => popup.click(`section:not([hidden]) [data-action="${action}"]`);
