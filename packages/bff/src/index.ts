/**
 * Public surface of the BFF package (named exports only).
 */
export { loadConfig, metaSettings, sandboxEnv, sinchSettings, withSinchSandbox, ConfigError, CONFIG_KEYS, type Config, type ConfigInput, type SinchConfig } from './config.js';
export { composeBff, type Bff, type BffOverrides } from './compose.js';
export { createLogger, REDACT_PATHS, type Logger } from './logger.js';
export { SecretBox } from './crypto/secret-box.js';
export * from './clients/sinch/index.js';
export { openDatabase, DatabaseInUseError, type Database, type Migration } from './data/database.js';
export type { OnboardingRepository, ListJobsQuery } from './data/onboarding.repository.js';
export type { LinkRepository, SignupLink } from './data/link.repository.js';
export type { WebhookNonceRepository } from './data/webhook-nonce.repository.js';
export type { OutboxRepository, OutboxEvent, NewOutboxEvent } from './data/outbox.repository.js';
export { openStorage, postgresStorage, sqliteStorage, storageLabel, type OpenedStorage, type Storage, type StorageSettings } from './data/storage.js';
export { SqliteOnboardingRepository } from './data/sqlite-onboarding.repository.js';
export { OnboardingEngine, deriveState, type OnboardingEngineDeps } from './domain/onboarding.engine.js';
export type { EngineSettings } from './domain/engine-settings.js';
export { DEFAULT_TIMING, systemClock, type Clock, type EngineTiming } from './domain/clock.js';
export type { JobRecord, JobInternal } from './domain/job.types.js';
export * from './domain/onboarding.types.js';
