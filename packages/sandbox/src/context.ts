import type { SandboxClock } from './clock.js';
import type { FaultEngine } from './faults.js';
import type { ProvisioningNotifier } from './provisioning-notifier.js';
import type { SandboxConfig, SandboxState } from './state.js';

/** What every route and middleware gets. */
export interface SandboxContext {
  readonly config: SandboxConfig;
  readonly state: SandboxState;
  readonly clock: SandboxClock;
  readonly faults: FaultEngine;
  readonly notifier: ProvisioningNotifier;
  mintCode(opts?: { wabaId?: string }): { code: string; issuedAt: number };
}
