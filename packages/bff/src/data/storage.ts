/**
 * The storage boundary: every repository the BFF uses, behind async interfaces. `sqliteStorage(db)` is the
 * embedded implementation; the PostgreSQL one will build the same shape (and pass the same contract tests,
 * test/storage/repository-contract.ts).
 */
import type { Database } from 'better-sqlite3';
import type { LinkRepository } from './link.repository.js';
import type { OnboardingRepository } from './onboarding.repository.js';
import type { OutboxRepository } from './outbox.repository.js';
import type { WebhookNonceRepository } from './webhook-nonce.repository.js';
import { SqliteLinkRepository } from './sqlite-link.repository.js';
import { SqliteOnboardingRepository } from './sqlite-onboarding.repository.js';
import { SqliteOutboxRepository } from './sqlite-outbox.repository.js';
import { SqliteWebhookNonceRepository } from './sqlite-webhook-nonce.repository.js';

export interface Storage {
  onboarding: OnboardingRepository;
  links: LinkRepository;
  nonces: WebhookNonceRepository;
  outbox: OutboxRepository;
  /** Resolves when the database answers (the /readyz check); rejects otherwise. */
  ping(): Promise<void>;
}

/** The SQLite repositories over one opened (and migrated) database; closing the database stays the opener's job. */
export function sqliteStorage(db: Database): Storage {
  return {
    onboarding: new SqliteOnboardingRepository(db),
    links: new SqliteLinkRepository(db),
    nonces: new SqliteWebhookNonceRepository(db),
    outbox: new SqliteOutboxRepository(db),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
  };
}
