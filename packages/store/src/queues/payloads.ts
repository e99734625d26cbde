/**
 * Job payloads, checked with zod when a job is taken: a job written by an older or newer worker
 * that this one cannot read fails clearly instead of doing something half-right.
 */
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

/** Payloads by queue, for typed `Queue`/`Worker` instances. */
export interface JobPayloads {
  sync: SyncJob;
  compute: ComputeJob;
  writeback: WritebackJob;
}
