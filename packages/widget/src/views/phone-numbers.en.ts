import type {NumbersMessages} from '../i18n/types.js';

/** The phone-number views' English, in their own file (the element's file has none of these strings). */
export const en: NumbersMessages = {
  connect: 'Connect the chosen numbers',
  details: 'Technical details',
  phone: 'Phone number ID',
  waba: 'WhatsApp Business Account',
  status: {
    pending: 'Setting up',
    verification_required: 'Needs verification',
    active: 'Active',
    failed: 'Failed',
    suspended: 'Suspended',
    inactive: 'Inactive',
  },
};
