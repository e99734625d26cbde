import { describe, expect, it } from 'vitest';
import { lineSummary, oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from '../helpers.js';

const services = { field: 'fields.productFamily', op: 'eq', value: 'Services' };

describe('§3.8 percent', () => {
  it('pays base × rate on every credit, base = credited amount', () => {
    // 12,345.67 × 8.5% = 1,049.38195 → 1,049.38.
    const plan = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.085' }]);
    const statement = onlyStatement(run(oneRep(plan, [wonDeal('12345.67', { id: 'x' })])));
    expect(lineSummary(statement)).toEqual([['x', 'base', 'commission', undefined, '12345.67', '0.085', '1049.38']]);
    expect(statement.lines[0]!.explain).toBe('12,345.67 × 8.5%');
  });

  it('with a filter pays only on matching credits', () => {
    // Only the Services deal (4,000 × 5% = 200.00) matches; the Software deal pays nothing here.
    const plan = quarterlyPlan([{ id: 'svc', type: 'percent', rate: '0.05', filter: services }]);
    const deals = [
      wonDeal('4000', { id: 'svc', fields: { productFamily: 'Services' } }),
      wonDeal('9000', { id: 'sw', fields: { productFamily: 'Software' } }),
      wonDeal('9000', { id: 'none' }),
    ];
    expect(lineSummary(onlyStatement(run(oneRep(plan, deals))))).toEqual([
      ['svc', 'svc', 'commission', undefined, '4000.00', '0.05', '200.00'],
    ]);
  });
});

const fourTiers = [
  { upTo: '0.5', rate: '0.05' },
  { upTo: '1', rate: '0.08' },
  { upTo: '1.5', rate: '0.12' },
  { rate: '0.15' },
];

describe('§3.9 tiered, marginal', () => {
  it('attainment basis: cuts each counting credit at upTo × quota', () => {
    // Quota 100,000 → bounds 50,000 / 100,000 / 150,000.
    // a 30,000: [0, 30,000) tier 1 → 1,500.00
    // b 40,000: [30,000, 50,000) tier 1 → 1,000.00; [50,000, 70,000) tier 2 → 1,600.00
    // c 90,000: [70,000, 100,000) t2 → 2,400.00; [100,000, 150,000) t3 → 6,000.00; [150,000, 160,000) t4 → 1,500.00
    const plan = quarterlyPlan([
      { id: 'accel', type: 'tiered', basis: 'attainment', mode: 'marginal', tiers: fourTiers },
    ]);
    const deals = [
      wonDeal('30000', { id: 'a', closeDate: '2026-01-10' }),
      wonDeal('40000', { id: 'b', closeDate: '2026-01-20' }),
      wonDeal('90000', { id: 'c', closeDate: '2026-02-10' }),
    ];
    const statement = onlyStatement(run(oneRep(plan, deals)));
    expect(lineSummary(statement).map((l) => [l[0], l[3], l[4], l[5], l[6]])).toEqual([
      ['a', 1, '30000.00', '0.05', '1500.00'],
      ['b', 1, '20000.00', '0.05', '1000.00'],
      ['b', 2, '20000.00', '0.08', '1600.00'],
      ['c', 2, '30000.00', '0.08', '2400.00'],
      ['c', 3, '50000.00', '0.12', '6000.00'],
      ['c', 4, '10000.00', '0.15', '1500.00'],
    ]);
    expect(statement.total).toBe('14000.00');
    expect(statement.lines[2]!.explain).toBe('20,000.00 × 8% — tier 2 (50%–100% of quota)');
    expect(statement.lines[5]!.explain).toBe('10,000.00 × 15% — tier 4 (150% of quota and above)');
  });

  it('a credit that does not count toward quota is one line at the tier reached before it', () => {
    // Renewals do not count. new 60,000 → Q goes to 60,000 (tier 1: 50,000 → 2,500.00; tier 2: 10,000 → 800.00).
    // renewal 30,000 at position 60,000 → one line, tier 2, 30,000 × 8% = 2,400.00; Q stays 60,000.
    const plan = quarterlyPlan(
      [{ id: 'accel', type: 'tiered', basis: 'attainment', mode: 'marginal', tiers: fourTiers }],
      {
        quotaFilter: { field: 'fields.type', op: 'neq', value: 'Renewal' },
      },
    );
    const deals = [
      wonDeal('60000', { id: 'new', closeDate: '2026-01-10', fields: { type: 'New' } }),
      wonDeal('30000', { id: 'renewal', closeDate: '2026-01-20', fields: { type: 'Renewal' } }),
    ];
    const statement = onlyStatement(run(oneRep(plan, deals)));
    expect(lineSummary(statement).map((l) => [l[0], l[3], l[4], l[6]])).toEqual([
      ['new', 1, '50000.00', '2500.00'],
      ['new', 2, '10000.00', '800.00'],
      ['renewal', 2, '30000.00', '2400.00'],
    ]);
    expect(statement.credited).toBe('60000.00');
    expect(statement.lines[2]!.explain).toBe(
      '30,000.00 × 8% — tier 2 (50%–100% of quota); this deal does not count toward quota',
    );
  });

  it('amount basis: bounds in plan currency, one credit straddling two bounds, no quota needed', () => {
    // Bounds 10,000 and 25,000. One 30,000 credit: 10,000 × 2% = 200.00; 15,000 × 4% = 600.00; 5,000 × 6% = 300.00.
    const plan = quarterlyPlan([
      {
        id: 'ladder',
        type: 'tiered',
        basis: 'amount',
        mode: 'marginal',
        tiers: [{ upTo: '10000', rate: '0.02' }, { upTo: '25000', rate: '0.04' }, { rate: '0.06' }],
      },
    ]);
    const out = run(oneRep(plan, [wonDeal('30000', { id: 'big' })], { quota: null }));
    const statement = onlyStatement(out);
    expect(lineSummary(statement).map((l) => [l[3], l[4], l[6]])).toEqual([
      [1, '10000.00', '200.00'],
      [2, '15000.00', '600.00'],
      [3, '5000.00', '300.00'],
    ]);
    expect(statement.lines[1]!.explain).toBe('15,000.00 × 4% — tier 2 (10,000.00–25,000.00 credited)');
    expect(out.warnings).toEqual([]);
  });

  it('a credit ending exactly on a bound makes no empty piece; the next credit starts in the higher tier', () => {
    // Bound 1,000: first credit [0, 1,000) → one tier-1 line; second [1,000, 1,500) → tier 2 only.
    const plan = quarterlyPlan([
      {
        id: 't',
        type: 'tiered',
        basis: 'amount',
        mode: 'marginal',
        tiers: [{ upTo: '1000', rate: '0.1' }, { rate: '0.2' }],
      },
    ]);
    const statement = onlyStatement(
      run(oneRep(plan, [wonDeal('1000', { id: 'a', closeDate: '2026-01-01' }), wonDeal('500', { id: 'b' })])),
    );
    expect(lineSummary(statement).map((l) => [l[0], l[3], l[4], l[6]])).toEqual([
      ['a', 1, '1000.00', '100.00'],
      ['b', 2, '500.00', '100.00'],
    ]);
  });

  it('attainment basis without a quota pays nothing and warns QUOTA_MISSING', () => {
    const plan = quarterlyPlan([
      { id: 'accel', type: 'tiered', basis: 'attainment', mode: 'marginal', tiers: fourTiers },
    ]);
    const out = run(oneRep(plan, [wonDeal('1000')], { quota: null }));
    expect(onlyStatement(out).lines).toEqual([]);
    expect(out.warnings.map((w) => w.code)).toEqual(['QUOTA_MISSING']);
  });
});

describe('§3.9 tiered, retroactive', () => {
  const retro = quarterlyPlan([
    {
      id: 'retro',
      type: 'tiered',
      basis: 'attainment',
      mode: 'retroactive',
      tiers: [{ upTo: '1', rate: '0.05' }, { rate: '0.1' }],
    },
  ]);

  it('reaching a bound exactly puts every credit in the higher tier', () => {
    // 60,000 + 40,000 = 100,000 = 1 × quota → tier 2 (10%) on both: 6,000.00 and 4,000.00.
    const statement = onlyStatement(run(oneRep(retro, [wonDeal('60000'), wonDeal('40000')])));
    expect(lineSummary(statement).map((l) => [l[3], l[4], l[5], l[6]])).toEqual([
      [2, '60000.00', '0.1', '6000.00'],
      [2, '40000.00', '0.1', '4000.00'],
    ]);
    expect(statement.lines[0]!.explain).toBe(
      '60,000.00 × 10% — tier 2 (100% of quota and above), the tier reached this quarter',
    );
  });

  it('just below the bound every credit stays in the lower tier', () => {
    // 99,999.99 < 100,000 → tier 1 (5%): 60,000 → 3,000.00; 39,999.99 → 1,999.9995 → 2,000.00 (half away).
    const statement = onlyStatement(run(oneRep(retro, [wonDeal('60000'), wonDeal('39999.99')])));
    expect(lineSummary(statement).map((l) => [l[3], l[6]])).toEqual([
      [1, '3000.00'],
      [1, '2000.00'],
    ]);
  });
});

describe('§3.10 bonus', () => {
  it('per deal: bonus × split share on each matching credit', () => {
    // 500 × 60% = 300.00 on the split deal; 500 × 100% on the other New Logo deal; none on the expansion.
    const plan = quarterlyPlan([
      {
        id: 'new-logo',
        type: 'bonus',
        per: 'deal',
        amount: '500',
        filter: { field: 'fields.type', op: 'eq', value: 'New Logo' },
      },
    ]);
    const deals = [
      wonDeal('1000', {
        id: 'split',
        fields: { type: 'New Logo' },
        splits: [
          { repId: 'rep', percent: '60' },
          { repId: 'x', percent: '40' },
        ],
      }),
      wonDeal('1000', { id: 'solo', fields: { type: 'New Logo' } }),
      wonDeal('1000', { id: 'exp', fields: { type: 'Expansion' } }),
    ];
    const out = run(oneRep(plan, deals));
    const statement = onlyStatement(out);
    expect(lineSummary(statement)).toEqual([
      ['solo', 'new-logo', 'bonus', undefined, '500.00', '1', '500.00'],
      ['split', 'new-logo', 'bonus', undefined, '500.00', '0.6', '300.00'],
    ]);
    expect(statement.lines.map((l) => l.explain)).toEqual([
      'Per-deal bonus 500.00',
      'Per-deal bonus 500.00 × 60% split share',
    ]);
  });

  it('per period: one line without a deal in each statement the gate lets through; its filter does not apply', () => {
    // Gate 1.0: Q1 reaches 120% → 2,500.00 bonus; Q2 at 50% → nothing.
    const plan = quarterlyPlan([
      {
        id: 'club',
        type: 'bonus',
        per: 'period',
        amount: '2500',
        minAttainment: '1',
        filter: { field: 'amount', op: 'gt', value: '999999999' },
      },
    ]);
    const raw = oneRep(plan, [
      wonDeal('120000', { closeDate: '2026-03-01' }),
      wonDeal('50000', { closeDate: '2026-04-01' }),
    ]);
    (raw.quotas as unknown[]).push({ repId: 'rep', period: '2026-Q2', amount: '100000' });
    const out = run(raw);
    expect(out.statements.map((s) => [s.period, s.lines.length, s.total])).toEqual([
      ['2026-Q1', 1, '2500.00'],
      ['2026-Q2', 0, '0.00'],
    ]);
    expect(out.statements[0]!.lines[0]).toEqual({
      componentId: 'club',
      kind: 'bonus',
      amount: '2500.00',
      explain: 'Quarterly bonus 2,500.00 — attainment 120% reached the 100% minimum',
    });
  });

  it('an ungated period bonus pays even in a statement made by a quota alone', () => {
    const plan = quarterlyPlan([{ id: 'draw', type: 'bonus', per: 'period', amount: '1000' }]);
    expect(onlyStatement(run(oneRep(plan, []))).total).toBe('1000.00');
  });
});
