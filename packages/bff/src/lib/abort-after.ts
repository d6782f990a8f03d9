/**
 * The timeout of one outbound call: a signal that aborts after `ms` (reason: a `TimeoutError`) or when
 * `outer` aborts (with its reason), whichever comes first. Call `clear()` once the call is over.
 *
 * Not `AbortSignal.any([AbortSignal.timeout(ms), outer])`: on Node 20 a composite signal holds its sources
 * weakly, and a timeout signal that only a composite refers to can be garbage-collected, its timer with it;
 * a request that never gets an answer is then never cut (issue 10: jobs silent towards Sinch for minutes
 * after a hung call). Here the pending timer holds the controller.
 */
export interface CallDeadline {
  readonly signal: AbortSignal;
  clear(): void;
}

export function abortAfter(ms: number, outer?: AbortSignal): CallDeadline {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new DOMException(`The call timed out after ${ms} ms`, 'TimeoutError')), ms);
  const onOuter = () => ac.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: ac.signal,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
