/**
 * A Bulk API 2.0 ingest job: Open → (one CSV upload) → UploadComplete → InProgress → JobComplete,
 * or Failed (unreadable CSV) / Aborted. It keeps the uploaded rows and each row's outcome, from
 * which the three result files are written in Salesforce's format:
 * - successfulResults: `"sf__Id","sf__Created",<the uploaded columns>`
 * - failedResults: `"sf__Id","sf__Error",<the uploaded columns>` (error `CODE:message:fields --`)
 * - unprocessedrecords: the uploaded columns of rows never processed (aborted or failed jobs).
 */
import type { SalesforceError } from '../store/dml.js';
import { ColumnDelimiter, LineEnding, minimalField, quoteField } from './csv.js';
import type { IngestOperation } from './ingest-columns.js';
import { Bulk2Job, type JobIdentity, JobState, JobType } from './job-info.js';

export type RowOutcome = { ok: true; id: string; created: boolean } | { ok: false; id: string | null; error: string };

export class IngestJob extends Bulk2Job {
  readonly jobType = JobType.ingest;
  /** The uploaded CSV text until processing parses it. */
  data: string | undefined;
  header: string[] = [];
  rows: string[][] = [];
  readonly outcomes: (RowOutcome | undefined)[] = [];
  numberRecordsProcessed = 0;
  numberRecordsFailed = 0;
  errorMessage: string | undefined;

  constructor(
    identity: JobIdentity,
    readonly externalIdFieldName: string | undefined,
    private readonly contentUrl: string,
  ) {
    super(identity, JobState.open);
  }

  get operation(): IngestOperation {
    return this.identity.operation as IngestOperation;
  }

  status(): Record<string, unknown> {
    const info: Record<string, unknown> = {
      ...this.summary(),
      numberRecordsProcessed: this.numberRecordsProcessed,
      numberRecordsFailed: this.numberRecordsFailed,
      retries: 0,
      totalProcessingTime: Math.round(this.processingMs),
      apiActiveProcessingTime: Math.round(this.processingMs),
      apexProcessingTime: 0,
    };
    if (this.errorMessage !== undefined) info.errorMessage = this.errorMessage;
    return info;
  }

  protected override extraSummary(): Record<string, unknown> {
    const extra: Record<string, unknown> = {};
    if (this.externalIdFieldName !== undefined) extra.externalIdFieldName = this.externalIdFieldName;
    if (this.state === JobState.open) extra.contentUrl = this.contentUrl;
    return extra;
  }

  record(index: number, outcome: RowOutcome): void {
    this.outcomes[index] = outcome;
    this.numberRecordsProcessed++;
    if (!outcome.ok) this.numberRecordsFailed++;
  }

  successfulResults(): string {
    return this.resultFile(['sf__Id', 'sf__Created'], (outcome) =>
      outcome?.ok ? [outcome.id, String(outcome.created)] : undefined,
    );
  }

  failedResults(): string {
    return this.resultFile(['sf__Id', 'sf__Error'], (outcome) =>
      outcome && !outcome.ok ? [outcome.id ?? '', outcome.error] : undefined,
    );
  }

  unprocessedRecords(): string {
    return this.resultFile([], (outcome) => (outcome === undefined ? [] : undefined));
  }

  /** Header (result columns quoted, uploaded ones as sent) and the rows `pick` selects, all values quoted. */
  private resultFile(resultColumns: string[], pick: (outcome: RowOutcome | undefined) => string[] | undefined): string {
    const { columnDelimiter, lineEnding } = this.identity;
    const delimiter = ColumnDelimiter[columnDelimiter];
    const eol = LineEnding[lineEnding];
    const header = [
      ...resultColumns.map(quoteField),
      ...this.header.map((name) => minimalField(name, columnDelimiter)),
    ];
    // One string per line, built by concatenation: result files of 100,000s of rows are common.
    const lines = [header.join(delimiter)];
    // A job that never got to parse its data (still Open/UploadComplete) has no rows yet.
    for (let i = 0; i < this.rows.length; i++) {
      const extra = pick(this.outcomes[i]);
      if (extra === undefined) continue;
      const row = this.rows[i] as string[];
      let line = '';
      for (let j = 0; j < extra.length; j++) line += (j === 0 ? '' : delimiter) + quoteField(extra[j] as string);
      for (let j = 0; j < row.length; j++) {
        line += (j === 0 && extra.length === 0 ? '' : delimiter) + quoteField(row[j] as string);
      }
      lines.push(line);
    }
    return lines.join(eol) + eol;
  }
}

/** `sf__Error` text as Salesforce writes it: `STATUS_CODE:message:Field1,Field2 --`, or `…:message:--`. */
export function formatRowError(error: SalesforceError): string {
  const fields = error.fields.length > 0 ? `${error.fields.join(',')} ` : '';
  return `${error.statusCode}:${error.message}:${fields}--`;
}

/** Active states: the job can still change. */
export function isFinished(state: JobState): boolean {
  return state === JobState.jobComplete || state === JobState.failed || state === JobState.aborted;
}
