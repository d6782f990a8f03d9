/** Durable outbox of ASP callbacks (NOTIFY_URL): one row per terminal-state event until delivered. */
export interface OutboxEvent {
  id: string;
  onboardingId: string;
  state: string;
  /** The exact JSON body sent (signed with a fresh timestamp on each attempt). */
  body: string;
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  deliveredAt?: string;
  lastStatus?: number;
  lastError?: string;
  createdAt: string;
}

export type NewOutboxEvent = Pick<OutboxEvent, 'id' | 'onboardingId' | 'state' | 'body' | 'nextAttemptAt' | 'createdAt'>;

export interface OutboxRepository {
  /** Inserts the event unless its id exists; true when inserted. */
  insert(e: NewOutboxEvent): Promise<boolean>;
  /** True when some event (delivered or not) exists for this onboarding and state. */
  hasEventFor(onboardingId: string, state: string): Promise<boolean>;
  /** Undelivered events whose `nextAttemptAt <= now`, earliest first, at most `limit` (20). */
  due(now: number, limit?: number): Promise<OutboxEvent[]>;
  /** Earliest pending attempt time, or undefined when nothing is pending. */
  nextDueAt(): Promise<number | undefined>;
  /** Counts the attempt, records the status and clears the last error. */
  markDelivered(id: string, status: number, at: string): Promise<void>;
  /** Counts the attempt and reschedules it; the error is kept (first 500 chars). */
  markFailed(id: string, nextAttemptAt: number, status: number | undefined, error: string): Promise<void>;
  get(id: string): Promise<OutboxEvent | undefined>;
  /** Every event, oldest first (tests and diagnostics). */
  all(): Promise<OutboxEvent[]>;
}
