/**
 * @attain/test-kit (private): test support shared by the packages' tests: a private redis-server,
 * the seeded org (plan, assignments, quotas), a test worker, waiting until the worker is idle.
 */

export type { RunningWorker } from '@attain/sync-worker';
export { waitForIdle } from './idle.js';
export {
  adminConnection,
  canonicalDecimal,
  expectOrgToMatchEngine,
  installPlan,
  orgRecords,
  startTestWorker,
  workerConfig,
} from './org.js';
export { startRedis, type TestRedis, uniqueNamespace } from './redis.js';
