/**
 * Convergence under Salesforce's bad days, against the emulator's injected faults: 503s and row
 * locks on 20% of requests, an expired session, the daily limit, the API budget, two workers at
 * once, and a Redis restart. Each ends with the org equal to the engine's computation.
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
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let admin: Connection;
const running: RunningWorker[] = [];

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 11, opportunities: 300 });
  admin = await adminConnection(emulator);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.close()));
  emulator.reset();
  admin = await adminConnection(emulator);
});
afterAll(async () => {
  await emulator?.close();
  await redis?.cleanup();
});

async function freshWorker(options: Parameters<typeof startTestWorker>[1] = {}) {
  const config = workerConfig(redis.url, emulator);
  const worker = await startTestWorker(config, options);
  running.push(worker);
  return { worker, config };
}

describe('faults', () => {
  it('converges with 20% of requests failing (503 and UNABLE_TO_LOCK_ROW), retried with backoff', async () => {
    const { worker } = await freshWorker();
    await installPlan(worker.context.store, admin);
    emulator.faults.update({ failureRate: 0.2, failureMode: 'mixed', seed: 5 });
    await enqueueSync(worker.context.queues, 'full', 'test');
    await waitForIdle(worker.context, 120_000);
    const injected = emulator.faults.injectedCounts;
    emulator.faults.update({ failureRate: 0 });
    expect(injected.unavailable + injected.lockRow).toBeGreaterThan(0);
    const written = await expectOrgToMatchEngine(worker.context.store, admin);
    expect(written.lines).toBeGreaterThan(50);
  });

  it('re-authenticates once when the session expires, and carries on', async () => {
    const { worker } = await freshWorker();
    await installPlan(worker.context.store, admin);
    await enqueueSync(worker.context.queues, 'full', 'test');
    await waitForIdle(worker.context);
    const tokensBefore = emulator.stats.get().tokenRequests;
    emulator.sessions.expireAll();
    const [first] = (
      await admin.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY Id LIMIT 1')
    ).records;
    await admin.sobject('Opportunity').update({ Id: first!.Id, Amount: 99999.99 });
    await enqueueSync(worker.context.queues, 'incremental', 'test');
    await waitForIdle(worker.context);
    expect(emulator.stats.get().tokenRequests).toBeGreaterThan(tokensBefore);
    expect((await worker.context.store.runs.list(1))[0]).toMatchObject({ status: 'succeeded' });
    await expectOrgToMatchEngine(worker.context.store, admin);
  });

  it('stops spending at REQUEST_LIMIT_EXCEEDED, says so, keeps the work queued, and resumes when allowed', async () => {
    const { worker } = await freshWorker();
    await installPlan(worker.context.store, admin);
    const { dailyApiLimit } = emulator.limits.current();
    emulator.limits.configure({ used: dailyApiLimit });
    await enqueueSync(worker.context.queues, 'full', 'test');
    await expect
      .poll(async () => (await worker.context.store.runs.list(1))[0]?.status, { timeout: 10_000 })
      .toBe('paused');
    const pause = await worker.context.store.apiPause.get();
    expect(pause?.reason).toContain('REQUEST_LIMIT_EXCEEDED');
    expect(await worker.context.queues.sync.getJobCounts('waiting', 'delayed', 'active', 'prioritized')).not.toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
      prioritized: 0,
    });
    emulator.limits.configure({ used: 0 });
    // The pause (2 s in tests) runs out by itself; then the same job runs again and completes.
    await waitForIdle(worker.context, 30_000);
    expect((await worker.context.store.runs.list(1))[0]).toMatchObject({ status: 'succeeded', kind: 'full' });
    await expectOrgToMatchEngine(worker.context.store, admin);
  });

  it('stops spending when Sforce-Limit-Info shows usage above the budget', async () => {
    const { worker } = await freshWorker();
    await installPlan(worker.context.store, admin);
    const { dailyApiLimit } = emulator.limits.current();
    emulator.limits.configure({ used: Math.ceil(dailyApiLimit * 0.9) });
    await enqueueSync(worker.context.queues, 'full', 'test');
    await expect
      .poll(async () => (await worker.context.store.apiPause.get())?.reason ?? '', { timeout: 10_000 })
      .toContain('above the budget of 80%');
    const used = emulator.limits.current().used;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Paused: no more calls while the pause lasts.
    expect(emulator.limits.current().used).toBe(used);
    emulator.limits.configure({ used: 0 });
    await waitForIdle(worker.context, 30_000);
    await expectOrgToMatchEngine(worker.context.store, admin);
  });

  it('two workers on one Redis converge to the same records, without duplicates', async () => {
    const { worker, config } = await freshWorker();
    const second = await startTestWorker(config);
    running.push(second);
    await installPlan(worker.context.store, admin);
    await enqueueSync(worker.context.queues, 'full', 'test');
    await enqueueSync(second.context.queues, 'full', 'test');
    await waitForIdle(worker.context);
    await expectOrgToMatchEngine(worker.context.store, admin);
  });

  it('survives a Redis restart in the middle of the work', async () => {
    const { worker } = await freshWorker();
    await installPlan(worker.context.store, admin);
    emulator.faults.update({ latencyMs: 20 });
    await enqueueSync(worker.context.queues, 'full', 'test');
    await expect
      .poll(async () => (await worker.context.store.runs.list(1))[0]?.counts.read ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await redis.restart();
    emulator.faults.update({ latencyMs: 0 });
    await waitForIdle(worker.context, 45_000);
    await expectOrgToMatchEngine(worker.context.store, admin);
  });
});
