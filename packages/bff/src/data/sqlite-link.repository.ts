/** SQLite implementation of {@link LinkRepository} (table `http_signup_links`, see migrations.ts). */
import type { Database } from 'better-sqlite3';
import type { LinkRepository, ListLinksQuery, SignupLink, SignupLinkDetail } from './link.repository.js';
import { LINK_DETAIL_SQL, LINK_OF_SESSION_SQL, listLinksSql, NEWEST, toLinkDetail, type LinkDetailRow } from './link-list.js';
import { toLink, type LinkRow } from './rows.js';

/** The link insert, shared with SqliteOnboardingRepository (which runs it inside its session transaction). */
export function prepareLinkInsert(db: Database): (link: SignupLink) => void {
  const insert = db.prepare('INSERT INTO http_signup_links (id, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  return (link) => void insert.run(link.id, link.sessionId, link.createdAt, link.expiresAt);
}

export class SqliteLinkRepository implements LinkRepository {
  readonly #insert: (link: SignupLink) => void;
  readonly #s;

  constructor(private readonly db: Database) {
    this.#insert = prepareLinkInsert(db);
    this.#s = {
      get: db.prepare('SELECT * FROM http_signup_links WHERE id = ?'),
      revoke: db.prepare('UPDATE http_signup_links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
      revokedOfSession: db.prepare('SELECT 1 FROM http_signup_links WHERE session_id = ? AND revoked_at IS NOT NULL LIMIT 1'),
      unusedOfSession: db.prepare(
        'SELECT * FROM http_signup_links WHERE session_id = ? AND used_at IS NULL AND revoked_at IS NULL ORDER BY created_at LIMIT 1',
      ),
      detail: db.prepare(`${LINK_DETAIL_SQL}?`),
      detailOfSession: db.prepare(`${LINK_OF_SESSION_SQL}?${NEWEST}`),
    };
  }

  async insert(link: SignupLink): Promise<void> {
    this.#insert(link);
  }

  async get(id: string): Promise<SignupLink | undefined> {
    return toLink(this.#s.get.get(id) as LinkRow | undefined);
  }

  async revoke(id: string, at: string): Promise<boolean> {
    return this.#s.revoke.run(at, id).changes === 1;
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    return this.#s.revokedOfSession.get(sessionId) !== undefined;
  }

  async unusedLinkOf(sessionId: string): Promise<SignupLink | undefined> {
    return toLink(this.#s.unusedOfSession.get(sessionId) as LinkRow | undefined);
  }

  async list(q: ListLinksQuery): Promise<SignupLinkDetail[]> {
    const params: unknown[] = [];
    const sql = listLinksSql(q, (v) => (params.push(v), '?'));
    return (this.db.prepare(sql).all(...params) as LinkDetailRow[]).map(toLinkDetail);
  }

  async detail(id: string): Promise<SignupLinkDetail | undefined> {
    const r = this.#s.detail.get(id) as LinkDetailRow | undefined;
    return r && toLinkDetail(r);
  }

  async detailOfSession(sessionId: string): Promise<SignupLinkDetail | undefined> {
    const r = this.#s.detailOfSession.get(sessionId) as LinkDetailRow | undefined;
    return r && toLinkDetail(r);
  }
}

/**
 * Marks a session's links used (neither used nor revoked yet), shared with SqliteOnboardingRepository, which runs
 * it in the transaction that saves the job's signup: one onboarding per link.
 */
export function prepareLinksUsed(db: Database): (sessionId: string, at: string) => void {
  const mark = db.prepare('UPDATE http_signup_links SET used_at = ? WHERE session_id = ? AND used_at IS NULL AND revoked_at IS NULL');
  return (sessionId, at) => void mark.run(at, sessionId);
}
