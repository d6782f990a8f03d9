/**
 * What other instances changed, as they change it (several instances on one database): PostgreSQL's
 * LISTEN/NOTIFY on a dedicated connection (data/pg-change-feed.ts), fed by triggers, so every save of a job and
 * every revocation of a link reaches every instance. While the connection is down the feed asks for polling
 * (`resync` every poll interval, and once when it is back): nothing is lost, only later.
 */
import type { Onboarding } from '../domain/onboarding.types.js';

export interface ChangeHandlers {
  /**
   * Job `id` was saved (inserted, changed, its lease taken or given up) and is now at `version`; with its public
   * onboarding as saved when the notification could carry it.
   */
  job(id: string, version: number, onboarding?: Onboarding): void;
  /** A signup link of session `sessionId` was revoked: its tokens stop working, its streams must end. */
  revoked(sessionId: string): void;
  /** Changes may have been missed: re-read what is shown (open streams). */
  resync(): void;
}

export interface ChangeFeed {
  /** Starts listening; resolves once listening, or once the fallback polling runs when the database refuses. */
  start(h: ChangeHandlers): Promise<void>;
  close(): Promise<void>;
}
