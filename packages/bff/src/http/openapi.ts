/**
 * OpenAPI 3.1 document, generated from the zod schemas in schemas.ts (z.toJSONSchema), so the
 * document and the validation can never disagree. Served at GET /v1/openapi.json.
 */
import { z } from 'zod';
import * as S from './schemas.js';

type Security = 'apiKey' | 'sessionToken' | 'sessionTokenOrQuery' | 'sinchSignature' | 'none';
type Content =
  | { schema: z.ZodType }
  | { html: true }
  | { sse: true }
  | { text: true }
  | { javascript: true }
  | { empty: true };

export interface RouteDoc {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path, `{id}` style. */
  path: string;
  summary: string;
  security: Security;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, { description: string } & Content>;
}

const err = (description: string) => ({ description, schema: S.ErrorResponseSchema });
/** An error of a browser route: its code is one of SessionApiErrorCode, which the widget maps to a message. */
const sessionErr = (description: string) => ({ description, schema: S.SessionErrorResponseSchema });
const commonOf = (e: typeof err) => ({
  400: e('Invalid request: the message and `field` name the offending field.'),
  413: e('JSON body over 16 kB (`payload_too_large`).'),
  429: e('Rate limited (`rate_limited`).'),
  500: e('Internal error.'),
});
const common = commonOf(err);
const aspAuth = { 401: err('Missing or invalid API key (`unauthorized`).') };
/** What every browser route (session token, CORS) can answer besides its own responses. */
const sessionAuth = {
  ...commonOf(sessionErr),
  401: sessionErr('Missing, invalid or expired session token (`unauthorized`, `session_expired`).'),
  403: sessionErr('Origin not in ALLOWED_ORIGINS (`origin_not_allowed`).'),
};
const notFound = { 404: err('Not found (`not_found`).') };
/** What the two number verification operations answer besides their 200 (domain/verification.ts). */
const verificationOf = (e: typeof err) => ({
  404: e('No such onboarding, or no such phone number in it (`not_found`).'),
  409: e('The code is not the one sent (`wrong_otp`); the number is registered on another WhatsApp account (`already_registered`); the number is not waiting for a verification, or no code was sent yet (`verification_not_allowed`).'),
  429: e('A new code before `verification.resendAvailableAt`, or too many requests for this number (`rate_limited`); too many wrong codes (`too_many_attempts`).'),
  502: e('Sinch refused the request or could not send the code (`sinch_error`).'),
  503: e('Sinch is unavailable (`sinch_unavailable`).'),
  504: e('Sinch did not answer in time (`sinch_unavailable`).'),
});

