/**
 * Prometheus metrics (prom-client). Counters and histograms are per process — the worker's own
 * work — and add up across processes in Prometheus (`sum by (…)`); gauges that describe shared state
 * (queue counts, pending statements, errors, the API pause) are read from Redis when scraped, so any
 * process that has the queues and the store (the worker, the HTTP API) reports the same values.
 *
 * `createMetrics()` makes one set on its own registry; the worker serves it on `WORKER_METRICS_PORT`
 * (`metrics-server.ts`), the HTTP API mounts `renderMetrics` on its `/metrics`.
 */

import type { ApiCall, ApiUsage } from '@attain/salesforce';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AttainQueues } from './queues/queues.js';
import type { Store } from './store/index.js';

/** Where the scrape-time gauges read shared state from; either may be absent (the gauge is then left out). */
export interface MetricsSources {
  queues?: AttainQueues;
  store?: Store;
}

export interface CreateMetricsOptions {
  /** Node.js process metrics (CPU, memory, event loop lag, GC) on the same registry (default true). */
  processMetrics?: boolean;
  sources?: MetricsSources;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/** Seconds: from sub-second incremental runs to half-hour full resyncs of large orgs. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Seconds from a record's SystemModstamp to its statement in Salesforce. */
const LAG_BUCKETS = [0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300, 900, 3600];

export class WorkerMetrics {
  readonly registry = new Registry();
  private sources: MetricsSources;

  readonly syncRuns: Counter<'kind' | 'outcome'>;
  readonly syncDuration: Histogram<'kind' | 'outcome'>;
  readonly recordsRead: Counter<'object'>;
  readonly recordsSynced: Counter<'object' | 'outcome'>;
  readonly statementsComputed: Counter;
  readonly recordsWritten: Counter<'object' | 'outcome'>;
  readonly apiCalls: Counter<'kind'>;
  readonly bulkJobs: Counter<'operation'>;
  readonly apiRequestsUsed: Gauge;
  readonly apiRequestsLimit: Gauge;
  readonly apiUsageRatio: Gauge;
  readonly apiBudgetRatio: Gauge;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  readonly writebackLag: Histogram;

