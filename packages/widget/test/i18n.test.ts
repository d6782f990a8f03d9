import {CLIENT_ERROR_CODES} from '../src/events.js';
import {de} from '../src/i18n/de.js';
import {en} from '../src/i18n/en.js';
import {es} from '../src/i18n/es.js';
import {LOCALES, errorMessage, matchLocale, resolveLocale, type Messages} from '../src/i18n/index.js';
import {ptBR} from '../src/i18n/pt-BR.js';
import {en as numbersEn} from '../src/views/phone-numbers.en.js';
import {en as verificationEn} from '../src/views/verification.en.js';
import {onboardingErrorCodeValues, sessionApiErrorCodeValues} from '../src/internal/bff-api.generated.js';
import {equal, ok} from './fixtures/assert.js';

// Every code the BFF documents (generated from docs/openapi.json) and the element's own. The type of the
// element's code map already demands each of them; this proves each resolves to a real message at run time.
const CODES = [...sessionApiErrorCodeValues, ...onboardingErrorCodeValues, ...CLIENT_ERROR_CODES, 'multiple_wabas'];
// Every language's module (the build turns all but English into the JSON files the element fetches).
const MESSAGES: Record<string, Messages> = {en, es, 'pt-BR': ptBR, de};

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
        // As the element shows them: the verification refusals' messages come with the verification view.
        const m = MESSAGES[locale]!;
        const v = {...verificationEn, ...m.verification};
        const shown = {...m, errors: {...m.errors, ...v.errors}};
        ok(CODES.length >= 35, `all codes listed (${CODES.length})`);
        for (const code of CODES) {
          const msg = errorMessage(shown, code);
          ok(msg && msg !== m.errors.unknown, `${locale}: ${code} has its own message`);
        }
        equal(errorMessage(m, 'something_new'), m.errors.unknown);
      });
    }
    it('should list exactly the languages it has strings for', () => {
      equal(LOCALES.slice().sort().join(), Object.keys(MESSAGES).sort().join());
    });
    it('should translate every string (no English left in other languages)', () => {
      const en = MESSAGES.en!;
      for (const locale of LOCALES.filter((l) => l !== 'en')) {
        const m = MESSAGES[locale]!;
        for (const key of ['button', 'loading', 'region', 'waiting', 'retry', 'cancelled', 'complete', 'noPhone', 'choose', 'chooseOne'] as const) {
          ok(m[key] !== en[key], `${locale}.${key} is translated`);
        }
        // The phone-number views' strings are in their own file in English (views/phone-numbers.en.ts).
        const numbers = m.numbers!;
        for (const key of ['connect', 'details', 'phone', 'waba'] as const) {
          ok(numbers[key] !== numbersEn[key], `${locale}.numbers.${key} is translated`);
        }
        for (const [status, text] of Object.entries(numbers.status)) {
          ok(text !== numbersEn.status[status as keyof typeof numbersEn.status], `${locale}.numbers.status.${status} is translated`);
        }
        for (const [group, text] of Object.entries(m.verification!.errors)) {
          ok(text !== verificationEn.errors[group as keyof typeof verificationEn.errors], `${locale}.verification.errors.${group} is translated`);
        }
        for (const [group, text] of Object.entries(m.errors)) {
          ok(text !== en.errors[group as keyof typeof en.errors], `${locale}.errors.${group} is translated`);
        }
      }
    });
  });
});
