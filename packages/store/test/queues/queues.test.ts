import { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPUTE_SHARDS, computeShardOf } from '../../src/queues/job-ids.js';
import { queueKeyBase } from '../../src/queues/names.js';
import { computeJobSchema, syncJobSchema } from '../../src/queues/payloads.js';
import { type AttainQueues, enqueueCompute, enqueueSync, openQueues } from '../../src/queues/queues.js';
import { useRedis } from '../support/store-fixture.js';

const redis = useRedis();
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((thing) => thing.close()));
});

function queues(): { queues: AttainQueues; namespace: string } {
  const { namespace } = redis.fresh();
  const q = openQueues({ url: redis.server().url }, namespace);
  opened.push(q);
  return { queues: q, namespace };
}

const A_Q1 = { repId: '005A', period: '2026-Q1' };
/** A key of another shard than A_Q1's. */
const OTHER = ['005B', '005C', '005D', '005E', '005F']
  .map((repId) => ({ repId, period: '2026-Q1' }))
  .find((key) => computeShardOf(key) !== computeShardOf(A_Q1))!;

describe('queues', () => {
  it('keeps its keys under {namespace}:<queue>', async () => {
    const { queues: q, namespace } = queues();
    await enqueueSync(q, 'incremental', 'test');
    const keys = await redis.client().keys(`${queueKeyBase(namespace, 'sync')}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(queueKeyBase('attain', 'compute')).toBe('{attain}:compute');
  });

  it('puts every statement key in one stable shard, and spreads keys over all of them', () => {
    expect(computeShardOf(A_Q1)).toBe(computeShardOf({ ...A_Q1 }));
    const shards = new Set(
      Array.from({ length: 400 }, (_, i) => computeShardOf({ repId: `005${i}`, period: '2026-Q1' })),
    );
    expect(shards.size).toBe(COMPUTE_SHARDS);
    expect([...shards].every((shard) => shard >= 0 && shard < COMPUTE_SHARDS)).toBe(true);
  });

  it('deduplicates waiting jobs: one sync, one compute per shard', async () => {
    const { queues: q } = queues();
    await enqueueSync(q, 'incremental', 'schedule');
    await enqueueSync(q, 'full', 'cli');
    expect(await q.sync.getWaitingCount()).toBe(1);
    await enqueueCompute(q, [A_Q1, OTHER, { ...A_Q1, period: A_Q1.period }]);
    await enqueueCompute(q, [A_Q1]);
    expect(await q.compute.getWaitingCount()).toBe(2);
    const shards = (await q.compute.getWaiting()).map((job) => computeJobSchema.parse(job.data).shard).sort();
    expect(shards).toEqual([computeShardOf(A_Q1), computeShardOf(OTHER)].sort());
    const [job] = await q.sync.getWaiting();
    expect(syncJobSchema.parse(job!.data).kind).toBe('incremental');
  });

  it('runs a job added while its twin is active after it, never beside it', async () => {
    const { queues: q, namespace } = queues();
    await enqueueCompute(q, [A_Q1]);
    let running = 0;
    let overlap = false;
    const seen: number[] = [];
    let release: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    let unblock: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const worker = new Worker(
      'compute',
      async (job) => {
        computeJobSchema.parse(job.data);
        running += 1;
        if (running > 1) overlap = true;
        seen.push(Date.now());
        if (seen.length === 1) {
          release();
          await blocked;
        }
        running -= 1;
      },
      { connection: { url: redis.server().url }, prefix: `{${namespace}}`, concurrency: 4 },
    );
    opened.push(worker);
    await firstStarted;
    await enqueueCompute(q, [A_Q1]);
    await enqueueCompute(q, [A_Q1]);
    unblock();
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.length).toBe(2);
    expect(overlap).toBe(false);
  });
});
