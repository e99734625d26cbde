/**
 * A sync asked for from the console, and the run that serves it. The run's id is the BullMQ job's
 * id (the worker names each run after its job). Jobs are deduplicated: a request while a sync is
 * queued joins that queued job (whose run reads after the request, so it serves it); a request while
 * a sync runs is kept for the run after the current one, whose job id BullMQ does not hand out yet.
 */
import type { SyncJob, SyncRun } from '@attain/store';
import { enqueueSync } from '@attain/store';
import type { ApiServices } from './api-services.js';

export interface SyncRequestOutcome {
  jobId: string | null;
  runId: string | null;
  runningRunId: string | null;
}

export async function requestSync(
  api: Pick<ApiServices, 'queues'>,
  kind: SyncJob['kind'],
  requestedBy: string,
  now: Date,
): Promise<SyncRequestOutcome> {
  // The worker stamps `processedOn` with the real time: compare with the real time, not the API's clock.
  const requestedMs = Date.now();
  const job = await enqueueSync(api.queues, kind, requestedBy, now);
  const jobId = job.id ?? null;
  if (jobId === null) return { jobId, runId: null, runningRunId: null };
  const stored = await api.queues.sync.getJob(jobId);
  const startedBefore = stored?.processedOn !== undefined && stored.processedOn < requestedMs;
  return startedBefore ? { jobId, runId: null, runningRunId: jobId } : { jobId, runId: jobId, runningRunId: null };
}

export type RunState = 'queued' | SyncRun['status'];

/** The run of a requested sync: its record once the worker started it, or `queued` before. Null: no such run. */
export async function syncRunView(
  api: Pick<ApiServices, 'queues' | 'store'>,
  runId: string,
): Promise<{ runId: string; state: RunState; run: SyncRun | null } | null> {
  const run = await api.store.runs.get(runId);
  if (run) return { runId, state: run.status, run };
  const job = await api.queues.sync.getJob(runId);
  // Only sync requests have runs (the schedule's ticks share the queue but only queue a sync).
  if (!job?.name.startsWith('sync-')) return null;
  const state = await job.getState();
  if (state === 'failed') return { runId, state: 'failed', run: null };
  return { runId, state: 'queued', run: null };
}
