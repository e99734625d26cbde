/**
 * Runs an ingest job after UploadComplete, in the background: parse the CSV, check the header, then
 * write the rows through `ctx.dml` in 200-row chunks (one transaction and one SystemModstamp per
 * chunk, as Salesforce saves them), yielding to the event loop every few milliseconds so the API
 * keeps answering and status polls see `InProgress` with a growing `numberRecordsProcessed`.
 *
 * Rows fail one by one (partial success) with the same errors as REST; duplicate ids or external
 * ids inside one chunk fail all their rows, as Salesforce refuses duplicates within one save.
 */
import type { EmulatorContext } from '../context.js';
import type { DmlResult, SalesforceError } from '../store/dml.js';
import { dmlErrors } from '../store/dml-errors.js';
import { canonicalId } from '../store/record-id.js';
import { CsvFormatError, parseCsv } from './csv.js';
import { type ColumnPlan, cellOf, IngestOperation, planColumns, rowFields } from './ingest-columns.js';
import { formatRowError, type IngestJob, type RowOutcome } from './ingest-job.js';
import { JobState } from './job-info.js';

/** Rows saved together (Salesforce's trigger chunk). */
const CHUNK_ROWS = 200;
/** Rows Salesforce counts as one batch against DailyBulkApiBatches. */
const ROWS_PER_BATCH = 10_000;
/** Work done per event-loop turn before yielding. */
const SLICE_MS = 20;

export function startIngest(ctx: EmulatorContext, job: IngestJob): void {
  setImmediate(() => {
    if (job.state !== JobState.uploadComplete) return;
    const began = performance.now();
    try {
      job.rows = parseCsv(job.data ?? '', {
        delimiter: job.identity.columnDelimiter,
        lineEnding: job.identity.lineEnding,
      });
      job.data = undefined;
      job.header = job.rows.shift() ?? [];
      const object = ctx.schema.get(job.identity.object);
      if (!object) throw new CsvFormatError(`InvalidBatch : Entity '${job.identity.object}' is not supported`);
      if (job.header.length === 0) {
        // Nothing uploaded (clients send an empty body for an empty record list): Salesforce completes
        // the job with no rows processed and empty result files.
        job.transition(JobState.inProgress, ctx.now());
        job.transition(JobState.jobComplete, ctx.now());
        return;
      }
      const plan = planColumns(ctx.schema, object, job.header, job.operation, job.externalIdFieldName);
      if (!ctx.limits.consume('DailyBulkApiBatches', Math.max(1, Math.ceil(job.rows.length / ROWS_PER_BATCH)))) {
        throw new CsvFormatError('ExceededQuota : Daily Bulk API batch limit exceeded');
      }
      job.transition(JobState.inProgress, ctx.now());
      job.processingMs += performance.now() - began;
      processSlice(ctx, job, object.name, plan, 0);
    } catch (error) {
      if (!(error instanceof CsvFormatError)) throw error;
      job.errorMessage = error.message;
      job.processingMs += performance.now() - began;
      job.transition(JobState.failed, ctx.now());
    }
  });
}

function processSlice(ctx: EmulatorContext, job: IngestJob, objectName: string, plan: ColumnPlan, from: number): void {
  // Aborted or deleted meanwhile: what is left stays unprocessed.
  if (job.state !== JobState.inProgress) return;
  const began = performance.now();
  let next = from;
  while (next < job.rows.length && performance.now() - began < SLICE_MS) {
    const end = Math.min(next + CHUNK_ROWS, job.rows.length);
    processChunk(ctx, job, objectName, plan, next, end);
    next = end;
  }
  job.processingMs += performance.now() - began;
  if (next < job.rows.length) {
    setImmediate(() => processSlice(ctx, job, objectName, plan, next));
  } else {
    job.transition(JobState.jobComplete, ctx.now());
  }
}

