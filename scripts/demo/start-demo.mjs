// startDemo(options): the whole Attain stack on loopback, as `npm run demo` shows it and the
// end-to-end tests drive it. A private redis-server (data in .attain/demo/redis) or REDIS_URL, the
// Salesforce emulator with its seeded company and its Lightning pages, the demo company's plan
// loaded through the worker's store, N `attain worker` processes, one full sync, and the Attain API
// whose signing secret the emulator's "Apex" token service shares. `stop()` ends everything.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator } from '../../packages/salesforce-emulator/dist/index.js';
import {
  createStore,
  enqueueSync,
  loadApiConfig,
  openQueues,
  startApi,
} from '../../packages/sync-worker/dist/index.js';
import { loadDemoCompany } from './demo-company.mjs';
import { clearNamespace, freePort, Redis, root, startRedisServer, startWorkerProcess, waitForIdle } from './stack.mjs';

export const WIDGET_BUNDLE = join(
  root,
  'salesforce/force-app/main/default/staticresources/attain_widget/attain-widget.js',
);
const CLIENT_ID = 'attain-local';
const CLIENT_SECRET = 'attain-local-secret';

export const DEMO_DEFAULTS = {
  emulatorPort: 4010,
  apiPort: 4011,
  seed: 1,
  opportunities: 400,
  workers: 2,
  syncIntervalMs: 2000,
  namespace: 'demo',
  dataDir: join(root, '.attain/demo'),
};

