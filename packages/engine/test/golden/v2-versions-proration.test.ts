import { describe, expect, it } from 'vitest';
import { compare, compute } from '../../src/index.js';
import { engineInput, run } from '../helpers.js';

const percent = (rate: string) => [{ id: 'base', type: 'percent', rate }];

describe('v2 §2 plan versions', () => {
  const raw = {
    plans: [
      { id: 'ae', currency: 'USD', period: 'quarter', components: percent('0.1') },
      { id: 'ae', from: '2026-07-01', currency: 'USD', period: 'quarter', components: percent('0.12') },
    ],
    assignments: [{ repId: 'ana', planId: 'ae', from: '2026-01-01' }],
    deals: [
      { id: 'q2', ownerId: 'ana', amount: '50000', closeDate: '2026-06-30', won: true },
      { id: 'q3', ownerId: 'ana', amount: '50000', closeDate: '2026-07-01', won: true },
    ],
  };

  it('a statement uses the version in force on the first day of its period, and says which (planFrom)', () => {
    // Q2 (starts 2026-04-01): the version without from, 50,000 × 10% = 5,000.00.
    // Q3 (starts 2026-07-01): the version from 2026-07-01, 50,000 × 12% = 6,000.00.
    const out = run(raw);
    expect(out.statements.map((s) => [s.period, s.planFrom, s.total, s.closed, s.balance])).toEqual([
      ['2026-Q2', null, '5000.00', false, null],
      ['2026-Q3', '2026-07-01', '6000.00', false, null],
    ]);
  });

  it('a period before every version has no plan: NO_PLAN', () => {
    // Only a version from 2026-04-01: a Q1 deal finds no version (NO_PLAN), a Q2 deal is paid at 10%.
    const out = run({
      ...raw,
      plans: [{ id: 'ae', from: '2026-04-01', currency: 'USD', period: 'quarter', components: percent('0.1') }],
      deals: [
        { id: 'q1', ownerId: 'ana', amount: '1000', closeDate: '2026-03-31', won: true },
        { id: 'q2', ownerId: 'ana', amount: '1000', closeDate: '2026-04-01', won: true },
      ],
    });
    expect(out.statements.map((s) => [s.period, s.planFrom, s.total])).toEqual([['2026-Q2', '2026-04-01', '100.00']]);
    expect(out.warnings.map((w) => [w.code, w.dealId])).toEqual([['NO_PLAN', 'q1']]);
  });

  it('compare of a new version: only the periods it governs change', () => {
    // A new version from 2026-07-01 at 15 % replaces the 12 % one: Q3 goes from 6,000.00 to 7,500.00
    // (50,000 × 15%); Q2 stays on the version without from.
    const input = engineInput(raw);
    const result = compare(input, { ...input.plans[1]!, components: [{ id: 'base', type: 'percent', rate: '0.15' }] });
    expect(result.reps[0]!.statements.map((s) => [s.period, s.before, s.after, s.difference, s.closed])).toEqual([
      ['2026-Q2', '5000.00', '5000.00', '0.00', false],
      ['2026-Q3', '6000.00', '7500.00', '1500.00', false],
    ]);
  });
});

describe('v2 §4 quota proration', () => {
  it('the spec example: quarterly quota 300,000, assignment from 2026-02-01 → 196,666.67', () => {
    // Q1 2026 has 31 + 28 + 31 = 90 days; 1 Feb – 31 Mar covers 28 + 31 = 59 of them.
    // 300,000 × 59 / 90 = 196,666.666… → 196,666.67. Attainment of 98,333.34 credited = 0.5000.
    const out = run({
      plans: [{ id: 'ae', currency: 'USD', period: 'quarter', prorateQuota: true, components: percent('0.1') }],
      assignments: [{ repId: 'ben', planId: 'ae', from: '2026-02-01' }],
      quotas: [
        { repId: 'ben', period: '2026-Q1', amount: '300000' },
        { repId: 'ben', period: '2026-Q2', amount: '300000' },
      ],
      deals: [{ id: 'd', ownerId: 'ben', amount: '98333.34', closeDate: '2026-03-01', won: true }],
    });
    // Q2 is fully covered: the quota is left as it is (not re-rounded).
    expect(out.statements.map((s) => [s.period, s.quota, s.attainment])).toEqual([
      ['2026-Q1', '196666.67', '0.5000'],
      ['2026-Q2', '300000.00', '0.0000'],
    ]);
  });

  it('without prorateQuota the whole quota applies, as in v1', () => {
    const out = compute(
      engineInput({
        plans: [{ id: 'ae', currency: 'USD', period: 'quarter', components: percent('0.1') }],
        assignments: [{ repId: 'ben', planId: 'ae', from: '2026-02-01' }],
        quotas: [{ repId: 'ben', period: '2026-Q1', amount: '300000' }],
        deals: [],
      }),
    );
    expect(out.statements.map((s) => s.quota)).toEqual(['300000.00']);
  });
});
