import { describe, expect, it } from 'vitest';
import { lineSummary, oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from '../helpers.js';

describe('§3.12 caps', () => {
  it('a component over its cap gets one cap line bringing it down to the cap', () => {
    // 10% of 8,000 + 5,000 = 800.00 + 500.00 = 1,300.00 > 1,000 → cap line −300.00. Other component untouched.
    const plan = quarterlyPlan([
      { id: 'accel', type: 'percent', rate: '0.1', cap: '1000' },
      { id: 'spiff', type: 'bonus', per: 'period', amount: '50' },
    ]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('8000', { id: 'a' }), wonDeal('5000', { id: 'b' })])));
    expect(lineSummary(statement)).toEqual([
      ['a', 'accel', 'commission', undefined, '8000.00', '0.1', '800.00'],
      ['b', 'accel', 'commission', undefined, '5000.00', '0.1', '500.00'],
      [undefined, 'accel', 'cap', undefined, undefined, undefined, '-300.00'],
      [undefined, 'spiff', 'bonus', undefined, undefined, undefined, '50.00'],
    ]);
    expect(statement.lines[2]!.explain).toBe('Capped: component "accel" pays at most 1,000.00 per quarter');
    expect(statement.total).toBe('1050.00');
  });

  it('no cap line at or under the cap, nor for a negative component', () => {
    // Exactly 1,000.00 = cap: no line. A clawback component at −10% sums to −100.00 < its cap 0: no line either.
    const plan = quarterlyPlan([
      { id: 'accel', type: 'percent', rate: '0.1', cap: '1000' },
      { id: 'clawback', type: 'percent', rate: '-0.01', cap: '0' },
    ]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('10000')])));
    expect(statement.lines.map((l) => [l.componentId, l.kind, l.amount])).toEqual([
      ['accel', 'commission', '1000.00'],
      ['clawback', 'commission', '-100.00'],
    ]);
    expect(statement.total).toBe('900.00');
  });

  it('then the plan cap caps the statement (after component caps) with a line of no component', () => {
    // accel 10% of 30,000 = 3,000.00 capped to 2,500 (−500.00); bonus 1,000.00 → 3,500.00 > plan cap 3,000 → −500.00.
    const plan = quarterlyPlan(
      [
        { id: 'accel', type: 'percent', rate: '0.1', cap: '2500' },
        { id: 'club', type: 'bonus', per: 'period', amount: '1000' },
      ],
      { cap: '3000' },
    );
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('30000')])));
    expect(statement.lines.map((l) => [l.componentId, l.kind, l.amount])).toEqual([
      ['accel', 'commission', '3000.00'],
      ['accel', 'cap', '-500.00'],
      ['club', 'bonus', '1000.00'],
      [undefined, 'cap', '-500.00'],
    ]);
    expect(statement.lines[3]).toEqual({
      kind: 'cap',
      amount: '-500.00',
      explain: 'Capped: plan "plan" pays at most 3,000.00 per quarter',
    });
    expect(statement.total).toBe('3000.00');
  });

  it('a cap finer than the currency is cut to its minor units so the total never exceeds it', () => {
    // Cap 99.999 USD → 99.99; lines 150.00 → cap line −50.01; total 99.99 ≤ 99.999.
    const plan = quarterlyPlan([{ id: 'c', type: 'percent', rate: '1', cap: '99.999' }]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('150')])));
    expect(statement.lines.map((l) => l.amount)).toEqual(['150.00', '-50.01']);
    expect(statement.total).toBe('99.99');
  });
});

describe('§3.11 rounding: each line from its exact value, half away from zero', () => {
  it('0.125 → 0.13 and −0.125 → −0.13 (USD)', () => {
    // 12.50 × 1% = 0.125 → 0.13; × −1% = −0.125 → −0.13. Total is the sum of the rounded lines: 0.00.
    const plan = quarterlyPlan([
      { id: 'plus', type: 'percent', rate: '0.01' },
      { id: 'minus', type: 'percent', rate: '-0.01' },
    ]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('12.50')])));
    expect(statement.lines.map((l) => l.amount)).toEqual(['0.13', '-0.13']);
    expect(statement.total).toBe('0.00');
  });

  it('JPY has no minor units: 2.5 → 3; BHD has three: 0.0125 → 0.013', () => {
    // JPY: 25 × 10% = 2.5 → 3. Money fields are whole yen.
    const jpy = quarterlyPlan([{ id: 'b', type: 'percent', rate: '0.1' }], { currency: 'JPY' });
    const jpyStatement = onlyStatement(run(oneRep(jpy, [wonDeal('25', { currency: 'JPY' })], { quota: '1000' })));
    expect([jpyStatement.quota, jpyStatement.credited, jpyStatement.total, jpyStatement.lines[0]!.base]).toEqual([
      '1000',
      '25',
      '3',
      '25',
    ]);
    // BHD: 1.25 × 1% = 0.0125 → 0.013; money shows 3 decimals.
    const bhd = quarterlyPlan([{ id: 'b', type: 'percent', rate: '0.01' }], { currency: 'BHD' });
    const bhdStatement = onlyStatement(run(oneRep(bhd, [wonDeal('1.25', { currency: 'BHD' })], { quota: '10' })));
    expect([bhdStatement.quota, bhdStatement.credited, bhdStatement.total]).toEqual(['10.000', '1.250', '0.013']);
  });

  it('rounds each line, not the sum: three lines of 0.333… each give 0.99', () => {
    // 3 × (3.33 × 10% = 0.333) → 0.33 each; total 0.99 (not round(0.999) = 1.00).
    const plan = quarterlyPlan([{ id: 'b', type: 'percent', rate: '0.1' }]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('3.33'), wonDeal('3.33'), wonDeal('3.33')])));
    expect(statement.total).toBe('0.99');
  });
});

describe('§4 output formats', () => {
  it('money with exactly the currency’s minor units, rate as plain decimal text, base rounded for display', () => {
    // rate "0.0800" prints as "0.08"; base 1,000.005 prints 1000.01 while the amount uses the exact base:
    // 1,000.005 × 8% = 80.0004 → 80.00.
    const plan = quarterlyPlan([{ id: 'b', type: 'percent', rate: '0.0800' }]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('1000.005', { id: 'x' })])));
    expect(statement.lines[0]).toEqual({
      dealId: 'x',
      componentId: 'b',
      kind: 'commission',
      base: '1000.01',
      rate: '0.08',
      amount: '80.00',
      explain: '1,000.01 × 8%',
    });
    expect(Object.keys(statement)).toEqual([
      'repId',
      'planId',
      'period',
      'currency',
      'quota',
      'credited',
      'attainment',
      'total',
      'lines',
    ]);
  });

  it('JSON numbers in decimal positions are read through their shortest text', () => {
    // amount 0.1 (a binary float) is read as "0.1": 0.1 × 3 (rate 3) = 0.30 exactly, not 0.30000000000000004.
    const plan = quarterlyPlan([{ id: 'b', type: 'percent', rate: 3 }]);
    const statement = onlyStatement(
      run(oneRep(plan, [wonDeal(0.1 as unknown as string)], { quota: 1e21 as unknown as string })),
    );
    expect([statement.total, statement.quota]).toEqual(['0.30', '1000000000000000000000.00']);
  });
});
