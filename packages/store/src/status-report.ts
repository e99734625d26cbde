/**
 * The ops status of one namespace, read from Redis only (no Salesforce call is spent on it): the
 * last sync runs, how far behind write-back is, API usage against the budget and any pause, queue
 * counts, pending work, and the problems ops should look at. `attain status` prints it; the HTTP
 * API may serve it as is.
 */
import type { AttainQueues } from './queues/queues.js';
import type { ApiPause } from './store/api-pause-store.js';
import type { Store } from './store/index.js';
import type { SyncRun } from './store/sync-run-store.js';

export const STATUS_QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
export type StatusQueueState = (typeof STATUS_QUEUE_STATES)[number];

export interface StatusReport {
  namespace: string;
  /** ISO timestamp. */
  at: string;
  /** Newest first. */
  runs: SyncRun[];
  /** Per object: ISO timestamp of the newest SystemModstamp processed. */
  cursors: Record<string, string>;
  lag: {
    /** ISO SystemModstamp of the oldest change not yet written back, or null. */
    oldestUnwrittenChange: string | null;
    ageSeconds: number | null;
  };
  api: {
    usage: { used: number; limit: number; ratio: number; at: string } | null;
    budgetFraction: number;
    pause: ApiPause | null;
  };
  queues: Record<string, Record<StatusQueueState, number>>;
  pending: { compute: number; writeback: number; held: number };
  problems: { syncErrors: number; refusedRecords: number; notices: Record<string, number> };
}

export interface StatusSources {
  store: Store;
  queues: AttainQueues;
  namespace: string;
  budgetFraction: number;
  runs?: number;
}

export async function statusReport(sources: StatusSources, now: Date = new Date()): Promise<StatusReport> {
  const { store, queues } = sources;
  const [runs, cursors, oldest, usage, pause, compute, writeback, held, syncErrors, refused, notices] =
    await Promise.all([
      store.runs.list(sources.runs ?? 5),
      store.cursors.all(),
      store.lag.oldest(),
      store.apiUsage.get(),
      store.apiPause.get(),
      store.deals.dirtyCount(),
      store.statements.pendingCount(),
      store.held.count(),
      store.errors.count(),
      store.writeErrors.count(),
      store.notices.countByCode(),
    ]);
  const queueCounts: StatusReport['queues'] = {};
  for (const queue of [queues.sync, queues.compute, queues.writeback]) {
    const counts = await queue.getJobCounts(...STATUS_QUEUE_STATES);
    queueCounts[queue.name] = Object.fromEntries(
      STATUS_QUEUE_STATES.map((state) => [state, counts[state] ?? 0]),
    ) as Record<StatusQueueState, number>;
  }
  return {
    namespace: sources.namespace,
    at: now.toISOString(),
    runs,
    cursors: Object.fromEntries(Object.entries(cursors).map(([object, ms]) => [object, new Date(ms).toISOString()])),
    lag: {
      oldestUnwrittenChange: oldest === null ? null : new Date(oldest).toISOString(),
      ageSeconds: oldest === null ? null : Math.max(0, (now.getTime() - oldest) / 1000),
    },
    api: {
      usage:
        usage && usage.limit > 0
          ? { used: usage.used, limit: usage.limit, ratio: usage.used / usage.limit, at: usage.at }
          : null,
      budgetFraction: sources.budgetFraction,
      pause,
    },
    queues: queueCounts,
    pending: { compute, writeback, held },
    problems: { syncErrors, refusedRecords: refused, notices },
  };
}
