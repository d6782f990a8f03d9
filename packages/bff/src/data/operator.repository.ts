/**
 * The operator console's storage (tables of migration 005): its sessions, keyed by the SHA-256 of the cookie's
 * value (the value itself is never stored), and its audit log. Shared by every instance on the database.
 */
import type { OPERATOR_ACTIONS } from '../contract/enums.js';

export interface OperatorSessionRecord {
  /** SHA-256 of the cookie's value, base64url. */
  idHash: string;
  operator: string;
  csrfToken: string;
  createdAt: string;
  /** Epoch ms: the session ends unless a request comes before. */
  idleExpiresAt: number;
}

export interface AuditRecord {
  id: string;
  at: string;
  operator: string;
  action: (typeof OPERATOR_ACTIONS)[number];
  target?: string;
  outcome: 'ok' | 'error';
  /** The error code of a failed action. */
  detail?: string;
}

export interface OperatorRepository {
  insertSession(s: OperatorSessionRecord): Promise<void>;
  /**
   * The session when it is still live at `now`, its idle expiry moved to `idleExpiresAt` in the same statement;
   * undefined when unknown or idle too long (such a row is deleted).
   */
  touchSession(idHash: string, now: number, idleExpiresAt: number): Promise<OperatorSessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes every session idle past `now`; returns how many. */
  purgeSessions(now: number): Promise<number>;
  insertAudit(e: AuditRecord): Promise<void>;
  /** Newest first (at, then id), strictly older than `before` when given. */
  listAudit(q: { pageSize: number; before?: { at: string; id: string } }): Promise<AuditRecord[]>;
}
