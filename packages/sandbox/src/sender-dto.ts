import { iso } from './clock.js';
import { senderView, type SenderView } from './sender-lifecycle.js';
import type { AppRecord, SandboxState, SenderRecord } from './state.js';

/** Conversation channel status that follows the sender's state. */
export function channelStatusOf(state: SandboxState, s: SenderRecord, now: number): 'PENDING' | 'ACTIVE' | 'FAILING' {
  const st = senderView(state, s, now).state;
  if (st === 'ACTIVE') return 'ACTIVE';
  return st === 'ERROR' || st === 'SUSPENDED' || st === 'INACTIVE' ? 'FAILING' : 'PENDING';
}

/** The WHATSAPP static_bearer token of a channel credential, if any. */
export function bearerTokenOf(fields: Record<string, unknown>): string | undefined {
  const sb = fields.static_bearer;
  if (typeof sb === 'object' && sb !== null && 'token' in sb && typeof sb.token === 'string') return sb.token;
  return undefined;
}

function appOf(state: SandboxState, s: SenderRecord): AppRecord | undefined {
  for (const app of state.apps.values()) {
    if (app.projectId !== s.projectId) continue;
    if (app.channel_credentials.some((c) => c.channel === 'WHATSAPP' && bearerTokenOf(c.fields) === s.bearerToken)) return app;
  }
  return undefined;
}

/**
 * WhatsappSenderDto (api-facts §3, §8): no `wabaId`, no `phoneNumberId` (the real DTO has neither), but the
 * number (`countryCode` + national `phoneNumber`), `details.displayName`, `qualityRating`, `compatibleRegions`.
 * The create response has no `state`, only `changes.status: IN_PROGRESS`. `view` renders the sender as it
 * was at one step (a callback's payload); otherwise as it is at `now`.
 */
export function senderDto(state: SandboxState, s: SenderRecord, now: number, opts: { creation?: boolean; view?: SenderView } = {}) {
  const v = opts.view ?? senderView(state, s, now);
  const app = appOf(state, s);
  const changes = opts.creation ? { status: 'IN_PROGRESS' } : v.changes;
  return {
    id: s.id,
    ...(opts.creation ? {} : { state: v.state }),
    ...(changes ? { changes } : {}),
    details: { displayName: v.displayName },
    region: s.region,
    metaLocalStorage: s.metaLocalStorage,
    ...(app
      ? {
          conversationApiAppDetails: {
            id: app.id,
            projectId: app.projectId,
            region: app.region.toUpperCase(),
            channelStatus: channelStatusOf(state, s, now),
          },
        }
      : {}),
    qualityRating: v.qualityRating,
    bearerToken: s.bearerToken,
    cloudApi: true,
    created: iso(s.createdAt),
    modified: iso(opts.creation ? s.createdAt : v.modifiedAt),
    countryCode: s.countryCode,
    phoneNumber: s.phoneNumber,
    numberProvider: 'CUSTOMER',
    businessManager: s.businessManager,
    compatibleRegions: [s.region.toLowerCase()],
  };
}

export type WhatsappSenderDto = ReturnType<typeof senderDto>;
