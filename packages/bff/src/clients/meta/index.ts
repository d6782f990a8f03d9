/**
 * Meta's Graph API: the client (code exchange, a WABA's phone numbers), its errors, and the engine's
 * NumberLookup built on it.
 */
export * from './errors.js';
export * from './graph.client.js';
export * from './number-lookup.js';
export * from './settings.js';
