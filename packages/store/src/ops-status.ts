/**
 * The ops status of one namespace, read from Redis only (looking at it never spends a Salesforce
 * call): the last sync runs, how fresh the data is and how far behind write-back is, API usage
 * against the budget and any pause, queue counts, pending work, and the problems ops should look at.
 *
 * One model, read once (`readOpsStatus`), with the two views its readers have always shown:
 * `statusReport` (what `attain status` prints) and `syncStatus` (the body of `GET /api/ops/sync`).
 */
import type { AttainQueues } from './queues/queues.js';
import type { ApiPause } from './store/api-pause-store.js';
import type { Store } from './store/index.js';
import type { SyncRun } from './store/sync-run-store.js';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];
export type QueueCounts = Record<QueueState, number>;
type QueueKind = 'sync' | 'compute' | 'writeback';

/** Everything both views show, as stored. */
export interface OpsStatus {
  /** Newest first. */
  runs: SyncRun[];
  /** Per object: epoch ms of the newest SystemModstamp processed. */
  cursorsMs: Record<string, number>;
  /** SystemModstamp (epoch ms) of the oldest change not yet written back, or null. */
  oldestUnwrittenMs: number | null;
  /** The org's API usage as the worker last saw it. */
  usage: { used: number; limit: number; at: string } | null;
  pause: ApiPause | null;
  queues: Record<QueueKind, QueueCounts>;
  dirtyStatements: number;
  pendingWriteback: number;
  heldStatements: number;
  syncErrors: number;
  writeErrors: number;
  noticesByCode: Record<string, number>;
}

async function countsOf(queue: AttainQueues[QueueKind]): Promise<QueueCounts> {
  const raw = await queue.getJobCounts(...QUEUE_STATES);
  return Object.fromEntries(QUEUE_STATES.map((state) => [state, raw[state] ?? 0])) as QueueCounts;
}

/** Reads the status: the `runs` newest runs, everything else whole. */
export async function readOpsStatus(store: Store, queues: AttainQueues, runs: number): Promise<OpsStatus> {
  const [runList, cursorsMs, oldest, usage, pause, dirty, pending, held, syncErrors, writeErrors, notices] =
    await Promise.all([
      store.runs.list(runs),
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
  const [sync, compute, writeback] = await Promise.all([
    countsOf(queues.sync),
    countsOf(queues.compute),
    countsOf(queues.writeback),
  ]);
  return {
    runs: runList,
    cursorsMs,
    oldestUnwrittenMs: oldest,
    usage,
    pause,
    queues: { sync, compute, writeback },
    dirtyStatements: dirty,
    pendingWriteback: pending,
    heldStatements: held,
    syncErrors,
    writeErrors,
    noticesByCode: notices,
  };
}

function isoCursors(cursorsMs: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(cursorsMs).map(([object, ms]) => [object, new Date(ms).toISOString()]));
}

// ── `attain status` ────────────────────────────────────────────────────────────────────────────

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
  const status = await readOpsStatus(sources.store, sources.queues, sources.runs ?? 5);
  const oldest = status.oldestUnwrittenMs;
  const { usage } = status;
  const queues: StatusReport['queues'] = {};
  for (const [name, counts] of Object.entries(status.queues)) {
    queues[name] = Object.fromEntries(STATUS_QUEUE_STATES.map((state) => [state, counts[state]])) as Record<
      StatusQueueState,
      number
    >;
  }
  return {
    namespace: sources.namespace,
    at: now.toISOString(),
    runs: status.runs,
    cursors: isoCursors(status.cursorsMs),
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
      pause: status.pause,
    },
    queues,
    pending: { compute: status.dirtyStatements, writeback: status.pendingWriteback, held: status.heldStatements },
    problems: {
      syncErrors: status.syncErrors,
      refusedRecords: status.writeErrors,
      notices: status.noticesByCode,
    },
  };
}

// ── GET /api/ops/sync ──────────────────────────────────────────────────────────────────────────

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
  queues: Record<QueueKind, QueueCounts>;
  pending: { dirtyStatements: number; pendingWriteback: number; recordErrors: number; writeErrors: number };
}

export async function syncStatus(
  store: Store,
  queues: AttainQueues,
  budgetFraction: number,
  now: Date,
  runLimit = 10,
): Promise<SyncStatus> {
  const status = await readOpsStatus(store, queues, runLimit);
  const lastSuccess = status.runs.find((run) => run.status === 'succeeded') ?? null;
  return {
    runs: status.runs,
    freshness: {
      lastSucceededAt: lastSuccess?.endedAt ?? null,
      secondsSinceLastSuccess: lastSuccess
        ? Math.max(0, Math.round((now.getTime() - Date.parse(lastSuccess.startedAt)) / 1000))
        : null,
      cursors: isoCursors(status.cursorsMs),
    },
    apiBudget: {
      used: status.usage?.used ?? null,
      limit: status.usage?.limit ?? null,
      observedAt: status.usage?.at ?? null,
      budgetFraction,
      paused: status.pause,
    },
    queues: status.queues,
    pending: {
      dirtyStatements: status.dirtyStatements,
      pendingWriteback: status.pendingWriteback,
      recordErrors: status.syncErrors,
      writeErrors: status.writeErrors,
    },
  };
}
