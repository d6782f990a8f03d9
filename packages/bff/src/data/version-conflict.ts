/**
 * Thrown by {@link OnboardingRepository.saveJob} when the stored job is no longer the version the caller read
 * (another instance, or a new lease owner, saved it in between): nothing was written. The job store re-reads
 * the job and applies its change again (domain/job-store.ts).
 */
export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was saved by someone else since it was read`);
  }
}
