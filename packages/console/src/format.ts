/** How the console writes times, states and codes: the same everywhere, in UTC (the API's days are UTC days). */

/** `2026-12-02 14:05:09 UTC`, or an em dash when there is no time. */
export function when(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `awaiting_phone_number` → `awaiting phone number`. */
export function words(code: string | undefined): string {
  return code ? code.replace(/_/g, ' ') : '—';
}

/** A stage or state name with a capital first letter: `element_loaded` → `Element loaded`. */
export function title(code: string): string {
  const w = words(code);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** The tone of a state's badge (its text always says the state: the colour only repeats it). */
export function tone(state: string | undefined): 'bad' | 'good' | 'busy' | 'idle' {
  switch (state) {
    case 'failed':
    case 'failing':
    case 'error':
    case 'revoked':
    case 'suspended':
    case 'inactive':
      return 'bad';
    case 'completed':
    case 'delivered':
    case 'ok':
    case 'active':
    case 'done':
    case 'used':
      return 'good';
    case 'running':
    case 'queued':
    case 'warming_up':
    case 'waiting':
    case 'pending':
    case 'verification_required':
      return 'busy';
    default:
      return 'idle';
  }
}

/** Today's UTC day (`2026-12-02`) minus `days`. */
export function utcDay(offsetDays = 0, now = new Date()): string {
  return new Date(now.getTime() - offsetDays * 86_400_000).toISOString().slice(0, 10);
}
