import {isFacebookOrigin, parseEsMessage} from '../src/internal/es-messages.js';
import {deepEqual, equal} from './fixtures/assert.js';

const msg = (event: string, data: unknown, origin = 'https://www.facebook.com') => ({
  origin,
  data: JSON.stringify({type: 'WA_EMBEDDED_SIGNUP', event, data}),
});

describe('Embedded Signup messages', () => {
  describe('origins', () => {
    for (const origin of ['https://www.facebook.com', 'https://web.facebook.com', 'https://business.facebook.com', 'https://facebook.com']) {
      it(`should accept ${origin}`, () => {
        equal(isFacebookOrigin(origin), true);
        equal(parseEsMessage(msg('CANCEL', {current_step: 'PERMISSIONS'}, origin))?.kind, 'cancel');
      });
    }
    for (const origin of [
      'http://www.facebook.com',
      'https://evilfacebook.com',
      'https://facebook.com.evil.example',
      'null',
      'https://example.com',
      'https://www.facebook.co',
      '',
    ]) {
      it(`should refuse ${JSON.stringify(origin)}`, () => {
        equal(isFacebookOrigin(origin), false);
        equal(parseEsMessage(msg('FINISH', {waba_id: '1', business_id: '2'}, origin)), null);
      });
    }
  });

  describe('malformed and foreign messages', () => {
    for (const data of ['not json', '{"type":', 'null', '42', '"WA_EMBEDDED_SIGNUP"', JSON.stringify({type: 'OTHER', event: 'FINISH'}), JSON.stringify({type: 'WA_EMBEDDED_SIGNUP'}), JSON.stringify({type: 'WA_EMBEDDED_SIGNUP', event: 'SOMETHING_NEW', data: {}})]) {
      it(`should ignore ${data}`, () => {
        equal(parseEsMessage({origin: 'https://www.facebook.com', data}), null);
      });
    }
    it('should ignore a FINISH without waba_id', () => {
      equal(parseEsMessage(msg('FINISH', {business_id: '2', phone_number_id: '3'})), null);
    });
  });

  describe('event kinds', () => {
    it('should parse FINISH', () => {
      deepEqual(parseEsMessage(msg('FINISH', {phone_number_id: '2000', waba_id: '1000', business_id: '3000'})), {
        kind: 'finish', event: 'FINISH', wabaId: '1000', phoneNumberId: '2000', businessId: '3000',
      });
    });
    it('should parse FINISH_ONLY_WABA without a phone number', () => {
      deepEqual(parseEsMessage(msg('FINISH_ONLY_WABA', {waba_id: 1000, business_id: 3000})), {
        kind: 'finish', event: 'FINISH_ONLY_WABA', wabaId: '1000', businessId: '3000',
      });
    });
    it('should parse FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', () => {
      equal((parseEsMessage(msg('FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', {waba_id: '1', business_id: '2'})) as {event: string}).event, 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING');
    });
    // Meta's documented shapes (api-facts §8): waba_id always, business_id and phone_number_id only when sent.
    it("should parse coexistence as Meta sends it: data {waba_id} only, no business or phone number id", () => {
      const raw = {origin: 'https://www.facebook.com', data: JSON.stringify({type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', data: {waba_id: '1790'}, version: 3})};
      deepEqual(parseEsMessage(raw), {kind: 'finish', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', wabaId: '1790'});
    });
    it('should parse FINISH_ONLY_WABA with data {waba_id} only', () => {
      deepEqual(parseEsMessage(msg('FINISH_ONLY_WABA', {waba_id: '1000'})), {kind: 'finish', event: 'FINISH_ONLY_WABA', wabaId: '1000'});
    });
    for (const event of ['FINISH_OBO_MIGRATION', 'FINISH_GRANT_ONLY_API_ACCESS', 'FINISH_FUTURE_THING']) {
      it(`should parse ${event} by its fields, like FINISH`, () => {
        deepEqual(parseEsMessage(msg(event, {phone_number_id: '2000', waba_id: '1000', business_id: '3000'})), {
          kind: 'finish', event, wabaId: '1000', phoneNumberId: '2000', businessId: '3000',
        });
        deepEqual(parseEsMessage(msg(event, {waba_id: '1000'})), {kind: 'finish', event, wabaId: '1000'});
      });
    }
    for (const event of ['FINISHED', 'finish', 'FINISH_', 'FINISH-OBO', 'PRE_FINISH']) {
      it(`should ignore ${event}, which is no finish event`, () => {
        equal(parseEsMessage(msg(event, {waba_id: '1000'})), null);
      });
    }
    it("should forward Meta's session-info arrays waba_ids and phone_number_ids", () => {
      deepEqual(
        parseEsMessage(msg('FINISH', {phone_number_id: '2000', waba_id: '1000', business_id: '3000', waba_ids: ['1000'], phone_number_ids: ['2000', 2001]})),
        {kind: 'finish', event: 'FINISH', wabaId: '1000', phoneNumberId: '2000', businessId: '3000', wabaIds: ['1000'], phoneNumberIds: ['2000', '2001']},
      );
      deepEqual(parseEsMessage(msg('FINISH_ONLY_WABA', {waba_id: '1000', phone_number_ids: ['2000', '2001']})), {
        kind: 'finish', event: 'FINISH_ONLY_WABA', wabaId: '1000', phoneNumberIds: ['2000', '2001'],
      });
    });
    it('should keep only digit ids of the arrays, each once, and drop an array with none', () => {
      const garbage = ['', ' 12', '12a', '-3', 1.5, null, {}, ['4'], '9'.repeat(40), '<b>', '2001', '2001'];
      deepEqual(parseEsMessage(msg('FINISH', {waba_id: '1000', waba_ids: 'not-a-list', phone_number_ids: garbage})), {
        kind: 'finish', event: 'FINISH', wabaId: '1000', phoneNumberIds: ['2001'],
      });
      deepEqual(parseEsMessage(msg('FINISH', {waba_id: '1000', waba_ids: [], phone_number_ids: [null, 'x']})), {kind: 'finish', event: 'FINISH', wabaId: '1000'});
      equal((parseEsMessage(msg('FINISH', {waba_id: '1', phone_number_ids: Array.from({length: 500}, (_, i) => String(i))})) as {phoneNumberIds: string[]}).phoneNumberIds.length, 50);
    });
    it('should parse CANCEL with current_step as a cancel', () => {
      deepEqual(parseEsMessage(msg('CANCEL', {current_step: 'PHONE_NUMBER_SETUP'})), {kind: 'cancel', currentStep: 'PHONE_NUMBER_SETUP'});
    });
    it('should parse CANCEL with error fields as an error', () => {
      deepEqual(parseEsMessage(msg('CANCEL', {error_message: 'Boom', error_code: '524126', session_id: 'abc', timestamp: 1})), {
        kind: 'error', message: 'Boom', code: '524126', sessionId: 'abc',
      });
    });
    it('should parse ERROR with error_id as an error', () => {
      deepEqual(parseEsMessage(msg('ERROR', {error_message: 'Nope', error_id: '77', session_id: 's'})), {
        kind: 'error', message: 'Nope', errorId: '77', sessionId: 's',
      });
    });
    it('should accept an already-parsed object', () => {
      equal(parseEsMessage({origin: 'https://web.facebook.com', data: {type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', data: {}}})?.kind, 'cancel');
    });
  });
});
