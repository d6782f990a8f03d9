/**
 * The Meta sandbox's Graph API (mounted at `/graph`, the stand-in for https://graph.facebook.com), the two
 * calls a partner makes after Embedded Signup (api-facts §5, §8):
 * - `GET /{version}/oauth/access_token?client_id&client_secret&code`: exchanges the ES login code for the
 *   customer's business token. It checks the app id and secret; the code comes from the one code store the
 *   Sinch sandbox also redeems (30 s, single use), so a code exchanged here is dead for Sinch and the reverse.
 * - `GET /{version}/{waba-id}/phone_numbers?fields=…`: the WABA's numbers, for the configured system-user
 *   token (every WABA) or a business token this endpoint issued (the WABA shared in its signup).
 * Errors are Graph's dialect `{"error":{"message","type","code","error_subcode"?,"fbtrace_id"}}`: 190 for a bad
 * token, 100 (subcode 33) for a WABA that does not exist or that the token may not read, 100 with subcodes
 * 36007/36009 for an expired/used code, 1 for a wrong client secret, 101 for a wrong client id.
 */
import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { SandboxContext } from '../context.js';
import { secretToken } from '../ids.js';
import { logNow } from '../request-log.js';
import type { GraphPhoneNumber } from '../state.js';

/** A Graph error as Meta renders it. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly type: string,
    readonly code: number,
    readonly subcode?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }
  body() {
    return {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        ...(this.subcode !== undefined ? { error_subcode: this.subcode } : {}),
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    };
  }
}

const VERSION = /^v\d+\.\d+$/;
const PHONE_FIELDS = ['id', 'display_phone_number', 'verified_name', 'code_verification_status', 'quality_rating', 'platform_type'] as const;
const badToken = () => new GraphError(400, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException', 190);
const noObject = (id: string) =>
  new GraphError(
    400,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    'GraphMethodException',
    100,
    33,
  );

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function sendGraph(res: Response, e: GraphError): void {
  if (!res.headersSent) res.status(e.httpStatus).json(e.body());
}

/** Fault rules for `api: 'graph'`, answered in Graph's dialect (throttling is code 4, downtime code 2). */
function graphFaults(ctx: SandboxContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const d = ctx.faults.decide('graph', req.method, req.path);
    if (d.latencyMs > 0) {
      res.locals.fault = 'latency';
      await new Promise<void>((r) => setTimeout(r, d.latencyMs).unref());
    }
    switch (d.outcome) {
      case undefined:
        return next();
      case '429':
        res.locals.fault = '429';
        return sendGraph(res, new GraphError(400, '(#4) Application request limit reached', 'OAuthException', 4));
      case '5xx':
        res.locals.fault = '5xx';
        return sendGraph(res, new GraphError(d.status5xx, 'Service temporarily unavailable', 'OAuthException', 2));
      case 'hang':
        res.locals.fault = 'hang';
        logNow(res, 0, 'hang');
        return;
      case 'lost':
        res.locals.fault = 'lost';
        res.end = function lostEnd(this: Response) {
          logNow(res, res.statusCode, 'lost');
          req.socket.destroy();
          return this;
        } as Response['end'];
        return next();
    }
  };
}

/** The bearer token of a Graph call: `Authorization: Bearer …` or the `access_token` query parameter. */
function tokenOf(req: Request): string | undefined {
  const h = req.get('authorization');
  if (h === undefined) return str(req.query.access_token);
  const token = /^Bearer\s+(\S+)$/i.exec(h)?.[1];
  if (!token) throw badToken();
  return token;
}

export function graphRouter(ctx: SandboxContext): Router {
  const r = Router();
  const { meta } = ctx.config;
  r.use(graphFaults(ctx));

  r.param('version', (_req, _res, next, version: string) => {
    if (!VERSION.test(version)) return next(new GraphError(400, `Unknown path components: /${version}`, 'OAuthException', 2500));
    next();
  });

  r.get('/:version/oauth/access_token', (req, res) => {
    const clientId = str(req.query.client_id);
    const clientSecret = str(req.query.client_secret);
    const code = str(req.query.code);
    if (!clientId) throw new GraphError(400, 'Missing client_id parameter.', 'OAuthException', 101);
    if (clientId !== meta.appId) throw new GraphError(400, 'Error validating application. Invalid application ID.', 'OAuthException', 101);
    if (!clientSecret) throw new GraphError(400, 'Missing client_secret parameter.', 'OAuthException', 1);
    if (clientSecret !== meta.appSecret) throw new GraphError(400, 'Error validating client secret.', 'OAuthException', 1);
    if (!code) throw new GraphError(400, 'Missing authorization code', 'OAuthException', 1);
    const now = ctx.clock.now();
    const entry = ctx.state.codes.get(code);
    if (!entry) throw new GraphError(400, 'Invalid verification code format.', 'OAuthException', 100);
    if (entry.usedAt !== undefined) throw new GraphError(400, 'This authorization code has been used.', 'OAuthException', 100, 36009);
    if (now - entry.issuedAt >= ctx.config.codeTtlMs || now < entry.issuedAt) {
      throw new GraphError(400, 'This authorization code has expired.', 'OAuthException', 100, 36007);
    }
    entry.usedAt = now;
    const token = `EAAG${secretToken(48)}`;
    ctx.state.businessTokens.set(token, { issuedAt: now, ...(entry.wabaId ? { wabaId: entry.wabaId } : {}) });
    ctx.state.remember('Meta business token', token);
    res.set('Cache-Control', 'no-store').json({ access_token: token, token_type: 'bearer' });
  });

  r.get('/:version/:wabaId/phone_numbers', (req, res) => {
    const token = tokenOf(req);
    if (!token) throw new GraphError(400, 'An active access token must be used to query information about the current user.', 'OAuthException', 2500);
    const business = ctx.state.businessTokens.get(token);
    if (token !== meta.systemUserToken && !business) throw badToken();
    const { wabaId } = req.params;
    const numbers = ctx.state.wabaNumbers.get(wabaId);
    // Unknown and not-yours look the same in Graph.
    if (!numbers || (business && business.wabaId !== wabaId)) throw noObject(wabaId);
    const asked = str(req.query.fields)?.split(',').map((f) => f.trim()).filter(Boolean);
    const bad = asked?.find((f) => !(PHONE_FIELDS as readonly string[]).includes(f));
    if (bad) throw new GraphError(400, `(#100) Tried accessing nonexisting field (${bad}) on node type (WhatsAppBusinessPhoneNumber)`, 'OAuthException', 100);
    const pick = (n: GraphPhoneNumber) =>
      Object.fromEntries(PHONE_FIELDS.filter((f) => f === 'id' || !asked || asked.includes(f)).map((f) => [f, n[f]]));
    const data = numbers.map(pick);
    res.json({
      data,
      ...(data.length > 0 ? { paging: { cursors: { before: Buffer.from(String(data[0]!.id)).toString('base64url'), after: Buffer.from(String(data.at(-1)!.id)).toString('base64url') } } } : {}),
    });
  });

  r.use((req, _res, next) => next(new GraphError(400, `Unsupported get request. Unknown path ${req.path}.`, 'GraphMethodException', 100)));
  r.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof GraphError) return sendGraph(res, err);
    console.error('[sandbox] unexpected Graph error', err);
    sendGraph(res, new GraphError(500, 'An unknown error has occurred.', 'OAuthException', 1));
  });
  return r;
}
