/**
 * `startApi(config)`: the API process — two Redis connections (one shared, one for transactions),
 * the queues, a Salesforce session of the integration user (describe and previews only), the
 * metrics registry, the express app, and the HTTP server on API_HOST:API_PORT (127.0.0.1 by
 * default: put a TLS-terminating proxy in front). `close()` stops accepting, lets requests finish,
 * and closes everything.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SalesforceSession } from '@attain/salesforce';
import {
  buildRepPeriodIndex,
  createLogger,
  createMetrics,
  openQueues,
  redisKeys,
  type WorkerMetrics,
} from '@attain/store';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type AttainApi, createApp } from './app.js';
import type { ApiConfig } from './config.js';
import { orgAccess } from './services/org-access.js';

export interface RunningApi {
  api: AttainApi;
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartApiOptions {
  config: ApiConfig;
  logger?: Logger;
  metrics?: WorkerMetrics;
  clock?: () => Date;
  /** Check responses against their schemas (tests). */
  validateResponses?: boolean;
  /** How long a retry request waits for the worker (default 20 s; tests shorten it). */
  retryWaitMs?: number;
}

export async function startApi(options: StartApiOptions): Promise<RunningApi> {
  const { config } = options;
  const { worker } = config;
  const logger = options.logger ?? createLogger(worker.logLevel);
  const redis = new Redis(worker.redisUrl, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  const transactionRedis = new Redis(worker.redisUrl, { maxRetriesPerRequest: 2 });
  for (const connection of [redis, transactionRedis]) {
    connection.on('error', (error: Error) => logger.warn({ reason: error.message }, 'redis connection error'));
  }
  const queues = openQueues({ url: worker.redisUrl, maxRetriesPerRequest: null }, worker.namespace);
  for (const queue of [queues.sync, queues.compute, queues.writeback]) {
    queue.on('error', (error: Error) =>
      logger.warn({ queue: queue.name, reason: error.message }, 'queue connection error'),
    );
  }
  const metrics = options.metrics ?? createMetrics();
  const session = new SalesforceSession(
    {
      loginUrl: worker.salesforce.loginUrl,
      apiVersion: worker.salesforce.apiVersion,
      auth: worker.salesforce.auth,
      onApiCall: (call) => metrics.apiCall(call),
    },
    worker.apiBudgetFraction,
  );
  await buildRepPeriodIndex(redis, redisKeys(worker.namespace));
  const api = createApp({
    redis,
    transactionRedis,
    namespace: worker.namespace,
    queues,
    org: orgAccess(session),
    logger,
    metrics,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.retryWaitMs === undefined ? {} : { retryWaitMs: options.retryWaitMs }),
    options: {
      tokenKeys: config.tokenKeys,
      orgId: config.orgId,
      allowedOrigins: config.allowedOrigins,
      canvasConsumerSecret: config.canvasConsumerSecret,
      rateLimitPerMinute: config.rateLimitPerMinute,
      clockToleranceSec: config.clockToleranceSec,
      metricsToken: config.metricsToken,
      apiBudgetFraction: config.apiBudgetFraction,
      salesforceLoginUrl: worker.salesforce.loginUrl,
      trustProxy: config.trustProxy,
      validateResponses: options.validateResponses ?? false,
    },
  });
  metrics.attach({ queues, store: api.services.store });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = api.app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  // Slow clients cannot hold connections open forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  if (config.allowedOrigins.length === 0) logger.warn('ALLOWED_ORIGINS is empty: no browser origin may call the API');
  logger.info({ host: config.host, port, namespace: worker.namespace }, 'api started');
  return {
    api,
    url: `http://${host}:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await api.close();
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
      logger.info('api stopped');
    },
  };
}
