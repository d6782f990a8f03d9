/**
 * PostgreSQL implementation of {@link OnboardingRepository} (client `pg`). A job save is one statement
 * (upsert of the job, its sender ids, its links marked used: data-modifying CTEs, atomic without BEGIN/COMMIT),
 * so the hot path between the ES code and create-sender pays one round trip per save.
 */
import type { Pool, PoolClient } from 'pg';
import { knownJson } from '../domain/job-json.js';
import type { JobRecord } from '../domain/job.types.js';
import type { JobState, Session } from '../domain/onboarding.types.js';
import type { SignupLink } from './link.repository.js';
import type { ListJobsQuery, OnboardingRepository } from './onboarding.repository.js';
import { INSERT_LINK, linkValues } from './postgres-link.repository.js';
import { VersionConflict } from './version-conflict.js';
import { toJob, type JobRow } from './rows.js';

const JOB_COLUMNS = 'onboarding_json, internal_json, version';

/** $1 id, $2 state, $3 active, $4 created, $5 updated, $6 expires, $7 version, $8 onboarding, $9 internal, $10 sender ids, $11 signup time. */
const SAVE_JOB = `
  WITH job AS (
    INSERT INTO onboarding_jobs (id, state, active, created_at, updated_at, expires_at, version, onboarding_json, internal_json)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (id) DO UPDATE SET state = excluded.state, active = excluded.active, updated_at = excluded.updated_at,
      expires_at = excluded.expires_at, version = excluded.version, onboarding_json = excluded.onboarding_json,
      internal_json = excluded.internal_json
    WHERE onboarding_jobs.version = excluded.version - 1
    RETURNING id
  ), senders AS (
    INSERT INTO onboarding_senders (sender_id, job_id)
    SELECT s, job.id FROM job, unnest($10::text[]) AS s
    ON CONFLICT (sender_id) DO NOTHING
  ), links AS (
    UPDATE http_signup_links SET used_at = $11
    WHERE $11::text IS NOT NULL AND session_id = $1 AND used_at IS NULL AND revoked_at IS NULL AND EXISTS (SELECT 1 FROM job)
  )
  SELECT count(*)::int AS saved FROM job`;

export class PostgresOnboardingRepository implements OnboardingRepository {
  constructor(private readonly pool: Pool) {}

  /** Rejects with VersionConflict (nothing written) when the stored job is no longer at `job.version`. */
  async #save(q: Pool | PoolClient, job: JobRecord, active: boolean): Promise<void> {
    const o = job.onboarding;
    // A job made by a transition already has its JSON (the hot path between the ES code and create-sender).
    const json = knownJson(job) ?? { onboarding: JSON.stringify(o), internal: JSON.stringify(job.internal) };
    const senders = o.phoneNumbers.flatMap((p) => (p.senderId ? [p.senderId] : []));
    const values = [
      o.id,
      o.state,
      active ? 1 : 0,
      o.createdAt,
      o.updatedAt,
      job.internal.expiresAt,
      job.version + 1,
      json.onboarding,
      json.internal,
      senders,
      job.internal.signup?.receivedAt ?? null,
    ];
    const { rows } = await q.query<{ saved: number }>({ name: 'job_save', text: SAVE_JOB, values });
    if (rows[0]?.saved !== 1) throw new VersionConflict(o.id);
  }

  async insertSession(session: Session, job: JobRecord, link?: SignupLink): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query({
        name: 'session_insert',
        text: 'INSERT INTO sessions (id, kind, created_at, expires_at, session_json) VALUES ($1, $2, $3, $4, $5)',
        values: [session.id, session.kind, session.createdAt, session.expiresAt, JSON.stringify(session)],
      });
      await this.#save(c, job, true);
      if (link) await c.query(INSERT_LINK, linkValues(link));
      await c.query('COMMIT');
      job.version++;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async getSession(id: string): Promise<Session | undefined> {
    const r = await this.pool.query<{ session_json: string }>({ name: 'session_get', text: 'SELECT session_json FROM sessions WHERE id = $1', values: [id] });
    return r.rows[0] && JSON.parse(r.rows[0].session_json);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    const r = await this.pool.query<JobRow>({ name: 'job_get', text: `SELECT ${JOB_COLUMNS} FROM onboarding_jobs WHERE id = $1`, values: [id] });
    return toJob(r.rows[0]);
  }

  async saveJob(job: JobRecord, active: boolean): Promise<void> {
    await this.#save(this.pool, job, active);
    job.version++;
  }

  async findJobBySenderId(senderId: string): Promise<JobRecord | undefined> {
    const r = await this.pool.query<JobRow>({
      name: 'job_by_sender',
      text: 'SELECT j.onboarding_json, j.internal_json, j.version FROM onboarding_senders s JOIN onboarding_jobs j ON j.id = s.job_id WHERE s.sender_id = $1',
      values: [senderId],
    });
    return toJob(r.rows[0]);
  }

  async listJobs(q: ListJobsQuery): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (q.state) where.push(`state = ${p(q.state)}`);
    if (q.after) {
      const at = p(q.after.createdAt);
      where.push(`(created_at < ${at} OR (created_at = ${at} AND id < ${p(q.after.id)}))`);
    }
    // The console's filters read the onboarding's JSON (an operator's query, not the hot path).
    if (q.region) where.push(`onboarding_json::jsonb ->> 'region' = ${p(q.region)}`);
    if (q.createdFrom) where.push(`created_at >= ${p(q.createdFrom)}`);
    if (q.createdBefore) where.push(`created_at < ${p(q.createdBefore)}`);
    if (q.text) {
      const t = p(q.text);
      where.push(
        `(position(lower(${t}::text) in lower(onboarding_json::jsonb #>> '{customer,reference}')) > 0 OR position(lower(${t}::text) in lower(onboarding_json::jsonb #>> '{customer,displayName}')) > 0)`,
      );
    }
    const sql = `SELECT ${JOB_COLUMNS} FROM onboarding_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT ${p(q.pageSize)}`;
    return (await this.pool.query<JobRow>(sql, params)).rows.map((r) => toJob(r)!);
  }

  async listActiveJobs(): Promise<JobRecord[]> {
    const r = await this.pool.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM onboarding_jobs WHERE active = 1 ORDER BY created_at`);
    return r.rows.map((row) => toJob(row)!);
  }

  async listExpiredJobs(nowIso: string, states: readonly JobState[]): Promise<JobRecord[]> {
    if (states.length === 0) return [];
    const r = await this.pool.query<JobRow>(
      `SELECT ${JOB_COLUMNS} FROM onboarding_jobs
       WHERE expires_at < $1 AND state = ANY($2::text[]) AND COALESCE(json_typeof(internal_json::json -> 'signup'), 'null') = 'null'`,
      [nowIso, states],
    );
    return r.rows.map((row) => toJob(row)!);
  }

  /** The pool belongs to whoever opened it (storage.ts): closing one repository must not end the others' connections. */
  async close(): Promise<void> {}
}
