/**
 * The pipeline of one additional number (added by the ASP, or queued by a lookup of the WABA's numbers):
 * sender → app → webhook → activation, the same step functions as the first number's, each retried like a
 * step (reconcile before create, intents keyed by the number). A failure ends only this number
 * (`number_failed`: its `error` and status `failed`); the job keeps its state. Every stage is skipped when the
 * record shows it done, so a restart resumes where the number stood.
 */
import type { StepName } from './onboarding.types.js';
import type { StepFailure } from './sinch-error-map.js';
import { activate } from './steps/activation.step.js';
import { runApp } from './steps/app.step.js';
import { runSender } from './steps/sender.step.js';
import type { StepContext } from './steps/step-context.js';
import { runWebhook } from './steps/webhook.step.js';
import type { NumberTarget } from './phone-numbers.js';

/** Runs `body` with the runner's retries of transient failures; resolves to the failure to record (or undefined). */
export type Retrying = (step: StepName, body: () => Promise<void>) => Promise<StepFailure | undefined>;

export async function runNumber(ctx: StepContext, phoneNumberId: string, retrying: Retrying): Promise<void> {
  const entry = () => ctx.job.onboarding.phoneNumbers.find((p) => p.phoneNumberId === phoneNumberId);
  const target = (): NumberTarget => ({ phoneNumberId, senderId: entry()!.senderId!, primary: false });
  const stages: Array<{ step: StepName; done: () => boolean; run: () => Promise<void> }> = [
    {
      step: 'sender',
      done: () => entry()?.senderId !== undefined && !ctx.job.internal.pendingNumbers.some((p) => p.phoneNumberId === phoneNumberId),
      run: async () => {
        const p = ctx.job.internal.pendingNumbers.find((x) => x.phoneNumberId === phoneNumberId);
        if (!p) return;
        const target = { wabaId: ctx.job.internal.signup!.wabaId, phoneNumberId, withCode: p.withCode, primary: false };
        await runSender(ctx, p.metaLocalStorage ? { ...target, metaLocalStorage: p.metaLocalStorage } : target);
      },
    },
    { step: 'app', done: () => entry()?.appId !== undefined, run: () => runApp(ctx, target()) },
    {
      step: 'webhook',
      done: () => entry()?.webhookId !== undefined || ctx.job.internal.numbers?.[phoneNumberId]?.webhookSkipped === true,
      run: () => runWebhook(ctx, target()),
    },
    {
      step: 'activation',
      done: () => ['ACTIVE', 'SUSPENDED', 'INACTIVE'].includes(entry()?.senderState ?? ''),
      run: async () => {
        const t = target();
        const { senderId } = t;
        // Persisted on the first wait, so a restart resumes the same activation timeout instead of a new one.
        const since =
          ctx.job.internal.extraActivationStartedAt?.[senderId] ??
          (await ctx.apply({ type: 'extra_activation_started', senderId })).internal.extraActivationStartedAt![senderId]!;
        await activate(ctx, t, since);
      },
    },
  ];
  for (const stage of stages) {
    if (ctx.signal.aborted || entry()?.error) return;
    if (stage.done()) continue;
    const failure = await retrying(stage.step, stage.run);
    if (ctx.signal.aborted) return;
    if (failure) {
      await ctx.apply({ type: 'number_failed', phoneNumberId, step: stage.step, error: failure.error });
      ctx.log.warn({ jobId: ctx.id, phoneNumberId, step: stage.step, errorCode: failure.error.code }, 'additional number failed');
      return;
    }
    ctx.log.info({ jobId: ctx.id, phoneNumberId, step: stage.step }, 'additional number step done');
  }
}
