import { iso } from './clock.js';
import { senderNumberFields } from './meta/phone-numbers.js';
import type { AppRecord, SandboxState, SenderRecord } from './state.js';

/** Conversation channel status that follows the sender's state. */
export function channelStatusOf(state: SandboxState, s: SenderRecord, now: number): 'PENDING' | 'ACTIVE' | 'FAILING' {
  const st = state.senderState(s, now);
  return st === 'ACTIVE' ? 'ACTIVE' : st === 'ERROR' ? 'FAILING' : 'PENDING';
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
 * WhatsappSenderDto (api-facts §3). The create response has no `state`, only `changes.status: IN_PROGRESS`;
 * later reads carry `state`, and `changes` while the sender is IN_PROGRESS or in ERROR.
 */
export function senderDto(state: SandboxState, s: SenderRecord, now: number, opts: { creation?: boolean } = {}) {
  const st = state.senderState(s, now);
  const app = appOf(state, s);
  const changes = opts.creation || st === 'IN_PROGRESS'
    ? { status: 'IN_PROGRESS' }
    : st === 'ERROR' && s.failure
      ? { status: 'ERROR', errorCode: s.failure.errorCode, errorReason: s.failure.errorReason }
      : undefined;
  return {
    id: s.id,
    ...(opts.creation ? {} : { state: st }),
    ...(changes ? { changes } : {}),
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
    qualityRating: st === 'ACTIVE' ? 'GREEN' : 'UNKNOWN',
    bearerToken: s.bearerToken,
    cloudApi: true,
    created: iso(s.createdAt),
    modified: iso(opts.creation ? s.createdAt : state.senderModifiedAt(s, now)),
    numberProvider: 'CUSTOMER',
    // A number the Meta sandbox knows: as Sinch shows it (countryCode + national phoneNumber, details.displayName).
    ...senderNumberFields(state, s.phoneNumberId),
    businessManager: s.businessManager,
    compatibleRegions: [s.region.toLowerCase()],
  };
}

export type WhatsappSenderDto = ReturnType<typeof senderDto>;
