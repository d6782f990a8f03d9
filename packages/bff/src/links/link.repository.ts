/**
 * Signup links (hosted ES flow), in their own SQLite table next to the engine's.
 * A link points at one `link` session; it is single use (`used_at`) and revocable (`revoked_at`).
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface SignupLink {
  id: string;
  sessionId: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  revokedAt?: string;
}

interface Row {
  id: string;
  session_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

const toLink = (r: Row): SignupLink => ({
  id: r.id,
  sessionId: r.session_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.used_at ? { usedAt: r.used_at } : {}),
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});

export class LinkRepository {
  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS http_signup_links (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      revoked_at TEXT
    );
    CREATE INDEX IF NOT EXISTS http_signup_links_session ON http_signup_links(session_id);`);
  }

  insert(link: SignupLink): void {
    this.db
      .prepare('INSERT INTO http_signup_links (id, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(link.id, link.sessionId, link.createdAt, link.expiresAt);
  }

  get(id: string): SignupLink | undefined {
    const r = this.db.prepare('SELECT * FROM http_signup_links WHERE id = ?').get(id) as Row | undefined;
    return r && toLink(r);
  }

  /** Marks the link used; false when it was already used or revoked (atomic: one winner). */
  consume(id: string, at: string): boolean {
    return (
      this.db
        .prepare('UPDATE http_signup_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL')
        .run(at, id).changes === 1
    );
  }

  /** Revokes the link; false when unknown. Revoking twice is fine. */
  revoke(id: string, at: string): boolean {
    return (
      this.db
        .prepare('UPDATE http_signup_links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
        .run(at, id).changes === 1
    );
  }

  /** True when any link of this session was revoked: its session tokens stop working too. */
  isSessionRevoked(sessionId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM http_signup_links WHERE session_id = ? AND revoked_at IS NOT NULL LIMIT 1')
        .get(sessionId) !== undefined
    );
  }

  /** The session's link that can still be opened (for the widget's hosted-page fallback). */
  unusedLinkOf(sessionId: string): SignupLink | undefined {
    const r = this.db
      .prepare(
        'SELECT * FROM http_signup_links WHERE session_id = ? AND used_at IS NULL AND revoked_at IS NULL ORDER BY created_at LIMIT 1',
      )
      .get(sessionId) as Row | undefined;
    return r && toLink(r);
  }
}
