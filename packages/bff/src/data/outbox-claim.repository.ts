/**
 * Claims of the callback outbox (several instances on one database): an instance delivers only the events it
 * claimed, for a while longer than one attempt can take, so no event is ever delivered by two instances at
 * once; an instance that dies leaves claims that expire and another instance delivers the events (at least once).
 */
import type { OutboxEvent } from './outbox.repository.js';

export interface OutboxClaimRepository {
  /**
   * Claims for `owner` until `until` up to `limit` undelivered events due at `now` that nobody claims (or whose
   * claim expired at `now`), earliest first.
   */
  claimDue(owner: string, now: number, until: number, limit: number): Promise<OutboxEvent[]>;
  /** Ends `owner`'s claim of the event (after a failed attempt was recorded: its retry may go to anyone). */
  release(id: string, owner: string): Promise<void>;
}
