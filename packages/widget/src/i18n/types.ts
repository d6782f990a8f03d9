/** The strings of one language. Error messages are keyed by group (see `ERROR_GROUPS` in index.ts). */
export interface Messages {
  /** Meta SDK locale, e.g. `en_US`. */
  fb: string;
  button: string;
  loading: string;
  region: string;
  US: string;
  EU: string;
  BR: string;
  waiting: string;
  progress: string;
  warm_up: string;
  sender: string;
  app: string;
  webhook: string;
  activation: string;
  pending: string;
  running: string;
  done: string;
  failed: string;
  complete: string;
  noPhone: string;
  phone: string;
  waba: string;
  senderState: string;
  retry: string;
  cancelled: string;
  hosted: string;
  errors: Record<ErrorGroup, string>;
}

/** Groups of error codes that share one message. */
export type ErrorGroup =
  | 'session'
  | 'request'
  | 'submitted'
  | 'busy'
  | 'server'
  | 'code'
  | 'inUse'
  | 'waba'
  | 'activation'
  | 'sdk'
  | 'popupBlocked'
  | 'popupClosed'
  | 'incomplete'
  | 'meta'
  | 'network'
  | 'config'
  | 'unknown';
