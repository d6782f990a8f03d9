/** The fake server's onboardings, link, callbacks and funnel: one of each situation the console shows. */
import type { CallbackDelivery } from '../../bff/src/http/console.schemas.js';
import { funnelOf, type FakeData, type Onboarding } from './fake-console-api.js';

const at = (day: number, h = 10, m = 0) => new Date(Date.UTC(2026, 10, day, h, m)).toISOString();
const STEPS = ['warm_up', 'sender', 'app', 'webhook', 'activation'] as const;

function onboarding(i: number, o: Partial<Onboarding> & Pick<Onboarding, 'state'>): Onboarding {
  const created = at(1 + (i % 28), 8 + (i % 9), i % 60);
  const done = o.state === 'completed';
  return {
    id: `ses_${String(i).padStart(4, '0')}`,
    customer: { reference: `cust-${1000 + i}`, displayName: `Customer ${i}` },
    region: (['EU', 'US', 'BR'] as const)[i % 3],
    phoneNumbers: done ? [{ phoneNumberId: `1${i}0`, status: 'active', senderId: `snd_${i}`, senderState: 'ACTIVE', qualityRating: 'GREEN', displayPhoneNumber: `+1 555-01${String(i).padStart(2, '0')}` }] : [],
    steps: STEPS.map((name) => ({ name, status: done ? 'done' : 'pending', attempts: done ? 1 : 0, ...(done ? { startedAt: created, endedAt: created } : {}) })),
    createdAt: created,
    updatedAt: created,
    ...(done ? { completedAt: created, wabaId: `9${i}`, subprojectId: `sub_${i}` } : {}),
    ...o,
  };
}

/** `ses_0001` failed at the app step (retryable, with Sinch's answer); `ses_0002` failed for good; 24 more. */
export function fakeData(): FakeData {
  const failed = onboarding(1, {
    state: 'failed',
    customer: { reference: 'acme-eu-7', displayName: 'Acme Bakery' },
    region: 'EU',
    createdAt: at(30, 9, 12),
    updatedAt: at(30, 9, 14),
    wabaId: '7001',
    subprojectId: 'sub_acme',
    phoneNumbers: [{ phoneNumberId: '7002', status: 'pending', senderId: 'snd_acme', senderState: 'ACTIVE', qualityRating: 'GREEN', displayPhoneNumber: '+49 30 901820' }],
    steps: [
      { name: 'warm_up', status: 'done', attempts: 1, startedAt: at(30, 9, 12), endedAt: at(30, 9, 12) },
      { name: 'sender', status: 'done', attempts: 1, startedAt: at(30, 9, 13), endedAt: at(30, 9, 13) },
      { name: 'app', status: 'failed', attempts: 4, startedAt: at(30, 9, 13), endedAt: at(30, 9, 14) },
      { name: 'webhook', status: 'pending', attempts: 0 },
      { name: 'activation', status: 'pending', attempts: 0 },
    ],
    error: { step: 'app', code: 'sinch_unavailable', message: 'Sinch did not answer in time', retryable: true, sinch: { status: 503, code: 'UNAVAILABLE', message: 'Service unavailable' } },
  });
  const rejected = onboarding(2, {
    state: 'failed',
    customer: { reference: 'globex-us-2', displayName: 'Globex Shipping' },
    region: 'US',
    createdAt: at(29, 15, 40),
    error: { step: 'activation', code: 'sender_rejected', message: 'Sinch or Meta rejected the sender (REJECTED: Display name not approved)', retryable: false, sinch: { status: 200, message: 'Display name not approved' } },
  });
  const rest = Array.from({ length: 24 }, (_, k) => onboarding(k + 3, { state: k % 4 === 0 ? 'awaiting_signup' : 'completed' }));
  const callbacks: CallbackDelivery[] = [
    {
      id: 'evt_acme_failed',
      onboardingId: failed.id,
      type: 'onboarding.failed',
      createdAt: at(30, 9, 14),
      attempts: 3,
      nextAttemptAt: at(30, 10, 14),
      lastStatus: 502,
      lastError: 'Bad Gateway',
      attemptLog: [
        { at: at(30, 9, 14), status: 502, error: 'Bad Gateway' },
        { at: at(30, 9, 15), error: 'connect ECONNREFUSED' },
        { at: at(30, 9, 19), status: 502, error: 'Bad Gateway' },
      ],
    },
    { id: 'evt_c5_completed', onboardingId: 'ses_0005', type: 'onboarding.completed', createdAt: at(5, 13), attempts: 1, deliveredAt: at(5, 13), lastStatus: 200, attemptLog: [{ at: at(5, 13), status: 200 }] },
  ];
  return {
    onboardings: [failed, rejected, ...rest],
    links: [
      {
        id: 'lnk_acme',
        sessionId: failed.id,
        onboardingId: failed.id,
        state: 'active',
        customer: failed.customer,
        createdAt: at(30, 9, 10),
        expiresAt: at(30, 21, 10),
        openedAt: at(30, 9, 11),
      },
    ],
    callbacks,
    funnel: {
      '7': funnelOf({ created: 40, element_loaded: 34, dialog_opened: 25, finished: 19, sender_created: 18, completed: 16 }, [
        { cause: 'cancelled', detail: 'WABA_PHONE_PROFILE_PICKER', count: 4 },
        { cause: 'popup_blocked', count: 3 },
        { cause: 'failed', detail: 'sender_rejected', count: 2 },
        { cause: 'expired_unused', count: 6 },
      ], 7),
      '30': funnelOf({ created: 120, element_loaded: 101, dialog_opened: 80, finished: 66, sender_created: 63, completed: 58 }, [
        { cause: 'cancelled', detail: 'WABA_PHONE_PROFILE_PICKER', count: 9 },
        { cause: 'sdk_blocked', count: 5 },
        { cause: 'expired_unused', count: 19 },
      ], 30),
    },
  };
}