export const ROUTES: RouteDoc[] = [
  {
    method: 'post', path: '/v1/sessions', security: 'apiKey', body: S.CreateSessionBodySchema,
    summary: 'Create a signup session for one customer (starts subproject warm-up) and its session token.',
    responses: { 201: { description: 'Created', schema: S.CreateSessionResponseSchema }, ...common, ...aspAuth },
  },
  {
    method: 'post', path: '/v1/signup-links', security: 'apiKey', body: S.CreateLinkBodySchema,
    summary: 'Create a hosted signup link, good for one onboarding (ttl default 24 h, at most 3 days).',
    responses: { 201: { description: 'Created', schema: S.CreateLinkResponseSchema }, ...common, ...aspAuth },
  },
  {
    method: 'delete', path: '/v1/signup-links/{id}', security: 'apiKey',
    summary: 'Revoke a signup link; its session tokens stop working too and its open event streams end.',
    responses: { 204: { description: 'Revoked', empty: true }, ...common, ...aspAuth, ...notFound },
  },
  {
    method: 'get', path: '/v1/signup-links', security: 'apiKey', query: S.ListSignupLinksQuerySchema,
    summary: 'List signup links, newest first, optionally by state (revoked wins, then used, then expired, else active), with their created, opened, used, revoked and expiry times (paged with pageToken).',
    responses: { 200: { description: 'A page', schema: S.SignupLinkListSchema }, ...common, ...aspAuth },
  },
  {
    method: 'get', path: '/v1/signup-links/{id}', security: 'apiKey', summary: "One signup link's lifecycle and its onboarding id.",
    responses: { 200: { description: 'The link', schema: S.SignupLinkSchema }, ...common, ...aspAuth, ...notFound },
  },
  {
    method: 'get', path: '/v1/funnel', security: 'apiKey', query: S.FunnelQuerySchema,
    summary: "The signup funnel of the sessions created in [from, to) (UTC; at most 366 days), per day, ISO week or in total: how many reached each stage (created → element_loaded → dialog_opened → finished → sender_created → completed; each later stage implies the earlier ones) and why the others dropped, one cause per session: the last thing that happened to it (README, \"The signup funnel\").",
    responses: { 200: { description: 'The funnel', schema: S.FunnelResponseSchema }, ...common, ...aspAuth },
  },
  {
    method: 'get', path: '/v1/onboardings', security: 'apiKey', query: S.ListOnboardingsQuerySchema,
    summary: 'List onboardings, newest first, optionally by state (paged with pageToken).',
    responses: { 200: { description: 'A page', schema: S.OnboardingListSchema }, ...common, ...aspAuth },
  },
  {
    method: 'get', path: '/v1/onboardings/{id}', security: 'apiKey', summary: 'One onboarding job.',
    responses: { 200: { description: 'The job', schema: S.OnboardingEnvelopeSchema }, ...common, ...aspAuth, ...notFound },
  },
  {
    method: 'post', path: '/v1/onboardings/{id}/retry', security: 'apiKey', summary: 'Resume a failed job from its failed step.',
    responses: {
      202: { description: 'Resumed', schema: S.OnboardingEnvelopeSchema }, ...common, ...aspAuth, ...notFound,
      409: err('The job is not failed or not retryable (`not_retryable`).'),
    },
  },
  {
    method: 'post', path: '/v1/onboardings/{id}/phone-numbers', security: 'apiKey', body: S.AddPhoneNumberBodySchema,
    summary: 'Add a phone number to the onboarded WABA (the same Sinch sender call).',
    responses: {
      202: { description: 'Accepted', schema: S.OnboardingEnvelopeSchema }, ...common, ...aspAuth, ...notFound,
      409: err('The WABA is not onboarded yet or the number is taken.'),
    },
  },
  {
    method: 'post', path: '/v1/onboardings/{id}/phone-numbers/{phoneNumberId}/verification', security: 'apiKey', body: S.AspStartVerificationBodySchema,
    summary: 'Number verification, for ASPs that build their own UI: ask Sinch to send the code of a number whose status is `verification_required`, by SMS or voice (again after `verification.resendAvailableAt`). The same as POST /v1/session/verification.',
    responses: { 200: { description: 'Code sent (`verification` of the number), or the number passed at once when Meta verified it already', schema: S.OnboardingEnvelopeSchema }, ...common, ...aspAuth, ...verificationOf(err) },
  },
  {
    method: 'post', path: '/v1/onboardings/{id}/phone-numbers/{phoneNumberId}/verification/code', security: 'apiKey', body: S.AspVerificationCodeBodySchema,
    summary: "Number verification: the 6-digit code the customer received. A right code lets the onboarding go on (activation, then completed). The same as POST /v1/session/verification/code.",
    responses: { 200: { description: 'Verified: the number is set up further', schema: S.OnboardingEnvelopeSchema }, ...common, ...aspAuth, ...verificationOf(err) },
  },
  {
    method: 'get', path: '/v1/session', security: 'sessionToken', summary: 'What the widget needs to run the signup.',
    responses: { 200: { description: 'The session', schema: S.SessionViewSchema }, ...sessionAuth },
  },
  {
    method: 'post', path: '/v1/session/onboarding', security: 'sessionToken', body: S.SubmitSignupBodySchema,
    summary: 'Hand the Embedded Signup result to the engine (idempotent: the same ids return the same job).',
    responses: {
      202: { description: 'Accepted', schema: S.OnboardingEnvelopeSchema }, ...sessionAuth,
      409: sessionErr('A different signup was already submitted (`signup_already_submitted`).'),
      422: sessionErr('`wabaIds` names another WABA than `wabaId` (`multiple_wabas`; `field` is `wabaIds`, the message names it): one WABA per signup.'),
    },
  },
  {
    method: 'post', path: '/v1/session/phone-numbers', security: 'sessionToken', body: S.SelectPhoneNumbersBodySchema,
    summary: "The customer's pick among `phoneNumberChoices` (state awaiting_phone_number_choice): each picked number gets a sender. A person picks long after the ES code's 30 s, so these senders are created without it.",
    responses: {
      202: { description: 'Accepted', schema: S.OnboardingEnvelopeSchema }, ...sessionAuth,
      409: sessionErr('No numbers to choose from in this state (`invalid_state`); the same pick again answers 202.'),
    },
  },
  {
    method: 'get', path: '/v1/session/onboarding', security: 'sessionToken', summary: "The session's onboarding job.",
    responses: { 200: { description: 'The job', schema: S.OnboardingEnvelopeSchema }, ...sessionAuth },
  },
  {
    method: 'get', path: '/v1/session/onboarding/events', security: 'sessionTokenOrQuery',
    summary: 'Server-Sent Events: `event: onboarding`, `data: {"onboarding": …}`; first event at once, ends after a terminal state, when the session (or its token) expires and when its link is revoked.',
    responses: {
      200: { description: 'Event stream', sse: true }, ...sessionAuth,
      429: sessionErr('Rate limited (`rate_limited`), or more open streams than the session or the client may hold (`too_many_streams`).'),
    },
  },
  {
    method: 'post', path: '/v1/session/verification', security: 'sessionToken', body: S.StartVerificationBodySchema,
    summary: 'Number verification (state `awaiting_verification`, or a number whose status is `verification_required`): Sinch sends the code by SMS or voice; again after `verification.resendAvailableAt`.',
    responses: { 200: { description: 'Code sent (`verification` of the number), or the number passed at once when Meta verified it already', schema: S.OnboardingEnvelopeSchema }, ...sessionAuth, ...verificationOf(sessionErr) },
  },
  {
    method: 'post', path: '/v1/session/verification/code', security: 'sessionToken', body: S.VerificationCodeBodySchema,
    summary: 'Number verification: the 6-digit code the customer received. A right code lets the onboarding go on.',
    responses: { 200: { description: 'Verified: the number is set up further', schema: S.OnboardingEnvelopeSchema }, ...sessionAuth, ...verificationOf(sessionErr) },
  },
  {
    method: 'post', path: '/v1/session/abandon', security: 'sessionToken', body: S.AbandonBodySchema,
    summary: 'Record a CANCEL (current step) or an ERROR reported by Meta.',
    responses: { 200: { description: 'Recorded', schema: S.OnboardingEnvelopeSchema }, ...sessionAuth },
  },
  {
    method: 'post', path: '/v1/session/events', security: 'sessionToken', body: S.SessionEventBodySchema,
    summary: 'Report a milestone of the signup funnel (fire-and-forget, e.g. `fetch(…, { keepalive: true })`). The first report of each milestone per session is kept; a repeat answers 204 too and changes nothing. `currentStep` only with `cancelled`, `errorCode` only with `meta_error`. At most 30 a minute per session.',
    responses: { 204: { description: 'Recorded (or already recorded)', empty: true }, ...sessionAuth },
  },
  {
    method: 'get', path: '/v1/session/return-url', security: 'sessionToken',
    summary: "The hosted page's \"Back to <brand>\": the link's returnUrl signed for the onboarding's stored state, once it has an outcome (see the README for the check).",
    responses: { 200: { description: 'The signed URL, or null', schema: S.ReturnUrlResponseSchema }, ...sessionAuth },
  },
  {
    method: 'post', path: '/v1/sinch/provisioning-events', security: 'sinchSignature', body: S.ProvisioningEventSchema,
    summary: 'Sinch provisioning callback (sender state changes); signed with PROVISIONING_WEBHOOK_SECRET.',
    responses: {
      200: { description: 'Accepted', schema: S.AcceptedSchema }, ...common,
      401: err('Bad signature or timestamp outside ±5 min (`invalid_signature`).'),
      404: err('Provisioning webhooks are not configured.'),
      409: err('Nonce already seen (`replayed`).'),
    },
  },
  {
    method: 'get', path: '/signup/{token}', security: 'none', summary: 'Hosted signup page. Loading it (GET or HEAD) changes nothing; after the signup was submitted through the link it shows that onboarding.',
    responses: {
      200: { description: 'The page', html: true },
      400: err('Malformed path.'),
      404: { description: 'Unknown link', html: true },
      410: { description: 'Revoked or expired link', html: true },
      429: err('Rate limited.'),
    },
  },
  {
    method: 'get', path: '/widget/whatsapp-signup.js', security: 'none', query: z.object({ v: z.string().optional().describe('Content version (the ETag without quotes); makes the response immutable.') }), summary: 'The widget bundle: immutable under `?v=<etag>`, revalidated by ETag under the plain URL.',
    responses: {
      200: { description: 'JavaScript', javascript: true },
      304: { description: 'Not modified', empty: true },
      404: err('The widget is not built (`widget_not_built`).'),
    },
  },
  {
    method: 'get', path: '/widget/i18n/{locale}.json', security: 'none', query: z.object({ v: z.string().optional().describe('Content version of the bundle (its ETag without quotes); makes the response immutable.') }), summary: 'One of the widget\'s languages other than English (e.g. `de`, `pt-BR`), which the element fetches from beside its script; cached like the bundle, with its ETag.',
    responses: {
      200: { description: 'The strings of the language', schema: z.record(z.string(), z.unknown()) },
      304: { description: 'Not modified', empty: true },
      404: err('No such language, or the widget is not built (`not_found`).'),
    },
  },
  {
    method: 'get', path: '/widget/views/{name}.js', security: 'none', query: z.object({ v: z.string().optional().describe('Content version of the bundle (its ETag without quotes); makes the response immutable.') }), summary: 'A view of the widget that is a file of its own (`verification`: the number verification), an ES module the element imports the first time an onboarding needs it; cached like the bundle, with its ETag.',
    responses: {
      200: { description: 'JavaScript (an ES module)', javascript: true },
      304: { description: 'Not modified', empty: true },
      404: err('No such view, or the widget is not built (`not_found`).'),
    },
  },
  {
    method: 'get', path: '/healthz', security: 'none', summary: 'Liveness.',
    responses: { 200: { description: 'Alive', schema: S.HealthSchema } },
  },
  {
    method: 'get', path: '/readyz', security: 'none', summary: 'Readiness: database and a Sinch token.',
    responses: {
      200: { description: 'Ready', schema: S.ReadySchema },
      503: { description: 'Not ready', schema: S.ReadySchema },
    },
  },
  {
    method: 'get', path: '/metrics', security: 'none', summary: 'Prometheus metrics.',
    responses: { 200: { description: 'Prometheus text format', text: true } },
  },
  {
    method: 'get', path: '/v1/openapi.json', security: 'none', summary: 'This document.',
    responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
  },
];

