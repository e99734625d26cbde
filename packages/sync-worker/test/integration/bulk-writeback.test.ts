/**
 * Large write-backs go through Bulk API 2.0 ingest (upsert by External_Key__c, delete by id), with
 * results matched back per record; the org ends equal to the engine's computation either way.
 */
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  expectOrgToMatchEngine,
  installPlan,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 42, opportunities: 300 });
  worker = await startTestWorker(workerConfig(redis.url, emulator), {
    settings: { bulkThreshold: 20, overlapMs: 60_000, collectionSize: 200 },
  });
  admin = await adminConnection(emulator);
});
afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

it('writes and deletes through Bulk 2.0 jobs when a round is large', async () => {
  const { store, queues } = worker.context;
  await installPlan(store, admin);
  emulator.stats.reset();
  await enqueueSync(queues, 'full', 'test');
  await waitForIdle(worker.context, 60_000);
  const written = await expectOrgToMatchEngine(store, admin);
  expect(written.lines).toBeGreaterThan(20);
  expect(emulator.stats.get().byKind.bulk).toBeGreaterThan(0);

  // Dropping the bonus component makes every bonus line vanish: a large delete.
  const bonusLines = (await admin.query("SELECT Id FROM Commission__c WHERE Kind__c = 'bonus'")).totalSize;
  expect(bonusLines).toBeGreaterThanOrEqual(20);
  const plan = (await store.inputs.base()).plans[0]!;
  await store.inputs.putPlan({ ...plan, components: plan.components.filter((c) => c.id !== 'services') });
  emulator.stats.reset();
  await enqueueSync(queues, 'incremental', 'test');
  await waitForIdle(worker.context, 60_000);
  expect((await admin.query("SELECT Id FROM Commission__c WHERE Kind__c = 'bonus'")).totalSize).toBe(0);
  expect(emulator.stats.get().byKind.bulk).toBeGreaterThan(0);
  await expectOrgToMatchEngine(store, admin);
});
