/**
 * What every Bulk API 2.0 job has in common: identity, dialect and the JSON the job endpoints
 * answer with. Property order follows Salesforce's responses (clients diff them in logs).
 */
import { formatDateTime } from '../store/datetime.js';
import type { ColumnDelimiterName, LineEndingName } from './csv.js';

export const JobState = {
  open: 'Open',
  uploadComplete: 'UploadComplete',
  inProgress: 'InProgress',
  jobComplete: 'JobComplete',
  failed: 'Failed',
  aborted: 'Aborted',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

export const JobType = { ingest: 'V2Ingest', query: 'V2Query' } as const;
export type JobType = (typeof JobType)[keyof typeof JobType];

export interface JobIdentity {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: Date;
  /** `62.0` → 62 in JSON, as Salesforce's number. */
  apiVersion: number;
  columnDelimiter: ColumnDelimiterName;
  lineEnding: LineEndingName;
}

export abstract class Bulk2Job {
  abstract readonly jobType: JobType;
  state: JobState;
  systemModstamp: Date;
  /** Wall-clock milliseconds spent processing, reported as `totalProcessingTime`. */
  processingMs = 0;

  constructor(
    readonly identity: JobIdentity,
    initialState: JobState,
  ) {
    this.state = initialState;
    this.systemModstamp = identity.createdDate;
  }

  get id(): string {
    return this.identity.id;
  }

  /** Moves to `state`, stamping the change with `now`. */
  transition(state: JobState, now: Date): void {
    this.state = state;
    this.systemModstamp = now;
  }

  /** The fields of a job-list entry and of the create response. */
  summary(): Record<string, unknown> {
    const { id, operation, object, createdById, createdDate, apiVersion, lineEnding, columnDelimiter } = this.identity;
    return {
      id,
      operation,
      object,
      createdById,
      createdDate: formatDateTime(createdDate),
      systemModstamp: formatDateTime(this.systemModstamp),
      state: this.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion,
      ...this.extraSummary(),
      jobType: this.jobType,
      lineEnding,
      columnDelimiter,
    };
  }

  /** Full status (`GET /jobs/<kind>/<id>`): the summary plus counters. */
  abstract status(): Record<string, unknown>;

  /** What a job kind adds to the summary before `jobType` (ingest: contentUrl, externalIdFieldName). */
  protected extraSummary(): Record<string, unknown> {
    return {};
  }
}

/** `v62.0` (route parameter) → 62. */
export function apiVersionNumber(versionParam: string | undefined): number {
  const match = /^v?(\d+(?:\.\d+)?)$/.exec(versionParam ?? '');
  return match ? Number(match[1]) : Number.NaN;
}
