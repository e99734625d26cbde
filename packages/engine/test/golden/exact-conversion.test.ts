import { describe, expect, it } from 'vitest';
import { compare, computeFor, computeStatements, estimate, statementKeysOf } from '../../src/index.js';
import { engineInput, lineSummary, oneRep, onlyStatement, quarterlyPlan, run, wonDeal } from '../helpers.js';

/*
 * Issue 10, item 1: a converted credit is carried as an exact fraction, so each line is rounded once
 * from its exact value (§3.11), never from a quotient cut after 40 digits.
 */
describe('§3.3 + §3.11 converted lines are rounded once from the exact value', () => {
  it('52,370.84 EUR at 0.92 paid at 11.5 % is 6,546.36 (the exact value is 6,546.355)', () => {
    // 52,370.84 / 0.92 = 56,924.826086956521739130434… USD (it does not terminate).
    // × 0.115 = 52,370.84 × 0.115 / 0.92 = 6,022.6466 / 0.92 = 6,546.355 exactly.
    // Half away from zero → 6,546.36. (Truncating the converted base first gives 6,546.35499… → 6,546.35.)
    const plan = quarterlyPlan([{ id: 'base', type: 'percent', rate: '0.115' }]);
    const statement = onlyStatement(
      run(
        oneRep(plan, [wonDeal('52370.84', { id: 'eur', currency: 'EUR', closeDate: '2026-02-10' })], {
          quota: null,
          rates: [{ currency: 'EUR', rate: '0.92', from: '2026-01-01' }],
        }),
      ),
    );
    expect(lineSummary(statement)).toEqual([['eur', 'base', 'commission', undefined, '56924.83', '0.115', '6546.36']]);
    expect(statement.credited).toBe('56924.83');
    expect(statement.total).toBe('6546.36');
  });

  it('a tier piece cut from a converted credit rounds from the exact piece', () => {
    // Amount basis, tier 1 up to 50,000.00 at 5 %, then 10 %. One EUR deal of 52,370.84 at 0.92:
    // credited 56,924.826086… USD. Piece 1 = 50,000 → 2,500.00. Piece 2 = 6,924.826086956… × 10 %
    // = 692.4826086… → 692.48; its base shows 6,924.83. Total 3,192.48.
    // A second deal of 1,000 USD then starts at 56,924.826… (tier 2): 1,000 × 10 % = 100.00.
    const plan = quarterlyPlan([
      {
        id: 'tiers',
        type: 'tiered',
        basis: 'amount',
        mode: 'marginal',
        tiers: [{ upTo: '50000', rate: '0.05' }, { rate: '0.1' }],
      },
    ]);
    const statement = onlyStatement(
      run(
        oneRep(
          plan,
          [
            wonDeal('52370.84', { id: 'a-eur', currency: 'EUR', closeDate: '2026-02-10' }),
            wonDeal('1000', { id: 'b-usd', closeDate: '2026-02-11' }),
          ],
          { quota: null, rates: [{ currency: 'EUR', rate: '0.92', from: '2026-01-01' }] },
        ),
      ),
    );
    expect(lineSummary(statement).map((line) => [line[0], line[3], line[4], line[6]])).toEqual([
      ['a-eur', 1, '50000.00', '2500.00'],
      ['a-eur', 2, '6924.83', '692.48'],
      ['b-usd', 2, '1000.00', '100.00'],
    ]);
    expect(statement.credited).toBe('57924.83');
  });

  it('attainment and gates compare the exact fraction', () => {
    // Quota 100,000.00; 92,000 EUR at 0.92 = 100,000 USD exactly → attainment 1.0000, the 100 % gate
    // lets the bonus through. 91,999.99 EUR / 0.92 = 99,999.98913… → attainment shows 1.0000 but is below 1:
    // the gate is closed.
    const plan = quarterlyPlan([{ id: 'club', type: 'bonus', per: 'period', amount: '1000', minAttainment: '1' }]);
    const rates = [{ currency: 'EUR', rate: '0.92', from: '2026-01-01' }];
    const exact = onlyStatement(run(oneRep(plan, [wonDeal('92000', { currency: 'EUR' })], { rates })));
    expect([exact.attainment, exact.total]).toEqual(['1.0000', '1000.00']);
    const below = onlyStatement(run(oneRep(plan, [wonDeal('91999.99', { currency: 'EUR' })], { rates })));
    expect([below.credited, below.attainment, below.total]).toEqual(['99999.99', '1.0000', '0.00']);
  });
});

/*
 * Issue 10, item 2: §3.4 — a statement exists for a credit, or for a quota of that period. A credit
 * dropped for NO_RATE is no credit.
 */
describe('§3.4 a dropped credit makes no statement', () => {
  const monthly = {
    id: 'monthly',
    currency: 'USD',
    period: 'month',
    components: [
      { id: 'base', type: 'percent', rate: '0.1' },
      { id: 'monthly-bonus', type: 'bonus', per: 'period', amount: '250' },
    ],
  };
  const raw = {
    plans: [monthly],
    assignments: [{ repId: 'rep', planId: 'monthly', from: '2026-01-01' }],
    quotas: [],
    // GBP has no rate at all: the March deal is dropped with NO_RATE. January has a USD deal.
    deals: [
      { id: 'jan', ownerId: 'rep', amount: '1000', closeDate: '2026-01-20', won: true },
      { id: 'mar-gbp', ownerId: 'rep', amount: '5000', currency: 'GBP', closeDate: '2026-03-05', won: true },
    ],
    exchangeRates: [],
  };

  it('compute: no statement (and no period bonus) for the month whose only credit had no rate', () => {
    const out = run(raw);
    expect(out.statements.map((s) => [s.period, s.total])).toEqual([['2026-01', '350.00']]);
    expect(out.warnings.map((w) => [w.code, w.dealId, w.period])).toEqual([['NO_RATE', 'mar-gbp', '2026-03']]);
  });

  it('computeFor, computeStatements, estimate, compare and statementKeysOf agree', () => {
    const input = engineInput(raw);
    const deal = input.deals[1]!;
    const keys = statementKeysOf(input, deal);
    expect(keys).toEqual([{ repId: 'rep', period: '2026-03' }]);
    // The worker recomputes that key and learns that the statement no longer exists.
    const scoped = computeFor(input, keys);
    expect(scoped.statements).toEqual([]);
    expect(scoped.warnings.map((w) => w.code)).toEqual(['NO_RATE']);
    const what = estimate(input, 'rep', { ...deal, id: 'another-gbp' });
    expect([what.before, what.after, what.difference]).toEqual([null, null, '0.00']);
    expect([...computeStatements(input)].map((s) => s.period)).toEqual(['2026-01']);
    const compared = compare(input, {
      ...input.plans[0]!,
      components: [{ id: 'base', type: 'percent', rate: '0.2' }, input.plans[0]!.components[1]!],
    });
    expect(compared.reps[0]!.statements.map((s) => [s.period, s.before, s.after])).toEqual([
      ['2026-01', '350.00', '450.00'],
    ]);
  });

  it('a quota of that month still makes the statement, and then the period bonus is paid', () => {
    const out = run({ ...raw, quotas: [{ repId: 'rep', period: '2026-03', amount: '10000' }] });
    expect(out.statements.map((s) => [s.period, s.credited, s.total])).toEqual([
      ['2026-01', '1000.00', '350.00'],
      ['2026-03', '0.00', '250.00'],
    ]);
  });
});
