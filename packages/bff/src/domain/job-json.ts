/**
 * A job's JSON, computed once per job object. Jobs are never changed after a transition made them, so a
 * transition compares against and clones from this, listeners get their copies from it, and the repository
 * stores it (knownJson): the same two strings serve all of them instead of each stringifying again.
 */
import type { JobRecord } from './job.types.js';

export interface JobJson {
  onboarding: string;
  internal: string;
}

const JSON_OF = new WeakMap<JobRecord, JobJson>();

export function jsonOf(job: JobRecord): JobJson {
  let j = JSON_OF.get(job);
  if (!j) {
    j = { onboarding: JSON.stringify(job.onboarding), internal: JSON.stringify(job.internal) };
    JSON_OF.set(job, j);
  }
  return j;
}

/**
 * The JSON a transition computed for the job it made, if this object is such a job (never computed here:
 * a caller that builds and changes its own job objects, as the repository tests do, gets undefined).
 */
export function knownJson(job: JobRecord): JobJson | undefined {
  return JSON_OF.get(job);
}

/** Records the JSON a transition already computed for the job it made. */
export function rememberJson(job: JobRecord, json: JobJson): void {
  JSON_OF.set(job, json);
}
