/**
 * One worker process: BullMQ workers for the sync, compute and write-back queues over one Redis,
 * and the schedule of incremental syncs. Any number of these may run against one Redis: BullMQ
 * hands each job to one of them, and the deduplication ids keep one run per piece of work.
 */

import { ApiBudgetExceededError, SalesforceSession } from '@attain/salesforce';
import type { WorkerConfig } from '@attain/store';
import {
  computeJobSchema,
  createLogger,
  createMetrics,
  createStore,
  enqueueSync,
  InputsCache,
  openQueues,
  QueueName,
  queuePrefix,
  RETRY_JOB_NAME,
  type RetryPolicy,
  retryJobSchema,
  syncJobSchema,
  type WorkerMetrics,
} from '@attain/store';
import { type Job, RateLimitError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type MetricsServer, serveMetrics } from './metrics-server.js';
import { runCompute } from './processors/compute.js';
import { DEFAULT_SETTINGS, type ProcessorContext } from './processors/context.js';
import { queueDirtyWork } from './processors/ingest.js';
import { runRetry } from './processors/retry.js';
import { runSync } from './processors/sync.js';
import { runWriteback } from './processors/writeback.js';

export const SYNC_SCHEDULER_ID = 'sync-schedule';
export const SYNC_TICK = 'sync-tick';

export interface StartWorkerOptions {
  config: WorkerConfig;
  logger?: Logger;
  settings?: Partial<ProcessorContext['settings']>;
  /** Register the incremental sync schedule (default true). */
  schedule?: boolean;
  /** Retry policy of the jobs this worker queues (tests shorten it). */
  retry?: RetryPolicy;
  /** How long to stop spending API calls after a limit or budget stop (default 15 min; tests shorten it). */
  apiPauseMs?: number;
  /** The metrics to record into (default: a new set); a process hosting the API too passes one shared set. */
  metrics?: WorkerMetrics;
  /** Serve `/metrics` on this port of 127.0.0.1 (default: `config.metricsPort`; 0 = any free port). */
  metricsPort?: number;
}

export interface RunningWorker {
  context: ProcessorContext;
  /** The `/metrics` server, when one was asked for. */
  metricsServer: MetricsServer | null;
  /** Stops taking jobs, lets active jobs finish, closes every connection. */
  close(): Promise<void>;
}

/**
 * Runs a job that spends API calls. A budget or limit stop becomes a queue-wide rate limit (the
 * job goes back to waiting, not to failed) and a pause record that status views show.
 */
async function spendingApi<T>(worker: Worker, context: ProcessorContext, work: () => Promise<T>): Promise<T> {
  const pause = await context.store.apiPause.get();
  if (pause) {
    await worker.rateLimit(Math.max(1000, Date.parse(pause.until) - Date.now()));
    throw Worker.RateLimitError();
  }
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiBudgetExceededError)) throw error;
    context.logger.warn({ until: new Date(error.resumeAt).toISOString() }, error.message);
    await context.store.apiPause.set(error.message, error.resumeAt);
    await worker.rateLimit(Math.max(1000, error.resumeAt - Date.now()));
    throw Worker.RateLimitError();
  } finally {
    // For `attain status`: usage against the budget without spending a call to ask.
    const usage = context.salesforce.lastUsage;
    if (usage && usage.limit > 0) await context.store.apiUsage.set({ ...usage, at: new Date().toISOString() });
  }
}

type QueueNameValue = (typeof QueueName)[keyof typeof QueueName];

/**
 * Wraps a processor: the job gets its own logger (queue, job id, attempt) and context, and its
 * duration and outcome go to the metrics. Sync and write-back jobs log their end at info; compute
 * jobs (one per statement, thousands per full resync) at debug.
 */
