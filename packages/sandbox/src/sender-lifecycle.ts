/**
 * A WhatsApp sender's life (api-facts §8 "Sender lifecycle"): created IN_PROGRESS, then at
 * `senderActivationDelayMs` its planned outcome (ACTIVE unless a test planned another), then whatever
 * tests change (ERROR, `changes.status: REJECTED`, SUSPENDED, INACTIVE, quality rating, display name).
 * Every step is kept, so the state at any instant is a fold, and each step is one provisioning callback.
 */
import type { SenderChange, SenderChanges, SenderStateName, SenderStep, QualityRating } from './sender-types.js';
import type { SandboxState, SenderRecord } from './state.js';

/** A sender as it is at one instant. */
export interface SenderView {
  state: SenderStateName;
  changes?: SenderChanges;
  qualityRating: QualityRating;
  displayName: string;
  modifiedAt: number;
}

/** The outcome at the activation delay when no test planned another. */
export const DEFAULT_OUTCOME: SenderChange = { state: 'ACTIVE', changes: null, qualityRating: 'GREEN' };
/** The outcome for a number that needs verification (SinchSandbox.requireVerification). */
const VERIFICATION_OUTCOME: SenderChange = { state: 'PENDING_VERIFICATION', changes: null };

/** Trigger per state entered (WebhookWebhookTriggersEnum); SUSPENDED and IN_PROGRESS have none. */
const STATE_TRIGGER: Partial<Record<SenderStateName, string>> = {
  ACTIVE: 'WHATSAPP_SENDER_ACTIVE',
  ERROR: 'WHATSAPP_SENDER_ERROR',
  INACTIVE: 'WHATSAPP_SENDER_INACTIVE',
  PENDING_VERIFICATION: 'WHATSAPP_SENDER_PENDING_VERIFICATION',
};

export function activationAt(state: SandboxState, s: SenderRecord): number {
  return s.createdAt + state.config.senderActivationDelayMs;
}

/** What the sender becomes at the activation delay: a test's plan, PENDING_VERIFICATION for a number that needs verification, else ACTIVE. */
function plannedOutcome(state: SandboxState, s: SenderRecord): SenderChange {
  return state.senderPlans.get(s.phoneNumberId) ?? (state.phoneVerification.has(s.phoneNumberId) ? VERIFICATION_OUTCOME : DEFAULT_OUTCOME);
}

/** Every step that has happened by `now`, in time order. */
export function senderSteps(state: SandboxState, s: SenderRecord, now: number): SenderStep[] {
  const at = activationAt(state, s);
  const due = !s.activationCancelled && now >= at;
  // Fixed when it first comes due, so a later plan does not rewrite the sender's past.
  if (due) s.outcome ??= plannedOutcome(state, s);
  const activation: SenderStep[] = due ? [{ ...s.outcome!, at, activation: true }] : [];
  return [...activation, ...s.steps.filter((st) => st.at <= now)];
}

/** The sender after `steps` (in order). */
export function foldSender(s: SenderRecord, steps: SenderStep[]): SenderView {
  let view: SenderView = { state: 'IN_PROGRESS', changes: { status: 'IN_PROGRESS' }, qualityRating: 'UNKNOWN', displayName: s.displayName, modifiedAt: s.createdAt };
  for (const step of steps) view = applyStep(view, step);
  return view;
}

function applyStep(view: SenderView, step: SenderStep): SenderView {
  const next: SenderView = { ...view, modifiedAt: step.at };
  if (step.state) next.state = step.state;
  if (step.changes === null) delete next.changes;
  else if (step.changes) next.changes = { ...step.changes };
  if (step.qualityRating) next.qualityRating = step.qualityRating;
  if (step.displayName !== undefined) next.displayName = step.displayName;
  return next;
}

export function senderView(state: SandboxState, s: SenderRecord, now: number): SenderView {
  return foldSender(s, senderSteps(state, s, now));
}

/** The callback types one step causes, from what it changed. */
export function triggersOf(prev: SenderView, step: SenderStep, next: SenderView): string[] {
  const out: string[] = [];
  const stateTrigger = STATE_TRIGGER[next.state];
  if (next.state !== prev.state && stateTrigger) out.push(stateTrigger);
  if (next.changes?.status === 'REJECTED' && prev.changes?.status !== 'REJECTED') out.push('WHATSAPP_SENDER_REJECTED');
  if (!step.activation && next.qualityRating !== prev.qualityRating) out.push('WHATSAPP_SENDER_QUALITY_RATING_CHANGED');
  if (next.displayName !== prev.displayName) out.push('WHATSAPP_SENDER_DISPLAY_NAME_UPDATED');
  return out;
}

/**
 * Records a change of the sender now, and `later` changes after it (each `afterMs` on). A change replaces
 * whatever was still to come: before the activation delay the planned outcome (a sender failed while
 * IN_PROGRESS does not turn ACTIVE later), and steps scheduled ahead. The caller announces it (notifier.check()).
 */
export function recordSenderChange(state: SandboxState, s: SenderRecord, change: SenderChange, now: number, later: Array<SenderChange & { afterMs: number }> = []): void {
  if (!s.activationCancelled && now < activationAt(state, s)) s.activationCancelled = true;
  s.steps = s.steps.filter((st) => st.at <= now);
  s.steps.push({ ...change, at: now });
  for (const { afterMs, ...c } of later) s.steps.push({ ...c, at: now + afterMs });
}

/** A right verification code (or Meta's own verification): IN_PROGRESS now, ACTIVE after the activation delay. */
export function recordVerified(state: SandboxState, s: SenderRecord, now: number): void {
  recordSenderChange(state, s, { state: 'IN_PROGRESS', changes: { status: 'IN_PROGRESS' } }, now, [{ ...DEFAULT_OUTCOME, afterMs: state.config.senderActivationDelayMs }]);
}
