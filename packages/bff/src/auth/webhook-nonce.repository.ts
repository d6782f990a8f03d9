import type BetterSqlite3 from 'better-sqlite3';

/** Nonces of verified Sinch callbacks, kept until their timestamp leaves the accepted window. */
export class WebhookNonceRepository {
  constructor(private readonly db: BetterSqlite3.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS http_webhook_nonces (
      nonce TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL
    );`);
  }

  /** Records the nonce; false when it was seen before (a replay). Purges expired nonces first. */
  remember(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    this.db.prepare('DELETE FROM http_webhook_nonces WHERE expires_at < ?').run(nowMs);
    return (
      this.db.prepare('INSERT OR IGNORE INTO http_webhook_nonces (nonce, expires_at) VALUES (?, ?)').run(nonce, expiresAtMs)
        .changes === 1
    );
  }
}
