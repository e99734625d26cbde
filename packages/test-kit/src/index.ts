/**
 * @attain/test-kit (private): what the tests, the benchmarks and the demo share to run Attain: a
 * private redis-server, the seeded org's plan, quotas and mapping, a test worker, waiting until the
 * worker is idle, and the whole stack (emulator, Redis, worker processes, API).
 */

export type { RunningWorker } from '@attain/sync-worker';
export { busyDetail, type WorkSources, waitForIdle } from './idle.js';
export {
  adminConnection,
  canonicalDecimal,
  expectOrgToMatchEngine,
  type InstallPlanOptions,
  installPlan,
  orgRecords,
  SEEDED_MAPPING,
  SEEDED_PLAN,
  SEEDED_QUOTA,
  startTestWorker,
  workerConfig,
} from './org.js';
export { freePort, type RedisOptions, startRedis, type TestRedis, uniqueNamespace } from './redis.js';
export {
  STACK_CLIENT_ID,
  STACK_CLIENT_SECRET,
  type Stack,
  type StackApi,
  type StackOptions,
  startStack,
} from './stack.js';
export {
  type MintedToken,
  mintTestToken,
  signToken,
  TOKEN_CERTIFICATE_NAME,
  type TokenKeyPair,
  tokenKeyPair,
} from './token-keys.js';
export { nodeArguments, REPO_ROOT, startWorkerProcess, type WorkerProcess } from './worker-process.js';
