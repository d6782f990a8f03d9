/**
 * Sinch has no idempotency keys: a creating call cut by our timeout can still land after the next attempt's
 * reconcile lookup found nothing, and that attempt then creates a second resource. When a resource's intent
 * shows more than one attempt, its duplicates are possible: this lists our marked resources (subprojects by
 * the session label, apps by the display_name marker or claimed identity, as reconcile recognises them) and
 * deletes every one that is ours but not the recorded one. Run right after the create and again before the
 * number is marked active, when a late request has had the most time to land. Deleting is idempotent (404 is
 * success). A transient failure is thrown (the runner retries the step); any other is logged, never failing
 * an onboarding whose resources all exist. Conversation webhooks need no sweep: Sinch refuses a second
 * webhook with the same target on an app (400), so a late create cannot duplicate one.
 */
import type { ConversationApp } from '../../clients/sinch/conversation.client.js';
import { SinchApiError } from '../../clients/sinch/errors.js';
import { numberIntentKey, type NumberTarget } from '../phone-numbers.js';
import { mapSinchError } from '../sinch-error-map.js';
import type { StepName } from '../onboarding.types.js';
import { SESSION_LABEL, type StepContext } from './step-context.js';

const uncertain = (ctx: StepContext, key: string): boolean => (ctx.job.internal.intents[key]?.attempts ?? 0) > 1;

async function deleteAll(ctx: StepContext, step: StepName, what: string, ids: string[], del: (id: string) => Promise<void>): Promise<void> {
  for (const id of ids) {
    try {
      await del(id);
    } catch (e) {
      if (e instanceof SinchApiError && e.httpStatus === 404) continue;
      const f = mapSinchError(step, e);
      if (f.transient || ctx.signal.aborted) throw f;
      ctx.log.warn({ jobId: ctx.id, [what]: id, errorCode: f.error.code }, `duplicate ${what} could not be deleted`);
      continue;
    }
    ctx.log.warn({ jobId: ctx.id, [what]: id }, `duplicate ${what} deleted (a late create after a cut attempt)`);
  }
}

async function guarded(ctx: StepContext, step: StepName, list: () => Promise<string[]>): Promise<string[]> {
  try {
    return await list();
  } catch (e) {
    const f = mapSinchError(step, e);
    if (f.transient || ctx.signal.aborted) throw f;
    ctx.log.warn({ jobId: ctx.id, step, errorCode: f.error.code }, 'duplicate sweep could not list resources');
    return [];
  }
}

/** Deletes our subprojects other than the recorded one, when the subproject intent had more than one attempt. */
export async function sweepSubprojects(ctx: StepContext, step: StepName): Promise<void> {
  const keep = ctx.job.onboarding.subprojectId;
  if (!keep || !uncertain(ctx, 'subproject')) return;
  const { subprojects } = ctx.sinch;
  const extra = await guarded(ctx, step, async () =>
    (await subprojects.findByLabel(SESSION_LABEL, ctx.id, ctx.signal)).map((s) => s.subprojectId).filter((id) => id !== keep),
  );
  await deleteAll(ctx, step, 'subprojectId', extra, (id) => subprojects.delete(id, ctx.signal));
}

/** Deletes a number's apps other than the recorded one, when its app intent had more than one attempt. */
export async function sweepApps(ctx: StepContext, step: StepName, t: NumberTarget, isOurs: (a: ConversationApp) => boolean): Promise<void> {
  const o = ctx.job.onboarding;
  const keep = o.phoneNumbers.find((p) => p.phoneNumberId === t.phoneNumberId)?.appId ?? (t.primary ? o.appId : undefined);
  if (!keep || !uncertain(ctx, numberIntentKey('app', t))) return;
  const region = ctx.job.internal.signup!.region;
  const { conversation } = ctx.sinch;
  const extra = await guarded(ctx, step, async () =>
    (await conversation.listApps(region, o.subprojectId!, ctx.signal))
      .filter(isOurs)
      .map((a) => a.id)
      .filter((id) => id !== keep),
  );
  await deleteAll(ctx, step, 'appId', extra, (id) => conversation.deleteApp(region, o.subprojectId!, id, ctx.signal));
}
