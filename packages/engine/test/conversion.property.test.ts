import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute } from '../src/index.js';
import { toEngineInput } from './arbitraries.js';

/*
 * Every line of `compute` against an independent reference written here with plain BigInt fractions
 * (no engine code): credits converted exactly (amount × share × rate(plan) / rate(deal)), quota
 * positions, marginal cuts or the retroactive tier, and each line rounded once, half away from zero.
 * The documents convert between USD, EUR and GBP, so most credits are fractions that never terminate.
 */

interface Q {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
const q = (n: bigint, d: bigint): Q => {
  const s = d < 0n ? -1n : 1n;
  const g = gcd(n, d < 0n ? -d : d) || 1n;
  return { n: (s * n) / g, d: (s * d) / g };
};
const parse = (text: string): Q => {
  const [whole, fraction = ''] = text.split('.');
  return q(BigInt(whole! + fraction), 10n ** BigInt(fraction.length));
};
const plus = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const minus = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const times = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const over = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
};
/** Half away from zero to `decimals` places, as text with exactly that many decimals. */
function round(a: Q, decimals: number): string {
  const scaled = a.n * 10n ** BigInt(decimals);
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  let units = magnitude / a.d;
  if ((magnitude % a.d) * 2n >= a.d) units += 1n;
  const digits = units.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative && units !== 0n ? `-${text}` : text;
}

const REPS = ['a', 'b', 'c'];
const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => (n / 100).toFixed(2));
const date = fc
  .integer({ min: 0, max: 364 })
  .map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10));
const rateText = fc.integer({ min: 100, max: 250_000 }).map((n) => (n / 10_000).toString());
const tierRate = fc.constantFrom('0.05', '0.08', '0.115', '0.12', '0.1375');

const component = fc.oneof(
  fc.record({ type: fc.constant('percent'), rate: tierRate }),
  fc.constantFrom('attainment', 'amount').chain((basis) =>
    fc
      .record({
        mode: fc.constantFrom('marginal', 'retroactive'),
        steps: fc.array(fc.integer({ min: 1, max: basis === 'attainment' ? 90 : 4_000_000 }), { maxLength: 3 }),
        rates: fc.array(tierRate, { minLength: 4, maxLength: 4 }),
      })
      .map(({ mode, steps, rates }) => {
        let bound = 0;
        const tiers: { upTo?: string; rate: string }[] = steps.map((step, i) => {
          bound += step;
          return {
            upTo: basis === 'attainment' ? (bound / 100).toFixed(2) : (bound / 100).toFixed(2),
            rate: rates[i]!,
          };
        });
        tiers.push({ rate: rates[3]! });
        return { type: 'tiered', basis, mode, tiers };
      }),
  ),
);

