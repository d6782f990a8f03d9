/**
 * The signup funnel, computed: per-session facts in (data/session-event.repository.ts `funnelFacts`, the same on
 * both engines), the `GET /v1/funnel` figures out. Pure: no I/O, `now` passed in. The operator console's funnel and
 * the Prometheus counters (metrics/funnel-meter.ts) use the same {@link reachedStage} and {@link dropOf}.
 *
 * Stages (`FUNNEL_STAGES`), each implied by every later one (a lost fire-and-forget report does not make the
 * funnel widen): created → element_loaded (milestone `loaded`) → dialog_opened (`start` without `popup_blocked`,
 * or any of `popup_closed`, `cancelled`, `meta_error`, `finished`, or an abandonment the element posted) →
 * finished (`finished`, or a submitted signup) → sender_created (the first number has a sender id) → completed.
 *
 * A session has at most one drop cause: the last thing that happened to it.
 * 1. A completed session did not drop.
 * 2. Otherwise the latest of its drop events and its progress events decides. Drop events: the milestones
 *    sdk_blocked, sdk_timeout, popup_blocked, popup_closed, cancelled (detail: Meta's current_step), meta_error
 *    (detail: Meta's code), the element's abandonment (cancel / error, the same two causes), and the job's failure
 *    (code_expired when its error code is code_expired, else failed with the code as detail, at the job's last
 *    change). Progress events: `start`, `finished`, the signup. A drop event that is the latest is the cause.
 * 3. Else a session that expired without a signup dropped as expired_unused; any other session is still under
 *    way (figures of recent sessions move: one that retries after popup_closed and finishes leaves the drops).
 */
import { FUNNEL_DROP_CAUSES, FUNNEL_STAGES } from '../contract/enums.js';
import type { FunnelFacts, SessionEventRepository } from '../data/session-event.repository.js';
import { ValidationError } from '../errors.js';

export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelDropCause = (typeof FUNNEL_DROP_CAUSES)[number];
export type FunnelGroupBy = 'day' | 'week' | 'total';

export interface FunnelDrop {
  cause: FunnelDropCause;
  detail?: string;
}

export interface FunnelCounts {
  stages: Record<FunnelStage, number>;
  drops: Array<FunnelDrop & { count: number }>;
}

/** The shape of `FunnelResponseSchema` (http/schemas.ts; the route checks the two agree at compile time). */
export interface FunnelReport {
  from: string;
  to: string;
  groupBy: FunnelGroupBy;
  stageOrder: FunnelStage[];
  periods: Array<FunnelCounts & { start: string; end: string }>;
  totals: FunnelCounts;
}

const DIALOG_MILESTONES = new Set(['popup_closed', 'cancelled', 'meta_error', 'finished']);
const DROP_MILESTONES = new Set(['sdk_blocked', 'sdk_timeout', 'popup_blocked', 'popup_closed', 'cancelled', 'meta_error']);
const PROGRESS_MILESTONES = new Set(['start', 'finished']);

/** The index in FUNNEL_STAGES of the furthest stage the session reached (0 = created). */
export function reachedStage(f: FunnelFacts): number {
  const has = (m: string) => f.milestones.some((e) => e.milestone === m);
  if (f.state === 'completed') return 5;
  if (f.senderCreated) return 4;
  if (f.signupAt !== undefined || has('finished')) return 3;
  if ((has('start') && !has('popup_blocked')) || f.milestones.some((e) => DIALOG_MILESTONES.has(e.milestone)) || f.abandonment) return 2;
  if (has('loaded')) return 1;
  return 0;
}

/** Why the session dropped out (see the module's header), or undefined when it completed or is still under way. */
export function dropOf(f: FunnelFacts, now: number): FunnelDrop | undefined {
  if (f.state === 'completed') return undefined;
  const events: Array<{ at: string; drop?: FunnelDrop }> = [];
  for (const e of f.milestones) {
    if (PROGRESS_MILESTONES.has(e.milestone)) events.push({ at: e.at });
    if (!DROP_MILESTONES.has(e.milestone)) continue;
    const detail = e.milestone === 'cancelled' ? e.currentStep : e.milestone === 'meta_error' ? e.errorCode : undefined;
    events.push({ at: e.at, drop: withDetail(e.milestone as FunnelDropCause, detail) });
  }
  if (f.signupAt !== undefined) events.push({ at: f.signupAt });
  const a = f.abandonment;
  if (a) events.push({ at: a.at, drop: a.kind === 'cancel' ? withDetail('cancelled', a.currentStep) : withDetail('meta_error', a.code) });
  if (f.state === 'failed') {
    events.push({ at: f.updatedAt, drop: f.errorCode === 'code_expired' ? { cause: 'code_expired' } : withDetail('failed', f.errorCode) });
  }
  // The latest decides; on a tie a drop wins (a failure saved in the same millisecond as the signup is later).
  let last: (typeof events)[number] | undefined;
  for (const e of events) if (!last || e.at > last.at || (e.at === last.at && e.drop)) last = e;
  if (last?.drop) return last.drop;
  const expired = f.state === 'expired' || (f.signupAt === undefined && Date.parse(f.expiresAt) <= now);
  return expired && f.signupAt === undefined ? { cause: 'expired_unused' } : undefined;
}

