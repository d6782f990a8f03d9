/**
 * Operator sessions: a random 256-bit id in the cookie, only its SHA-256 in the database (operator_sessions), so
 * a copy of the database opens no session and every instance on it knows every session. Each request moves the
 * idle expiry; an idle session is gone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OperatorRepository, OperatorSessionRecord } from '../data/operator.repository.js';

/** The console's cookie (Path=/console). */
export const SESSION_COOKIE = 'console_session';

export const hashSessionId = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** A cookie value as this module makes them: 43 base64url characters. */
const SESSION_VALUE = /^[A-Za-z0-9_-]{43}$/;

export class OperatorSessions {
  constructor(
    private readonly repo: OperatorRepository,
    private readonly idleTimeoutMs: number,
  ) {}

  /** A new session for `operator`: the cookie's value (the caller sets it, never logs it) and the record. */
  async create(operator: string, now: number): Promise<{ value: string; session: OperatorSessionRecord }> {
    const value = randomBytes(32).toString('base64url');
    const session: OperatorSessionRecord = {
      idHash: hashSessionId(value),
      operator,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: new Date(now).toISOString(),
      idleExpiresAt: now + this.idleTimeoutMs,
    };
    await this.repo.insertSession(session);
    // Idle sessions of everyone are dropped now and then (a sign-in is rare enough to carry it).
    await this.repo.purgeSessions(now);
    return { value, session };
  }

  /** The live session of this cookie value, its idle expiry moved; undefined when unknown or idle too long. */
  async resume(value: string | undefined, now: number): Promise<OperatorSessionRecord | undefined> {
    if (!value || !SESSION_VALUE.test(value)) return undefined;
    return this.repo.touchSession(hashSessionId(value), now, now + this.idleTimeoutMs);
  }

  async end(session: OperatorSessionRecord): Promise<void> {
    await this.repo.deleteSession(session.idHash);
  }
}
