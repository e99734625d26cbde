/** The three queues of one namespace, opened on one Redis connection configuration. */

import type { StatementKey } from '@attain/engine';
import { type ConnectionOptions, Queue } from 'bullmq';
import { computeDedupId, computeShardOf, dedup, syncDedupId, writebackDedupId } from './job-ids.js';
import { QueueName, queuePrefix } from './names.js';
import type { ComputeJob, SyncJob, WritebackJob } from './payloads.js';

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
  sync: Queue<SyncJob>;
  compute: Queue<ComputeJob>;
  writeback: Queue<WritebackJob>;
  close(): Promise<void>;
}

export function openQueues(
  connection: ConnectionOptions,
  namespace: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): AttainQueues {
  const prefix = queuePrefix(namespace);
  const defaultJobOptions = {
    ...KEEP,
    attempts: retry.attempts,
    backoff: { type: 'exponential' as const, delay: retry.backoffMs, jitter: 0.5 },
  };
  const sync = new Queue<SyncJob>(QueueName.sync, { connection, prefix, defaultJobOptions });
  const compute = new Queue<ComputeJob>(QueueName.compute, { connection, prefix, defaultJobOptions });
  const writeback = new Queue<WritebackJob>(QueueName.writeback, { connection, prefix, defaultJobOptions });
  return {
    sync,
    compute,
    writeback,
    async close() {
      await Promise.all([sync.close(), compute.close(), writeback.close()]);
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
