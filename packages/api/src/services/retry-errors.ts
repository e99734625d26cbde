/**
 * Ops retrying record-level errors. The retry changes synced data, so the worker runs it (as a job
 * on the sync queue, through the same ingest path as every sync: `@attain/sync-worker`'s
 * `processors/retry.ts`); the API queues it, follows it, and answers with the outcome the worker
 * computed. A worker that does not finish in time gets a 504 that says so (the job still runs).
 */
import type { RetryOutcome } from '@attain/store';
import { enqueueRetry, type FollowedQueues, followSyncJob, retryJobResultSchema } from '@attain/store';
import { ApiError, ErrorCode } from '../errors.js';

export interface RetryDeps {
  queues: FollowedQueues;
  clock: () => Date;
  /** How long a retry request waits for the worker (below the server's 30 s request timeout). */
  retryWaitMs: number;
}

/** 20 s: a retry waits behind a sync that is running (one job of the sync queue at a time). */
export const DEFAULT_RETRY_WAIT_MS = 20_000;

export async function retryErrors(
  deps: RetryDeps,
  requestedBy: string,
  request: { recordIds: string[]; writeErrorKeys: string[] },
): Promise<RetryOutcome> {
  const job = await enqueueRetry(deps.queues, request, requestedBy, deps.clock());
  const followed = await followSyncJob(deps.queues, job, deps.retryWaitMs);
  if (followed.state === 'waiting') {
    throw new ApiError(
      504,
      ErrorCode.workerTimeout,
      `the worker did not finish the retry within ${deps.retryWaitMs / 1000} s (is a worker running? ` +
        `is a long sync ahead of it?); it stays queued: look at GET /api/ops/errors later`,
    );
  }
  if (followed.state === 'failed') throw new Error(`the retry job failed: ${followed.reason}`);
  const result = retryJobResultSchema.parse(followed.value);
  if ('salesforceUnavailable' in result) {
    throw new ApiError(502, ErrorCode.salesforceUnavailable, result.salesforceUnavailable.message);
  }
  return result.outcome;
}
