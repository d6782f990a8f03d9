/** The session a `POST /v1/sessions` or `POST /v1/signup-links` body asks for, and the id of a new signup link. */
import { randomBytes } from 'node:crypto';
import { REGIONS, type SessionInput } from '../domain/onboarding.types.js';
import type { CreateSessionBody } from '../http/schemas.js';

export function toSessionInput(body: CreateSessionBody, kind: SessionInput['kind'], ttlSeconds: number): SessionInput {
  return {
    customer: body.customer,
    regions: body.regions ?? { allowed: [...REGIONS] },
    ...(body.prefill ? { prefill: body.prefill } : {}),
    ...(body.featureType !== undefined ? { featureType: body.featureType } : {}),
    ...(body.webhookTarget ? { webhookTarget: body.webhookTarget } : {}),
    ttlSeconds,
    kind,
  };
}

export const newLinkId = () => `lnk_${randomBytes(12).toString('base64url')}`;
