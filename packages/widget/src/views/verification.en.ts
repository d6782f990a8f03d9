import type {VerificationMessages} from '../i18n/types.js';

/**
 * The verification view's English, in its own file (the element's file has no verification strings), with the
 * messages of the refusals only its two routes give (the element shows them only in the view).
 */
export const en: VerificationMessages = {
  title: 'Verify your phone number',
  intro: 'WhatsApp needs to confirm that this number is yours. We send you a 6-digit code.',
  number: 'Phone number',
  method: 'Send the code by',
  SMS: 'Text message (SMS)',
  VOICE: 'Phone call',
  send: 'Send code',
  sending: 'Sending the code…',
  sentSMS: 'We sent a code by text message.',
  sentVOICE: 'We are calling you to tell you a code.',
  code: '6-digit code',
  codeHint: 'Enter the code you received.',
  submit: 'Verify',
  checking: 'Checking the code…',
  resend: 'Send a new code',
  resendAt: 'You can ask for a new code at {time}.',
  invalidCode: 'Enter the 6 digits of the code.',
  verified: 'Number verified.',
  errors: {
    wrongOtp: 'That code is not right. Check it and try again.',
    tooManyAttempts: 'Too many wrong codes. Wait a while, then ask for a new code.',
    alreadyRegistered: 'This number is registered on another WhatsApp account. Remove it there (for example in the WhatsApp app), then try again.',
    verificationNotAllowed: 'This number does not need a verification now.',
  },
};
