import {WhatsappSignup} from './whatsapp-signup.component.js';

export {WhatsappSignup};

/**
 * Registers `<whatsapp-signup>` (or `name`) unless something already did. The element can arrive twice on
 * one page (the module and the script-tag build, or one file loaded twice), so a second registration never
 * throws; a different version already registered gets a console warning and keeps the tag.
 */
export function defineWhatsappSignup(name = 'whatsapp-signup'): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(name) as {version?: string} | undefined;
  if (!existing) return customElements.define(name, WhatsappSignup);
  if (existing !== WhatsappSignup && existing.version !== WhatsappSignup.version) {
    console.warn(
      `<${name}>: version ${existing.version ?? 'unknown'} is already registered; version ${WhatsappSignup.version} was not registered.`,
    );
  }
}

defineWhatsappSignup();

declare global {
  interface HTMLElementTagNameMap {
    'whatsapp-signup': WhatsappSignup;
  }
}
