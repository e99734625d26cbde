import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

/*
 * v2 §2 + §7: a plan change reaches closed periods only as adjustments. Q1 was paid under the plan
 * without `from` (planFrom null): 100,000 × 8 % = 8,000.00. The comp team then decides, retroactively,
 * that a version from 2026-01-01 at 10.5 % applies: Q1 is due 10,500.00 now.
 */
const percent = (rate: string) => [{ id: 'base', type: 'percent', rate }];
const raw = {
  plans: [
    { id: 'ae-2026', currency: 'USD', period: 'quarter', components: percent('0.08') },
    { id: 'ae-2026', from: '2026-01-01', currency: 'USD', period: 'quarter', components: percent('0.105') },
  ],
  assignments: [{ repId: 'ana', planId: 'ae-2026', from: '2026-01-01' }],
  deals: [
    { id: 'acme', ownerId: 'ana', amount: '100000', closeDate: '2026-02-01', won: true },
    { id: 'globex', ownerId: 'ana', amount: '20000', closeDate: '2026-04-10', won: true },
  ],
  closed: [
    {
      repId: 'ana',
      planId: 'ae-2026',
      period: '2026-Q1',
      planFrom: null,
      lines: [{ dealId: 'acme', componentId: 'base', kind: 'commission', tier: null, amount: '8000.00' }],
    },
  ],
};

describe('v2 a retroactive plan change after a period was paid', () => {
  it('leaves the closed quarter as paid and corrects it in the next open one', () => {
    // Q2: globex 20,000 × 10.5 % = 2,100.00, plus the Q1 correction 10,500.00 − 8,000.00 = 2,500.00 → 4,600.00.
    const out = run(raw);
    expect(out.statements.map((s) => [s.period, s.closed, s.planFrom, s.total])).toEqual([
      ['2026-Q1', true, null, '8000.00'],
      ['2026-Q2', false, '2026-01-01', '4600.00'],
    ]);
    expect(out.statements[1]!.lines.map((l) => [l.kind, l.ofPeriod, l.amount, l.explain])).toEqual([
      ['commission', undefined, '2100.00', '20,000.00 × 10.5%'],
      ['adjustment', '2026-Q1', '2500.00', 'Correction to 2026-Q1: plan ae-2026 changed — was 8,000.00, now 10,500.00'],
    ]);
  });

  it('a second closed period that already carries the correction needs none again', () => {
    // Q2 was closed with the 2,500.00 adjustment for Q1: Q1's group is paid 8,000 + 2,500 = 10,500 = due.
    // Q3 has no data of its own: no statement at all.
    const q2 = {
      repId: 'ana',
      planId: 'ae-2026',
      period: '2026-Q2',
      planFrom: '2026-01-01',
      lines: [
        { dealId: 'globex', componentId: 'base', kind: 'commission', tier: null, amount: '2100.00' },
        { dealId: 'acme', componentId: 'base', kind: 'adjustment', tier: null, ofPeriod: '2026-Q1', amount: '2500.00' },
      ],
    };
    const out = run({ ...raw, closed: [...raw.closed, q2] });
    expect(out.statements.map((s) => [s.period, s.closed, s.total])).toEqual([
      ['2026-Q1', true, '8000.00'],
      ['2026-Q2', true, '4600.00'],
    ]);
  });
});
