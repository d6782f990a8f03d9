/** ASP callbacks (outbox rows) with their delivery attempts, as the console shows them (CallbackDeliverySchema). */
import type { OutboxEvent, OutboxRepository } from '../data/outbox.repository.js';
import type { CallbackDelivery } from '../http/console.schemas.js';

/** The callback type from the stored body (`onboarding.completed`, …); the outbox's state when unreadable. */
function typeOf(e: OutboxEvent): string {
  try {
    const t = (JSON.parse(e.body) as { type?: unknown }).type;
    if (typeof t === 'string') return t;
  } catch {
    // fall through
  }
  return e.state;
}

export async function callbackViews(outbox: OutboxRepository, events: readonly OutboxEvent[]): Promise<CallbackDelivery[]> {
  const log = await outbox.attemptsOf(events.map((e) => e.id));
  return events.map((e) => ({
    id: e.id,
    onboardingId: e.onboardingId,
    type: typeOf(e),
    createdAt: e.createdAt,
    attempts: e.attempts,
    ...(e.deliveredAt ? { deliveredAt: e.deliveredAt } : { nextAttemptAt: new Date(e.nextAttemptAt).toISOString() }),
    ...(e.lastStatus !== undefined ? { lastStatus: e.lastStatus } : {}),
    ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
    attemptLog: log.get(e.id) ?? [],
  }));
}
