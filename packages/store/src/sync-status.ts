/**
 * What ops see of the sync: the last runs, how fresh the data is, the org's API budget as the
 * worker last saw it (and any pause), queue counts, and the work still pending. Read from Redis
 * only: looking at the status never spends a Salesforce call.
 */
import type { AttainQueues } from './queues/queues.js';
import type { Store } from './store/index.js';
import type { SyncRun } from './store/sync-run-store.js';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type QueueCounts = Record<(typeof QUEUE_STATES)[number], number>;

export interface SyncStatus {
  runs: SyncRun[];
  freshness: {
    lastSucceededAt: string | null;
    /** Seconds since the start of the last successful run: the data is at least that fresh. */
    secondsSinceLastSuccess: number | null;
    /** Per object, the newest SystemModstamp processed (ISO). */
    cursors: Record<string, string>;
  };
  apiBudget: {
    used: number | null;
    limit: number | null;
    observedAt: string | null;
    /** API_BUDGET_FRACTION: the share of the daily limit the worker may use. */
    budgetFraction: number;
    paused: { reason: string; until: string } | null;
  };
  queues: Record<'sync' | 'compute' | 'writeback', QueueCounts>;
  pending: { dirtyStatements: number; pendingWriteback: number; recordErrors: number; writeErrors: number };
}

async function counts(queue: AttainQueues['sync'] | AttainQueues['compute'] | AttainQueues['writeback']) {
  const raw = await queue.getJobCounts(...QUEUE_STATES);
  return Object.fromEntries(QUEUE_STATES.map((state) => [state, raw[state] ?? 0])) as QueueCounts;
}

export async function syncStatus(
  store: Store,
  queues: AttainQueues,
  budgetFraction: number,
  now: Date,
  runLimit = 10,
): Promise<SyncStatus> {
  const [runs, cursors, usage, pause, sync, compute, writeback, dirty, pending, recordErrors, writeErrors] =
    await Promise.all([
      store.runs.list(runLimit),
      store.cursors.all(),
      store.apiUsage.get(),
      store.apiPause.get(),
      counts(queues.sync),
      counts(queues.compute),
      counts(queues.writeback),
      store.deals.dirtyCount(),
      store.statements.pendingCount(),
      store.errors.count(),
      store.writeErrors.count(),
    ]);
  const lastSuccess = runs.find((run) => run.status === 'succeeded') ?? null;
  return {
    runs,
    freshness: {
      lastSucceededAt: lastSuccess?.endedAt ?? null,
      secondsSinceLastSuccess: lastSuccess
        ? Math.max(0, Math.round((now.getTime() - Date.parse(lastSuccess.startedAt)) / 1000))
        : null,
      cursors: Object.fromEntries(Object.entries(cursors).map(([object, ms]) => [object, new Date(ms).toISOString()])),
    },
    apiBudget: {
      used: usage?.used ?? null,
      limit: usage?.limit ?? null,
      observedAt: usage?.at ?? null,
      budgetFraction,
      paused: pause,
    },
    queues: { sync, compute, writeback },
    pending: { dirtyStatements: dirty, pendingWriteback: pending, recordErrors, writeErrors },
  };
}
