/**
 * Large write-backs through Bulk API 2.0 ingest instead of sObject Collections: one job per object
 * and operation, results matched back to the records by external key (upserts) or id (deletes),
 * in the same shape as a collection's save results so that the write-back treats both alike.
 */

import { EXTERNAL_KEY_FIELD, type SalesforceValue, waitForJob } from '@attain/salesforce';
import type { Connection } from 'jsforce';

export interface SaveResultLike {
  id?: string | null;
  success: boolean;
  errors?: { statusCode?: string; errorCode?: string; message?: string }[];
}

/** Bulk 2.0 CSV: `#N/A` sets a field to null (an empty cell would leave it unchanged). */
const NULL_MARKER = '#N/A';
const JOB_TIMEOUT_MS = 10 * 60 * 1000;

function csvRecord(fields: Record<string, SalesforceValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) out[name] = value === null ? NULL_MARKER : String(value);
  return out;
}

/** `UNABLE_TO_LOCK_ROW:unable to obtain exclusive access…:--` → code and message. */
function parseBulkError(text: string): { statusCode: string; message: string } {
  const colon = text.indexOf(':');
  return colon > 0
    ? { statusCode: text.slice(0, colon), message: text.slice(colon + 1) }
    : { statusCode: 'UNKNOWN', message: text };
}

type Row = Record<string, unknown>;

/** One ingest job: create, upload, close, wait (polling with backoff), results; deleted if it fails half-way. */
async function ingest(
  connection: Connection,
  options: { object: string; operation: 'upsert' | 'delete'; externalIdFieldName?: string },
  input: Record<string, string>[],
): Promise<{ successful: Row[]; failed: Row[] }> {
  const job = connection.bulk2.createJob(options);
  try {
    await job.open();
    await job.uploadData(input);
    await job.close();
    await waitForJob(() => job.check(), JOB_TIMEOUT_MS);
    const results = await job.getAllResults();
    return { successful: results.successfulResults as Row[], failed: results.failedResults as Row[] };
  } catch (error) {
    if (job.id) await job.delete().catch(() => {});
    throw error;
  }
}

function toResults(keys: string[], column: string, successful: Row[], failed: Row[]): (SaveResultLike | undefined)[] {
  const byKey = new Map<string, SaveResultLike>();
  for (const row of successful) byKey.set(String(row[column]), { id: String(row.sf__Id), success: true });
  for (const row of failed) {
    byKey.set(String(row[column]), { success: false, errors: [parseBulkError(String(row.sf__Error ?? ''))] });
  }
  // A record in neither list was not processed (job aborted part-way): no result = retry it.
  return keys.map((key) => byKey.get(key));
}

export async function bulkUpsert(
  connection: Connection,
  object: string,
  records: Record<string, SalesforceValue>[],
): Promise<(SaveResultLike | undefined)[]> {
  const results = await ingest(
    connection,
    { object, operation: 'upsert', externalIdFieldName: EXTERNAL_KEY_FIELD },
    records.map(csvRecord),
  );
  return toResults(
    records.map((record) => String(record[EXTERNAL_KEY_FIELD])),
    EXTERNAL_KEY_FIELD,
    results.successful,
    results.failed,
  );
}

export async function bulkDelete(
  connection: Connection,
  object: string,
  ids: string[],
): Promise<(SaveResultLike | undefined)[]> {
  const results = await ingest(
    connection,
    { object, operation: 'delete' },
    ids.map((Id) => ({ Id })),
  );
  // Delete results carry the id both as sf__Id and in the Id column.
  return toResults(ids, 'Id', results.successful, results.failed).map((result, index) =>
    result?.success ? { ...result, id: ids[index]! } : result,
  );
}
