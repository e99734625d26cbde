/**
 * @attain/store: the Redis state both the worker and the API use. The key layout (store/keys.ts), one
 * module per kind of state, the Lua scripts, the BullMQ queues (names, payload schemas, job ids,
 * enqueueing), the configuration both programs load, logging and metrics, the engine-input caches and
 * the ops-status reports. See the package README.
 */

export {
  type MappingSaveDeps,
  mappingCheckThrough,
  type SaveMappingResult,
  saveMapping,
} from './admin/save-mapping.js';
export {
  type ConfigProblem,
  ConfigProblemCode,
  type ConfigResult,
  environmentProblems,
  formatConfigProblem,
  loadConfig,
  loadStoreConfig,
  redactedRedisUrl,
  type SalesforceAuth,
  type WorkerConfig,
} from './config.js';
export { type IndexedInputs, InputsCache, InputsView, inputForKey, statementKeysFor } from './inputs-cache.js';
export { createLogger, REDACTED_PATHS } from './logging.js';
export {
  type CreateMetricsOptions,
  createMetrics,
  type MetricsSources,
  renderMetrics,
  WorkerMetrics,
} from './metrics.js';
export {
  type OpsStatus,
  readOpsStatus,
  type StatusReport,
  type SyncStatus,
  statusReport,
  syncStatus,
} from './ops-status.js';
export { computeShardOf, RETRY_JOB_NAME } from './queues/job-ids.js';
export { QueueName, queueKeyBase, queuePrefix } from './queues/names.js';
export {
  type ComputeJob,
  computeJobSchema,
  type RetryJob,
  type RetryJobResult,
  type RetryOutcome,
  retryJobResultSchema,
  retryJobSchema,
  type SyncJob,
  syncJobSchema,
  type WritebackJob,
  writebackJobSchema,
} from './queues/payloads.js';
export {
  type AttainQueues,
  enqueueCompute,
  enqueueRetry,
  enqueueSync,
  enqueueWriteback,
  type FollowedJob,
  type FollowedQueues,
  followSyncJob,
  openQueues,
  type RetryPolicy,
} from './queues/queues.js';
export { stopSignal } from './stop-signal.js';
export { ApiAccessStore } from './store/api-access-store.js';
export type { ApiPause } from './store/api-pause-store.js';
export { type AuditActor, AuditStore } from './store/audit-store.js';
export type { DealToStore, DirtyKey } from './store/deal-store.js';
export {
  ATTAIN_PERMISSION_SETS,
  type AttainPermissionSet,
  type Directory,
  DirectoryStore,
  type DirectoryUser,
} from './store/directory-store.js';
export { type Dispute, DisputeStatus, DisputeStore } from './store/dispute-store.js';
export type { HeldKey } from './store/held-store.js';
export { createStore, type Store } from './store/index.js';
export { DEFAULT_NAMESPACE, parseStatementKeyText, type RedisKeys, redisKeys, statementKeyText } from './store/keys.js';
export type { MappingVersion } from './store/mapping-store.js';
export { type Notice, NoticeCode, type NoticeInput, noticeSource } from './store/notice-store.js';
export { buildRepPeriodIndex } from './store/rep-period-index.js';
export type { StoredStatements } from './store/statement-store.js';
export type { StoredSyncError } from './store/sync-error-store.js';
export { type SyncRun, type SyncRunCounts, SyncRunStatus } from './store/sync-run-store.js';
export { ConcurrentChangeError, type Decision, Transactions } from './store/transactions.js';
export type { WriteError } from './store/write-error-store.js';
export type { WrittenChange } from './store/written-store.js';
