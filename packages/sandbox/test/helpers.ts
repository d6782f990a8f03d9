import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSinchSandbox, type SinchSandbox, type SinchSandboxOptions } from '../src/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  // Tests read arbitrary JSON shapes.
  body: any;
}

export interface CallOptions {
  method?: string;
  token?: string;
  basic?: [string, string];
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One HTTP call on loopback; parses JSON bodies. */
export async function call(url: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.basic) headers.authorization = `Basic ${Buffer.from(opts.basic.join(':')).toString('base64')}`;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await fetch(url, { method: opts.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, signal: opts.signal });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A started sandbox plus a token and URL builders for its APIs. */
export interface Harness {
  sb: SinchSandbox;
  token: string;
  parent: string;
  sub(path: string): string;
  prov(path: string): string;
  conv(region: string, path: string): string;
  admin(path: string): string;
}

export async function startHarness(opts: SinchSandboxOptions = {}): Promise<Harness> {
  const sb = await startSinchSandbox(opts);
  const { keyId, keySecret, projectId } = sb.credentials;
  const t = await call(sb.urls.auth, { basic: [keyId, keySecret], form: { grant_type: 'client_credentials' } });
  if (t.status !== 200) throw new Error(`token request failed: ${t.status}`);
  return {
    sb,
    token: t.body.access_token,
    parent: projectId,
    sub: (p) => `${sb.urls.subproject}${p}`,
    prov: (p) => `${sb.urls.provisioning}${p}`,
    conv: (region, p) => `${sb.urls.conversation.replace('{region}', region)}${p}`,
    admin: (p) => `${sb.url}/_sandbox${p}`,
  };
}

/** Creates a ready-to-use subproject (readiness delay 0 by default in tests). */
export async function createSubproject(h: Harness, displayName = 'Customer'): Promise<string> {
  const r = await call(h.sub(`/v1/projects/${h.parent}/subprojects`), { token: h.token, json: { displayName } });
  if (r.status !== 200) throw new Error(`subproject create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.subprojectId;
}

let phoneSeq = 0;
/** Creates a sender with a freshly minted code; returns the DTO. */
export async function createSender(h: Harness, projectId: string, extra: Record<string, unknown> = {}): Promise<any> {
  phoneSeq++;
  const r = await call(h.prov(`/v1/projects/${projectId}/whatsapp/senders`), {
    token: h.token,
    json: { wabaId: `waba-${projectId}`, phoneNumberId: `pn-${phoneSeq}-${Math.random().toString(36).slice(2)}`, authenticationCode: h.sb.mintCode(), ...extra },
  });
  if (r.status !== 201) throw new Error(`sender create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A loopback webhook receiver that answers with the given statuses in turn (last one repeats). */
export async function startReceiver(statuses: number[] = [200]): Promise<{
  url: string;
  calls: ReceivedCall[];
  next(): Promise<ReceivedCall>;
  close(): Promise<void>;
}> {
  const calls: ReceivedCall[] = [];
  const waiters: Array<(c: ReceivedCall) => void> = [];
  let consumed = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const c = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      const status = statuses[Math.min(calls.length, statuses.length - 1)] ?? 200;
      calls.push(c);
      res.statusCode = status;
      res.end();
      waiters.shift()?.(c);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    calls,
    next: () => {
      const i = consumed++;
      const existing = calls[i];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.push(resolve));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