function processChunk(
  ctx: EmulatorContext,
  job: IngestJob,
  objectName: string,
  plan: ColumnPlan,
  start: number,
  end: number,
): void {
  const keyIndex = job.operation === IngestOperation.upsert ? plan.keyIndex : plan.idIndex;
  const duplicates = duplicateKeys(job, plan, keyIndex, start, end);
  ctx.dml.transaction(() => {
    for (let i = start; i < end; i++) {
      const row = job.rows[i] as string[];
      let outcome: RowOutcome;
      try {
        outcome = processRow(ctx, job, objectName, plan, row, cellOf(row, keyIndex), duplicates);
      } catch (error) {
        // A bug must not take the server down with it: the row fails the way Salesforce's do.
        outcome = failed({ ...unknownError(), message: `An unexpected error occurred: ${String(error)}` }, null);
      }
      job.record(i, outcome);
    }
  });
}

function processRow(
  ctx: EmulatorContext,
  job: IngestJob,
  objectName: string,
  plan: ColumnPlan,
  row: string[],
  key: string | undefined,
  duplicates: Set<string>,
): RowOutcome {
  const id = cellOf(row, plan.idIndex);
  const given = id === undefined ? null : (canonicalId(id) ?? id);
  if (ctx.faults.shouldFailRecord()) return failed(dmlErrors.lockRow(), job.operation === 'insert' ? null : given);
  const keyField = plan.keyField;
  if (key !== undefined && duplicates.has(normalize(job, plan, key))) {
    const what = job.operation === IngestOperation.upsert && keyField?.name !== 'Id' ? 'external id' : 'id';
    return failed({ statusCode: 'DUPLICATE_VALUE', message: `Duplicate ${what} specified: ${key}`, fields: [] }, given);
  }
  let result: DmlResult;
  switch (job.operation) {
    case IngestOperation.insert:
      if (id !== undefined) return failed(dmlErrors.idOnInsert(), null);
      result = ctx.dml.insert(objectName, rowFields(plan, row));
      break;
    case IngestOperation.update:
      if (id === undefined) return failed(missing('Id not specified in an update call'), null);
      result = ctx.dml.update(objectName, id, rowFields(plan, row));
      break;
    case IngestOperation.upsert: {
      const fieldName = keyField?.name ?? 'Id';
      if (key === undefined && fieldName !== 'Id') {
        return failed(missing(`${fieldName} not specified`, [fieldName]), given);
      }
      result = ctx.dml.upsert(objectName, fieldName, key ?? '', rowFields(plan, row));
      break;
    }
    default:
      if (id === undefined) return failed(missing('Id not specified in a delete call'), null);
      result = ctx.dml.delete(objectName, id);
  }
  if (result.success) return { ok: true, id: result.id, created: result.created };
  return { ok: false, id: result.id, error: formatRowError(result.errors[0] ?? unknownError()) };
}

/** Keys (ids, or external ids for upsert) used by more than one row of the chunk. */
function duplicateKeys(job: IngestJob, plan: ColumnPlan, keyIndex: number, start: number, end: number): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  if (keyIndex < 0 || job.operation === IngestOperation.insert) return twice;
  for (let i = start; i < end; i++) {
    const key = cellOf(job.rows[i] as string[], keyIndex);
    if (key === undefined) continue;
    const normalized = normalize(job, plan, key);
    if (seen.has(normalized)) twice.add(normalized);
    seen.add(normalized);
  }
  return twice;
}

function normalize(job: IngestJob, plan: ColumnPlan, key: string): string {
  const field = job.operation === IngestOperation.upsert ? plan.keyField : undefined;
  if (!field || field.name === 'Id') return canonicalId(key) ?? key;
  return field.caseSensitive ? key : key.toLowerCase();
}

function failed(error: SalesforceError, id: string | null): RowOutcome {
  return { ok: false, id, error: formatRowError(error) };
}

function missing(message: string, fields: string[] = []): SalesforceError {
  return { statusCode: 'MISSING_ARGUMENT', message, fields };
}

function unknownError(): SalesforceError {
  return { statusCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred', fields: [] };
}
