/** The three queues of one namespace, opened on one Redis connection configuration. */

import type { StatementKey } from '@attain/engine';
import { type ConnectionOptions, type Job, Queue, QueueEvents } from 'bullmq';
import {
  computeDedupId,
  computeShardOf,
  dedup,
  RETRY_JOB_NAME,
  retryJobId,
  syncDedupId,
  writebackDedupId,
} from './job-ids.js';
import { QueueName, queuePrefix } from './names.js';
import type { ComputeJob, RetryJob, SyncJob, WritebackJob } from './payloads.js';

/** Completed jobs are kept briefly (for `attain sync --wait` and the ops view), failed ones longer. */
const KEEP = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600, count: 5000 } };
/** Transient failures (Salesforce 5xx, timeouts, lock contention): exponential backoff with jitter, by BullMQ. */
export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each next one doubles, ± half of it at random. */
  backoffMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, backoffMs: 1000 };

export interface AttainQueues {
  /** Syncs, their schedule's ticks, and retries of record-level errors (one job at a time). */
  sync: Queue<SyncJob | RetryJob>;
  compute: Queue<ComputeJob>;
  writeback: Queue<WritebackJob>;
  close(): Promise<void>;
}

/** The sync queue's events, for following a job to its end (opened on first use, closed with the queues). */
export interface FollowedQueues extends AttainQueues {
  syncEvents(): Promise<QueueEvents>;
}

export function openQueues(
  connection: ConnectionOptions,
  namespace: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): FollowedQueues {
  const prefix = queuePrefix(namespace);
  const defaultJobOptions = {
    ...KEEP,
    attempts: retry.attempts,
    backoff: { type: 'exponential' as const, delay: retry.backoffMs, jitter: 0.5 },
  };
  const sync = new Queue<SyncJob | RetryJob>(QueueName.sync, { connection, prefix, defaultJobOptions });
  const compute = new Queue<ComputeJob>(QueueName.compute, { connection, prefix, defaultJobOptions });
  const writeback = new Queue<WritebackJob>(QueueName.writeback, { connection, prefix, defaultJobOptions });
  let events: Promise<QueueEvents> | undefined;
  return {
    sync,
    compute,
    writeback,
    syncEvents() {
      events ??= (async () => {
        const opened = new QueueEvents(QueueName.sync, { connection, prefix });
        opened.on('error', () => {});
        await opened.waitUntilReady();
        return opened;
      })();
      return events;
    },
    async close() {
      const opened = events ? await events.catch(() => undefined) : undefined;
      await Promise.all([sync.close(), compute.close(), writeback.close(), opened?.close()]);
    },
  };
}

export async function enqueueSync(queues: AttainQueues, kind: SyncJob['kind'], requestedBy: string, now = new Date()) {
  const data: SyncJob = { kind, requestedBy, requestedAt: now.toISOString() };
  return queues.sync.add(`sync-${kind}`, data, { deduplication: dedup(syncDedupId()) });
}

/** A compute job for each shard that `keys` fall in (it computes every dirty key of its shard). */
export async function enqueueCompute(queues: AttainQueues, keys: StatementKey[]) {
  const shards = [...new Set(keys.map(computeShardOf))].sort((a, b) => a - b);
  if (shards.length === 0) return [];
  return queues.compute.addBulk(
    shards.map((shard) => ({
      name: 'compute',
      data: { shard },
      opts: { deduplication: dedup(computeDedupId(shard)) },
    })),
  );
}

/**
 * A short delay lets the compute jobs of one sync finish, so one pass writes them all. `delayMs` 0
 * (the last compute of a batch is done) also pulls a pass already waiting out its delay forward to
 * now: a single changed deal is not held back by the batching meant for thousands.
 */
export async function enqueueWriteback(queues: AttainQueues, reason: string, delayMs = 500) {
  const deduplication = { ...dedup(writebackDedupId()), ...(delayMs === 0 ? { reschedule: true } : {}) };
  return queues.writeback.add('writeback', { reason }, { delay: delayMs, deduplication });
}

/**
 * A retry of record-level errors, run by the worker on the sync queue (never two at once with a
 * sync: both ingest records). Tried once: the caller waits for its result and reports a failure.
 */
export async function enqueueRetry(
  queues: AttainQueues,
  request: { recordIds: string[]; writeErrorKeys: string[] },
  requestedBy: string,
  now = new Date(),
) {
  const data: RetryJob = { ...request, requestedBy, requestedAt: now.toISOString() };
  return queues.sync.add(RETRY_JOB_NAME, data, { jobId: retryJobId(), attempts: 1 });
}

/** How a followed job ended: its return value, its failure, or still unfinished when the wait ran out. */
export type FollowedJob =
  | { state: 'completed'; value: unknown }
  | { state: 'failed'; reason: string }
  | { state: 'waiting' };

/**
 * Waits at most `timeoutMs` for a job of the sync queue to finish. The events connection is ready
 * before the job is looked at, so a job finishing meanwhile is not missed (BullMQ also checks the
 * job's state first). A timeout is told from a failure by the job's state, not by an error message.
 */
export async function followSyncJob(queues: FollowedQueues, job: Job, timeoutMs: number): Promise<FollowedJob> {
  const events = await queues.syncEvents();
  try {
    return { state: 'completed', value: await job.waitUntilFinished(events, timeoutMs) };
  } catch (error) {
    const state = await job.getState();
    if (state === 'failed')
      return { state: 'failed', reason: (await queues.sync.getJob(job.id ?? ''))?.failedReason ?? String(error) };
    if (state === 'completed')
      return { state: 'completed', value: (await queues.sync.getJob(job.id ?? ''))?.returnvalue };
    return { state: 'waiting' };
  }
}
