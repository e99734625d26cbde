import type { Deal } from '@attain/engine';
import { describe, expect, it } from 'vitest';
import { DealStore } from '../../src/store/deal-store.js';
import { useRedis } from '../support/store-fixture.js';

const redis = useRedis();

function setup() {
  const { keys } = redis.fresh();
  return { keys, deals: new DealStore(redis.client(), keys) };
}

const deal = (id: string, overrides: Partial<Deal> = {}): Deal => ({
  id,
  ownerId: '005A',
  amount: '1000',
  closeDate: '2026-02-10',
  won: true,
  ...overrides,
});
const A_Q1 = { repId: '005A', period: '2026-Q1' };
const B_Q1 = { repId: '005B', period: '2026-Q1' };
const A_Q2 = { repId: '005A', period: '2026-Q2' };

describe('DealStore', () => {
  it('stores a deal, indexes it by statement key and marks its keys dirty', async () => {
    const { deals } = setup();
    expect(await deals.upsert({ deal: deal('006X'), keys: [A_Q1], modstampMs: 1000 })).toBe('created');
    expect(await deals.get('006X')).toEqual({ deal: deal('006X'), keys: [A_Q1], modstampMs: 1000 });
    expect(await deals.dealsFor([A_Q1])).toEqual([deal('006X')]);
    expect(await deals.dealsFor([B_Q1])).toEqual([]);
    expect((await deals.dirtyKeys()).map((d) => d.key)).toEqual([A_Q1]);
    expect(await deals.count()).toBe(1);
  });

  it('is idempotent: the same deal again is unchanged and marks nothing', async () => {
    const { deals } = setup();
    await deals.upsert({ deal: deal('006X'), keys: [A_Q1] });
    const [before] = await deals.dirtyKeys();
    // Same content, keys built in another order: still unchanged.
    const reordered = { won: true, closeDate: '2026-02-10', amount: '1000', ownerId: '005A', id: '006X' };
    expect(await deals.upsert({ deal: reordered, keys: [A_Q1, A_Q1] })).toBe('unchanged');
    expect(await deals.dirtyKeys()).toEqual([before]);
  });

  it('moves a deal between keys: both the old and the new statements become dirty', async () => {
    const { deals } = setup();
    await deals.upsert({ deal: deal('006X', { splits: [{ repId: '005A', percent: '100' }] }), keys: [A_Q1] });
    const first = await deals.dirtyGeneration(A_Q1);
    await deals.clearDirty(A_Q1, first!);
    expect(await deals.dirtyKeys()).toEqual([]);

    const moved = deal('006X', { closeDate: '2026-04-02', splits: [{ repId: '005B', percent: '100' }] });
    expect(await deals.upsert({ deal: moved, keys: [A_Q2, B_Q1] })).toBe('updated');
    expect((await deals.dirtyKeys()).map((d) => d.key)).toEqual([A_Q1, A_Q2, B_Q1]);
    expect(await deals.dealsFor([A_Q1])).toEqual([]);
    expect(await deals.dealsFor([A_Q2])).toEqual([moved]);
    expect(await deals.dealsFor([A_Q2, B_Q1])).toEqual([moved]);
  });

  it('removes a deal: gone from the index, its statements dirty', async () => {
    const { deals } = setup();
    await deals.upsert({ deal: deal('006X'), keys: [A_Q1] });
    await deals.upsert({ deal: deal('006Y'), keys: [A_Q1] });
    await deals.clearDirty(A_Q1, (await deals.dirtyGeneration(A_Q1))!);
    expect(await deals.remove('006X')).toBe(true);
    expect(await deals.remove('006X')).toBe(false);
    expect(await deals.get('006X')).toBeNull();
    expect((await deals.dealsFor([A_Q1])).map((d) => d.id)).toEqual(['006Y']);
    expect((await deals.dirtyKeys()).map((d) => d.key)).toEqual([A_Q1]);
    expect(await deals.allIds()).toEqual(['006Y']);
  });

  it('keeps a key dirty when it was marked again after its generation was read', async () => {
    const { deals } = setup();
    await deals.upsert({ deal: deal('006X'), keys: [A_Q1] });
    const seen = (await deals.dirtyGeneration(A_Q1))!;
    await deals.upsert({ deal: deal('006X', { amount: '2000' }), keys: [A_Q1] });
    expect(await deals.clearDirty(A_Q1, seen)).toBe(false);
    expect((await deals.dirtyKeys()).map((d) => d.key)).toEqual([A_Q1]);
    expect(await deals.clearDirty(A_Q1, (await deals.dirtyGeneration(A_Q1))!)).toBe(true);
    expect(await deals.dirtyKeys()).toEqual([]);
  });

  it('keeps the index consistent under concurrent upserts of the same deals', async () => {
    const { deals } = setup();
    const reps = ['005A', '005B', '005C', '005D'];
    const writes = [];
    for (let round = 0; round < 50; round++) {
      const repId = reps[round % reps.length]!;
      writes.push(deals.upsert({ deal: deal('006X', { ownerId: repId }), keys: [{ repId, period: '2026-Q1' }] }));
    }
    await Promise.all(writes);
    const stored = (await deals.get('006X'))!;
    const holders = [];
    for (const repId of reps) {
      if ((await deals.dealIdsFor({ repId, period: '2026-Q1' })).includes('006X')) holders.push(repId);
    }
    expect(holders).toEqual([stored.deal.ownerId]);
  });

  it('upserts many at once and counts outcomes; marks keys dirty on demand', async () => {
    const { deals } = setup();
    await deals.upsert({ deal: deal('006A'), keys: [A_Q1] });
    const counts = await deals.upsertMany([
      { deal: deal('006A'), keys: [A_Q1] },
      { deal: deal('006B'), keys: [A_Q1] },
      { deal: deal('006A', { amount: '5' }), keys: [A_Q1] },
    ]);
    // Commands reach Redis in the order they were sent.
    expect(counts).toEqual({ unchanged: 1, created: 1, updated: 1 });
    await deals.markDirty([B_Q1, B_Q1]);
    expect((await deals.dirtyKeys()).map((d) => d.key)).toEqual([A_Q1, B_Q1]);
  });
});
