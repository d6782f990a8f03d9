/**
 * SQLite implementation of {@link OnboardingRepository} (better-sqlite3).
 */
import type { Database, Statement } from 'better-sqlite3';
import { knownJson } from '../domain/job-json.js';
import type { JobRecord } from '../domain/job.types.js';
import type { JobState, Session } from '../domain/onboarding.types.js';
import type { SignupLink } from './link.repository.js';
import type { ListJobsQuery, OnboardingRepository } from './onboarding.repository.js';
import { prepareLinkInsert, prepareLinksUsed } from './sqlite-link.repository.js';
import { VersionConflict } from './version-conflict.js';
import { toJob, type JobRow } from './rows.js';

export class SqliteOnboardingRepository implements OnboardingRepository {
  readonly #s: Record<string, Statement>;
  readonly #insertSessionTx: (session: Session, job: JobRecord, link: SignupLink | undefined) => void;
  readonly #saveTx: (job: JobRecord, active: boolean) => void;
  readonly #markLinksUsed: (sessionId: string, at: string) => void;

  constructor(private readonly db: Database) {
    this.#s = {
      insertSession: db.prepare(
        'INSERT INTO sessions (id, kind, created_at, expires_at, session_json) VALUES (@id, @kind, @createdAt, @expiresAt, @json)',
      ),
      getSession: db.prepare('SELECT session_json FROM sessions WHERE id = ?'),
      getJob: db.prepare('SELECT onboarding_json, internal_json, version FROM onboarding_jobs WHERE id = ?'),
      upsertJob: db.prepare(`
        INSERT INTO onboarding_jobs (id, state, active, created_at, updated_at, expires_at, version, onboarding_json, internal_json)
        VALUES (@id, @state, @active, @createdAt, @updatedAt, @expiresAt, @version, @onboarding, @internal)
        ON CONFLICT(id) DO UPDATE SET state = excluded.state, active = excluded.active, updated_at = excluded.updated_at,
          expires_at = excluded.expires_at, version = excluded.version, onboarding_json = excluded.onboarding_json,
          internal_json = excluded.internal_json
        WHERE onboarding_jobs.version = excluded.version - 1`),
      upsertSender: db.prepare('INSERT OR IGNORE INTO onboarding_senders (sender_id, job_id) VALUES (?, ?)'),
      bySender: db.prepare(
        'SELECT j.onboarding_json, j.internal_json, j.version FROM onboarding_senders s JOIN onboarding_jobs j ON j.id = s.job_id WHERE s.sender_id = ?',
      ),
      active: db.prepare('SELECT onboarding_json, internal_json, version FROM onboarding_jobs WHERE active = 1 ORDER BY created_at'),
    };
    const insertLink = prepareLinkInsert(db);
    this.#markLinksUsed = prepareLinksUsed(db);
    this.#insertSessionTx = db.transaction((session: Session, job: JobRecord, link: SignupLink | undefined) => {
      this.#s.insertSession!.run({
        id: session.id,
        kind: session.kind,
        createdAt: session.createdAt,
        expiresAt: session.expiresAt,
        json: JSON.stringify(session),
      });
      this.#save(job, true);
      if (link) insertLink(link);
    });
    this.#saveTx = db.transaction((job: JobRecord, active: boolean) => this.#save(job, active));
  }

  #save(job: JobRecord, active: boolean): void {
    job.version++;
    const o = job.onboarding;
    // A job made by a transition already has its JSON (the hot path between the ES code and create-sender).
    const json = knownJson(job) ?? { onboarding: JSON.stringify(o), internal: JSON.stringify(job.internal) };
    const { changes } = this.#s.upsertJob!.run({
      id: o.id,
      state: o.state,
      active: active ? 1 : 0,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      expiresAt: job.internal.expiresAt,
      version: job.version,
      onboarding: json.onboarding,
      internal: json.internal,
    });
    if (changes === 0) {
      job.version--;
      throw new VersionConflict(o.id);
    }
    for (const p of o.phoneNumbers) if (p.senderId) this.#s.upsertSender!.run(p.senderId, o.id);
    // Indexed by session and a no-op once marked: cheap on every later save of the job.
    if (job.internal.signup) this.#markLinksUsed(o.id, job.internal.signup.receivedAt);
  }

  async insertSession(session: Session, job: JobRecord, link?: SignupLink): Promise<void> {
    this.#insertSessionTx(session, job, link);
  }

  async getSession(id: string): Promise<Session | undefined> {
    const r = this.#s.getSession!.get(id) as { session_json: string } | undefined;
    return r && JSON.parse(r.session_json);
  }

  async getJob(id: string): Promise<JobRecord | undefined> {
    return toJob(this.#s.getJob!.get(id) as JobRow | undefined);
  }

  async saveJob(job: JobRecord, active: boolean): Promise<void> {
    this.#saveTx(job, active);
  }

  async findJobBySenderId(senderId: string): Promise<JobRecord | undefined> {
    return toJob(this.#s.bySender!.get(senderId) as JobRow | undefined);
  }

  async listJobs(q: ListJobsQuery): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.state) {
      where.push('state = ?');
      params.push(q.state);
    }
    if (q.after) {
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(q.after.createdAt, q.after.createdAt, q.after.id);
    }
    // The console's filters read the onboarding's JSON (an operator's query, not the hot path).
    if (q.region) {
      where.push("json_extract(onboarding_json, '$.region') = ?");
      params.push(q.region);
    }
    if (q.createdFrom) {
      where.push('created_at >= ?');
      params.push(q.createdFrom);
    }
    if (q.createdBefore) {
      where.push('created_at < ?');
      params.push(q.createdBefore);
    }
    if (q.text) {
      where.push(
        "(instr(lower(json_extract(onboarding_json, '$.customer.reference')), lower(?)) > 0 OR instr(lower(json_extract(onboarding_json, '$.customer.displayName')), lower(?)) > 0)",
      );
      params.push(q.text, q.text);
    }
    const sql = `SELECT onboarding_json, internal_json, version FROM onboarding_jobs ${
      where.length ? `WHERE ${where.join(' AND ')}` : ''
    } ORDER BY created_at DESC, id DESC LIMIT ?`;
    params.push(q.pageSize);
    return (this.db.prepare(sql).all(...params) as JobRow[]).map((r) => toJob(r)!);
  }

  async listActiveJobs(): Promise<JobRecord[]> {
    return (this.#s.active!.all() as JobRow[]).map((r) => toJob(r)!);
  }

  async listExpiredJobs(nowIso: string, states: readonly JobState[]): Promise<JobRecord[]> {
    if (states.length === 0) return [];
    const sql = `SELECT onboarding_json, internal_json, version FROM onboarding_jobs
      WHERE expires_at < ? AND json_extract(internal_json, '$.signup') IS NULL AND state IN (${states.map(() => '?').join(',')})`;
    return (this.db.prepare(sql).all(nowIso, ...states) as JobRow[]).map((r) => toJob(r)!);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
