/** What every job processor is handed: the store, the queues, Salesforce, a logger, and settings. */

import type { SalesforceSession } from '@attain/salesforce';
import type { AttainQueues, InputsCache, Store, WorkerMetrics } from '@attain/store';
import type { Logger } from 'pino';

export interface ProcessorContext {
  store: Store;
  queues: AttainQueues;
  salesforce: SalesforceSession;
  /** The job's logger (carries `queue` and `jobId`). */
  logger: Logger;
  metrics: WorkerMetrics;
  /** Plans, assignments, quotas and rates validated once per inputs generation (per process). */
  inputs: InputsCache;
  settings: {
    /** SystemModstamp overlap re-read by each incremental sync. */
    overlapMs: number;
    /** Records per Salesforce collection call (≤ 200). */
    collectionSize: number;
    /** From this many records of one object in one write-back round on, one Bulk API 2.0 job is used. */
    bulkThreshold: number;
    /** Full resyncs of orgs with at least this many records of the mapped object use Bulk API 2.0 query. */
    bulkQueryThreshold: number;
  };
}

/**
 * Bulk API 2.0 only for large volumes: measured with jsforce 3.10.16 (whose CSV parsing of Bulk
 * results is slow) against the emulator, a 100,000-opportunity full resync reads faster through REST
 * pages of 2,000 (which cost ⌈n/2,000⌉ API calls, the least there is) and writes ~2.5× faster through
 * three collection calls in flight than through Bulk ingest jobs; Bulk's gain is fewer API calls.
 */
export const DEFAULT_SETTINGS: ProcessorContext['settings'] = {
  overlapMs: 60_000,
  collectionSize: 200,
  bulkThreshold: 20_000,
  bulkQueryThreshold: 500_000,
};
