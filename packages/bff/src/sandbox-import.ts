/**
 * The Sinch + Meta sandbox module, for sandbox mode only (production never imports it). The sandbox package is
 * TypeScript sources (packages/sandbox/src, not compiled): under tsx (`npm run bff:dev`, the tests, the demo) it
 * imports as is; under plain node (`npm run bff`, dist/server.js) it is loaded through tsx's tsImport, which
 * transpiles the sandbox's files alone and does not hook the rest of the process. Without tsx installed (a
 * production install with dev dependencies omitted) sandbox mode stops with a message saying what to do.
 */
import type * as SandboxModule from '@whatsapp-signup/sandbox';
import { ConfigError } from './config.js';

/** What plain node answers for a .ts file (Node 20/21; 22+ under node_modules). */
const TS_REFUSED = new Set(['ERR_UNKNOWN_FILE_EXTENSION', 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING']);

export async function importSandbox(): Promise<typeof SandboxModule> {
  try {
    return await import('@whatsapp-signup/sandbox');
  } catch (e) {
    if (!TS_REFUSED.has((e as { code?: string }).code ?? '')) throw e;
  }
  let tsImport: (specifier: string, parent: string) => Promise<unknown>;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    throw new ConfigError(
      'SANDBOX=1 without SINCH_KEY_ID runs the Sinch sandbox in-process from its TypeScript sources, which needs tsx (a dev dependency): install it (npm ci) or run `npm run bff:dev`; or point SINCH_* at a running sandbox (`npm run sandbox`)',
      ['SANDBOX'],
    );
  }
  return (await tsImport('@whatsapp-signup/sandbox', import.meta.url)) as typeof SandboxModule;
}