/** The widget bundle is build output: build it when it is missing. */
export function ensureWidgetBundle(log = () => undefined) {
  if (existsSync(WIDGET_BUNDLE)) return;
  log('building the widget bundle (pnpm --filter @attain/widget build)');
  const result = spawnSync('pnpm', ['--silent', '--filter', '@attain/widget', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(WIDGET_BUNDLE)) throw new Error('the widget bundle could not be built');
}

function ensureBuilt() {
  for (const pkg of ['engine', 'salesforce-emulator', 'sync-worker']) {
    if (!existsSync(join(root, 'packages', pkg, 'dist/index.js'))) {
      throw new Error(`packages/${pkg} is not built: run \`npm run setup\` first`);
    }
  }
}

/**
 * @param {object} [options]
 * @param {number} [options.emulatorPort] preferred port of the emulator (another free one if taken; 0 = any)
 * @param {number} [options.apiPort] preferred port of the API
 * @param {number} [options.seed] @param {number} [options.opportunities] the generated org
 * @param {Date} [options.today] the generated org's date (its deals, quotas and current quarter are built
 *   around it; the Lightning pages tell the widget it). Default: the real date, as the demo uses; tests fix it.
 * @param {number} [options.workers] `attain worker` processes
 * @param {number} [options.syncIntervalMs] the workers' incremental sync schedule
 * @param {string} [options.redisUrl] use this Redis instead of starting one
 * @param {string} [options.namespace] @param {string} [options.dataDir]
 * @param {(line: string) => void} [options.log] progress lines
 * @param {Record<string, string>} [options.workerEnv] extra environment of the workers
 * @param {object} [options.emulator] extra createEmulator options (faults, limits)
 */
export async function startDemo(options = {}) {
  const settings = { ...DEMO_DEFAULTS, ...options };
  const log = settings.log ?? (() => undefined);
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
    delete process.env[name];
  }
  ensureBuilt();
  ensureWidgetBundle(log);
  const stoppers = [];
  const workers = [];
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
    })();
    return stopping;
  };
  try {
    mkdirSync(settings.dataDir, { recursive: true });
    let redisUrl = settings.redisUrl;
    let redisServer;
    if (!redisUrl) {
      const dir = join(settings.dataDir, 'redis');
      rmSync(dir, { recursive: true, force: true });
      redisServer = await startRedisServer({ dir });
      stoppers.push(() => redisServer.process.stop());
      redisUrl = redisServer.url;
      log(`redis-server on ${redisUrl} (data in ${dir})`);
    }
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    redis.on('error', () => undefined);
    stoppers.push(async () => redis.disconnect());
    if (settings.redisUrl) await clearNamespace(redis, settings.namespace);

    const tokenSecret = randomBytes(32).toString('base64url');
    let apiUrl = '';
    const emulatorPort = settings.emulatorPort === 0 ? 0 : await freePort(settings.emulatorPort);
    const emulator = await createEmulator({
      port: emulatorPort,
      seed: settings.seed,
      opportunities: settings.opportunities,
      ...(settings.today ? { today: settings.today } : {}),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      lightning: { tokenSecret, apiUrl: () => apiUrl, widgetBundle: WIDGET_BUNDLE },
      onError: (error) => log(`emulator: ${error?.stack ?? error}`),
      ...settings.emulator,
    });
    stoppers.push(() => emulator.close());
    log(`Salesforce emulator on ${emulator.url} (${emulator.store.count('Opportunity')} opportunities)`);

    const store = createStore(redis, settings.namespace);
    const company = await loadDemoCompany(store, emulator);
    log(`plan, quotas (from ForecastingQuota) and mapping loaded for ${company.reps} salespeople`);

    const env = {
      REDIS_URL: redisUrl,
      ATTAIN_NAMESPACE: settings.namespace,
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: CLIENT_ID,
      SF_CLIENT_SECRET: CLIENT_SECRET,
      SYNC_INTERVAL_MS: String(settings.syncIntervalMs),
      JOB_LOCK_MS: '5000',
      LOG_LEVEL: 'warn',
      ...settings.workerEnv,
    };
    const startWorker = () => {
      const index = workers.length + 1;
      const worker = startWorkerProcess({
        env,
        logFile: join(settings.dataDir, `worker-${index}.log`),
        name: `worker-${index}`,
      });
      workers.push(worker);
      return worker;
    };
    stoppers.push(() => Promise.all(workers.map((worker) => worker.stop())));
    for (let i = 0; i < settings.workers; i++) startWorker();
    log(`${settings.workers} worker process(es): ${workers.map((worker) => worker.pid).join(', ')}`);

    const queues = openQueues({ url: redisUrl, maxRetriesPerRequest: null }, settings.namespace);
    stoppers.push(() => queues.close());
    const syncStarted = Date.now();
    await enqueueSync(queues, 'full', 'demo');
    await waitForIdle({ store, queues }, 180_000);
    const run = (await store.runs.list(20)).find((candidate) => candidate.kind === 'full');
    log(
      `first full sync ${run?.status ?? '?'} in ${((Date.now() - syncStarted) / 1000).toFixed(1)} s: ` +
        `${run?.counts.read ?? 0} opportunities read, ${(await store.statements.keysWithStatements()).length} statements`,
    );

    const apiPort = settings.apiPort === 0 ? 0 : await freePort(settings.apiPort);
    const apiConfig = loadApiConfig({
      ...env,
      LOG_LEVEL: 'silent',
      ATTAIN_TOKEN_SECRET: tokenSecret,
      SF_ORG_ID: emulator.store.org.id,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      ALLOWED_ORIGINS: emulator.url,
      API_RATE_LIMIT_PER_MINUTE: '100000',
    });
    if (!apiConfig.ok) throw new Error(`API configuration: ${JSON.stringify(apiConfig.problems)}`);
    const api = await startApi({ config: apiConfig.config });
    stoppers.push(() => api.close());
    apiUrl = api.url;
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
      workerEnv: env,
      startWorker,
      tokenSecret,
      namespace: settings.namespace,
      personas: emulator.personas(),
      urls: {
        opportunities: `${emulator.url}/lightning/o/Opportunity/list`,
        earnings: `${emulator.url}/lightning/n/Attain_Earnings`,
        sync: `${emulator.url}/lightning/n/Attain_Sync_Console`,
        setup: `${emulator.url}/lightning/n/Attain_Setup`,
      },
      waitForIdle: (timeoutMs) => waitForIdle({ store, queues }, timeoutMs),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
