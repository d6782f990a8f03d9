/**
 * What every step gets from the engine: clients, config, a serialised job updater, an interruptible wait.
 */
import type { Logger } from 'pino';
import type { EngineSettings } from '../engine-settings.js';
import type { ConversationClient, ProvisioningClient, SubprojectsClient } from '../../clients/sinch/index.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { Clock, EngineTiming } from '../clock.js';
import type { JobRecord } from '../job.types.js';
import type { Session, StepName, StepProgress } from '../onboarding.types.js';

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
  load(): Promise<JobRecord>;
  session(): Promise<Session>;
  /** Serialised read-modify-write of the job, persisted before it resolves. */
  update(fn: (job: JobRecord) => void): Promise<JobRecord>;
  /** Sleeps up to `ms`; returns early when woken (e.g. by a provisioning webhook). */
  wait(ms: number): Promise<void>;
  /** The ES code held in memory for a phone number (never stored). */
  code(phoneNumberId: string): string | undefined;
  dropCode(phoneNumberId: string): void;
  nowIso(): string;
  /** Persists the intent to make a creating call (`extra` may change the job in the same write). */
  recordIntent(key: string, extra?: (job: JobRecord) => void): Promise<JobRecord>;
  /**
   * Before reconciling an intent written by another process (crash/restart), waits until a request it
   * may still have in flight has landed or timed out, so the lookup cannot miss it.
   */
  settle(key: string): Promise<void>;
}

/** Patches one step's progress in place. */
export function setStep(job: JobRecord, name: StepName, patch: Partial<StepProgress>): void {
  const s = job.onboarding.steps.find((x) => x.name === name);
  if (s) Object.assign(s, patch);
}

export function getStep(job: JobRecord, name: StepName): StepProgress {
  const s = job.onboarding.steps.find((x) => x.name === name);
  if (!s) throw new Error(`missing step ${name}`);
  return s;
}

/** Label key that ties a subproject to its signup session (reconciliation pages through subprojects by it). */
export const SESSION_LABEL = 'wss-session';

/** Marker in the Conversation app's display_name that lets reconciliation find our app. */
export const appDisplayName = (displayName: string, id: string): string => `${displayName.slice(0, 200)} [${id}]`;
