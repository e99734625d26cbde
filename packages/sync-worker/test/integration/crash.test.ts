/**
 * kill -9 of a worker process in the middle of write-back: another worker takes the job over once
 * its lock lapses, and the org ends up exactly as if nothing had happened (upserts by external key
 * make the records sent twice harmless; the written ledger keeps the rest from being sent again).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { createStore, enqueueSync, openQueues } from '@attain/store';
import {
  adminConnection,
  expectOrgToMatchEngine,
  installPlan,
  startRedis,
  startTestWorker,
  type TestRedis,
  uniqueNamespace,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const BUILT_CLI = join(REPO_ROOT, 'packages/sync-worker/dist/cli/main.js');

let redis: TestRedis;
let emulator: Emulator;
let child: ChildProcess | undefined;
let survivor: RunningWorker | undefined;

beforeAll(async () => {
  if (!existsSync(BUILT_CLI))
    throw new Error(`${BUILT_CLI} is missing: build first (pnpm exec tsc -b packages/sync-worker)`);
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 23, opportunities: 400 });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await survivor?.close();
  await emulator?.close();
  await redis?.cleanup();
});

it('a worker killed with SIGKILL during write-back is taken over, and the org converges', async () => {
  const namespace = uniqueNamespace('crash');
  const client = new Redis(redis.url);
  const admin = await adminConnection(emulator);
  await installPlan(createStore(client, namespace), admin);

  child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/attain.mjs'), 'worker'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      REDIS_URL: redis.url,
      SF_LOGIN_URL: emulator.url,
      SF_CLIENT_ID: 'attain-local',
      SF_CLIENT_SECRET: 'attain-local-secret',
      ATTAIN_NAMESPACE: namespace,
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const queues = openQueues({ url: redis.url }, namespace);
  // Slow collection calls leave time to kill the worker between two of them.
  emulator.faults.update({ latencyMs: 250 });
  emulator.stats.reset();
  await enqueueSync(queues, 'full', 'test');
  await expect.poll(() => emulator.stats.get().byKind.composite, { timeout: 30_000, interval: 10 }).toBeGreaterThan(0);
  child.kill('SIGKILL');
  await new Promise((resolve) => child!.once('exit', resolve));
  emulator.faults.update({ latencyMs: 0 });
  const pendingAtKill = (await createStore(client, namespace).statements.pendingWriteback()).length;
  expect(pendingAtKill).toBeGreaterThan(0);

  const config = { ...workerConfig(redis.url, emulator, namespace), jobLockMs: 2000 };
  survivor = await startTestWorker(config);
  await waitForIdle(survivor.context, 40_000);
  await expectOrgToMatchEngine(survivor.context.store, admin);
  await queues.close();
  client.disconnect();
});
