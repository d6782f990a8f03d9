/**
 * One-call wiring of the engine from the config: SQLite repository, Sinch clients, secret box.
 * The HTTP layer can use this or build `new OnboardingEngine({...})` itself.
 */
import type { Logger } from 'pino';
import { createSinchClients, type RetryPolicy, type SinchClients, type Transport } from '../clients/sinch/index.js';
import type { Config } from '../config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { openDatabase, type Database } from '../data/database.js';
import { SqliteOnboardingRepository } from '../data/sqlite-onboarding.repository.js';
import type { Clock, EngineTiming } from './clock.js';
import { OnboardingEngine } from './onboarding.engine.js';

export interface CreateEngineOptions {
  logger?: Logger;
  /** An already opened database (e.g. shared with the HTTP layer's tables); default: openDatabase(DATABASE_PATH). */
  db?: Database;
  transport?: Transport;
  retry?: Partial<RetryPolicy>;
  timing?: Partial<EngineTiming>;
  clock?: Clock;
}

export interface EngineBundle {
  engine: OnboardingEngine;
  db: Database;
  repo: SqliteOnboardingRepository;
  sinch: SinchClients;
  /** Stops the engine and closes the database (if this bundle opened it). */
  close(): Promise<void>;
}

export function createOnboardingEngine(config: Config, opts: CreateEngineOptions = {}): EngineBundle {
  const db = opts.db ?? openDatabase(config.DATABASE_PATH);
  const repo = new SqliteOnboardingRepository(db);
  const sinch = createSinchClients(config, { transport: opts.transport, logger: opts.logger, retry: opts.retry });
  const engine = new OnboardingEngine({
    config,
    repo,
    sinch,
    secretBox: new SecretBox(config.ENCRYPTION_KEY!),
    logger: opts.logger,
    timing: opts.timing,
    clock: opts.clock,
  });
  return {
    engine,
    db,
    repo,
    sinch,
    async close() {
      await engine.stop();
      if (!opts.db && db.open) db.close();
    },
  };
}
