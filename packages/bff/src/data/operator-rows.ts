/** The rows of migration 005's operator tables as both engines return them, and their records (written once). */
import type { AuditRecord, OperatorSessionRecord } from './operator.repository.js';

export interface OperatorSessionRow {
  id_hash: string;
  operator: string;
  csrf_token: string;
  created_at: string;
  idle_expires_at: number | string;
}

export const toOperatorSession = (r: OperatorSessionRow): OperatorSessionRecord => ({
  idHash: r.id_hash,
  operator: r.operator,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  idleExpiresAt: Number(r.idle_expires_at),
});

export interface AuditRow {
  id: string;
  at: string;
  operator: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}

export const toAudit = (r: AuditRow): AuditRecord => ({
  id: r.id,
  at: r.at,
  operator: r.operator,
  action: r.action as AuditRecord['action'],
  outcome: r.outcome as AuditRecord['outcome'],
  ...(r.target !== null ? { target: r.target } : {}),
  ...(r.detail !== null ? { detail: r.detail } : {}),
});