function instrumented<T>(
  queue: QueueNameValue,
  context: ProcessorContext,
  process: (jobContext: ProcessorContext, job: Job) => Promise<T>,
): (job: Job) => Promise<T> {
  const level = queue === QueueName.compute ? 'debug' : 'info';
  return async (job) => {
    const logger = context.logger.child({ queue, jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    try {
      const result = await process({ ...context, logger }, job);
      context.metrics.jobDuration.observe({ queue, outcome: 'completed' }, elapsed());
      logger[level]({ durationMs: Math.round(elapsed() * 1000), result }, 'job completed');
      return result;
    } catch (error) {
      const limited = error instanceof RateLimitError;
      context.metrics.jobDuration.observe({ queue, outcome: limited ? 'rate_limited' : 'failed' }, elapsed());
      if (limited) logger.info('job waits: API spending is paused');
      throw error;
    }
  };
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = options.metrics ?? createMetrics();
  metrics.apiBudgetRatio.set(config.apiBudgetFraction);
  // maxRetriesPerRequest null: while Redis restarts, commands wait for it instead of failing the job.
  // Auto-pipelining sends the commands issued in one tick (a page of deal upserts, a batch of computes)
  // in one socket write instead of one write each.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, enableAutoPipelining: true });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  // A worker killed mid-job stops renewing its lock; another takes the job over once the lock lapses.
  const locking = { lockDuration: config.jobLockMs, stalledInterval: config.jobLockMs };
  const prefix = queuePrefix(config.namespace);
  const queues = openQueues(connection, config.namespace, options.retry);
  const store = createStore(redis, config.namespace);
  const context: ProcessorContext = {
    store,
    queues,
    salesforce: new SalesforceSession(
      {
        loginUrl: config.salesforce.loginUrl,
        apiVersion: config.salesforce.apiVersion,
        auth: config.salesforce.auth,
        onApiCall: (call) => metrics.apiCall(call),
      },
      config.apiBudgetFraction,
      options.apiPauseMs,
      (usage) => metrics.apiUsage(usage),
    ),
    logger,
    metrics,
    inputs: new InputsCache(store.inputs),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
  metrics.attach({ queues, store: context.store });

  const syncWorker: Worker = new Worker(
    QueueName.sync,
    async (job: Job) => {
      // The schedule's ticks only queue a sync: not a job worth a metric or a log line each.
      if (job.name === SYNC_TICK) {
        await enqueueSync(queues, 'incremental', 'schedule');
        return { ticked: true };
      }
      if (job.name === RETRY_JOB_NAME) return runRetryJob(job);
      return runSyncJob(job);
    },
    { connection, prefix, concurrency: 1, ...locking },
  );
  const runSyncJob = instrumented(QueueName.sync, context, async (jobContext, job) => {
    const data = syncJobSchema.parse(job.data);
    return spendingApi(syncWorker, jobContext, async () => {
      const outcome = await runSync(jobContext, job.id ?? `sync-${Date.now()}`, data, async (run) => {
        await job.updateProgress({ read: run.counts.read, total: run.total ?? null, status: run.status });
      });
      return outcome.run;
    });
  });
  const runRetryJob = instrumented(QueueName.sync, context, async (jobContext, job) => {
    const data = retryJobSchema.parse(job.data);
    return spendingApi(syncWorker, jobContext, () => runRetry(jobContext, data));
  });
  const computeWorker = new Worker(
    QueueName.compute,
    instrumented(QueueName.compute, context, (jobContext, job) =>
      runCompute(jobContext, computeJobSchema.parse(job.data).shard),
    ),
    { connection, prefix, concurrency: config.concurrency, ...locking },
  );
  const writebackWorker: Worker = new Worker(
    QueueName.writeback,
    instrumented(QueueName.writeback, context, (jobContext) =>
      spendingApi(writebackWorker, jobContext, () => runWriteback(jobContext)),
    ),
    { connection, prefix, concurrency: 1, ...locking },
  );
  const workers = [syncWorker, computeWorker, writebackWorker];
  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'),
    );
    worker.on('error', (error) => logger.error({ queue: worker.name, err: error }, 'worker error'));
  }

  if (options.schedule ?? true) {
    await queues.sync.upsertJobScheduler(
      SYNC_SCHEDULER_ID,
      { every: config.syncIntervalMs },
      {
        name: SYNC_TICK,
        data: { kind: 'incremental', requestedBy: 'schedule', requestedAt: new Date(0).toISOString() },
      },
    );
  }
  // Work marked in Redis but whose jobs were lost (a crash between the two) is queued again.
  await queueDirtyWork(context);
  const metricsPort = options.metricsPort ?? config.metricsPort;
  const metricsServer = metricsPort === undefined ? null : await serveMetrics(metrics, metricsPort, logger);
  logger.info(
    { namespace: config.namespace, concurrency: config.concurrency, metricsPort: metricsServer?.port ?? null },
    'worker started',
  );

  return {
    context,
    metricsServer,
    async close() {
      await metricsServer?.close();
      await Promise.all(workers.map((worker) => worker.close()));
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
      logger.info('worker stopped');
    },
  };
}
