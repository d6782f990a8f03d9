/**
 * Warm-up: create the subproject labelled with the session id, wait until it is usable, assign the Meta
 * solution. Runs when the session is created so create-sender can go out the moment the ES code arrives.
 */
import { classifySinchError } from '../../clients/sinch/classify.js';
import { SinchApiError } from '../../clients/sinch/errors.js';
import { backoff } from '../../lib/backoff.js';
import { POLL } from '../clock.js';
import { mapSinchError, StepFailure } from '../sinch-error-map.js';
import { registerProvisioningWebhook } from './provisioning-webhook.js';
import { SESSION_LABEL, type StepContext } from './step-context.js';
import { sweepSubprojects } from './sweep-duplicates.js';

export async function runWarmUp(ctx: StepContext): Promise<void> {
  let job = ctx.job;
  const { subprojects, provisioning } = ctx.sinch;

  if (!job.onboarding.subprojectId) {
    if (job.internal.intents.subproject) {
      await ctx.settle('subproject');
      // We may have created it already (crash, lost response): look it up by label before creating.
      const found = await subprojects.findByLabel(SESSION_LABEL, ctx.id, ctx.signal);
      const oldest = found.sort((a, b) => a.createTime.localeCompare(b.createTime))[0];
      if (oldest) {
        ctx.log.info({ jobId: ctx.id, subprojectId: oldest.subprojectId }, 'subproject reconciled');
        job = await ctx.apply({ type: 'subproject_recorded', subprojectId: oldest.subprojectId });
      }
    }
    if (!job.onboarding.subprojectId) {
      job = await ctx.recordIntent('subproject');
      const labels = { ...job.onboarding.customer.labels, [SESSION_LABEL]: ctx.id };
      const sp = await subprojects.create({ displayName: job.onboarding.customer.displayName, labels }, ctx.signal);
      job = await ctx.apply({ type: 'subproject_recorded', subprojectId: sp.subprojectId });
      ctx.log.info({ jobId: ctx.id, subprojectId: sp.subprojectId }, 'subproject created');
    }
    await sweepSubprojects(ctx, 'warm_up');
  }
  const subprojectId = job.onboarding.subprojectId!;

  if (!job.internal.subprojectReady) {
    const since = Math.max(
      Date.parse(job.internal.intents.subproject?.at ?? job.onboarding.createdAt),
      job.internal.readinessFrom ? Date.parse(job.internal.readinessFrom) : 0,
    );
    const limit = ctx.settings.subprojectReadyTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await provisioning.probe(subprojectId, ctx.signal);
        break;
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        // A young subproject answers 401/403/404 until Sinch has propagated it (~30 s); 429/5xx/timeouts: keep trying too.
        if (!classifySinchError(e, { step: 'warm_up', call: 'probe' }).keepWaiting) throw mapSinchError('warm_up', e);
        if (ctx.clock.now() - since > limit) {
          throw new StepFailure({
            code: 'subproject_not_ready',
            message: `The new subproject was not usable within ${limit} ms`,
            retryable: true,
            sinch: e instanceof SinchApiError ? { status: e.httpStatus, code: e.sinchCode, message: e.sinchMessage } : undefined,
          }, true); // transient: retried within warm-up's retry horizon
        }
        if (attempt === 0) await ctx.apply({ type: 'step_waiting', step: 'warm_up', note: 'waiting for the new subproject' });
        await ctx.clock.sleep(backoff(attempt, { ...ctx.timing.readiness, ...POLL }, ctx.random), ctx.signal);
      }
    }
    job = await ctx.apply({ type: 'subproject_ready' }, { type: 'step_resumed', step: 'warm_up' });
  }

  const { solutionId } = ctx.settings;
  if (solutionId && ctx.settings.unconfirmed.assignSolutionPerSubproject && !job.internal.solutionAssigned) {
    try {
      await provisioning.assignSolution(subprojectId, solutionId, ctx.signal);
    } catch (e) {
      // Already assigned (a repeat after a lost response) is success.
      if (!(e instanceof SinchApiError && e.sinchCode === 'solution_cannot_be_reassigned')) {
        throw mapSinchError({ step: 'warm_up', call: 'assign_solution' }, e);
      }
    }
    await ctx.apply({ type: 'solution_assigned' });
  }
  await registerProvisioningWebhook(ctx);
}
