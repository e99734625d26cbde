/**
 * @attain/sync-worker: keeps commissions true. Salesforce opportunities → engine deals (through the
 * admin's field mapping) → statements recomputed per (rep, period) → Commission__c and
 * Commission_Statement__c written back. BullMQ on Redis; the state lives in @attain/store.
 */

export { main } from './cli/main.js';
export { METRICS_HOST, type MetricsServer, serveMetrics } from './metrics-server.js';
export type { ProcessorContext } from './processors/context.js';
export { type RunningWorker, type StartWorkerOptions, SYNC_TICK, startWorker } from './worker.js';
