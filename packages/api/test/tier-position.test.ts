/** Tier positions on hand-made plans and statements: exact bounds, rounding up, gates, no quota. */
import type { Plan, Statement } from '@attain/engine';
import { describe, expect, it } from 'vitest';
import { planPosition } from '../src/services/tier-position.js';

const plan: Plan = {
  id: 'p',
  currency: 'USD',
  period: 'quarter',
  components: [
    {
      id: 'accel',
      type: 'tiered',
      basis: 'attainment',
      mode: 'marginal',
      tiers: [{ upTo: '0.5', rate: '0.03' }, { upTo: '1', rate: '0.05' }, { rate: '0.080' }],
    },
    { id: 'club', type: 'bonus', per: 'period', amount: '2500', minAttainment: '1' },
    {
      id: 'flat',
      type: 'tiered',
      basis: 'amount',
      mode: 'retroactive',
      tiers: [{ upTo: '25000', rate: '0.01' }, { rate: '0.02' }],
    },
  ],
};

function statement(credited: string, quota: string | null): Statement {
  return {
    repId: '005',
    planId: 'p',
    period: '2026-Q1',
    currency: 'USD',
    quota,
    credited,
    attainment: null,
    total: '0.00',
    lines: [],
  };
}

describe('tier position', () => {
  it('rounds the credit still to go up to the cent, so that reaching it reaches the bound', () => {
    // Bound 0.5 × 100000.01 = 50000.005: 0.015 to go is 0.02, never 0.01.
    const position = planPosition(statement('49999.99', '100000.01'), plan, '100000.01');
    expect(position.tiered[0]).toEqual({
      componentId: 'accel',
      basis: 'attainment',
      mode: 'marginal',
      quotaMissing: false,
      current: { tier: 1, rate: '0.03', from: '0.00', upTo: '50000.01' },
      next: { tier: 2, rate: '0.05', from: '50000.01', upTo: '100000.01', creditedToGo: '0.02' },
    });
  });

  it('a credit exactly on a bound is in the higher tier; the last tier has no next', () => {
    const onBound = planPosition(statement('50000.00', '100000.00'), plan, '100000');
    expect(onBound.tiered[0]?.current?.tier).toBe(2);
    expect(onBound.tiered[0]?.next).toMatchObject({ tier: 3, rate: '0.08', creditedToGo: '50000.00' });
    const top = planPosition(statement('250000.00', '100000.00'), plan, '100000');
    expect(top.tiered[0]).toMatchObject({ current: { tier: 3, rate: '0.08', upTo: null }, next: null });
  });

  it('amount-basis tiers need no quota; attainment tiers and gates say the quota is missing', () => {
    const position = planPosition(statement('20000.00', null), plan, undefined);
    expect(position.tiered[0]).toMatchObject({ componentId: 'accel', quotaMissing: true, current: null, next: null });
    expect(position.tiered[1]).toMatchObject({
      componentId: 'flat',
      quotaMissing: false,
      current: { tier: 1, rate: '0.01' },
      next: { tier: 2, rate: '0.02', creditedToGo: '5000.00' },
    });
    expect(position.gates).toEqual([
      {
        componentId: 'club',
        minAttainment: '1',
        reached: false,
        quotaMissing: true,
        creditedToGo: null,
        unlocks: 'a 2,500.00 USD bonus for the period',
      },
    ]);
    // A zero quota is no quota.
    expect(planPosition(statement('1.00', '0.00'), plan, '0').tiered[0]?.quotaMissing).toBe(true);
  });

  it('gates say how much more unlocks them, and when they are open', () => {
    expect(planPosition(statement('99999.99', '100000.00'), plan, '100000').gates[0]).toMatchObject({
      reached: false,
      creditedToGo: '0.01',
    });
    expect(planPosition(statement('100000.00', '100000.00'), plan, '100000').gates[0]).toMatchObject({
      reached: true,
      creditedToGo: '0.00',
    });
  });

  it('uses the stored quota exactly rather than the statement’s rounded one', () => {
    // Bound 0.5 × 100000.005 = 50000.0025: 50000.00 is still below it (0.01 to go). From the quota
    // rounded to 100000.00 the bound would be 50000.00, reached already.
    const position = planPosition(statement('50000.00', '100000.00'), plan, '100000.005');
    expect(position.tiered[0]?.current?.tier).toBe(1);
    expect(position.tiered[0]?.next?.creditedToGo).toBe('0.01');
  });
});
