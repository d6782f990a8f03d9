/**
 * A signup link's lifecycle, written once for both engines: where it stands (revoked wins, then used, then
 * expired, else active; `SIGNUP_LINK_STATES`) as SQL for the list's filter and as code for the view, and the
 * query of links with their session's customer and first `link_opened` milestone. `p(value)` adds a parameter
 * and returns its placeholder (`?` for SQLite, `$n` for PostgreSQL).
 */
import type { ListLinksQuery, SignupLink, SignupLinkDetail, SignupLinkState } from './link.repository.js';
import type { Session } from '../domain/onboarding.types.js';
import type { LinkRow } from './rows.js';
import { toLink } from './rows.js';

type Param = (value: unknown) => string;

/** Where a link stands at `nowIso`. */
export function linkStateOf(l: SignupLink, nowIso: string): SignupLinkState {
  if (l.revokedAt) return 'revoked';
  if (l.usedAt) return 'used';
  return l.expiresAt <= nowIso ? 'expired' : 'active';
}

/** The same rule as {@link linkStateOf}, as a WHERE condition on `http_signup_links l`. */
function stateWhere(state: SignupLinkState, nowIso: string, p: Param): string {
  switch (state) {
    case 'revoked':
      return 'l.revoked_at IS NOT NULL';
    case 'used':
      return 'l.revoked_at IS NULL AND l.used_at IS NOT NULL';
    case 'expired':
      return `l.revoked_at IS NULL AND l.used_at IS NULL AND l.expires_at <= ${p(nowIso)}`;
    case 'active':
      return `l.revoked_at IS NULL AND l.used_at IS NULL AND l.expires_at > ${p(nowIso)}`;
  }
}

const SELECT = `SELECT l.*, e.at AS opened_at, s.session_json
  FROM http_signup_links l
  JOIN sessions s ON s.id = l.session_id
  LEFT JOIN session_events e ON e.session_id = l.session_id AND e.milestone = 'link_opened'`;

/** The list's SQL (newest first, keyset after the cursor); `p` collects the parameters in order. */
export function listLinksSql(q: ListLinksQuery, p: Param): string {
  const where: string[] = [];
  if (q.state) where.push(stateWhere(q.state, q.now, p));
  if (q.after) {
    // Each placeholder its own parameter (SQLite's `?` are positional).
    where.push(`(l.created_at < ${p(q.after.createdAt)} OR (l.created_at = ${p(q.after.createdAt)} AND l.id < ${p(q.after.id)}))`);
  }
  return `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.created_at DESC, l.id DESC LIMIT ${p(q.pageSize)}`;
}

/** One link by id (`$1` / `?`). */
export const LINK_DETAIL_SQL = `${SELECT} WHERE l.id = `;
/** A session's newest link. */
export const LINK_OF_SESSION_SQL = `${SELECT} WHERE l.session_id = `;
export const NEWEST = ' ORDER BY l.created_at DESC, l.id DESC LIMIT 1';

/** A row of the queries above. */
export interface LinkDetailRow extends LinkRow {
  opened_at: string | null;
  session_json: string;
}

export function toLinkDetail(r: LinkDetailRow): SignupLinkDetail {
  const session = JSON.parse(r.session_json) as Pick<Session, 'customer' | 'hosted'>;
  return {
    ...toLink(r)!,
    ...(r.opened_at !== null ? { openedAt: r.opened_at } : {}),
    customer: { reference: session.customer.reference, displayName: session.customer.displayName },
    ...(session.hosted ? { hosted: session.hosted } : {}),
  };
}
