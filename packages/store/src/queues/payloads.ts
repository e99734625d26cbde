/**
 * Job payloads, checked with zod when a job is taken: a job written by an older or newer worker
 * that this one cannot read fails clearly instead of doing something half-right.
 */
import type { RecordError } from '@attain/salesforce';
import { z } from 'zod';
import { COMPUTE_SHARDS } from './job-ids.js';

export const syncJobSchema = z.strictObject({
  kind: z.enum(['incremental', 'full']),
  /** Who asked: `schedule`, `cli`, `mapping:v3`, an admin's username. */
  requestedBy: z.string().min(1),
  /** ISO timestamp. */
  requestedAt: z.iso.datetime(),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

/** Compute every dirty statement key of one shard (see job-ids.ts). */
export const computeJobSchema = z.strictObject({
  shard: z
    .number()
    .int()
    .min(0)
    .max(COMPUTE_SHARDS - 1),
});
export type ComputeJob = z.infer<typeof computeJobSchema>;

/** A write-back pass over every statement key pending write-back (the job carries no data of its own). */
export const writebackJobSchema = z.strictObject({ reason: z.string().min(1) });
export type WritebackJob = z.infer<typeof writebackJobSchema>;

/**
 * Ops retrying record-level errors (`POST /api/ops/errors/retry`). It runs on the sync queue, one
 * job at a time with the syncs, since it changes the same deals, notices and errors through the
 * same ingest path; the API waits for its result (`RetryJobResult`).
 */
export const retryJobSchema = z.strictObject({
  /** Records the sync could not turn into deals (their errors' record ids). */
  recordIds: z.array(z.string().min(1)),
  /** Records Salesforce refused at write-back (`C|…`, `S|…`). */
  writeErrorKeys: z.array(z.string().min(1)),
  /** Who asked: the ops user's id. */
  requestedBy: z.string().min(1),
  /** ISO timestamp. */
  requestedAt: z.iso.datetime(),
});
export type RetryJob = z.infer<typeof retryJobSchema>;

/** A record-level error as the adapter reports it (its shape is the adapter's `RecordError`). */
const recordErrorValue = z.custom<RecordError>((value) => typeof value === 'object' && value !== null);

/** What the retry did to each record or write error it was asked about. */
export const retryOutcomeSchema = z.object({
  /** Synced cleanly now (or removed because Salesforce no longer has them). */
  fixed: z.array(z.string()),
  /** Still failing: the error as it is now. */
  failing: z.array(recordErrorValue),
  /** Put up for the next write-back pass. */
  queuedForWriteback: z.array(z.string()),
  /** Will be read again by the queued incremental sync. */
  queuedForSync: z.array(z.string()),
  /** Not a current error. */
  unknown: z.array(z.string()),
});

/**
 * The retry job's return value: its outcome, or Salesforce not answering the re-read (an error
 * value, not a failed job: the API answers it at once instead of waiting for BullMQ's retries).
 */
export const retryJobResultSchema = z.union([
  z.strictObject({ outcome: retryOutcomeSchema }),
  z.strictObject({ salesforceUnavailable: z.strictObject({ message: z.string() }) }),
]);
export type RetryJobResult = z.infer<typeof retryJobResultSchema>;
export type RetryOutcome = z.infer<typeof retryOutcomeSchema>;

/** Payloads by queue, for typed `Queue`/`Worker` instances. */
export interface JobPayloads {
  sync: SyncJob | RetryJob;
  compute: ComputeJob;
  writeback: WritebackJob;
}
