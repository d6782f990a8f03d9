/** PostgreSQL implementation of {@link LinkRepository} (table `http_signup_links`, see migrations.ts). */
import type { Pool } from 'pg';
import type { LinkRepository, ListLinksQuery, SignupLink, SignupLinkDetail } from './link.repository.js';
import { LINK_DETAIL_SQL, LINK_OF_SESSION_SQL, listLinksSql, NEWEST, toLinkDetail, type LinkDetailRow } from './link-list.js';
import { toLink, type LinkRow } from './rows.js';

/** The link insert, shared with PostgresOnboardingRepository (which runs it inside its session transaction). */
export const INSERT_LINK = 'INSERT INTO http_signup_links (id, session_id, created_at, expires_at) VALUES ($1, $2, $3, $4)';
export const linkValues = (l: SignupLink) => [l.id, l.sessionId, l.createdAt, l.expiresAt];

export class PostgresLinkRepository implements LinkRepository {
  constructor(private readonly pool: Pool) {}

  async insert(link: SignupLink): Promise<void> {
    await this.pool.query(INSERT_LINK, linkValues(link));
  }

  async get(id: string): Promise<SignupLink | undefined> {
    return toLink((await this.pool.query<LinkRow>({ name: 'link_get', text: 'SELECT * FROM http_signup_links WHERE id = $1', values: [id] })).rows[0]);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const r = await this.pool.query('UPDATE http_signup_links SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id]);
    return r.rowCount === 1;
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    const r = await this.pool.query({
      name: 'link_session_revoked',
      text: 'SELECT 1 FROM http_signup_links WHERE session_id = $1 AND revoked_at IS NOT NULL LIMIT 1',
      values: [sessionId],
    });
    return r.rows.length > 0;
  }

  async unusedLinkOf(sessionId: string): Promise<SignupLink | undefined> {
    const r = await this.pool.query<LinkRow>({
      name: 'link_unused_of_session',
      text: 'SELECT * FROM http_signup_links WHERE session_id = $1 AND used_at IS NULL AND revoked_at IS NULL ORDER BY created_at LIMIT 1',
      values: [sessionId],
    });
    return toLink(r.rows[0]);
  }

  async list(q: ListLinksQuery): Promise<SignupLinkDetail[]> {
    const params: unknown[] = [];
    const sql = listLinksSql(q, (v) => `$${params.push(v)}`);
    return (await this.pool.query<LinkDetailRow>(sql, params)).rows.map(toLinkDetail);
  }

  async detail(id: string): Promise<SignupLinkDetail | undefined> {
    const r = await this.pool.query<LinkDetailRow>({ name: 'link_detail', text: `${LINK_DETAIL_SQL}$1`, values: [id] });
    return r.rows[0] && toLinkDetail(r.rows[0]);
  }

  async detailOfSession(sessionId: string): Promise<SignupLinkDetail | undefined> {
    const r = await this.pool.query<LinkDetailRow>({ name: 'link_detail_of_session', text: `${LINK_OF_SESSION_SQL}$1${NEWEST}`, values: [sessionId] });
    return r.rows[0] && toLinkDetail(r.rows[0]);
  }
}
