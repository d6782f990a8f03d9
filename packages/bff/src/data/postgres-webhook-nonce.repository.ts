/** PostgreSQL implementation of {@link WebhookNonceRepository} (table `http_webhook_nonces`, see migrations.ts). */
import type { Pool } from 'pg';
import type { WebhookNonceRepository } from './webhook-nonce.repository.js';

export class PostgresWebhookNonceRepository implements WebhookNonceRepository {
  constructor(private readonly pool: Pool) {}

  async remember(nonce: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    await this.pool.query({ name: 'nonce_purge', text: 'DELETE FROM http_webhook_nonces WHERE expires_at < $1', values: [nowMs] });
    // The primary key decides between two instances that see the same nonce at once: one insert wins.
    const r = await this.pool.query({
      name: 'nonce_insert',
      text: 'INSERT INTO http_webhook_nonces (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING',
      values: [nonce, expiresAtMs],
    });
    return r.rowCount === 1;
  }
}
