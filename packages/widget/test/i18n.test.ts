import {LOCALES, MESSAGES, errorMessage, matchLocale, resolveLocale} from '../src/i18n/index.js';
import {equal, ok} from './fixtures/assert.js';

// docs/http-api.md "Error codes the widget must map to a human message", plus ONBOARDING_ERROR_CODES.
const CODES = [
  'unauthorized', 'session_expired', 'invalid_request', 'rate_limited', 'signup_already_submitted', 'not_found',
  'payload_too_large', 'internal_error',
  'subproject_create_failed', 'subproject_not_ready', 'solution_assign_failed', 'code_expired', 'code_invalid',
  'phone_number_in_use', 'waba_in_use', 'waba_invalid', 'sender_create_failed', 'sender_error', 'app_create_failed',
  'webhook_create_failed', 'activation_timeout', 'sinch_unavailable', 'sinch_unauthorized',
  'sdk_blocked', 'sdk_timeout', 'popup_blocked', 'popup_closed', 'signup_incomplete', 'meta_error', 'network_error',
  'invalid_config',
];

describe('i18n', () => {
  describe('when picking a locale', () => {
    it('should prefer the attribute, then the page, then English', () => {
      equal(resolveLocale('de', 'es'), 'de');
      equal(resolveLocale(null, 'es'), 'es');
      equal(resolveLocale('', ''), 'en');
      equal(resolveLocale('zz', 'yy'), 'en');
    });
    it('should match regional variants and other spellings', () => {
      equal(matchLocale('pt-BR'), 'pt-BR');
      equal(matchLocale('pt_br'), 'pt-BR');
      equal(matchLocale('pt-PT'), 'pt-BR');
      equal(matchLocale('de-AT'), 'de');
      equal(matchLocale('es-419'), 'es');
      equal(matchLocale('EN-gb'), 'en');
      equal(matchLocale(undefined), undefined);
    });
  });

  describe('error messages', () => {
    for (const locale of LOCALES) {
      it(`should have a specific human message for every error code in ${locale}`, () => {
        const m = MESSAGES[locale]!;
        for (const code of CODES) {
          const msg = errorMessage(m, code);
          ok(msg && msg !== m.errors.unknown, `${locale}: ${code} has its own message`);
        }
        equal(errorMessage(m, 'something_new'), m.errors.unknown);
      });
    }
    it('should translate every string (no English left in other languages)', () => {
      const en = MESSAGES.en!;
      for (const locale of LOCALES.filter((l) => l !== 'en')) {
        const m = MESSAGES[locale]!;
        for (const key of ['button', 'loading', 'region', 'waiting', 'retry', 'cancelled', 'complete'] as const) {
          ok(m[key] !== en[key], `${locale}.${key} is translated`);
        }
        for (const [group, text] of Object.entries(m.errors)) {
          ok(text !== en.errors[group as keyof typeof en.errors], `${locale}.errors.${group} is translated`);
        }
      }
    });
  });
});
