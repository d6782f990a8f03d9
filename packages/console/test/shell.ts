/**
 * The console's built file, and the BFF's own /console shell page and its nonce CSP
 * (packages/bff/src/console/console-page.ts), so the fake API runs the console under the same page and policy.
 */
import { fileURLToPath } from 'node:url';
import { consoleCsp, consoleShell } from '../../bff/src/console/console-page.js';

export const CONSOLE_JS = fileURLToPath(new URL('../dist/console.js', import.meta.url));

export const SHELL_CSP = (nonce: string): string => consoleCsp(nonce);

export const shellHtml = (nonce: string): string => consoleShell(nonce, undefined);