const documents = fc
  .record({
    planCurrency: fc.constantFrom('USD', 'EUR', 'GBP'),
    components: fc.array(component, { minLength: 1, maxLength: 3 }),
    quotas: fc.array(
      cents(50_000_000).filter((t) => t !== '0.00'),
      { minLength: 12, maxLength: 12 },
    ),
    rates: fc.array(fc.tuple(fc.constantFrom('EUR', 'GBP'), rateText, date), { maxLength: 8 }),
    deals: fc.array(
      fc.record({
        ownerId: fc.constantFrom(...REPS),
        amount: cents(20_000_000),
        currency: fc.constantFrom('USD', 'EUR', 'EUR', 'GBP'),
        closeDate: date,
        split: fc.option(fc.tuple(fc.constantFrom(...REPS), fc.integer({ min: 1, max: 9999 })), { nil: undefined }),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ planCurrency, components, quotas, rates, deals }) => {
    const seen = new Set<string>();
    const exchangeRates = [
      { currency: 'EUR', rate: '0.92', from: '2025-06-01' },
      { currency: 'GBP', rate: '0.7931', from: '2025-06-01' },
      ...rates.map(([currency, rate, from]) => ({ currency, rate, from })),
    ].filter((r) => !seen.has(r.currency + r.from) && seen.add(r.currency + r.from));
    return {
      corporateCurrency: 'USD',
      plans: [
        {
          id: 'p',
          currency: planCurrency,
          period: 'quarter',
          components: components.map((c, i) => ({ ...c, id: `c${i}` })),
        },
      ],
      assignments: REPS.map((repId) => ({ repId, planId: 'p', from: '2026-01-01' })),
      quotas: REPS.flatMap((repId, r) =>
        [1, 2, 3, 4].map((quarter) => ({ repId, period: `2026-Q${quarter}`, amount: quotas[r * 4 + quarter - 1]! })),
      ),
      deals: deals.map((deal, i) => {
        const splits =
          deal.split === undefined || deal.split[0] === deal.ownerId
            ? undefined
            : [
                { repId: deal.ownerId, percent: ((10000 - deal.split[1]) / 100).toFixed(2) },
                { repId: deal.split[0], percent: (deal.split[1] / 100).toFixed(2) },
              ];
        return {
          id: `d${String(i).padStart(2, '0')}`,
          ownerId: deal.ownerId,
          amount: deal.amount,
          currency: deal.currency,
          closeDate: deal.closeDate,
          won: true,
          ...(splits ? { splits } : {}),
        };
      }),
      exchangeRates,
    };
  });

type Doc = ReturnType<(typeof documents)['generate']>['value'];
type Line = [string | undefined, string | undefined, number | undefined, string];
/** The generated components, read without the engine's types. */
interface RefComponent {
  id: string;
  type: string;
  rate?: string;
  basis?: string;
  mode?: string;
  tiers?: { upTo?: string; rate: string }[];
}

/** The reference: statements keyed `rep period`, each with credited, attainment and its lines. */
function reference(doc: Doc): Map<string, { credited: string; attainment: string; lines: Line[] }> {
  const plan = doc.plans[0]!;
  const rateOn = (currency: string, day: string): Q | undefined => {
    if (currency === 'USD') return q(1n, 1n);
    const found = doc.exchangeRates
      .filter((r) => r.currency === currency && r.from <= day)
      .sort((x, y) => (x.from < y.from ? 1 : -1))[0];
    return found && parse(found.rate);
  };
  const credits = new Map<string, { dealId: string; rep: string; day: string; value: Q }[]>();
  for (const deal of doc.deals) {
    const shares = deal.splits
      ? deal.splits.map((s) => [s.repId, parse(s.percent)] as const)
      : [[deal.ownerId, q(100n, 1n)] as const];
    for (const [rep, percent] of shares) {
      const dealRate = rateOn(deal.currency, deal.closeDate);
      const planRate = rateOn(plan.currency, deal.closeDate);
      if (!dealRate || !planRate) continue; // NO_RATE: the reference drops it too (none here by design)
      const value = over(times(times(parse(deal.amount), over(percent, q(100n, 1n))), planRate), dealRate);
      const key = `${rep} 2026-Q${Math.floor((Number(deal.closeDate.slice(5, 7)) - 1) / 3) + 1}`;
      const list = credits.get(key) ?? [];
      list.push({ dealId: deal.id, rep, day: deal.closeDate, value });
      credits.set(key, list);
    }
  }
  const out = new Map<string, { credited: string; attainment: string; lines: Line[] }>();
  for (const [key, list] of credits) {
    list.sort((x, y) =>
      x.day !== y.day ? (x.day < y.day ? -1 : 1) : x.dealId < y.dealId ? -1 : x.dealId > y.dealId ? 1 : 0,
    );
    const [rep, period] = key.split(' ');
    const quota = parse(doc.quotas.find((x) => x.repId === rep && x.period === period)!.amount);
    const positions: Q[] = [q(0n, 1n)];
    for (const credit of list) positions.push(plus(positions[positions.length - 1]!, credit.value));
    const total = positions[positions.length - 1]!;
    const lines: Line[] = [];
    for (const c of plan.components as RefComponent[]) {
      if (c.type === 'percent') {
        for (const credit of list)
          lines.push([credit.dealId, c.id, undefined, round(times(credit.value, parse(c.rate!)), 2)]);
        continue;
      }
      const bounds = c.tiers!.map((t) =>
        t.upTo === undefined ? undefined : c.basis === 'amount' ? parse(t.upTo) : times(parse(t.upTo), quota),
      );
      const tierAt = (position: Q) => {
        const index = bounds.findIndex((b) => b === undefined || cmp(position, b) < 0);
        return index;
      };
      if (c.mode === 'retroactive') {
        const k = tierAt(total);
        for (const credit of list)
          lines.push([credit.dealId, c.id, k + 1, round(times(credit.value, parse(c.tiers![k]!.rate)), 2)]);
        continue;
      }
      list.forEach((credit, i) => {
        let start = positions[i]!;
        const end = positions[i + 1]!;
        let k = tierAt(start);
        while (cmp(start, end) < 0) {
          const upper = bounds[k];
          const stop = upper === undefined || cmp(end, upper) <= 0 ? end : upper;
          lines.push([credit.dealId, c.id, k + 1, round(times(minus(stop, start), parse(c.tiers![k]!.rate)), 2)]);
          start = stop;
          k++;
        }
      });
    }
    const decimals = plan.currency === 'USD' || plan.currency === 'EUR' || plan.currency === 'GBP' ? 2 : 0;
    out.set(key, { credited: round(total, decimals), attainment: round(over(total, quota), 4), lines });
  }
  return out;
}

describe('converted lines against an exact-fraction reference (property)', () => {
  it('every line, credited amount and attainment of compute equals the reference', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const output = compute(toEngineInput(doc));
        const expected = reference(doc);
        const withCredits = output.statements.filter((s) => expected.has(`${s.repId} ${s.period}`));
        expect(withCredits.length).toBe(expected.size);
        for (const statement of withCredits) {
          const want = expected.get(`${statement.repId} ${statement.period}`)!;
          const got: Line[] = statement.lines.map((l) => [l.dealId, l.componentId, l.tier, l.amount]);
          expect(got).toEqual(want.lines);
          expect([statement.credited, statement.attainment]).toEqual([want.credited, want.attainment]);
        }
        expect(output.warnings.filter((w) => w.code === 'NO_RATE')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
