/**
 * @attain/sync-worker: keeps commissions true. Salesforce opportunities → engine deals (through the
 * admin's field mapping) → statements recomputed per (rep, period) → Commission__c and
 * Commission_Statement__c written back. BullMQ on Redis; see README for the key layout.
 */

export { type MappingAdminDeps, type SaveMappingResult, saveMapping } from './admin/save-mapping.js';
// HTTP API (src/api/README.md).
export { type AttainApi, createApp } from './api/app.js';
export { mintToken, tokenVerifier } from './api/auth/token.js';
export { type ApiConfig, loadApiConfig } from './api/config.js';
export type { ApiDeps, ApiOptions } from './api/deps.js';
export { type RunningApi, type StartApiOptions, startApi } from './api/server.js';
export { main } from './cli/main.js';
export {
  type ConfigProblem,
  type ConfigResult,
  formatConfigProblem,
  loadConfig,
  loadStoreConfig,
  redactedRedisUrl,
  type SalesforceAuth,
  type WorkerConfig,
} from './config.js';
// Observability.
export { createLogger, REDACTED_PATHS } from './logging.js';
export {
  type CreateMetricsOptions,
  createMetrics,
  type MetricsSources,
  renderMetrics,
  WorkerMetrics,
} from './metrics.js';
export { METRICS_HOST, type MetricsServer, serveMetrics } from './metrics-server.js';
// Queues.
export { QueueName, queueKeyBase, queuePrefix } from './queues/names.js';
export {
  type ComputeJob,
  computeJobSchema,
  type SyncJob,
  syncJobSchema,
  type WritebackJob,
  writebackJobSchema,
} from './queues/payloads.js';
export { type AttainQueues, enqueueCompute, enqueueSync, enqueueWriteback, openQueues } from './queues/queues.js';
export { ApiCallKind, classifyApiCall } from './salesforce/api-calls.js';
export { lineExternalKey, recordsFor, statementExternalKey } from './salesforce/commission-records.js';
// Salesforce.
export { connectSalesforce, describeThrough, jwtAssertion } from './salesforce/connection.js';
export {
  DEFAULT_FIELD_MAPPING,
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  formatMappingIssue,
  type MappingIssue,
  parseFieldMapping,
} from './salesforce/mapping.js';
export { type DescribeFn, MappingIssueCode, validateMappingAgainstOrg } from './salesforce/mapping-validation.js';
export { type NormalizedRecord, normalizeRecord, type RecordError, RecordErrorCode } from './salesforce/normalize.js';
export { buildDealQuery } from './salesforce/soql.js';
export { type StatusReport, statusReport } from './status-report.js';
export type { ApiPause } from './store/api-pause-store.js';
export type { HeldKey } from './store/held-store.js';
// Store.
export { createStore, type Store } from './store/index.js';
export { DEFAULT_NAMESPACE, parseStatementKeyText, type RedisKeys, redisKeys, statementKeyText } from './store/keys.js';
export type { MappingVersion } from './store/mapping-store.js';
export { type Notice, NoticeCode, type NoticeInput } from './store/notice-store.js';
export type { StoredSyncError } from './store/sync-error-store.js';
export type { SyncRun, SyncRunCounts, SyncRunStatus } from './store/sync-run-store.js';
export type { WriteError } from './store/write-error-store.js';
export { type RunningWorker, type StartWorkerOptions, startWorker } from './worker.js';
