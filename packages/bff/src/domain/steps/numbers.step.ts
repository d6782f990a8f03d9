/**
 * Number lookup: the finish named no phone number (coexistence, WABA-only), so the WABA's numbers are asked
 * for through the configured NumberLookup (Graph). Runs once per signup, first (while the ES code lives):
 * - system-user token: the code is not spent; with one number found it goes on to Sinch as that number's
 *   `authenticationCode`;
 * - app secret: the exchange spends the code (whatever its outcome), so it is dropped before the call.
 * With several numbers the customer picks (minutes later: the code is dead by then and is dropped). A failed
 * lookup is not repeated here (the Graph client repeats its reads): the job waits for the ASP to add a number.
 */
import { NumberLookupError, type NumberLookup } from '../number-lookup.js';
import { UNRESOLVED_NUMBER } from '../number-resolution.js';
import type { StepContext } from './step-context.js';

export async function runNumberLookup(ctx: StepContext, lookup: NumberLookup | undefined): Promise<void> {
  const job = ctx.job;
  const via = job.internal.lookup!.via;
  const code = ctx.code(UNRESOLVED_NUMBER);
  if (!lookup || lookup.via !== via) {
    ctx.dropCode(UNRESOLVED_NUMBER);
    await ctx.apply({ type: 'numbers_lookup_failed', reason: 'not_configured', message: `The ${via} number lookup this signup was accepted with is no longer configured` });
    return;
  }
  if (via === 'app_secret') ctx.dropCode(UNRESOLVED_NUMBER);
  let numbers;
  try {
    numbers = await lookup.list(job.internal.signup!.wabaId, via === 'app_secret' ? code : undefined, ctx.signal);
  } catch (e) {
    if (ctx.signal.aborted) return;
    ctx.dropCode(UNRESOLVED_NUMBER);
    const f = e instanceof NumberLookupError ? e : new NumberLookupError('unknown', 'The number lookup failed');
    ctx.log.warn({ jobId: ctx.id, via, reason: f.reason, detail: f.message }, 'number lookup failed');
    await ctx.apply({ type: 'numbers_lookup_failed', reason: f.reason, message: f.message });
    return;
  }
  if (numbers.length === 1 && code !== undefined && via === 'system_user_token') ctx.keepCode(numbers[0]!.phoneNumberId, code);
  ctx.dropCode(UNRESOLVED_NUMBER);
  await ctx.apply({ type: 'numbers_found', numbers });
  ctx.log.info({ jobId: ctx.id, via, found: numbers.length }, 'phone numbers looked up');
}
