/**
 * PostgreSQL implementation of {@link JobLeaseRepository}: each claim is one conditional UPDATE of the job's row.
 * Two instances claiming at once serialise on the row lock, and the second re-checks the condition against the
 * first one's committed row (READ COMMITTED), so exactly one of them gets the lease.
 */
import type { Pool } from 'pg';
import type { JobRecord } from '../domain/job.types.js';
import type { JobLeaseRepository } from './job-lease.repository.js';
import { toJob, type JobRow } from './rows.js';

const CLAIM = `
  UPDATE onboarding_jobs
    SET version = version + (CASE WHEN lease_owner IS NOT DISTINCT FROM $1 THEN 0 ELSE 1 END), lease_owner = $1, lease_until = $2
    WHERE id = $3 AND (lease_owner IS NULL OR lease_owner = $1 OR lease_until < $4)
    RETURNING onboarding_json, internal_json, version`;

export class PostgresJobLeaseRepository implements JobLeaseRepository {
  constructor(private readonly pool: Pool) {}

  async claim(id: string, owner: string, now: number, until: number): Promise<JobRecord | undefined> {
    const { rows } = await this.pool.query<JobRow>({ name: 'lease_claim', text: CLAIM, values: [owner, until, id, now] });
    const r = rows[0];
    return toJob(r);
  }

  async orphans(now: number, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'lease_orphans',
      text: 'SELECT id FROM onboarding_jobs WHERE active = 1 AND (lease_owner IS NULL OR lease_until < $1) ORDER BY created_at LIMIT $2',
      values: [now, limit],
    });
    return rows.map((r) => r.id);
  }

  async renew(owner: string, until: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'lease_renew',
      text: 'UPDATE onboarding_jobs SET lease_until = $1 WHERE lease_owner = $2 RETURNING id',
      values: [until, owner],
    });
    return rows.map((r) => r.id);
  }

  async release(id: string, owner: string): Promise<void> {
    await this.pool.query({
      name: 'lease_release',
      text: 'UPDATE onboarding_jobs SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2',
      values: [id, owner],
    });
  }

  async releaseAll(owner: string): Promise<void> {
    await this.pool.query('UPDATE onboarding_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1', [owner]);
  }

  async holds(id: string, owner: string): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'lease_holds',
      text: 'SELECT 1 FROM onboarding_jobs WHERE id = $1 AND lease_owner = $2',
      values: [id, owner],
    });
    return (rowCount ?? 0) > 0;
  }
}