  constructor(options: CreateMetricsOptions = {}) {
    this.sources = options.sources ?? {};
    const registers = [this.registry];
    this.syncRuns = new Counter({
      name: 'attain_sync_runs_total',
      help: 'Sync runs by kind (full, incremental) and outcome (succeeded, failed, paused).',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.syncDuration = new Histogram({
      name: 'attain_sync_run_duration_seconds',
      help: 'Wall time of sync runs (reading Salesforce into the store; compute and write-back not included).',
      labelNames: ['kind', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.recordsRead = new Counter({
      name: 'attain_sync_records_read_total',
      help: 'Records read from Salesforce by sync runs, by object.',
      labelNames: ['object'],
      registers,
    });
    this.recordsSynced = new Counter({
      name: 'attain_sync_records_total',
      help: 'What sync runs did with the records read: created, updated, unchanged, deleted deals, or error.',
      labelNames: ['object', 'outcome'],
      registers,
    });
    this.statementsComputed = new Counter({
      name: 'attain_statements_computed_total',
      help: 'Statements computed by compute jobs.',
      registers,
    });
    this.recordsWritten = new Counter({
      name: 'attain_writeback_records_total',
      help:
        'Commission records handled by write-back, by object and outcome: written, deleted, unchanged (not sent), ' +
        'refused (kept as a write error), retrying (transient failure), held (statement locked).',
      labelNames: ['object', 'outcome'],
      registers,
    });
    this.apiCalls = new Counter({
      name: 'attain_salesforce_api_calls_total',
      help: 'HTTP requests sent to Salesforce, by kind (query, queryMore, collections, bulk_query, bulk_ingest, describe, auth, other).',
      labelNames: ['kind'],
      registers,
    });
    this.bulkJobs = new Counter({
      name: 'attain_salesforce_bulk_jobs_total',
      help: 'Bulk API 2.0 jobs created, by operation (query, ingest).',
      labelNames: ['operation'],
      registers,
    });
    this.apiRequestsUsed = new Gauge({
      name: 'attain_salesforce_api_requests_used',
      help: "The org's API requests used in the last 24 h, from the last Sforce-Limit-Info header seen.",
      registers,
    });
    this.apiRequestsLimit = new Gauge({
      name: 'attain_salesforce_api_requests_limit',
      help: "The org's daily API request limit, from the last Sforce-Limit-Info header seen.",
      registers,
    });
    this.apiUsageRatio = new Gauge({
      name: 'attain_salesforce_api_usage_ratio',
      help: 'Used / limit of the daily API requests (compare with attain_salesforce_api_budget_ratio).',
      registers,
    });
    this.apiBudgetRatio = new Gauge({
      name: 'attain_salesforce_api_budget_ratio',
      help: 'API_BUDGET_FRACTION: the share of the daily limit the worker may use before it stops spending.',
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'attain_job_duration_seconds',
      help: 'Processing time of queue jobs, by queue (sync, compute, writeback) and outcome (completed, failed, rate_limited).',
      labelNames: ['queue', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.writebackLag = new Histogram({
      name: 'attain_writeback_lag_seconds',
      help: "End-to-end lag: from a record's SystemModstamp (changes seen by incremental syncs) to its statement written back.",
      buckets: LAG_BUCKETS,
      registers,
    });
    this.sharedStateGauges(registers);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Sets or replaces where the scrape-time gauges read from. */
  attach(sources: MetricsSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** One Salesforce request, as reported by the connection's transport. */
  apiCall(call: ApiCall): void {
    this.apiCalls.inc({ kind: call.kind });
    if (call.bulkJob) this.bulkJobs.inc({ operation: call.bulkJob });
  }

  apiUsage(usage: ApiUsage | undefined): void {
    if (!usage || usage.limit <= 0) return;
    this.apiRequestsUsed.set(usage.used);
    this.apiRequestsLimit.set(usage.limit);
    this.apiUsageRatio.set(usage.used / usage.limit);
  }

  /** Gauges of state shared through Redis: read when scraped. */
  private sharedStateGauges(registers: Registry[]): void {
    const metrics = this;
    new Gauge({
      name: 'attain_queue_jobs',
      help: 'Jobs in each queue by state.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const queues = metrics.sources.queues;
        if (!queues) return;
        for (const queue of [queues.sync, queues.compute, queues.writeback]) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    const storeGauge = (name: string, help: string, read: (store: Store) => Promise<number>) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          const store = metrics.sources.store;
          if (store) this.set(await read(store));
        },
      });
    storeGauge('attain_statements_dirty', 'Statement keys waiting to be recomputed.', (s) => s.deals.dirtyCount());
    storeGauge('attain_writeback_pending_statements', 'Statement keys waiting to be written back.', (s) =>
      s.statements.pendingCount(),
    );
    storeGauge('attain_writeback_held_statements', 'Statement keys whose write-back a Locked statement holds.', (s) =>
      s.held.count(),
    );
    storeGauge('attain_sync_record_errors', 'Records that could not be synced (their latest error).', (s) =>
      s.errors.count(),
    );
    storeGauge('attain_writeback_refused_records', 'Commission records Salesforce refused for good.', (s) =>
      s.writeErrors.count(),
    );
    storeGauge(
      'attain_notices',
      'Record-level notices for ops (NO_PLAN, NO_RATE, NEGATIVE_AMOUNT, STATEMENT_LOCKED).',
      (s) => s.notices.count(),
    );
    storeGauge(
      'attain_salesforce_api_paused',
      '1 while API spending is paused (daily limit or budget reached).',
      async (s) => ((await s.apiPause.get()) ? 1 : 0),
    );
    storeGauge(
      'attain_writeback_oldest_change_seconds',
      'Age of the oldest change seen by an incremental sync that is not written back yet (0 when none).',
      async (s) => {
        const oldest = await s.lag.oldest();
        return oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000);
      },
    );
  }
}

export function createMetrics(options: CreateMetricsOptions = {}): WorkerMetrics {
  return new WorkerMetrics(options);
}

/** The Prometheus text exposition of a registry, with its content type (for any HTTP framework). */
export async function renderMetrics(metrics: WorkerMetrics): Promise<{ contentType: string; body: string }> {
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
