import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { requireAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { GoogleError } from '../errors.js';
import { injectFaults } from '../fault-middleware.js';
import { ulid } from '../ids.js';
import { bearerTokenOf, channelStatusOf } from '../sender-dto.js';
import type { SandboxRegion } from '../sinch-sandbox.types.js';
import type { AppRecord, ChannelCredentialRecord, ConversationWebhookRecord } from '../state.js';
import { isHttpUrl, parseGoogle } from '../validation.js';
import { errorHandler, notFound } from './common.js';

const REGIONS: readonly SandboxRegion[] = ['us', 'eu', 'br'];

/** Channel → the credential field it needs (@sinch/conversation ConversationChannelCredentialRequest). */
const CREDENTIAL_FIELD: Record<string, string[]> = {
  WHATSAPP: ['static_bearer'],
  RCS: ['static_bearer'],
  SMS: ['static_bearer'],
  VIBERBM: ['static_bearer'],
  MESSENGER: ['static_token'],
  VIBER: ['static_token'],
  MMS: ['mms_credentials'],
  INSTAGRAM: ['instagram_credentials'],
  TELEGRAM: ['telegram_credentials'],
  KAKAOTALK: ['kakaotalk_credentials'],
  KAKAOTALKCHAT: ['kakaotalkchat_credentials'],
  LINE: ['line_credentials', 'line_enterprise_credentials'],
  WECHAT: ['wechat_credentials'],
  APPLEBC: ['applebc_credentials'],
};
const CHANNELS = Object.keys(CREDENTIAL_FIELD) as [string, ...string[]];

const loose = z.record(z.string(), z.unknown());
const credential = z
  .strictObject({
    channel: z.enum(CHANNELS),
    static_bearer: z.strictObject({ claimed_identity: z.string().min(1), token: z.string().min(1) }).optional(),
    static_token: z.strictObject({ token: z.string().min(1) }).optional(),
    mms_credentials: loose.optional(),
    instagram_credentials: loose.optional(),
    telegram_credentials: loose.optional(),
    kakaotalk_credentials: loose.optional(),
    kakaotalkchat_credentials: loose.optional(),
    line_credentials: loose.optional(),
    line_enterprise_credentials: loose.optional(),
    wechat_credentials: loose.optional(),
    applebc_credentials: loose.optional(),
    callback_secret: z.string().max(256).optional(),
    credential_ordinal_number: z.number().int().min(0).optional(),
  })
  .superRefine((c, zctx) => {
    const fields = CREDENTIAL_FIELD[c.channel] ?? [];
    if (!fields.some((f) => (c as Record<string, unknown>)[f] !== undefined)) {
      zctx.addIssue({ code: 'custom', message: `${fields.join(' or ')} is required for channel ${c.channel}`, path: [fields[0] ?? 'channel'] });
    }
  });

const appBody = z.strictObject({
  display_name: z.string().min(1),
  channel_credentials: z.array(credential),
  conversation_metadata_report_view: z.enum(['NONE', 'FULL']).optional(),
  retention_policy: z
    .strictObject({
      retention_type: z.enum(['MESSAGE_EXPIRE_POLICY', 'CONVERSATION_EXPIRE_POLICY', 'PERSIST_RETENTION_POLICY']).optional(),
      ttl_days: z.number().int().min(1).max(3650).optional(),
    })
    .optional(),
  dispatch_retention_policy: z
    .strictObject({ retention_type: z.enum(['MESSAGE_EXPIRE_POLICY']).optional(), ttl_days: z.number().int().min(0).max(7).optional() })
    .optional(),
  processing_mode: z.enum(['CONVERSATION', 'DISPATCH']).optional(),
  smart_conversation: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  callback_settings: z.strictObject({ secret_for_overridden_callback_urls: z.string().optional() }).optional(),
  message_retry_settings: z.strictObject({ retry_duration: z.number().int().min(30).max(3600).optional() }).optional(),
  delivery_report_based_fallback: z
    .strictObject({ enabled: z.boolean().optional(), delivery_report_waiting_time: z.number().int().min(10).max(259200).optional() })
    .optional(),
});

/** PATCH: the same fields, each optional. */
const appPatchBody = appBody.partial();

const TRIGGERS = [
  'MESSAGE_DELIVERY',
  'MESSAGE_SUBMIT',
  'MESSAGE_INBOUND',
  'EVENT_DELIVERY',
  'EVENT_INBOUND',
  'SMART_CONVERSATIONS',
  'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION',
  'CONVERSATION_START',
  'CONVERSATION_STOP',
  'CONVERSATION_DELETE',
  'CONTACT_CREATE',
  'CONTACT_DELETE',
  'CONTACT_MERGE',
  'CONTACT_UPDATE',
  'CONTACT_IDENTITIES_DUPLICATION',
  'UNSUPPORTED',
  'OPT_IN',
  'OPT_OUT',
  'CHANNEL_EVENT',
  'CAPABILITY',
  'RECORD_NOTIFICATION',
] as const;

// "The conversation-api.*.sinch.com subdomains are forbidden" (@sinch/conversation Webhook.target).
const FORBIDDEN_HOST = /(^|\.)conversation-api\.[^.]+\.sinch\.com$|(^|\.)conversation\.api\.sinch\.com$/i;

const webhookBody = z.strictObject({
  app_id: z.string().min(1),
  target: z
    .string()
    .min(1)
    .max(742)
    .refine(isHttpUrl, 'must be an http(s) URL')
    .refine((t) => !isHttpUrl(t) || !FORBIDDEN_HOST.test(new URL(t).hostname), 'must not point at a Conversation API host'),
  target_type: z.enum(['HTTP', 'DISMISS']).optional(),
  triggers: z
    .array(z.string().refine((t) => t !== 'UNSPECIFIED_TRIGGER', 'UNSPECIFIED_TRIGGER is not allowed').pipe(z.enum(TRIGGERS)))
    .min(1, 'at least one trigger is required'),
  secret: z.string().optional(),
  client_credentials: z
    .strictObject({
      client_id: z.string().min(1),
      client_secret: z.string().min(1),
      endpoint: z.string().refine(isHttpUrl, 'must be an http(s) URL'),
      scope: z.string().optional(),
      response_type: z.string().optional(),
      token_request_type: z.enum(['BASIC', 'FORM']).optional(),
    })
    .optional(),
});

const MAX_WEBHOOKS_PER_APP = 5;

type RegionRequest = Request<{ region: string; projectId: string }>;

/** Conversation API under `/conversation/{us|eu|br}` (api-facts §4). Google error dialect; resources live in one region. */
export function conversationRouter(ctx: SandboxContext): Router {
  const r = Router({ mergeParams: true });
  r.use((req: Request, _res, next) => {
    const region = (req.params as { region?: string }).region;
    if (!REGIONS.includes(region as SandboxRegion)) return next(new GoogleError(404, 'NOT_FOUND', `Unknown region ${region}.`));
    next();
  });
  r.use(injectFaults(ctx, 'conversation', 'google'));
  r.use(requireAuth(ctx, 'google'));
  r.use(express.json({ limit: '256kb' }));

  r.param('projectId', (_req: Request, _res: Response, next: NextFunction, projectId: string) => {
    const access = ctx.state.projectAccess(projectId, ctx.clock.now());
    if (access === 'unknown') return next(new GoogleError(403, 'PERMISSION_DENIED', `Permission denied on project ${projectId}.`));
    if (access === 'not_ready') {
      return next(new GoogleError(403, 'PERMISSION_DENIED', `Project ${projectId} is not accessible with these credentials yet (a new subproject can take up to 30 seconds).`));
    }
    next();
  });

  const regionOf = (req: Request) => (req.params as { region: string }).region as SandboxRegion;

  const findApp = (req: RegionRequest, appId: string): AppRecord => {
    const app = ctx.state.apps.get(appId);
    if (!app || app.projectId !== req.params.projectId || app.region !== regionOf(req)) throw new GoogleError(404, 'NOT_FOUND', `App ${appId} not found.`);
    return app;
  };

  const renderCredential = (app: AppRecord, c: ChannelCredentialRecord) => {
    let status: 'PENDING' | 'ACTIVE' | 'FAILING' = 'ACTIVE';
    if (c.channel === 'WHATSAPP') {
      const token = bearerTokenOf(c.fields);
      const sender = [...ctx.state.senders.values()].find((s) => s.projectId === app.projectId && s.bearerToken === token);
      status = sender ? channelStatusOf(ctx.state, sender, ctx.clock.now()) : 'FAILING';
    }
    return {
      channel: c.channel,
      ...c.fields,
      credential_ordinal_number: c.credential_ordinal_number,
      state: { status, description: '' },
      channel_known_id: '',
    };
  };

  // Defaults per @sinch/conversation AppResponse and api-facts §4; the token is echoed as the SDK's response model shows.
  const renderApp = (app: AppRecord) => ({
    id: app.id,
    display_name: app.display_name,
    channel_credentials: app.channel_credentials.map((c) => renderCredential(app, c)),
    conversation_metadata_report_view: 'NONE',
    rate_limits: { inbound: 25, outbound: 25, webhooks: 25 },
    retention_policy: { retention_type: 'MESSAGE_EXPIRE_POLICY', ttl_days: 180 },
    dispatch_retention_policy: { retention_type: 'MESSAGE_EXPIRE_POLICY', ttl_days: 0 },
    processing_mode: 'DISPATCH',
    smart_conversation: { enabled: false },
    queue_stats: { outbound_size: 0, outbound_limit: 500000 },
    persist_message_status: { enabled: false },
    message_search: { enabled: false },
    callback_settings: { secret_for_overridden_callback_urls: '' },
    delivery_report_based_fallback: { enabled: false, delivery_report_waiting_time: 0 },
    message_retry_settings: { retry_duration: 3600 },
    ...app.settings,
  });

  const renderWebhook = (w: ConversationWebhookRecord) => ({
    id: w.id,
    app_id: w.app_id,
    target: w.target,
    target_type: w.target_type,
    secret: w.secret ?? '',
    triggers: w.triggers,
    ...(w.client_credentials ? { client_credentials: w.client_credentials } : {}),
  });

  /**
   * The credentials an app may hold (api-facts §8 "Conversation apps"): at most one per channel (the
   * ordinal number is for LINE only, 0 elsewhere), so one WhatsApp credential; a WhatsApp token must be
   * the bearer token of a sender of this project provisioned for the app's region.
   */
  const checkCredentials = (projectId: string, region: SandboxRegion, credentials: z.output<typeof credential>[]) => {
    const seen = new Set<string>();
    credentials.forEach((c, i) => {
      const ordinal = c.credential_ordinal_number ?? 0;
      if (c.channel !== 'LINE' && ordinal !== 0) {
        throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: channel_credentials[${i}].credential_ordinal_number must be 0 for channel ${c.channel} (several credentials per channel are for LINE only).`);
      }
      const key = `${c.channel}#${ordinal}`;
      if (seen.has(key)) {
        throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: channel_credentials[${i}]: the app already has a ${c.channel} credential; an app holds one credential per channel.`);
      }
      seen.add(key);
      if (c.channel !== 'WHATSAPP' || !c.static_bearer) return;
      const token = c.static_bearer.token;
      const sender = [...ctx.state.senders.values()].find((s) => s.projectId === projectId && s.bearerToken === token);
      if (!sender) {
        throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: channel_credentials[${i}].static_bearer.token is not the bearer token of a WhatsApp sender of project ${projectId}.`);
      }
      if (sender.region.toLowerCase() !== region) {
        throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: channel_credentials[${i}]: the WhatsApp sender is provisioned in region ${sender.region} and cannot be used by an app in region ${region.toUpperCase()}.`);
      }
    });
  };

  const toRecords = (credentials: z.output<typeof credential>[]): ChannelCredentialRecord[] =>
    credentials.map(({ channel, credential_ordinal_number, ...fields }) => ({ channel, fields, credential_ordinal_number: credential_ordinal_number ?? 0 }));

  r.post('/v1/projects/:projectId/apps', (req: RegionRequest, res) => {
    const body = parseGoogle(appBody, req.body);
    const region = regionOf(req);
    const now = ctx.clock.now();
    checkCredentials(req.params.projectId, region, body.channel_credentials);
    const { display_name, channel_credentials, ...settings } = body;
    const app: AppRecord = {
      id: ulid(now),
      projectId: req.params.projectId,
      region,
      createdAt: now,
      display_name,
      channel_credentials: toRecords(channel_credentials),
      settings,
    };
    ctx.state.apps.set(app.id, app);
    res.status(200).json(renderApp(app));
  });

  // Overwrites the fields sent (channel_credentials as a whole list, its order the priority); the query's
  // update mask (raw form UNCONFIRMED, api-facts §8) is accepted and not interpreted.
  r.patch('/v1/projects/:projectId/apps/:appId', (req: Request<{ region: string; projectId: string; appId: string }>, res) => {
    const app = findApp(req, req.params.appId);
    const body = parseGoogle(appPatchBody, req.body);
    const { display_name, channel_credentials, ...settings } = body;
    if (channel_credentials) checkCredentials(app.projectId, app.region, channel_credentials);
    if (display_name !== undefined) app.display_name = display_name;
    if (channel_credentials) app.channel_credentials = toRecords(channel_credentials);
    Object.assign(app.settings, settings);
    res.json(renderApp(app));
  });

  r.get('/v1/projects/:projectId/apps', (req: RegionRequest, res) => {
    const apps = [...ctx.state.apps.values()].filter((a) => a.projectId === req.params.projectId && a.region === regionOf(req));
    res.json({ apps: apps.map(renderApp) });
  });

  r.get('/v1/projects/:projectId/apps/:appId', (req: Request<{ region: string; projectId: string; appId: string }>, res) => {
    res.json(renderApp(findApp(req, req.params.appId)));
  });

  r.delete('/v1/projects/:projectId/apps/:appId', (req: Request<{ region: string; projectId: string; appId: string }>, res) => {
    const app = findApp(req, req.params.appId);
    ctx.state.apps.delete(app.id);
    for (const w of ctx.state.conversationWebhooks.values()) if (w.app_id === app.id) ctx.state.conversationWebhooks.delete(w.id);
    res.json({});
  });

  r.get('/v1/projects/:projectId/apps/:appId/webhooks', (req: Request<{ region: string; projectId: string; appId: string }>, res) => {
    const app = findApp(req, req.params.appId);
    const hooks = [...ctx.state.conversationWebhooks.values()].filter((w) => w.app_id === app.id);
    res.json({ webhooks: hooks.map(renderWebhook) });
  });

  r.post('/v1/projects/:projectId/webhooks', (req: RegionRequest, res) => {
    const body = parseGoogle(webhookBody, req.body);
    const app = findApp(req, body.app_id);
    const hooks = [...ctx.state.conversationWebhooks.values()].filter((w) => w.app_id === app.id);
    if (hooks.length >= MAX_WEBHOOKS_PER_APP) {
      throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: app ${app.id} already has the maximum of ${MAX_WEBHOOKS_PER_APP} webhooks.`);
    }
    if (hooks.some((w) => w.target === body.target)) {
      throw new GoogleError(400, 'INVALID_ARGUMENT', `Invalid request: app ${app.id} already has a webhook with target ${body.target}.`);
    }
    const wh: ConversationWebhookRecord = {
      id: ulid(ctx.clock.now()),
      projectId: app.projectId,
      region: app.region,
      app_id: app.id,
      target: body.target,
      target_type: body.target_type ?? 'HTTP',
      triggers: [...body.triggers],
      ...(body.secret !== undefined ? { secret: body.secret } : {}),
      ...(body.client_credentials ? { client_credentials: { ...body.client_credentials } } : {}),
    };
    ctx.state.conversationWebhooks.set(wh.id, wh);
    ctx.state.remember('Conversation webhook secret', wh.secret);
    ctx.state.remember('Conversation webhook secret', body.client_credentials?.client_secret);
    res.status(200).json(renderWebhook(wh));
  });

  const findWebhook = (req: Request<{ region: string; projectId: string; webhookId: string }>) => {
    const w = ctx.state.conversationWebhooks.get(req.params.webhookId);
    if (!w || w.projectId !== req.params.projectId || w.region !== regionOf(req)) throw new GoogleError(404, 'NOT_FOUND', `Webhook ${req.params.webhookId} not found.`);
    return w;
  };

  r.get('/v1/projects/:projectId/webhooks/:webhookId', (req: Request<{ region: string; projectId: string; webhookId: string }>, res) => {
    res.json(renderWebhook(findWebhook(req)));
  });

  r.delete('/v1/projects/:projectId/webhooks/:webhookId', (req: Request<{ region: string; projectId: string; webhookId: string }>, res) => {
    ctx.state.conversationWebhooks.delete(findWebhook(req).id);
    res.json({});
  });

  r.use(notFound('google'));
  r.use(errorHandler('google'));
  return r;
}
