/**
 * The jobs of one emulator, by id. Job ids are real-looking `750…` ids (the AsyncApexJob prefix
 * Salesforce uses for Bulk jobs), accepted in their 15- or 18-character form.
 */
import { IdFactory } from '../ids.js';
import { canonicalId } from '../store/record-id.js';
import { IngestJob } from './ingest-job.js';
import { type Bulk2Job, JobState } from './job-info.js';
import { QueryJob } from './query-job.js';

const JOB_KEY_PREFIX = '750';

export class JobRegistry {
  private readonly ids = new IdFactory();
  private readonly jobs = new Map<string, Bulk2Job>();

  nextId(): string {
    return this.ids.next(JOB_KEY_PREFIX);
  }

  add(job: Bulk2Job): void {
    this.jobs.set(job.id, job);
  }

  query(id: string): QueryJob | undefined {
    const job = this.find(id);
    return job instanceof QueryJob ? job : undefined;
  }

  ingest(id: string): IngestJob | undefined {
    const job = this.find(id);
    return job instanceof IngestJob ? job : undefined;
  }

  /** Jobs of one kind, oldest first. */
  list<T extends Bulk2Job>(kind: abstract new (...args: never[]) => T): T[] {
    return [...this.jobs.values()].filter((job): job is T => job instanceof kind);
  }

  remove(job: Bulk2Job): void {
    this.jobs.delete(job.id);
  }

  /**
   * Forgets every job (an emulator reset). Jobs still open or processing are aborted first, so a
   * background ingest stops instead of writing into the freshly reset org. Job ids keep counting:
   * a client still polling an old id gets NOT_FOUND, never a different job.
   */
  clear(now: Date): void {
    for (const job of this.jobs.values()) {
      const active =
        job.state === JobState.open || job.state === JobState.uploadComplete || job.state === JobState.inProgress;
      if (active) job.transition(JobState.aborted, now);
    }
    this.jobs.clear();
  }

  get size(): number {
    return this.jobs.size;
  }

  private find(id: string): Bulk2Job | undefined {
    const key = canonicalId(id);
    return key ? this.jobs.get(key) : undefined;
  }
}
