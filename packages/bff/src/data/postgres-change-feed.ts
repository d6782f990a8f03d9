/**
 * The change feed over PostgreSQL's LISTEN/NOTIFY: one dedicated connection (not the pool's: a pooled
 * connection would be handed to queries and lose its LISTEN) listens on `wss_changes`, which triggers of
 * migration 003 notify on every save of a job (`j <id> <version> [<onboarding JSON>]`, delivered at commit, in
 * commit order) and every revocation of a link (`r <sessionId>`). A lost connection is reopened with backoff; until then the feed asks for a `resync`
 * every poll interval (polling as the fallback), and once more when it listens again.
 */
import type pg from 'pg';
import type { Onboarding } from '../domain/onboarding.types.js';
import { backoff } from '../lib/backoff.js';
import type { ChangeFeed, ChangeHandlers } from './change-feed.js';

export const CHANGES_CHANNEL = 'wss_changes';

export interface PostgresChangeFeedOptions {
  connectionString: string;
  /** Resync interval while not listening (1 s). */
  pollMs?: number;
  /** The connection failed or could not be opened (for the log; the feed carries on polling). */
  onError?: (err: Error) => void;
}

export class PostgresChangeFeed implements ChangeFeed {
  readonly #o: PostgresChangeFeedOptions;
  #h: ChangeHandlers | undefined;
  #client: pg.Client | undefined;
  #poll: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(o: PostgresChangeFeedOptions) {
    this.#o = o;
  }

  /** True while the dedicated connection listens. */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  async start(h: ChangeHandlers): Promise<void> {
    this.#h = h;
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    clearTimeout(this.#retry);
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    // `pg` is loaded when a feed connects, not when migrations.ts reads CHANGE_FEED_TRIGGERS (SQLite mode never loads it).
    const { Client } = (await import('pg')).default;
    if (this.#closed) return;
    const client = new Client({ connectionString: this.#o.connectionString, application_name: 'whatsapp-signup-bff-changes' });
    client.on('notification', (m) => this.#deliver(m.payload));
    client.on('error', (e) => this.#lost(client, e));
    client.on('end', () => this.#lost(client, new Error('change feed connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      this.#lost(client, e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (this.#closed) return void (await client.end().catch(() => undefined));
    this.#client = client;
    this.#failures = 0;
    const wasPolling = this.#poll !== undefined;
    clearInterval(this.#poll);
    this.#poll = undefined;
    // What changed while nobody listened is read again.
    if (wasPolling) this.#h?.resync();
  }

  #lost(client: pg.Client, e: Error): void {
    if (this.#closed) return;
    if (this.#client === client) this.#client = undefined;
    else if (this.#client) return; // an old connection's late event
    this.#o.onError?.(e);
    if (!this.#poll) {
      this.#poll = setInterval(() => this.#h?.resync(), this.#o.pollMs ?? 1000);
      this.#poll.unref();
      this.#h?.resync();
    }
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#connect(), backoff(this.#failures++, { baseMs: 500, capMs: 30_000, jitter: 'equal' }));
    this.#retry.unref();
  }

  #deliver(payload: string | undefined): void {
    const h = this.#h;
    if (!h || !payload) return;
    const [kind, id, version] = payload.split(' ', 3);
    if (kind === 'j' && id && version) {
      const json = payload.slice(kind.length + id.length + version.length + 3);
      h.job(id, Number(version), json ? (JSON.parse(json) as Onboarding) : undefined);
    } else if (kind === 'r' && id) h.revoked(id);
  }
}

/** Migration 003's PostgreSQL triggers that feed {@link CHANGES_CHANNEL}. */
export const CHANGE_FEED_TRIGGERS = `
  CREATE FUNCTION wss_job_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- The public onboarding rides along when it fits NOTIFY's 8000 bytes: a listener shows it without a read.
    PERFORM pg_notify('${CHANGES_CHANNEL}', 'j ' || NEW.id || ' ' || NEW.version
      || CASE WHEN octet_length(NEW.onboarding_json) < 7800 THEN ' ' || NEW.onboarding_json ELSE '' END);
    RETURN NULL;
  END $$;
  CREATE TRIGGER onboarding_jobs_changed AFTER INSERT OR UPDATE OF version, lease_owner ON onboarding_jobs
    FOR EACH ROW EXECUTE FUNCTION wss_job_changed();
  CREATE FUNCTION wss_link_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
      PERFORM pg_notify('${CHANGES_CHANNEL}', 'r ' || NEW.session_id);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER http_signup_links_revoked AFTER UPDATE OF revoked_at ON http_signup_links
    FOR EACH ROW EXECUTE FUNCTION wss_link_revoked();
`;
