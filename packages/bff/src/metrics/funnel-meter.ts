/**
 * The funnel's Prometheus counters, counted as it happens: a session counts at a stage the first time it reaches
 * it (`whatsapp_signup_funnel_sessions_total{stage}`), and at a drop cause the first time that cause is its drop
 * (`whatsapp_signup_funnel_drops_total{cause}`). Stage and cause come from domain/funnel.ts (`reachedStage`,
 * `dropOf`), as in `GET /v1/funnel`; a counter never goes back, so a session that retries after popup_closed and
 * completes stays counted at popup_closed here while the funnel's drops no longer list it, and one whose popup is
 * blocked after its start was counted at dialog_opened when it started (the funnel, computed later, does not count it).
 *
 * Fed by the store's onChange (every onboarding change) and by `POST /v1/session/events` (each first report of a
 * milestone). A session is followed from its insert until it completes, fails or expires; one this process first
 * hears of later (after a restart, or a failed one retried) is taken as it stands, without counting what it had
 * already reached. With several instances each counts the changes it hears, its own and (through the change feed)
 * the others': query one instance's counters, or take the max across instances, not the sum.
 */
import { FUNNEL_STAGES } from '../contract/enums.js';
import type { FunnelFacts, SessionEvent } from '../data/session-event.repository.js';
import { dropOf, reachedStage, type FunnelDropCause, type FunnelStage } from '../domain/funnel.js';
import type { Onboarding } from '../domain/onboarding.types.js';

interface Followed {
  facts: FunnelFacts;
  /** The furthest stage counted (index in FUNNEL_STAGES; -1 before `created`). */
  reached: number;
  drops: Set<FunnelDropCause>;
}

/** An onboarding's expiry is not on the public record: the meter sees it as the job's `expired` state. */
const NEVER = '9999-12-31T23:59:59.999Z';
const DONE = new Set(['completed', 'failed', 'expired']);

export class FunnelMeter {
  readonly #sessions = new Map<string, Followed>();

  constructor(private readonly count: { stage(stage: FunnelStage): void; drop(cause: FunnelDropCause): void }) {}

  /** A change of an onboarding. */
  job(o: Onboarding): void {
    const known = this.#sessions.get(o.id);
    const senderId = o.phoneNumbers[0]?.senderId;
    const facts: FunnelFacts = {
      sessionId: o.id,
      createdAt: o.createdAt,
      expiresAt: NEVER,
      state: o.state,
      updatedAt: o.updatedAt,
      ...(o.error ? { errorCode: o.error.code } : {}),
      // The signup sets `event`; the change that first carries it is when it was submitted.
      ...(o.event !== undefined ? { signupAt: known?.facts.signupAt ?? o.updatedAt } : {}),
      senderCreated: senderId !== undefined,
      ...(o.abandonment ? { abandonment: o.abandonment } : {}),
      milestones: known?.facts.milestones ?? [],
    };
    if (known) known.facts = facts;
    // Its insert (nothing happened to it yet) is counted from `created`; any other first sight is taken as it stands.
    const fresh = o.createdAt === o.updatedAt && o.state === 'warming_up';
    this.#update(o.id, known ?? this.#follow(facts, !fresh));
  }

  /** The first report of a milestone (a session this process has not followed is taken as created before). */
  milestone(e: SessionEvent): void {
    const { sessionId, ...m } = e;
    const followed =
      this.#sessions.get(sessionId) ??
      this.#follow({ sessionId, createdAt: e.at, expiresAt: NEVER, state: 'awaiting_signup', updatedAt: e.at, senderCreated: false, milestones: [] }, false, 0);
    followed.facts.milestones = [...followed.facts.milestones, m];
    this.#update(sessionId, followed);
  }

  #follow(facts: FunnelFacts, asItStands: boolean, reached = -1): Followed {
    const drop = asItStands ? dropOf(facts, 0) : undefined;
    const f: Followed = { facts, reached: asItStands ? reachedStage(facts) : reached, drops: new Set(drop ? [drop.cause] : []) };
    this.#sessions.set(facts.sessionId, f);
    return f;
  }

  #update(id: string, f: Followed): void {
    const reached = reachedStage(f.facts);
    for (let i = f.reached + 1; i <= reached; i++) this.count.stage(FUNNEL_STAGES[i]!);
    f.reached = Math.max(f.reached, reached);
    const drop = dropOf(f.facts, 0);
    if (drop && !f.drops.has(drop.cause)) {
      f.drops.add(drop.cause);
      this.count.drop(drop.cause);
    }
    if (DONE.has(f.facts.state)) this.#sessions.delete(id);
  }
}
