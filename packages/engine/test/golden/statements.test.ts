import { describe, expect, it } from 'vitest';
import { lineSummary, oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from '../helpers.js';

const tenPercent = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.1' }]);

describe('§3.4 statements', () => {
  it('a quota alone makes a statement for a period it shares with an assignment', () => {
    // Quota for Q2 and no deals in Q2: an empty statement with quota 80,000, credited 0, attainment 0.
    const raw = oneRep(tenPercent, [wonDeal('1000')]);
    (raw.quotas as unknown[]).push({ repId: 'rep', period: '2026-Q2', amount: '80000' });
    const out = run(raw);
    expect(out.statements.map((s) => [s.period, s.quota, s.credited, s.attainment, s.total, s.lines.length])).toEqual([
      ['2026-Q1', '100000.00', '1000.00', '0.0100', '100.00', 1],
      ['2026-Q2', '80000.00', '0.00', '0.0000', '0.00', 0],
    ]);
  });

  it('a quota makes no statement outside the assignment, nor for another period kind', () => {
    // Assignment starts 2026-04-15: the Q2 quota overlaps it (statement), Q1 does not, and a monthly
    // quota (2026-05) does not match the quarterly plan.
    const out = run({
      plans: [tenPercent],
      assignments: [{ repId: 'rep', planId: 'plan', from: '2026-04-15' }],
      quotas: [
        { repId: 'rep', period: '2026-Q1', amount: '1' },
        { repId: 'rep', period: '2026-Q2', amount: '2' },
        { repId: 'rep', period: '2026-05', amount: '3' },
      ],
      deals: [],
    });
    expect(out.statements.map((s) => [s.period, s.quota])).toEqual([['2026-Q2', '2.00']]);
  });

  it('a rep who changes plans mid-quarter gets one statement per plan, each with the period’s quota', () => {
    const other = {
      id: 'other',
      currency: 'USD',
      period: 'quarter',
      components: [{ id: 'x', type: 'percent', rate: '0.2' }],
    };
    const out = run({
      plans: [tenPercent, other],
      assignments: [
        { repId: 'rep', planId: 'plan', from: '2026-01-01', to: '2026-02-14' },
        { repId: 'rep', planId: 'other', from: '2026-02-15' },
      ],
      quotas: [{ repId: 'rep', period: '2026-Q1', amount: '1000' }],
      deals: [wonDeal('100', { closeDate: '2026-01-10' }), wonDeal('100', { closeDate: '2026-03-10' })],
    });
    expect(out.statements.map((s) => [s.planId, s.period, s.quota, s.total])).toEqual([
      ['other', '2026-Q1', '1000.00', '20.00'],
      ['plan', '2026-Q1', '1000.00', '10.00'],
    ]);
  });

  it('orders statements by rep, then period start, then plan', () => {
    const raw = oneRep(
      tenPercent,
      [
        wonDeal('100', { ownerId: 'b', closeDate: '2026-05-01' }),
        wonDeal('100', { ownerId: 'a' }),
        wonDeal('100', { ownerId: 'b' }),
      ],
      { quota: null },
    );
    raw.assignments = [
      { repId: 'a', planId: 'plan', from: '2026-01-01' },
      { repId: 'b', planId: 'plan', from: '2026-01-01' },
    ];
    expect(run(raw).statements.map((s) => `${s.repId} ${s.period}`)).toEqual(['a 2026-Q1', 'b 2026-Q1', 'b 2026-Q2']);
  });
});

describe('§3.5 order of credits', () => {
  it('takes credits by close date, then deal id in text order — which decides marginal tiers', () => {
    // Tiers by amount: first 1,000 at 1%, above at 10%. Order: Jan 5 "d-10" (text: "d-10" < "d-9"), Jan 5 "d-9", Feb 1 "a".
    // d-10: 600 at 1% = 6.00. d-9: 400 at 1% = 4.00 + 200 at 10% = 20.00. a (Feb): 500 at 10% = 50.00.
    const plan = quarterlyPlan([
      {
        id: 't',
        type: 'tiered',
        basis: 'amount',
        mode: 'marginal',
        tiers: [{ upTo: '1000', rate: '0.01' }, { rate: '0.1' }],
      },
    ]);
    const deals = [
      wonDeal('500', { id: 'a', closeDate: '2026-02-01' }),
      wonDeal('600', { id: 'd-9', closeDate: '2026-01-05' }),
      wonDeal('600', { id: 'd-10', closeDate: '2026-01-05' }),
    ];
    expect(lineSummary(onlyStatement(run(oneRep(plan, deals)))).map((l) => [l[0], l[3], l[4], l[6]])).toEqual([
      ['d-10', 1, '600.00', '6.00'],
      ['d-9', 1, '400.00', '4.00'],
      ['d-9', 2, '200.00', '20.00'],
      ['a', 2, '500.00', '50.00'],
    ]);
  });
});

describe('§3.6 attainment', () => {
  it('is Q / quota to 4 decimals, half away from zero', () => {
    // 12,345 / 100,000 = 0.12345 → 0.1235 (half away). 20,000 / 30,000 = 0.66666… → 0.6667.
    expect(onlyStatement(run(oneRep(tenPercent, [wonDeal('12345')]))).attainment).toBe('0.1235');
    expect(onlyStatement(run(oneRep(tenPercent, [wonDeal('20000')], { quota: '30000' }))).attainment).toBe('0.6667');
  });

  it('counts only credits matching quotaFilter toward Q', () => {
    // Renewals pay commission but do not count: Q = 30,000 of 100,000 → 0.3000; both deals pay 10%.
    const plan = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.1' }], {
      quotaFilter: { field: 'fields.type', op: 'neq', value: 'Renewal' },
    });
    const statement = onlyStatement(
      run(
        oneRep(plan, [
          wonDeal('30000', { fields: { type: 'New' } }),
          wonDeal('50000', { fields: { type: 'Renewal' } }),
        ]),
      ),
    );
    expect([statement.credited, statement.attainment, statement.total]).toEqual(['30000.00', '0.3000', '8000.00']);
  });

  it('is null with no quota or a zero quota; QUOTA_MISSING only when a component needed it', () => {
    const noQuota = run(oneRep(tenPercent, [wonDeal('1000')], { quota: null }));
    expect([onlyStatement(noQuota).quota, onlyStatement(noQuota).attainment]).toEqual([null, null]);
    expect(noQuota.warnings).toEqual([]); // a plain percent plan does not need attainment

    const gated = quarterlyPlan([
      { id: 'base', type: 'percent', rate: '0.1' },
      { id: 'kicker', type: 'percent', rate: '0.05', minAttainment: '0.5' },
    ]);
    const zero = run(oneRep(gated, [wonDeal('1000', { id: 'x' })], { quota: '0' }));
    const statement = onlyStatement(zero);
    expect([statement.quota, statement.attainment, statement.total]).toEqual(['0.00', null, '100.00']);
    expect(lineSummary(statement).map((l) => l[1])).toEqual(['base']);
    expect(zero.warnings).toEqual([
      {
        code: 'QUOTA_MISSING',
        message: expect.stringContaining('"kicker"'),
        repId: 'rep',
        planId: 'plan',
        period: '2026-Q1',
      },
    ]);
  });
});

describe('§3.7 gate', () => {
  const gated = quarterlyPlan([{ id: 'kicker', type: 'percent', rate: '0.1', minAttainment: '0.5' }]);

  it('pays nothing below minAttainment, compared on the exact attainment (not the 4-decimal display)', () => {
    // 49,999.996 / 100,000 = 0.49999996 → shown as 0.5000, but below 0.5: the gate stays shut.
    const statement = onlyStatement(run(oneRep(gated, [wonDeal('49999.996')])));
    expect(statement.attainment).toBe('0.5000');
    expect(statement.lines).toEqual([]);
  });

  it('pays every matching credit once the final attainment reaches the minimum exactly', () => {
    // 20,000 + 30,000 = 50,000 → attainment 0.5 ≥ 0.5: both lines pay 10%, the early one too.
    const statement = onlyStatement(run(oneRep(gated, [wonDeal('20000'), wonDeal('30000')])));
    expect(statement.lines.map((l) => l.amount)).toEqual(['2000.00', '3000.00']);
  });
});
