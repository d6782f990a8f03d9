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

/** One delivery attempt (table `http_notify_attempts`): written with the outbox row's update, oldest first. */
export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
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
  /** Counts the attempt, records the status and clears the last error; the attempt joins the event's attempt log. */
  markDelivered(id: string, status: number, at: string): Promise<void>;
  /**
   * Counts the attempt and reschedules it; the error is kept (first 500 chars). The attempt, made at `at` (default
   * now), joins the event's attempt log.
   */
  markFailed(id: string, nextAttemptAt: number, status: number | undefined, error: string, at?: string): Promise<void>;
  /**
   * Makes the event due at `now` again (an operator's redelivery: the same id, delivered or not; any claim ends);
   * false when unknown. Its attempts and attempt log stay.
   */
  requeue(id: string, now: number): Promise<boolean>;
  /** The onboarding's events, oldest first. */
  forOnboarding(onboardingId: string): Promise<OutboxEvent[]>;
  /** Undelivered events that were attempted at least once, oldest first, at most `limit`. */
  failing(limit: number): Promise<OutboxEvent[]>;
  /** The newest events, newest first, at most `limit`. */
  recent(limit: number): Promise<OutboxEvent[]>;
  /** The attempt log of each event asked for (oldest first; an event without attempts is missing from the map). */
  attemptsOf(ids: readonly string[]): Promise<Map<string, DeliveryAttempt[]>>;
  get(id: string): Promise<OutboxEvent | undefined>;
  /** Every event, oldest first (tests and diagnostics). */
  all(): Promise<OutboxEvent[]>;
}
