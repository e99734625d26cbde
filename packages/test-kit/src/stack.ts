/**
 * The whole Attain stack on loopback, as deployed: a private redis-server (or a shared Redis whose
 * namespace is cleared first), the Salesforce emulator, a set-up step (plan, quotas, mapping), N
 * `attain worker` processes, one full sync, then the Attain API. Used by the demo and the end-to-end
 * suites; `stop()` ends everything, in the reverse order. The caller starts the API from the
 * environment the stack gives it (`startApi`): the kit does not depend on @attain/api, whose tests
 * depend on the kit.
 */
import { join } from 'node:path';
import { createEmulator, type Emulator, type EmulatorOptions } from '@attain/salesforce-emulator';
import { createStore, enqueueSync, type FollowedQueues, openQueues, queuePrefix, type Store } from '@attain/store';
import { Redis } from 'ioredis';
import { waitForIdle } from './idle.js';
import { freePort, startRedis, type TestRedis } from './redis.js';
import { type TokenKeyPair, tokenKeyPair } from './token-keys.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

export const STACK_CLIENT_ID = 'attain-local';
export const STACK_CLIENT_SECRET = 'attain-local-secret';

/** A running Attain API, however it was started. */
export interface StackApi {
  readonly url: string;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Starts the Attain API with this environment (`attain api`'s variables), e.g. @attain/api's startApi. */
  startApi: (env: Record<string, string>) => Promise<StackApi>;
  /** Redis data (when it starts its own) and the workers' logs. */
  dataDir: string;
  namespace: string;
  /** Use this Redis (its namespace is cleared first) instead of starting one. */
  redisUrl?: string;
  /** The emulator (port, seed, opportunities, faults, extra routes…); the connected app is the stack's. */
  emulator?: Omit<EmulatorOptions, 'clientId' | 'clientSecret'>;
  /** Preferred API port (another free one if taken; 0 = any). */
  apiPort?: number;
  /** The org certificate's key pair: the API gets its public key (a fresh pair when absent). */
  tokenKeys?: TokenKeyPair;
  /** Origins the API answers (CORS); the emulator's own URL is always one. */
  allowedOrigins?: string[];
  workers?: number;
  syncIntervalMs?: number;
  /** Extra environment of the workers. */
  workerEnv?: Record<string, string>;
  /** Loads the compensation set-up (plan, assignments, quotas, mapping) before the first sync. */
  setUp?: (store: Store, emulator: Emulator) => Promise<void>;
  log?: (line: string) => void;
}

export interface Stack {
  emulator: Emulator;
  api: StackApi;
  apiUrl: string;
  redisUrl: string;
  /** The private redis-server, when the stack started one. */
  redisServer: TestRedis | undefined;
  redis: Redis;
  store: Store;
  queues: FollowedQueues;
  workers: WorkerProcess[];
  workerEnv: Record<string, string>;
  /** One more `attain worker` process. */
  startWorker(): WorkerProcess;
  /** Mint the org's tokens with it (`mintTestToken`); the API verifies them with its public key. */
  tokenKeys: TokenKeyPair;
  namespace: string;
  waitForIdle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  // jsforce sends even loopback traffic through a proxy when these are set.
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
    delete process.env[name];
  }
  const stoppers: (() => Promise<unknown>)[] = [];
  const workers: WorkerProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
    })();
    return stopping;
  };
  try {
    let redisUrl = options.redisUrl;
    let redisServer: TestRedis | undefined;
    if (!redisUrl) {
      const server = await startRedis({ dir: join(options.dataDir, 'redis'), detached: true });
      stoppers.push(() => server.stop());
      redisServer = server;
      redisUrl = server.url;
      log(`redis-server on ${redisUrl} (data in ${server.dir})`);
    }
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    redis.on('error', () => undefined);
    stoppers.push(async () => redis.disconnect());
    const store = createStore(redis, options.namespace);
    if (options.redisUrl) await clearNamespace(redis, store, options.namespace);

    const emulatorPort = options.emulator?.port ? await freePort(options.emulator.port) : 0;
    const emulator = await createEmulator({
      ...options.emulator,
      port: emulatorPort,
      clientId: STACK_CLIENT_ID,
      clientSecret: STACK_CLIENT_SECRET,
    });
    stoppers.push(() => emulator.close());
    log(`Salesforce emulator on ${emulator.url} (${emulator.store.count('Opportunity')} opportunities)`);
    await options.setUp?.(store, emulator);

    const workerEnv: Record<string, string> = {
      REDIS_URL: redisUrl,
      ATTAIN_NAMESPACE: options.namespace,
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: STACK_CLIENT_ID,
      SF_CLIENT_SECRET: STACK_CLIENT_SECRET,
      SYNC_INTERVAL_MS: String(options.syncIntervalMs ?? 2000),
      JOB_LOCK_MS: '5000',
      LOG_LEVEL: 'warn',
      ...options.workerEnv,
    };
    const startWorker = () => {
      const index = workers.length + 1;
      const worker = startWorkerProcess({
        env: workerEnv,
        logFile: join(options.dataDir, `worker-${index}.log`),
        name: `worker-${index}`,
      });
      workers.push(worker);
      return worker;
    };
    stoppers.push(() => Promise.all(workers.map((worker) => worker.stop())));
    for (let i = 0; i < (options.workers ?? 1); i++) startWorker();
    log(`${workers.length} worker process(es): ${workers.map((worker) => worker.pid).join(', ')}`);

    const queues = openQueues({ url: redisUrl, maxRetriesPerRequest: null }, options.namespace);
    stoppers.push(() => queues.close());
    const syncStarted = Date.now();
    await enqueueSync(queues, 'full', 'stack');
    await waitForIdle({ store, queues }, 180_000);
    const run = (await store.runs.list(20)).find((candidate) => candidate.kind === 'full');
    log(
      `first full sync ${run?.status ?? '?'} in ${((Date.now() - syncStarted) / 1000).toFixed(1)} s: ` +
        `${run?.counts.read ?? 0} opportunities read, ${(await store.statements.keysWithStatements()).length} statements`,
    );

    const tokenKeys = options.tokenKeys ?? tokenKeyPair();
    const apiPort = options.apiPort ? await freePort(options.apiPort) : 0;
    const api = await options.startApi({
      ...workerEnv,
      LOG_LEVEL: 'silent',
      ATTAIN_TOKEN_PUBLIC_KEYS: tokenKeys.publicKeyPem,
      SF_ORG_ID: emulator.store.org.id,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      ALLOWED_ORIGINS: [emulator.url, ...(options.allowedOrigins ?? [])].join(','),
      API_RATE_LIMIT_PER_MINUTE: '100000',
    });
    stoppers.push(() => api.close());
    log(`Attain API on ${api.url}`);

    return {
      emulator,
      api,
      apiUrl: api.url,
      redisUrl,
      redisServer,
      redis,
      store,
      queues,
      workers,
      workerEnv,
      startWorker,
      tokenKeys,
      namespace: options.namespace,
      waitForIdle: (timeoutMs = 120_000) => waitForIdle({ store, queues }, timeoutMs),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Deletes every key of a namespace (its store keys and its queues) from a shared Redis. */
async function clearNamespace(redis: Redis, store: Store, namespace: string): Promise<void> {
  for (const pattern of [`${store.keys.prefix}*`, `${queuePrefix(namespace)}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
