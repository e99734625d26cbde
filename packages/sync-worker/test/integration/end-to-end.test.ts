/**
 * The whole path against a real Redis and the Salesforce emulator, through jsforce: a seeded org →
 * full sync → compute jobs → write-back → the Commission__c / Commission_Statement__c records in the
 * org equal the engine's full computation over the same deals. Then an incremental change.
 */
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  expectOrgToMatchEngine,
  installPlan,
  orgRecords,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 42, opportunities: 500 });
  worker = await startTestWorker(workerConfig(redis.url, emulator));
  admin = await adminConnection(emulator);
});

afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

describe('sync → compute → write-back against the emulator', () => {
  it("writes exactly the engine's lines and statements for a seeded org of 500 opportunities", async () => {
    const { store, queues } = worker.context;
    await installPlan(store, admin);
    emulator.stats.reset();
    const started = Date.now();
    await enqueueSync(queues, 'full', 'test');
    await waitForIdle(worker.context);
    const elapsed = Date.now() - started;

    const [run] = await store.runs.list(1);
    expect(run).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(run!.counts.read).toBe(500);
    expect(await store.deals.count()).toBe(500 - run!.counts.errors);
    const written = await expectOrgToMatchEngine(store, admin);
    expect(written.lines).toBeGreaterThan(100);
    // Collections of ≤ 200: statements and lines in few calls (passes may split as computes finish).
    const calls = emulator.stats.get().byKind.composite;
    expect(calls).toBeLessThanOrEqual(Math.ceil(written.lines / 200) + Math.ceil(written.statements / 200) + 4);
    console.log(
      `full sync of 500 opportunities → ${written.lines} lines, ${written.statements} statements in ${elapsed} ms, ` +
        `${emulator.stats.get().apiRequests} API calls (${calls} collection writes)`,
    );
  });

  it('an incremental sync carries changed and deleted opportunities through, sending only the difference', async () => {
    const { store, queues } = worker.context;
    const won = await admin.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY Id LIMIT 6');
    const [gone, ...changed] = won.records;
    await admin.sobject('Opportunity').update(changed.map((o) => ({ Id: o.Id, Amount: 123456.78 })));
    await admin.sobject('Opportunity').destroy([gone!.Id]);
    const before = await orgRecords(admin, 'Commission__c');
    emulator.stats.reset();

    await enqueueSync(queues, 'incremental', 'test');
    await waitForIdle(worker.context);

    const [run] = await store.runs.list(1);
    expect(run).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(run!.counts.deleted).toBe(1);
    expect(run!.counts.updated).toBeGreaterThanOrEqual(5);
    expect(run!.counts.read).toBeLessThan(100);
    expect(await store.deals.get(gone!.Id)).toBeNull();
    // One upsert per object at most and one delete: only the changed records went out.
    expect(emulator.stats.get().byKind.composite).toBeLessThanOrEqual(3);
    await expectOrgToMatchEngine(store, admin);
    const after = await orgRecords(admin, 'Commission__c');
    expect([...before.keys()].some((key) => key.includes(gone!.Id))).toBe(true);
    expect([...after.keys()].some((key) => key.includes(gone!.Id))).toBe(false);
  });

  it('a second full sync of an unchanged org changes nothing and writes nothing', async () => {
    const { store, queues } = worker.context;
    emulator.stats.reset();
    await enqueueSync(queues, 'full', 'test');
    await waitForIdle(worker.context);
    const [run] = await store.runs.list(1);
    expect(run).toMatchObject({ status: 'succeeded', kind: 'full' });
    expect(run!.counts.created + run!.counts.updated + run!.counts.deleted).toBe(0);
    expect(emulator.stats.get().byKind.composite).toBe(0);
  });
});
