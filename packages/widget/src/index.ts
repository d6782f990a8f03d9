export {WhatsappSignup, defineWhatsappSignup} from './whatsapp-signup.js';
export type {WhatsappSignupSize, WhatsappSignupTheme, WhatsappSignupView} from './whatsapp-signup.component.js';
export {
  WhatsappSignupBeforeStartEvent,
  WhatsappSignupCancelEvent,
  WhatsappSignupCompleteEvent,
  WhatsappSignupErrorEvent,
  WhatsappSignupProgressEvent,
  WhatsappSignupReadyEvent,
  WhatsappSignupStartEvent,
} from './events.js';
export type {
  SignupErrorCode,
  SignupStepName,
  SignupStepStatus,
  WhatsappSignupCompleteDetail,
  WhatsappSignupErrorDetail,
} from './events.js';
export {LOCALES, errorMessage, matchLocale, resolveLocale} from './i18n/index.js';
export type {Messages} from './i18n/index.js';
