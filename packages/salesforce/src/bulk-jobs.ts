/**
 * Bulk API 2.0 plumbing jsforce 3.10.16 gets wrong or slow:
 * - query results of more than one page: `bulk2.query` pipes every page into one CSV parser that the
 *   first page already ended, and the process dies with an uncatchable ERR_STREAM_WRITE_AFTER_END
 *   (jsforce#1546, #1693). Pages are read here one request each, following `Sforce-Locator`;
 * - polling at one fixed interval: a job is polled first after 100 ms, then at doubling intervals up
 *   to 2 s, so a small job is not held a whole second and a large one is not polled needlessly often.
 */
import type { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';

type Row = Record<string, unknown>;

interface JobInfo {
  id: string;
  state: string;
  errorMessage?: string;
}

const FIRST_POLL_MS = 100;
const MAX_POLL_MS = 2000;

export class BulkJobError extends Error {
  readonly code = 'BULK_JOB_FAILED';
  constructor(
    message: string,
    readonly jobId: string,
  ) {
    super(message);
    this.name = 'BulkJobError';
  }
}

/** Polls `check` until the job is complete; throws when it failed, was aborted, or `timeoutMs` passed. */
export async function waitForJob(check: () => Promise<JobInfo>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let wait = FIRST_POLL_MS;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    const info = await check();
    if (info.state === 'JobComplete') return;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new BulkJobError(
        `Bulk job ${info.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? 'no reason given'}`,
        info.id,
      );
    }
    if (Date.now() + wait > deadline)
      throw new BulkJobError(`Bulk job ${info.id} not done after ${timeoutMs} ms`, info.id);
    wait = Math.min(MAX_POLL_MS, wait * 2);
  }
}

/** Every row of a Bulk 2.0 query, page by page (CSV text values; '' for null). */
export async function bulkQueryRows(connection: Connection, soql: string, timeoutMs: number): Promise<Row[]> {
  const base = `/services/data/v${connection.version}/jobs/query`;
  const job = await connection.request<JobInfo>({
    method: 'POST',
    url: base,
    body: JSON.stringify({ operation: 'query', query: soql }),
    headers: { 'Content-Type': 'application/json' },
  });
  try {
    await waitForJob(() => connection.request<JobInfo>({ method: 'GET', url: `${base}/${job.id}` }), timeoutMs);
    const rows: Row[] = [];
    let locator: string | undefined;
    do {
      const http = new HttpApi(connection, {});
      http.on('response', (response: { headers: Record<string, string | undefined> }) => {
        locator = response.headers['sforce-locator'];
      });
      const page = await http.request<Row[] | string>({
        method: 'GET',
        url: `${connection.instanceUrl}${base}/${job.id}/results${locator ? `?locator=${encodeURIComponent(locator)}` : ''}`,
        headers: { Accept: 'text/csv' },
      });
      // An empty result has no CSV rows (jsforce hands back the empty text).
      if (Array.isArray(page)) for (const row of page) rows.push(row);
    } while (locator && locator !== 'null');
    return rows;
  } catch (error) {
    // Best effort: a failed read should not leave the job's results on the org.
    await connection.request({ method: 'DELETE', url: `${base}/${job.id}` }).catch(() => {});
    throw error;
  }
}
