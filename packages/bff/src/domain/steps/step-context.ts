/**
 * What every step gets from the runner: clients, settings, the job as last written, the session (read once
 * per run), a way to record what happened (events, persisted before it resolves), an interruptible wait.
 * Steps never change a job themselves: they describe it to transitions.ts.
 */
import type { Logger } from 'pino';
import type { ConversationClient, ProvisioningClient, SubprojectsClient } from '../../clients/sinch/index.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Clock, EngineTiming } from '../clock.js';
import type { EngineSettings } from '../engine-settings.js';
import type { JobRecord } from '../job.types.js';
import type { Session } from '../onboarding.types.js';
import type { JobEvent } from '../transitions.js';

export interface EngineSinch {
  subprojects: SubprojectsClient;
  provisioning: ProvisioningClient;
  conversation: ConversationClient;
}

export interface StepContext {
  readonly id: string;
  readonly settings: EngineSettings;
  readonly sinch: EngineSinch;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly timing: EngineTiming;
  readonly random: () => number;
  readonly log: Logger;
  /** Aborted when the engine stops. */
  readonly signal: AbortSignal;
  /** The job as last written (by this run, or by an API call such as a provisioning webhook meanwhile). */
  readonly job: JobRecord;
  /** The signup session (read at most once per run). */
  session(): Promise<Session>;
  /** Records events as one change of the job, persisted before it resolves; returns the job written. */
  apply(...events: JobEvent[]): Promise<JobRecord>;
  /** Sleeps up to `ms`; returns early when woken (e.g. by a provisioning webhook). */
  wait(ms: number): Promise<void>;
  /** The ES code held in memory for a phone number (never stored). */
  code(phoneNumberId: string): string | undefined;
  /** Holds the ES code for a phone number found after the submission (number lookup). */
  keepCode(phoneNumberId: string, code: string): void;
  dropCode(phoneNumberId: string): void;
  nowIso(): string;
  /** Persists the intent to make a creating call, with `also` in the same write. */
  recordIntent(key: string, ...also: JobEvent[]): Promise<JobRecord>;
  /**
   * Before reconciling an intent written by another process (crash/restart), waits until a request it
   * may still have in flight has landed or timed out, so the lookup cannot miss it.
   */
  settle(key: string): Promise<void>;
}

/** Label key that ties a subproject to its signup session (reconciliation pages through subprojects by it). */
export const SESSION_LABEL = 'wss-session';

/** Marker in the Conversation app's display_name that lets reconciliation find our app. */
export const appDisplayName = (displayName: string, id: string): string => `${displayName.slice(0, 200)} [${id}]`;
