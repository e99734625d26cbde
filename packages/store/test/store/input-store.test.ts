import { describe, expect, it } from 'vitest';
import { InputStore } from '../../src/store/input-store.js';
import { useRedis } from '../support/store-fixture.js';

const redis = useRedis();
const inputs = () => new InputStore(redis.client(), redis.fresh().keys);

const plan = {
  id: 'ae-2026',
  currency: 'USD',
  period: 'quarter',
  components: [{ id: 'base', type: 'percent', rate: 0.1 }],
};

describe('InputStore', () => {
  it('stores engine-validated plans (numbers become decimal text) and bumps the generation', async () => {
    const store = inputs();
    expect(await store.generation()).toBe(0);
    const saved = await store.putPlan(plan);
    expect(saved).toEqual({ ok: true, value: { ...plan, components: [{ id: 'base', type: 'percent', rate: '0.1' }] } });
    expect(await store.generation()).toBe(1);
    expect((await store.base()).plans.map((p) => p.id)).toEqual(['ae-2026']);
  });

  it('refuses a plan the engine refuses, with the engine issues, and changes nothing', async () => {
    const store = inputs();
    const result = await store.putPlan({ ...plan, components: [{ id: 'base', type: 'percent', rate: '10%' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toEqual(['components', 0, 'rate']);
    expect(await store.generation()).toBe(0);
    expect((await store.base()).plans).toEqual([]);
  });

  it('validates assignments against the stored plans, and keeps a plan that is assigned', async () => {
    const store = inputs();
    await store.putPlan(plan);
    const unknown = await store.setAssignments([{ repId: '005A', planId: 'nope', from: '2026-01-01' }]);
    expect(unknown.ok).toBe(false);
    const overlapping = await store.setAssignments([
      { repId: '005A', planId: 'ae-2026', from: '2026-01-01' },
      { repId: '005A', planId: 'ae-2026', from: '2026-06-01' },
    ]);
    expect(overlapping.ok).toBe(false);
    expect(await store.setAssignments([{ repId: '005A', planId: 'ae-2026', from: '2026-01-01' }])).toMatchObject({
      ok: true,
    });
    expect(await store.removePlan('ae-2026')).toMatchObject({ ok: false, issues: [{ code: 'plan_in_use' }] });
    await store.setAssignments([]);
    expect(await store.removePlan('ae-2026')).toEqual({ ok: true, value: true });
  });

  it('replaces quotas and currencies, and builds a valid engine input around deals', async () => {
    const store = inputs();
    await store.putPlan(plan);
    await store.setAssignments([{ repId: '005A', planId: 'ae-2026', from: '2026-01-01' }]);
    expect(await store.setQuotas([{ repId: '005A', period: '2026-Q1', amount: '100000' }])).toMatchObject({ ok: true });
    expect((await store.setQuotas([{ repId: '005A', period: 'Q1', amount: 'x' }])).ok).toBe(false);
    expect(await store.setCurrencies('USD', [{ currency: 'EUR', rate: '0.9', from: '2026-01-01' }])).toMatchObject({
      ok: true,
    });
    const base = await store.base();
    expect(base).toMatchObject({
      corporateCurrency: 'USD',
      quotas: [{ repId: '005A', period: '2026-Q1', amount: '100000' }],
      exchangeRates: [{ currency: 'EUR', rate: '0.9', from: '2026-01-01' }],
    });
    const input = await store.engineInput([
      { id: '006X', ownerId: '005A', amount: '1000', currency: 'EUR', closeDate: '2026-02-01', won: true },
    ]);
    expect(input.ok).toBe(true);
    expect(input.ok && input.value.deals).toHaveLength(1);
  });
});
