/** Pure checks of the earnings figures on hand-made documents (the API tests use real ones). */
import { describe, expect, it } from 'vitest';
import type { History, Line, TierPosition } from '../src/api/types.js';
import { barModel, defaultPeriod, earnedToDate, groupLines, periodBounds } from '../src/components/earnings-model.js';

const lines: Line[] = [
  {
    dealId: '006B',
    componentId: 'base',
    kind: 'commission',
    tier: 1,
    base: '1000.00',
    rate: '0.03',
    amount: '30.00',
    explain: 'b',
  },
  {
    dealId: '006A',
    componentId: 'base',
    kind: 'commission',
    tier: 1,
    base: '500.00',
    rate: '0.03',
    amount: '15.00',
    explain: 'a1',
  },
  { kind: 'bonus', componentId: 'q', amount: '100.00', explain: 'period bonus' },
  { dealId: '006A', componentId: 'services', kind: 'bonus', amount: '250.00', explain: 'a2' },
];

describe('lines', () => {
  it('groups lines by deal in statement order, with plan-level lines apart', () => {
    const { deals, other } = groupLines(lines);
    expect(deals.map((deal) => [deal.dealId, deal.total])).toEqual([
      ['006B', '30.00'],
      ['006A', '265.00'],
    ]);
    expect(other.map((line) => line.explain)).toEqual(['period bonus']);
  });
});

describe('periods', () => {
  it('knows the days of months, quarters and years', () => {
    expect(periodBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodBounds('2026-Q4')).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    expect(periodBounds('2026')).toEqual({ first: '2026-01-01', last: '2026-12-31' });
  });

  it('opens the period containing today, else the latest past one', () => {
    const periods = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q3'];
    expect(defaultPeriod(periods, '2026-02-10')).toBe('2026-Q1');
    expect(defaultPeriod(periods, '2026-05-10')).toBe('2026-Q1');
    expect(defaultPeriod(periods, '2020-01-01')).toBe('2025-Q3');
  });

  it('adds up the year to date in one currency, exactly', () => {
    const summary = (period: string, total: string, currency = 'USD') => ({
      repId: '005A',
      planId: 'ae',
      period,
      currency,
      quota: null,
      credited: '0',
      attainment: null,
      total,
      lineCount: 1,
    });
    const history: History = {
      repId: '005A',
      periods: [
        { period: '2025-Q4', computedAt: '', statements: [summary('2025-Q4', '999.99')] },
        {
          period: '2026-Q1',
          computedAt: '',
          statements: [summary('2026-Q1', '1200.10'), summary('2026-Q1', '5', 'EUR')],
        },
        { period: '2026-Q2', computedAt: '', statements: [summary('2026-Q2', '0.20')] },
        { period: '2026-Q3', computedAt: '', statements: [summary('2026-Q3', '700')] },
      ],
    };
    expect(earnedToDate(history, '2026-Q2', 'USD')).toBe('1200.30');
  });
});

describe('attainment bar', () => {
  const position = (credited: string, current: object | null, next: object | null): TierPosition['plans'][number] => ({
    planId: 'ae',
    currency: 'USD',
    quota: '150000.00',
    credited,
    attainment: null,
    total: '0',
    tiered: [
      { componentId: 'base', basis: 'attainment', mode: 'marginal', quotaMissing: false, current, next },
    ] as never,
    gates: [],
  });

  it('marks the bounds around the rep and leaves room past the furthest', () => {
    const bar = barModel(
      position(
        '90000.00',
        { tier: 1, rate: '0.05', from: '0', upTo: '150000.00' },
        { tier: 2, rate: '0.08', from: '150000.00', upTo: null, creditedToGo: '60000.00' },
      ),
    );
    expect(bar).toEqual({ value: '90000.00', max: '180000.000', marks: [{ at: '150000.00', tier: 2 }] });
  });

  it('stretches to the value past the last bound', () => {
    const bar = barModel(position('400000.00', { tier: 2, rate: '0.08', from: '150000.00', upTo: null }, null));
    expect(bar?.max).toBe('480000.000');
    expect(bar?.marks).toEqual([{ at: '150000.00', tier: 2 }]);
  });
});
