/** SQLite implementation of {@link WebhookNonceRepository} (table `http_webhook_nonces`, see migrations.ts). */
import type { Database } from 'better-sqlite3';
import type { WebhookNonceRepository } from './webhook-nonce.repository.js';

export class SqliteWebhookNonceRepository implements WebhookNonceRepository {
  readonly #purge;
  readonly #insert;

  constructor(db: Database) {
    this.#purge = db.prepare('DELETE FROM http_webhook_nonces WHERE expires_at < ?');
    this.#insert = db.prepare('INSERT OR IGNORE INTO http_webhook_nonces (nonce, expires_at) VALUES (?, ?)');
  }

  async remember(nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    this.#purge.run(nowMs);
    return this.#insert.run(nonce, expiresAtMs).changes === 1;
  }
}
