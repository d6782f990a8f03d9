/** What a test may do to a sender (admin routes and SinchSandbox.updateSender/planSender), checked once here. */
import { z } from 'zod';
import { CHANGE_STATUSES, QUALITY_RATINGS, SENDER_ERROR_CODES, SENDER_STATES, type SenderChange } from './sender-types.js';
import type { SandboxSenderUpdate } from './sinch-sandbox.types.js';
import { describeIssues } from './validation.js';

export type SenderUpdateInput = SandboxSenderUpdate;

const FAILED_STATUSES = new Set(['ERROR', 'REJECTED', 'MULTIPLE_WABA_ERROR']);

export const senderUpdateSchema = z
  .strictObject({
    state: z.enum(SENDER_STATES).optional(),
    changesStatus: z.enum(CHANGE_STATUSES).optional(),
    errorCode: z.enum(SENDER_ERROR_CODES).optional(),
    errorReason: z.string().min(1).max(1000).optional(),
    qualityRating: z.enum(QUALITY_RATINGS).optional(),
    displayName: z.string().min(1).max(255).optional(),
    comment: z.string().min(1).max(1000).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'at least one field is required')
  .refine(
    (u) => (u.errorCode === undefined && u.errorReason === undefined) || u.state === 'ERROR' || (u.changesStatus !== undefined && FAILED_STATUSES.has(u.changesStatus)),
    'errorCode and errorReason need state ERROR or changesStatus ERROR, REJECTED or MULTIPLE_WABA_ERROR',
  );

/** Validates an update (throws a readable Error) and turns it into a lifecycle step. */
export function senderChangeOf(input: SenderUpdateInput): SenderChange {
  const r = senderUpdateSchema.safeParse(input);
  if (!r.success) throw new SenderUpdateError(describeIssues(r.error).join('; '));
  const u = r.data;
  const status = u.changesStatus ?? (u.state === 'ERROR' ? 'ERROR' : u.state === 'IN_PROGRESS' ? 'IN_PROGRESS' : undefined);
  let changes: SenderChange['changes'];
  if (status && FAILED_STATUSES.has(status)) {
    const errorCode = u.errorCode ?? (status === 'ERROR' ? 'CANNOT_REGISTER_TO_CLOUD_API' : undefined);
    changes = {
      status,
      ...(errorCode ? { errorCode } : {}),
      errorReason: u.errorReason ?? `Sandbox: ${status === 'REJECTED' ? 'the change was rejected' : `sender failed with ${errorCode ?? status}`}.`,
    };
  } else if (status) {
    changes = { status };
  } else if (u.state) {
    // Entering ACTIVE, PENDING_VERIFICATION, SUSPENDED or INACTIVE ends any pending change.
    changes = null;
  }
  return {
    ...(u.state ? { state: u.state } : {}),
    ...(changes !== undefined ? { changes } : {}),
    ...(u.qualityRating ? { qualityRating: u.qualityRating } : {}),
    ...(u.displayName ? { displayName: u.displayName } : {}),
    ...(u.comment ? { comment: u.comment } : {}),
  };
}

export class SenderUpdateError extends Error {
  override name = 'SenderUpdateError';
}
