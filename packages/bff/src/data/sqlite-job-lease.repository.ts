/**
 * SQLite implementation of {@link JobLeaseRepository}. SQLite serves one process (see data/database.ts), so a
 * claim never meets another owner in practice; the statements are the same conditional updates as PostgreSQL's.
 */
import type { Database } from 'better-sqlite3';
import type { JobRecord } from '../domain/job.types.js';
import type { JobLeaseRepository } from './job-lease.repository.js';
import { toJob, type JobRow } from './rows.js';

export class SqliteJobLeaseRepository implements JobLeaseRepository {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      claim: db.prepare(`
        UPDATE onboarding_jobs
          SET version = version + (CASE WHEN lease_owner IS ? THEN 0 ELSE 1 END), lease_owner = ?, lease_until = ?
          WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)
          RETURNING onboarding_json, internal_json, version`),
      orphans: db.prepare(
        'SELECT id FROM onboarding_jobs WHERE active = 1 AND (lease_owner IS NULL OR lease_until < ?) ORDER BY created_at LIMIT ?',
      ),
      renew: db.prepare('UPDATE onboarding_jobs SET lease_until = ? WHERE lease_owner = ? RETURNING id'),
      release: db.prepare('UPDATE onboarding_jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?'),
      releaseAll: db.prepare('UPDATE onboarding_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?'),
      holds: db.prepare('SELECT 1 FROM onboarding_jobs WHERE id = ? AND lease_owner = ?'),
    };
  }

  async claim(id: string, owner: string, now: number, until: number): Promise<JobRecord | undefined> {
    const r = this.#s.claim.get(owner, owner, until, id, owner, now) as JobRow | undefined;
    return toJob(r);
  }

  async orphans(now: number, limit: number): Promise<string[]> {
    return (this.#s.orphans.all(now, limit) as Array<{ id: string }>).map((r) => r.id);
  }

  async renew(owner: string, until: number): Promise<string[]> {
    return (this.#s.renew.all(until, owner) as Array<{ id: string }>).map((r) => r.id);
  }

  async release(id: string, owner: string): Promise<void> {
    this.#s.release.run(id, owner);
  }

  async releaseAll(owner: string): Promise<void> {
    this.#s.releaseAll.run(owner);
  }

  async holds(id: string, owner: string): Promise<boolean> {
    return this.#s.holds.get(id, owner) !== undefined;
  }
}