const SECURITY: Record<Security, Array<Record<string, string[]>>> = {
  apiKey: [{ apiKey: [] }],
  sessionToken: [{ sessionToken: [] }],
  sessionTokenOrQuery: [{ sessionToken: [] }, { sessionTokenQuery: [] }],
  sinchSignature: [{ sinchSignature: [] }],
  none: [],
};

/** Builds the whole document. Named schemas (`.meta({id})`) become `components.schemas`. */
export function buildOpenApi(): Record<string, unknown> {
  const schemaOf = (s: z.ZodType, io: 'input' | 'output'): unknown => {
    const id = z.globalRegistry.get(s)?.id;
    if (typeof id === 'string') return { $ref: `#/components/schemas/${id}` };
    return strip(z.toJSONSchema(s, jsonOpts(io)));
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const op: Record<string, unknown> = {
      operationId: `${r.method}${r.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: r.summary,
      security: SECURITY[r.security],
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, res]) => {
          let content: unknown;
          if ('schema' in res) content = { 'application/json': { schema: schemaOf(res.schema, 'output') } };
          else if ('html' in res) content = { 'text/html': { schema: { type: 'string' } } };
          else if ('sse' in res) content = { 'text/event-stream': { schema: { type: 'string' } } };
          else if ('text' in res) content = { 'text/plain': { schema: { type: 'string' } } };
          else if ('javascript' in res) content = { 'text/javascript': { schema: { type: 'string' } } };
          return [status, { description: res.description, ...(content ? { content } : {}) }];
        }),
      ),
    };
    const params: unknown[] = [];
    for (const m of r.path.matchAll(/\{(\w+)\}/g)) {
      params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    if (r.query) {
      const js = strip(z.toJSONSchema(r.query, jsonOpts('input'))) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        params.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema });
      }
    }
    if (r.security === 'sessionTokenOrQuery') {
      params.push({ name: 'access_token', in: 'query', required: false, schema: { type: 'string' }, description: 'Session token for EventSource clients (redacted from logs).' });
    }
    if (params.length) op.parameters = params;
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    }
    (paths[r.path.replace(/:(\w+)/g, '{$1}')] ??= {})[r.method] = op;
  }

  // Every named schema of schemas.ts (also those only nested in others, like Onboarding) becomes a
  // component; request bodies are described as zod parses them (input), the rest as sent (output).
  const ids = new Set<string>();
  for (const s of Object.values(S)) {
    if (s instanceof z.ZodType) {
      const id = z.globalRegistry.get(s)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  }
  const requestIds = new Set(ROUTES.flatMap((r) => (r.body ? [z.globalRegistry.get(r.body)?.id] : [])));
  const all = {
    input: z.toJSONSchema(z.globalRegistry, jsonOpts('input')).schemas,
    output: z.toJSONSchema(z.globalRegistry, jsonOpts('output')).schemas,
  };
  const schemas: Record<string, unknown> = {};
  for (const id of [...ids].sort()) {
    const js = { ...(all[requestIds.has(id) ? 'input' : 'output'][id] as Record<string, unknown>) };
    delete js.$schema;
    delete js.$id;
    schemas[id] = js;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'whatsapp-signup BFF',
      version: '1.0.0',
      description: 'Signup sessions, hosted links and onboarding jobs for WhatsApp Embedded Signup through Sinch. Every error is `{error: {code, message, field?}}`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'One of BFF_API_KEYS (server to server).' },
        sessionToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Session token from POST /v1/sessions or the hosted page.' },
        sessionTokenQuery: { type: 'apiKey', in: 'query', name: 'access_token' },
        sinchSignature: { type: 'apiKey', in: 'header', name: 'x-sinch-webhook-signature' },
      },
    },
  };
}

function jsonOpts(io: 'input' | 'output') {
  return {
    target: 'draft-2020-12' as const,
    io,
    unrepresentable: 'any' as const,
    uri: (id: string) => `#/components/schemas/${id}`,
  };
}

/**
 * Drops `$schema` (implied by jsonSchemaDialect) and `$defs`: a schema converted on its own (a query) puts the
 * named schemas it uses in `$defs`, and every named schema is already a component, so its refs point there.
 */
function strip(js: unknown): unknown {
  if (!js || typeof js !== 'object') return js;
  const o = { ...(js as Record<string, unknown>) };
  delete o.$schema;
  delete o.$defs;
  return JSON.parse(JSON.stringify(o).replaceAll('"#/$defs/', '"#/components/schemas/'));
}

/** The document as committed in docs/openapi.json (scripts/write-openapi.ts), from which the widget's types are generated. */
export const openApiJson = (): string => `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
