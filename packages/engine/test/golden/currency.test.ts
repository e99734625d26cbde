import { describe, expect, it } from 'vitest';
import { lineSummary, oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from '../helpers.js';

const tenPercent = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.1' }]);
const eurRates = [
  { currency: 'EUR', rate: '0.8', from: '2026-01-01' },
  { currency: 'EUR', rate: '0.9', from: '2026-02-01' },
];

describe('§3.3 currency conversion with dated rates', () => {
  it('converts amount × rate(plan) / rate(deal) at the rate in force on the close date, across a mid-quarter change', () => {
    // Jan 15: EUR 0.8 per USD → 10,000 EUR × 1 / 0.8 = 12,500.00 USD → 1,250.00.
    // Feb 1 (the new rate's first day): 0.9 → 9,000 EUR / 0.9 = 10,000.00 USD → 1,000.00.
    // Mar 20: still 0.9 → 4,500 / 0.9 = 5,000.00 → 500.00.
    const out = run(
      oneRep(
        tenPercent,
        [
          wonDeal('10000', { id: 'jan', currency: 'EUR', closeDate: '2026-01-15' }),
          wonDeal('9000', { id: 'feb', currency: 'EUR', closeDate: '2026-02-01' }),
          wonDeal('4500', { id: 'mar', currency: 'EUR', closeDate: '2026-03-20' }),
        ],
        { rates: eurRates },
      ),
    );
    const statement = onlyStatement(out);
    expect(lineSummary(statement).map((line) => [line[0], line[4], line[6]])).toEqual([
      ['jan', '12500.00', '1250.00'],
      ['feb', '10000.00', '1000.00'],
      ['mar', '5000.00', '500.00'],
    ]);
    expect(statement.credited).toBe('27500.00');
    expect(statement.lines[0]!.explain).toBe('12,500.00 × 10%, on 10,000.00 EUR converted to USD');
  });

  it('carries an inexact conversion exactly enough that only the line rounds', () => {
    // 1,000 EUR / 0.9 = 1,111.1111… USD; credited shows 1111.11; 10% of the exact value = 111.1111… → 111.11.
    // 7 × (1,000 / 0.9) × 10% summed per line = 7 × 111.11 = 777.77, while Q = 7,777.777… → 7777.78.
    const deals = Array.from({ length: 7 }, (_, i) =>
      wonDeal('1000', { id: `e${i}`, currency: 'EUR', closeDate: '2026-02-10' }),
    );
    const statement = onlyStatement(run(oneRep(tenPercent, deals, { rates: eurRates })));
    expect(statement.lines[0]!.base).toBe('1111.11');
    expect(statement.lines[0]!.amount).toBe('111.11');
    expect(statement.credited).toBe('7777.78');
    expect(statement.total).toBe('777.77');
  });

  it('converts between two non-corporate currencies through both rates', () => {
    // Plan in EUR, corporate USD. 3,000 GBP on Feb 10: × rate(EUR) 0.9 / rate(GBP) 0.75 = 3,600.00 EUR → 360.00.
    // 1,000 USD (corporate, always 1): × 0.9 / 1 = 900.00 EUR → 90.00.
    const eurPlan = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.1' }], { currency: 'EUR' });
    const out = run(
      oneRep(
        eurPlan,
        [
          wonDeal('3000', { id: 'gbp', currency: 'GBP', closeDate: '2026-02-10' }),
          wonDeal('1000', { id: 'usd', closeDate: '2026-02-10' }),
        ],
        { rates: [...eurRates, { currency: 'GBP', rate: '0.75', from: '2026-01-01' }] },
      ),
    );
    expect(lineSummary(onlyStatement(out)).map((line) => [line[0], line[4], line[6]])).toEqual([
      ['gbp', '3600.00', '360.00'],
      ['usd', '900.00', '90.00'],
    ]);
  });

  it('needs no rate when the deal is already in the plan currency, even if that is not the corporate one', () => {
    const eurPlan = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.1' }], { currency: 'EUR' });
    const out = run(oneRep(eurPlan, [wonDeal('500', { currency: 'EUR' })]));
    expect(onlyStatement(out).total).toBe('50.00');
    expect(out.warnings).toEqual([]);
  });

  it('a listed rate for the corporate currency is ignored: it is always 1', () => {
    const out = run(
      oneRep(tenPercent, [wonDeal('800', { currency: 'EUR', closeDate: '2026-01-10' })], {
        rates: [...eurRates, { currency: 'USD', rate: '2', from: '2026-01-01' }],
      }),
    );
    expect(onlyStatement(out).credited).toBe('1000.00'); // 800 / 0.8
  });
});

describe('§3.3 NO_RATE', () => {
  it('drops a credit with no rate in force (no rate at all, or only later ones) and warns', () => {
    // GBP has no rate; the EUR deal on 2025-12-31 precedes the first EUR rate (2026-01-01). Only the USD deal pays.
    const raw = oneRep(
      tenPercent,
      [
        wonDeal('100', { id: 'gbp', currency: 'GBP' }),
        wonDeal('100', { id: 'early-eur', currency: 'EUR', closeDate: '2026-01-01' }),
        wonDeal('100', { id: 'usd' }),
      ],
      { rates: [{ currency: 'EUR', rate: '0.8', from: '2026-01-02' }] },
    );
    const out = run(raw);
    expect(onlyStatement(out).total).toBe('10.00');
    expect(out.warnings.map((w) => [w.code, w.dealId, w.repId, w.planId, w.period])).toEqual([
      ['NO_RATE', 'early-eur', 'rep', 'plan', '2026-Q1'],
      ['NO_RATE', 'gbp', 'rep', 'plan', '2026-Q1'],
    ]);
    expect(out.warnings[1]!.message).toContain('GBP');
  });
});
