/** The vocabulary of a WhatsApp sender's life (api-facts §8), shared by the state and the lifecycle. */

export const SENDER_STATES = ['IN_PROGRESS', 'ACTIVE', 'ERROR', 'PENDING_VERIFICATION', 'SUSPENDED', 'INACTIVE'] as const;
export type SenderStateName = (typeof SENDER_STATES)[number];

/** `changes.status` (WhatsappSenderChangesDto). */
export const CHANGE_STATUSES = ['DRAFT', 'IN_PROGRESS', 'ERROR', 'REJECTED', 'MULTIPLE_WABA_ERROR'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];

/** WhatsappSenderErrorCodeEnum (api-facts §8). */
export const SENDER_ERROR_CODES = [
  'CANNOT_CREATE_NEW_WHATSAPP_SENDER',
  'CANNOT_CREATE_WABA_FOR_BUSINESS',
  'CANNOT_GET_DETAILS_FOR_CLOUD_API',
  'CANNOT_GET_WABA_DETAILS',
  'CANNOT_REGISTER_NEW_WHATSAPP_SENDER',
  'CANNOT_REGISTER_TO_CLOUD_API',
  'CANNOT_SUBSCRIBE_TO_CLOUD_API',
  'CANNOT_SUBSCRIBE_TO_WEBHOOK',
  'FAILED_TO_FETCH_APPROVED_MESSAGE_TEMPLATES',
  'NO_CERTIFICATE_AVAILABLE',
  'NOT_VERIFY_BUSINESS_VIA_WHATSAPP',
  'MULTIPLE_WABA_FOR_PROJECT_ID',
  'WABA_CONNECTED_TO_ANOTHER_PROJECT',
  'NO_PROJECT_ID',
  'PROJECT_ID_CONFLICT',
  'DUPLICATES_ON_SENDER_PHONE_NUMBER',
  'NO_VERIFIED_PHONE_NUMBER',
  'NOT_VERIFIED_REQUESTED_PHONE_NUMBER',
  'REQUESTED_PHONE_NUMBER_OR_COUNTRY_CODE_CONFLICT',
  'CANNOT_ASSIGN_CREDIT_LINE',
  'CANNOT_ASSIGN_SYSTEM_USER',
  'NO_NOVA_ACCOUNT_ID',
  'NOVA_ACCOUNT_ID_CONFLICT',
  'NO_PRICING_PLAN',
  'SENDER_HAS_BEEN_DELETED',
  'UNKNOWN_ERROR',
  'UNRECOGNIZED',
] as const;

export interface SenderChanges {
  status: ChangeStatus;
  errorCode?: string;
  errorReason?: string;
}

/** What one step sets; a field left out stays as it was, `changes: null` clears the pending change. */
export interface SenderChange {
  state?: SenderStateName;
  changes?: SenderChanges | null;
  qualityRating?: QualityRating;
  displayName?: string;
  /** Sent as the callback's `comment`. */
  comment?: string;
}

export interface SenderStep extends SenderChange {
  at: number;
  /** The planned outcome at the activation delay (its quality rating is no QUALITY_RATING_CHANGED event). */
  activation?: true;
}
