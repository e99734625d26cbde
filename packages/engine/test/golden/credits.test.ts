import { describe, expect, it } from 'vitest';
import { lineSummary, oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from '../helpers.js';

const tenPercent = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.1' }]);

describe('§3.1 credits', () => {
  it('a won deal credits its owner in full; a lost deal is ignored', () => {
    // 12,000 won → one credit of 12,000; 10% → 1,200.00. The lost 5,000 adds nothing.
    const out = run(oneRep(tenPercent, [wonDeal('12000', { id: 'won' }), wonDeal('5000', { id: 'lost', won: false })]));
    const statement = onlyStatement(out);
    expect(statement.credited).toBe('12000.00');
    expect(lineSummary(statement)).toEqual([['won', 'base', 'commission', undefined, '12000.00', '0.1', '1200.00']]);
    expect(out.warnings).toEqual([]);
  });

  it('splits give each rep percent/100 of the deal, in each rep’s own statement', () => {
    // 12,000 split 60/40: rep 7,200 → 720.00; rep2 4,800 → 480.00.
    const raw = oneRep(tenPercent, [
      wonDeal('12000', {
        id: 'split',
        splits: [
          { repId: 'rep', percent: '60' },
          { repId: 'rep2', percent: '40' },
        ],
      }),
    ]);
    (raw.assignments as unknown[]).push({ repId: 'rep2', planId: 'plan', from: '2026-01-01' });
    const out = run(raw);
    expect(out.statements.map((s) => [s.repId, s.credited, s.total])).toEqual([
      ['rep', '7200.00', '720.00'],
      ['rep2', '4800.00', '480.00'],
    ]);
    expect(out.statements[0]!.lines[0]!.explain).toBe('7,200.00 × 10%, on your 60% split of 12,000.00');
  });

  it('splits need not add up to 100: an overlay split credits both reps in full', () => {
    // Double crediting (AE 100% + overlay 100%) is common; 10,000 each → 1,000.00 each.
    const raw = oneRep(tenPercent, [
      wonDeal('10000', {
        splits: [
          { repId: 'rep', percent: '100' },
          { repId: 'overlay', percent: '100' },
        ],
      }),
    ]);
    (raw.assignments as unknown[]).push({ repId: 'overlay', planId: 'plan', from: '2026-01-01' });
    expect(run(raw).statements.map((s) => s.total)).toEqual(['1000.00', '1000.00']);
  });

  it('a split to a rep who is not the owner leaves the owner without a credit', () => {
    // Owner "rep" is not among the splits: only rep2 is credited (5,000 × 50% = 2,500 → 250.00).
    const raw = oneRep(tenPercent, [wonDeal('5000', { splits: [{ repId: 'rep2', percent: '50' }] })], { quota: null });
    (raw.assignments as unknown[]).push({ repId: 'rep2', planId: 'plan', from: '2026-01-01' });
    const out = run(raw);
    expect(out.statements.map((s) => [s.repId, s.total])).toEqual([['rep2', '250.00']]);
  });
});

describe('§3.1 negative amounts', () => {
  it('a won deal with a negative amount gives no credit and a NEGATIVE_AMOUNT warning', () => {
    // The -500 deal is dropped; the 1,000 deal pays 100.00.
    const out = run(oneRep(tenPercent, [wonDeal('-500', { id: 'refund' }), wonDeal('1000', { id: 'ok' })]));
    expect(onlyStatement(out).credited).toBe('1000.00');
    expect(onlyStatement(out).total).toBe('100.00');
    expect(out.warnings).toEqual([
      { code: 'NEGATIVE_AMOUNT', message: expect.stringContaining('refund'), dealId: 'refund', repId: 'rep' },
    ]);
  });

  it('a lost deal with a negative amount is simply ignored', () => {
    const out = run(oneRep(tenPercent, [wonDeal('-500', { won: false })]));
    expect(out.warnings).toEqual([]);
  });

  it('a zero amount is a credit (not negative)', () => {
    const out = run(oneRep(tenPercent, [wonDeal('0', { id: 'zero' })]));
    expect(lineSummary(onlyStatement(out))).toEqual([['zero', 'base', 'commission', undefined, '0.00', '0.1', '0.00']]);
  });
});

describe('§3.2 plan and period', () => {
  it('a credit whose rep has no assignment on the close date is dropped with NO_PLAN', () => {
    // Assignment starts 2026-01-01; the 2025-12-31 deal has no plan. The 2026 deal pays 10% of 2,000.
    const out = run(
      oneRep(tenPercent, [wonDeal('3000', { id: 'early', closeDate: '2025-12-31' }), wonDeal('2000', { id: 'in' })]),
    );
    expect(onlyStatement(out).total).toBe('200.00');
    expect(out.warnings).toEqual([
      { code: 'NO_PLAN', message: expect.stringContaining('2025-12-31'), dealId: 'early', repId: 'rep' },
    ]);
  });

  it('a split rep without a plan loses only their own credit', () => {
    // rep (assigned) gets 50% of 4,000 = 2,000 → 200.00; "ghost" has no assignment → NO_PLAN.
    const out = run(
      oneRep(tenPercent, [
        wonDeal('4000', {
          id: 's',
          splits: [
            { repId: 'rep', percent: '50' },
            { repId: 'ghost', percent: '50' },
          ],
        }),
      ]),
    );
    expect(onlyStatement(out).total).toBe('200.00');
    expect(out.warnings.map((w) => [w.code, w.dealId, w.repId])).toEqual([['NO_PLAN', 's', 'ghost']]);
  });

  it('assignments are inclusive on both ends and the period is the plan’s period containing the close date', () => {
    // Assigned 2026-01-01..2026-03-31 to a monthly plan: deals on both end days count, in 2026-01 and 2026-03;
    // a deal on 2026-04-01 has no plan.
    const monthly = {
      id: 'm',
      currency: 'USD',
      period: 'month',
      components: [{ id: 'b', type: 'percent', rate: '0.1' }],
    };
    const out = run({
      plans: [monthly],
      assignments: [{ repId: 'rep', planId: 'm', from: '2026-01-01', to: '2026-03-31' }],
      deals: [
        wonDeal('100', { id: 'first', closeDate: '2026-01-01' }),
        wonDeal('200', { id: 'last', closeDate: '2026-03-31' }),
        wonDeal('300', { id: 'after', closeDate: '2026-04-01' }),
      ],
    });
    expect(out.statements.map((s) => [s.period, s.total])).toEqual([
      ['2026-01', '10.00'],
      ['2026-03', '20.00'],
    ]);
    expect(out.warnings.map((w) => [w.code, w.dealId])).toEqual([['NO_PLAN', 'after']]);
  });

  it('a yearly plan puts every 2026 deal in period "2026"', () => {
    const yearly = {
      id: 'y',
      currency: 'USD',
      period: 'year',
      components: [{ id: 'b', type: 'percent', rate: '0.1' }],
    };
    const out = run({
      plans: [yearly],
      assignments: [{ repId: 'rep', planId: 'y', from: '2026-01-01' }],
      deals: [wonDeal('100', { closeDate: '2026-02-01' }), wonDeal('100', { closeDate: '2026-11-30' })],
    });
    expect(out.statements.map((s) => [s.period, s.total])).toEqual([['2026', '20.00']]);
  });
});
