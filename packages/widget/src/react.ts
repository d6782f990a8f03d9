/**
 * `<WhatsappSignup>` for React, made with `@lit/react`: the element's properties as typed props and each of
 * its DOM events as an `onWhatsappSignup…` prop whose handler gets the typed event (`e.detail` typed).
 * Import it from `whatsapp-signup/react`; it registers `<whatsapp-signup>` like the main entry. React is the
 * app's own (a peer dependency); it is not in the script-tag build.
 */
import {createComponent, type EventName} from '@lit/react';
import * as React from 'react';
import {WhatsappSignup as WhatsappSignupElement} from './whatsapp-signup.js';

/** The element's DOM event names (`GlobalEventHandlersEventMap`, from events.ts). */
type ElementEventName = Extract<keyof GlobalEventHandlersEventMap, `whatsapp-signup-${string}`>;

/** React prop name → DOM event name, for every event the element fires. */
const EVENT_PROPS = {
  onWhatsappSignupReady: 'whatsapp-signup-ready',
  onWhatsappSignupBeforeStart: 'whatsapp-signup-before-start',
  onWhatsappSignupStart: 'whatsapp-signup-start',
  onWhatsappSignupCancel: 'whatsapp-signup-cancel',
  onWhatsappSignupError: 'whatsapp-signup-error',
  onWhatsappSignupProgress: 'whatsapp-signup-progress',
  onWhatsappSignupComplete: 'whatsapp-signup-complete',
} as const satisfies Record<`onWhatsappSignup${string}`, ElementEventName>;

// Compile-time guard: an event added to events.ts without a prop here fails `npm run typecheck` on this
// line, naming the missing event.
type MissingEventProp = Exclude<ElementEventName, (typeof EVENT_PROPS)[keyof typeof EVENT_PROPS]>;
const everyEventHasAProp: [MissingEventProp] extends [never] ? true : MissingEventProp = true;
void everyEventHasAProp;

/** The event props with their event types: `onWhatsappSignupComplete` gets a `WhatsappSignupCompleteEvent`. */
export const WHATSAPP_SIGNUP_REACT_EVENTS = EVENT_PROPS as {
  [P in keyof typeof EVENT_PROPS]: EventName<GlobalEventHandlersEventMap[(typeof EVENT_PROPS)[P]]>;
};

const component = createComponent({
  react: React,
  tagName: 'whatsapp-signup',
  elementClass: WhatsappSignupElement,
  events: WHATSAPP_SIGNUP_REACT_EVENTS,
  displayName: 'WhatsappSignup',
});

/** The props of {@link WhatsappSignup}: the element's properties but `view`, which is read-only (read it from the ref). */
export type WhatsappSignupProps = Omit<React.ComponentProps<typeof component>, 'view'>;

/** `<whatsapp-signup>` as a React component (ref: the element). */
export const WhatsappSignup = component as React.ForwardRefExoticComponent<WhatsappSignupProps>;