const withDetail = (cause: FunnelDropCause, detail: string | undefined): FunnelDrop => (detail ? { cause, detail } : { cause });

const DAY_MS = 86_400_000;

/** The start of the period `t` falls in (UTC): its day, its ISO week's Monday, or the range's start. */
function periodStart(t: number, groupBy: FunnelGroupBy, from: number): number {
  if (groupBy === 'total') return from;
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  if (groupBy === 'day') return day;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return day - weekday * DAY_MS;
}

function nextStart(start: number, groupBy: FunnelGroupBy, to: number): number {
  return groupBy === 'total' ? to : start + (groupBy === 'day' ? DAY_MS : 7 * DAY_MS);
}

class Tally {
  readonly stages = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>;
  readonly #drops = new Map<string, FunnelDrop & { count: number }>();

  add(reached: number, drop: FunnelDrop | undefined): void {
    for (let i = 0; i <= reached; i++) this.stages[FUNNEL_STAGES[i]!]++;
    if (!drop) return;
    const k = `${drop.cause}\u0000${drop.detail ?? ''}`;
    const d = this.#drops.get(k);
    if (d) d.count++;
    else this.#drops.set(k, { ...drop, count: 1 });
  }

  /** Drops in FUNNEL_DROP_CAUSES order, then most frequent detail first. */
  counts(): FunnelCounts {
    const order = (c: FunnelDropCause) => FUNNEL_DROP_CAUSES.indexOf(c);
    const drops = [...this.#drops.values()].sort(
      (a, b) => order(a.cause) - order(b.cause) || b.count - a.count || (a.detail ?? '').localeCompare(b.detail ?? ''),
    );
    return { stages: { ...this.stages }, drops };
  }
}

/**
 * The funnel of the sessions created in [from, to): one period per UTC day, per ISO week (from its Monday) or one
 * for the range, every period listed (empty ones with zeros), the first and last clipped to the range.
 */
export function funnelOf(facts: readonly FunnelFacts[], q: { from: number; to: number; groupBy: FunnelGroupBy }, now: number): FunnelReport {
  const periods = new Map<number, Tally>();
  for (let s = periodStart(q.from, q.groupBy, q.from); s < q.to; s = nextStart(s, q.groupBy, q.to)) periods.set(s, new Tally());
  const totals = new Tally();
  for (const f of facts) {
    const t = Date.parse(f.createdAt);
    if (!(t >= q.from && t < q.to)) continue;
    const reached = reachedStage(f);
    const drop = dropOf(f, now);
    totals.add(reached, drop);
    periods.get(periodStart(t, q.groupBy, q.from))?.add(reached, drop);
  }
  const iso = (t: number) => new Date(t).toISOString();
  return {
    from: iso(q.from),
    to: iso(q.to),
    groupBy: q.groupBy,
    stageOrder: [...FUNNEL_STAGES],
    periods: [...periods].map(([start, tally]) => ({
      start: iso(Math.max(start, q.from)),
      end: iso(Math.min(nextStart(start, q.groupBy, q.to), q.to)),
      ...tally.counts(),
    })),
    totals: totals.counts(),
  };
}

/** The longest range `GET /v1/funnel` answers for. */
export const FUNNEL_MAX_DAYS = 366;

export interface FunnelRange {
  from: number;
  to: number;
  groupBy: FunnelGroupBy;
}

/**
 * The range asked for (ISO dates or timestamps; a date is its UTC midnight): `to` defaults to now, `from` to 7 days
 * before `to`, `groupBy` to day. A `from` not before `to`, or a range over {@link FUNNEL_MAX_DAYS}, is a 400 naming
 * `query.from` (`where` is the prefix, as parseOrThrow's).
 */
export function funnelRange(q: { from?: string; to?: string; groupBy?: FunnelGroupBy }, now: number, where = 'query'): FunnelRange {
  const to = q.to !== undefined ? Date.parse(q.to) : now;
  const from = q.from !== undefined ? Date.parse(q.from) : to - 7 * DAY_MS;
  const field = `${where}.from`;
  if (!(from < to)) throw new ValidationError(`Invalid ${field}: must be before to`, field);
  if (to - from > FUNNEL_MAX_DAYS * DAY_MS) throw new ValidationError(`Invalid ${field}: the range is at most ${FUNNEL_MAX_DAYS} days`, field);
  return { from, to, groupBy: q.groupBy ?? 'day' };
}

/** The funnel of a range, read and computed: what `GET /v1/funnel` and the operator console answer. */
export async function readFunnel(repo: Pick<SessionEventRepository, 'funnelFacts'>, range: FunnelRange, now: number): Promise<FunnelReport> {
  const facts = await repo.funnelFacts(new Date(range.from).toISOString(), new Date(range.to).toISOString());
  return funnelOf(facts, range, now);
}
