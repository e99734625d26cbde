import fc from 'fast-check';
import { type EngineInput, validate } from '../src/index.js';

/*
 * Random but valid input documents for the property tests: a few reps on one quarterly plan whose
 * components are drawn at random, deals in USD/EUR/JPY across 2026 (and a few before any plan),
 * splits, dated rates, quotas (some zero or missing).
 */

export const REPS = ['a', 'b', 'c', 'd'];

const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => (n / 100).toFixed(2));
/** Present about one time in four. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });
const rate = fc.constantFrom('0', '0.01', '0.05', '0.08', '0.125', '0.3', '1', '-0.02');
const family = fc.constantFrom('Software', 'Services', 'Hardware');
const dealType = fc.constantFrom('New Logo', 'Expansion', 'Renewal');
const date2026 = fc
  .date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const optionalFilter = sometimes(
  fc.oneof(
    fc.record({ field: fc.constant('fields.family'), op: fc.constant('eq'), value: family }),
    fc
      .record({ field: fc.constant('fields.type'), op: fc.constantFrom('neq', 'in'), value: dealType })
      .map((f) => (f.op === 'in' ? { ...f, value: [f.value, 'Expansion'] } : f)),
    fc.record({ field: fc.constant('amount'), op: fc.constantFrom('gt', 'lte'), value: cents(0, 5_000_000) }),
  ),
);

function strip<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** Increasing tier bounds from positive steps. */
const tiers = (basis: 'attainment' | 'amount') =>
  fc
    .array(
      fc.tuple(
        basis === 'attainment'
          ? fc.integer({ min: 1, max: 80 }).map((n) => n / 100)
          : fc.integer({ min: 1, max: 5_000_000 }).map((n) => n / 100),
        rate,
      ),
      {
        minLength: 0,
        maxLength: 4,
      },
    )
    .chain((steps) =>
      rate.map((lastRate) => {
        let bound = 0;
        const list: { upTo?: string; rate: string }[] = steps.map(([step, tierRate]) => {
          bound = Math.round((bound + step) * 100) / 100;
          return { upTo: bound.toFixed(2), rate: tierRate };
        });
        list.push({ rate: lastRate });
        return list;
      }),
    );

const component = fc.oneof(
  fc.record({ type: fc.constant('percent'), rate, filter: optionalFilter }),
  fc.constantFrom('attainment' as const, 'amount' as const).chain((basis) =>
    fc.record({
      type: fc.constant('tiered'),
      basis: fc.constant(basis),
      mode: fc.constantFrom('marginal', 'retroactive'),
      tiers: tiers(basis),
      filter: optionalFilter,
    }),
  ),
  fc.record({
    type: fc.constant('bonus'),
    per: fc.constantFrom('deal', 'period'),
    amount: cents(0, 100_000),
    filter: optionalFilter,
  }),
);

const planArbitrary = fc
  .record({
    currency: fc.constantFrom('USD', 'USD', 'EUR', 'JPY'),
    quotaFilter: optionalFilter,
    cap: sometimes(cents(0, 3_000_000)),
    components: fc.array(
      fc.record({
        component,
        minAttainment: sometimes(fc.constantFrom('0', '0.5', '1', '1.2')),
        cap: sometimes(cents(0, 2_000_000)),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ currency, quotaFilter, cap, components }) =>
    strip({
      id: 'plan',
      currency,
      period: 'quarter',
      quotaFilter,
      cap,
      components: components.map(({ component: c, minAttainment, cap: componentCap }, index) =>
        strip({ ...strip(c as Record<string, unknown>), id: `c${index}`, minAttainment, cap: componentCap }),
      ),
    }),
  );

/** Split percents that add up to exactly 100 (hundredths), over distinct reps. */
const splitsArbitrary = fc
  .tuple(
    fc.shuffledSubarray(REPS, { minLength: 1, maxLength: 3 }),
    fc.array(fc.integer({ min: 1, max: 9999 }), { minLength: 2, maxLength: 2 }),
  )
  .map(([reps, cuts]) => {
    const points = [0, ...cuts.slice(0, reps.length - 1).sort((x, y) => x - y), 10000];
    return reps
      .map((repId, i) => ({ repId, percent: ((points[i + 1]! - points[i]!) / 100).toFixed(2) }))
      .filter((split) => split.percent !== '0.00');
  })
  .filter((splits) => splits.length > 0 && new Set(splits.map((s) => s.repId)).size === splits.length);

const dealArbitrary = fc.record({
  ownerId: fc.constantFrom(...REPS),
  amount: fc.oneof(
    { arbitrary: cents(0, 10_000_000), weight: 6 },
    { arbitrary: fc.integer({ min: 0, max: 100000 }).map(String), weight: 2 },
    { arbitrary: cents(-10_000, -1), weight: 1 },
  ),
  currency: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.constantFrom('USD', 'EUR', 'JPY'), weight: 1 },
  ),
  closeDate: date2026,
  won: fc.integer({ min: 0, max: 3 }).map((n) => n !== 0),
  fields: fc.record({ family, type: dealType }),
  splits: sometimes(splitsArbitrary),
});

export const rawInputArbitrary = fc
  .record({
    plan: planArbitrary,
    assigned: fc.subarray(REPS, { minLength: 1 }),
    // One quota per rep and quarter, missing or zero now and then.
    quotas: fc.array(
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 1 },
        { arbitrary: fc.constant('0'), weight: 1 },
        { arbitrary: cents(1_000_000, 100_000_000), weight: 8 },
      ),
      { minLength: 16, maxLength: 16 },
    ),
    baseRates: fc.boolean().map((b) => b || undefined),
    deals: fc.array(dealArbitrary, { maxLength: 30 }),
    rates: fc.array(
      fc.record({
        currency: fc.constantFrom('EUR', 'JPY'),
        rate: fc.integer({ min: 1, max: 200000 }).map((n) => (n / 1000).toString()),
        from: date2026,
      }),
      {
        maxLength: 6,
      },
    ),
  })
  .map(({ plan, assigned, quotas, deals, rates, baseRates }) => {
    const seenRate = new Set<string>();
    // Usually a rate for each currency from before any deal, so most conversions find one.
    const allRates = [
      ...(baseRates
        ? [
            { currency: 'EUR', rate: '0.92', from: '2025-01-01' },
            { currency: 'JPY', rate: '151.3', from: '2025-01-01' },
          ]
        : []),
      ...rates,
    ];
    return {
      plans: [plan],
      assignments: assigned.map((repId) => ({ repId, planId: 'plan', from: '2026-01-01' })),
      quotas: REPS.flatMap((repId, r) =>
        ['Q1', 'Q2', 'Q3', 'Q4'].flatMap((quarter, q) => {
          const amount = quotas[r * 4 + q];
          return amount === undefined ? [] : [{ repId, period: `2026-${quarter}`, amount }];
        }),
      ),
      deals: deals.map((deal, index) => strip({ ...deal, id: `deal-${String(index).padStart(2, '0')}` })),
      exchangeRates: allRates.filter(
        (r) => !seenRate.has(`${r.currency}${r.from}`) && seenRate.add(`${r.currency}${r.from}`),
      ),
    };
  });

export function toEngineInput(raw: unknown): EngineInput {
  const result = validate(raw);
  if (!result.ok) throw new Error(`generated input refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
  return result.value;
}

export const inputArbitrary = rawInputArbitrary.map(toEngineInput);
