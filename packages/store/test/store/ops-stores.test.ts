import { describe, expect, it } from 'vitest';
import { DealStore } from '../../src/store/deal-store.js';
import { HeldStore } from '../../src/store/held-store.js';
import { NoticeCode, NoticeStore, noticeSource } from '../../src/store/notice-store.js';
import { WritebackLagStore } from '../../src/store/writeback-lag-store.js';
import { useRedis } from '../support/store-fixture.js';

const redis = useRedis();

const noPlan = (dealId: string, repId: string) => ({
  code: NoticeCode.noPlan,
  recordId: dealId,
  object: 'Opportunity',
  dealId,
  repId,
  message: `Rep ${repId} has no plan`,
});

describe('NoticeStore', () => {
  it('replaces the notices of each source as a whole, leaving other sources alone', async () => {
    const notices = new NoticeStore(redis.client(), redis.fresh().keys);
    const at = new Date('2026-03-01T00:00:00Z');
    await notices.replace(
      [
        { source: noticeSource.deal('006A'), notices: [noPlan('006A', '005A'), noPlan('006A', '005B')] },
        { source: noticeSource.deal('006B'), notices: [noPlan('006B', '005A')] },
        { source: noticeSource.deal('006C'), notices: [] },
      ],
      at,
    );
    expect(await notices.count()).toBe(3);
    await notices.replace([{ source: noticeSource.deal('006A'), notices: [noPlan('006A', '005B')] }]);
    const list = await notices.list();
    expect(list.map((n) => `${n.dealId}/${n.repId}`).sort()).toEqual(['006A/005B', '006B/005A']);
    expect(list.find((n) => n.dealId === '006B')).toMatchObject({ source: 'deal:006B', at: at.toISOString() });
    await notices.replace([
      { source: noticeSource.deal('006A'), notices: [] },
      { source: noticeSource.deal('006B'), notices: [] },
    ]);
    expect(await notices.count()).toBe(0);
    expect(await redis.client().hlen(redis.fresh().keys.noticesBySource)).toBe(0);
  });

  it('counts notices by code', async () => {
    const notices = new NoticeStore(redis.client(), redis.fresh().keys);
    await notices.replace([
      { source: 'deal:1', notices: [noPlan('1', 'a')] },
      { source: 'key:a|2026-Q1', notices: [{ ...noPlan('1', 'a'), code: NoticeCode.noRate }] },
    ]);
    expect(await notices.countByCode()).toEqual({ NO_PLAN: 1, NO_RATE: 1 });
  });
});

describe('WritebackLagStore and the deal upsert', () => {
  it('starts the lag clock of every touched key at the oldest unwritten change, and pops it', async () => {
    const { keys } = redis.fresh();
    const deals = new DealStore(redis.client(), keys);
    const lag = new WritebackLagStore(redis.client(), keys);
    const q1 = { repId: '005A', period: '2026-Q1' };
    const q2 = { repId: '005A', period: '2026-Q2' };
    const deal = { id: '006A', ownerId: '005A', amount: '10', closeDate: '2026-02-01', won: true };
    // A full resync stores without a lag start: nothing to measure.
    await deals.upsert({ deal, keys: [q1], modstampMs: 500 });
    expect(await lag.oldest()).toBeNull();
    await deals.upsert({ deal: { ...deal, amount: '11' }, keys: [q1], modstampMs: 1000, lagFromMs: 1000 });
    await deals.upsert({ deal: { ...deal, amount: '12', closeDate: '2026-04-01' }, keys: [q2], lagFromMs: 2000 });
    // Unchanged: does not move anything.
    await deals.upsert({ deal: { ...deal, amount: '12', closeDate: '2026-04-01' }, keys: [q2], lagFromMs: 3000 });
    expect(await lag.oldest()).toBe(1000);
    expect(await lag.pop([q1, q2, { repId: '005Z', period: '2026-Q1' }])).toEqual([1000, 2000, null]);
    expect(await lag.count()).toBe(0);
    await deals.remove('006A', 4000);
    expect(await lag.pop([q2])).toEqual([4000]);
  });
});

describe('HeldStore', () => {
  it('remembers held keys with their locked statements until released', async () => {
    const held = new HeldStore(redis.client(), redis.fresh().keys);
    const key = { repId: '005A', period: '2026-Q1' };
    await held.hold(key, ['005A|ae|2026-Q1']);
    expect(await held.list()).toEqual([{ key, statements: ['005A|ae|2026-Q1'] }]);
    expect(await held.get([key, { repId: '005B', period: '2026-Q1' }])).toEqual(
      new Map([['005A|2026-Q1', ['005A|ae|2026-Q1']]]),
    );
    await held.release([key]);
    expect(await held.count()).toBe(0);
  });
});
