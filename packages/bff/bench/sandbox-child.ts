/**
 * The Sinch sandbox in its own process for the benches (so its work and memory are not the BFF's): started on
 * loopback with the given options, its address read from its first line of output, killed when the bench exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { SinchSandboxOptions } from '@whatsapp-signup/sandbox';

export interface SandboxInfo {
  url: string;
  urls: { auth: string; subproject: string; provisioning: string; conversation: string };
  credentials: { projectId: string; keyId: string; keySecret: string };
}

export interface SandboxChild {
  sb: SandboxInfo;
  child: ChildProcess;
}

export async function startSandboxChild(options: SinchSandboxOptions): Promise<SandboxChild> {
  const sandboxIndex = createRequire(import.meta.url).resolve('@whatsapp-signup/sandbox');
  const script = `
  const { startSinchSandbox } = await import(${JSON.stringify(sandboxIndex)});
  const sb = await startSinchSandbox(${JSON.stringify(options)});
  console.log(JSON.stringify({ url: sb.url, urls: sb.urls, credentials: sb.credentials }));
  process.on('SIGTERM', () => sb.close().then(() => process.exit(0)));
`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: dirname(sandboxIndex),
  });
  // The sandbox child must not outlive the bench (it would hold the stdout pipe open).
  process.on('exit', () => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout! });
  const first = await lines[Symbol.asyncIterator]().next();
  if (first.done) throw new Error('the sandbox child ended before it printed its address');
  return { sb: JSON.parse(first.value as string) as SandboxInfo, child };
}
