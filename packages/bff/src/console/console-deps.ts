/** What the operator console's routes are built from (compose.ts supplies it; without accounts there is no console). */
import type { OperatorRepository } from '../data/operator.repository.js';
import type { OutboxRepository } from '../data/outbox.repository.js';
import type { OperatorAccount } from './accounts.js';

export interface ConsoleDeps {
  accounts: readonly OperatorAccount[];
  /** How long a session lasts without a request (CONSOLE_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  operators: OperatorRepository;
  outbox: OutboxRepository;
  /** The ASP callbacks' notifier (absent without NOTIFY_URL: no callback to redeliver). */
  notifier?: { redeliver(id: string): Promise<boolean> };
  /** packages/console/dist/console.js (the console's Lit UI, built by its package). */
  bundleFile?: string;
}
