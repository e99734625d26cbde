import fc from 'fast-check';
import { compute, type EngineInput, type Statement, validate } from '../src/index.js';

/*
 * Random v2 documents: reps a, b, c on a quarterly plan "p" (one or two versions, with or without a
 * draw, a clawback window, quota proration), manager m on a team plan "t" over a dated hierarchy,
 * deals across 2026 (some cancelled, some split, some in EUR), and closed statements made by closing a
 * prefix of the year exactly as computed and then changing the data (rates, amounts, cancellations).
 */

type Raw = Record<string, unknown> & { deals: Record<string, unknown>[]; plans: Record<string, unknown>[] };

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => (n / 100).toFixed(2));
const day = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const versionFields = fc.record({
  rate: fc.constantFrom('0.05', '0.08', '0.1', '0.125'),
  topRate: fc.constantFrom('0.1', '0.15', '0.2'),
  draw: fc.option(fc.record({ amount: fc.constantFrom('0', '1000', '5000', '12000.50'), recoverable: fc.boolean() }), {
    nil: undefined,
  }),
  clawbackDays: fc.option(fc.constantFrom(0, 30, 90), { nil: undefined }),
  prorateQuota: fc.option(fc.boolean(), { nil: undefined }),
  bonus: fc.constantFrom('0', '250', '1000'),
  cap: fc.option(fc.constantFrom('5000', '20000'), { nil: undefined }),
});

type VersionFields = typeof versionFields extends fc.Arbitrary<infer T> ? T : never;

function planVersion(v: VersionFields, from?: string) {
  const plan: Record<string, unknown> = {
    id: 'p',
    currency: 'USD',
    period: 'quarter',
    components: [
      {
        id: 'accel',
        type: 'tiered',
        basis: 'attainment',
        mode: 'marginal',
        tiers: [{ upTo: '0.5', rate: v.rate }, { upTo: '1', rate: v.topRate }, { rate: '0.25' }],
      },
      { id: 'club', type: 'bonus', per: 'period', amount: v.bonus, minAttainment: '0.5' },
      { id: 'logo', type: 'bonus', per: 'deal', amount: '100' },
    ],
  };
  if (from !== undefined) plan.from = from;
  if (v.draw !== undefined) plan.draw = v.draw;
  if (v.clawbackDays !== undefined) plan.clawbackDays = v.clawbackDays;
  if (v.prorateQuota !== undefined) plan.prorateQuota = v.prorateQuota;
  if (v.cap !== undefined) plan.cap = v.cap;
  return plan;
}

const dealArbitrary = fc.record({
  ownerId: fc.constantFrom('a', 'b', 'c', 'm'),
  amount: cents(20_000_000),
  closeDate: day,
  eur: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  cancelAfter: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
  split: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'c', 'm'), fc.integer({ min: 1, max: 100 })), { nil: undefined }),
});

export const v2RawArbitrary = fc
  .record({
    first: versionFields,
    second: fc.option(versionFields, { nil: undefined }),
    teamRate: fc.constantFrom('0.01', '0.02'),
    quotas: fc.array(
      cents(30_000_000).filter((q) => q !== '0.00'),
      { minLength: 16, maxLength: 16 },
    ),
    deals: fc.array(dealArbitrary, { maxLength: 18 }),
    asOf: fc.option(day, { nil: undefined }),
  })
  .map(
    ({ first, second, teamRate, quotas, deals, asOf }): Raw => ({
      ...(asOf === undefined ? {} : { asOf }),
      plans: [
        planVersion(first),
        ...(second === undefined ? [] : [planVersion(second, '2026-07-01')]),
        {
          id: 't',
          currency: 'USD',
          period: 'quarter',
          credit: 'team',
          components: [
            { id: 'ovr', type: 'percent', rate: teamRate },
            { id: 'team-deal', type: 'bonus', per: 'deal', amount: '50' },
          ],
        },
      ],
      assignments: [
        { repId: 'a', planId: 'p', from: '2026-01-01' },
        { repId: 'b', planId: 'p', from: '2026-01-01', to: '2026-08-31' },
        { repId: 'c', planId: 'p', from: '2026-02-15' },
        { repId: 'm', planId: 't', from: '2026-01-01' },
      ],
      managers: [
        { repId: 'a', managerId: 'm', from: '2026-01-01' },
        { repId: 'b', managerId: 'm', from: '2026-01-01', to: '2026-06-30' },
        { repId: 'c', managerId: 'b', from: '2026-01-01' },
      ],
      quotas: ['a', 'b', 'c', 'm'].flatMap((repId, r) =>
        [1, 2, 3, 4].map((q) => ({ repId, period: `2026-Q${q}`, amount: quotas[r * 4 + q - 1]! })),
      ),
      deals: deals.map((deal, i) => {
        const out: Record<string, unknown> = {
          id: `d${String(i).padStart(2, '0')}`,
          ownerId: deal.ownerId,
          amount: deal.amount,
          closeDate: deal.closeDate,
          won: true,
        };
        if (deal.eur) out.currency = 'EUR';
        if (deal.cancelAfter !== undefined) out.cancelDate = addDays(deal.closeDate, deal.cancelAfter);
        if (deal.split !== undefined && deal.split[0] !== deal.ownerId)
          out.splits = [
            { repId: deal.ownerId, percent: '100' },
            { repId: deal.split[0], percent: String(deal.split[1]) },
          ];
        return out;
      }),
      exchangeRates: [{ currency: 'EUR', rate: '0.92', from: '2025-01-01' }],
    }),
  );

export function v2Input(raw: unknown): EngineInput {
  const result = validate(raw);
  if (!result.ok) throw new Error(`generated v2 input refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
  return result.value;
}

/** A computed statement as it would be written back and closed. */
export function closeAsComputed(statement: Statement): Record<string, unknown> {
  const closed: Record<string, unknown> = {
    repId: statement.repId,
    planId: statement.planId,
    period: statement.period,
    lines: statement.lines.map((line) => ({
      dealId: line.dealId ?? null,
      componentId: line.componentId ?? null,
      kind: line.kind,
      tier: line.tier ?? null,
      ...(line.ofPeriod === undefined ? {} : { ofPeriod: line.ofPeriod }),
      ...(line.base === undefined ? {} : { base: line.base }),
      ...(line.rate === undefined ? {} : { rate: line.rate }),
      amount: line.amount,
      explain: line.explain,
    })),
    quota: statement.quota,
    credited: statement.credited,
    attainment: statement.attainment,
    planFrom: statement.planFrom ?? null,
  };
  if (statement.balance !== undefined && statement.balance !== null) closed.balance = statement.balance;
  return closed;
}

/** The quarters before `cut` (0–4) of 2026 closed exactly as computed. */
export function closePrefix(raw: Raw, cut: number): Record<string, unknown>[] {
  const quarters = new Set(Array.from({ length: cut }, (_, i) => `2026-Q${i + 1}`));
  return compute(v2Input(raw))
    .statements.filter((s) => quarters.has(s.period))
    .map(closeAsComputed);
}

/** A change to the data after closing: another rate, a deal's amount, a cancellation, a new deal. */
export const mutationArbitrary = fc.record({
  rate: fc.option(fc.constantFrom('0.06', '0.09', '0.11'), { nil: undefined }),
  amountOf: fc.option(fc.tuple(fc.nat(), cents(5_000_000)), { nil: undefined }),
  cancel: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 60 })), { nil: undefined }),
  extra: fc.option(dealArbitrary, { nil: undefined }),
});

type Mutation = typeof mutationArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function mutate(raw: Raw, m: Mutation): Raw {
  const deals = raw.deals.map((deal) => ({ ...deal }));
  if (m.amountOf !== undefined && deals.length > 0) deals[m.amountOf[0] % deals.length]!.amount = m.amountOf[1];
  if (m.cancel !== undefined && deals.length > 0) {
    const deal = deals[m.cancel[0] % deals.length]!;
    deal.cancelDate = addDays(deal.closeDate as string, m.cancel[1]);
  }
  if (m.extra !== undefined)
    deals.push({
      id: 'extra',
      ownerId: m.extra.ownerId,
      amount: m.extra.amount,
      closeDate: m.extra.closeDate,
      won: true,
    });
  const plans = raw.plans.map((plan) => {
    if (m.rate === undefined || plan.id !== 'p') return plan;
    const [accel, ...rest] = plan.components as Record<string, unknown>[];
    const tiers = (accel!.tiers as Record<string, unknown>[]).map((tier, i) =>
      i === 0 ? { ...tier, rate: m.rate } : tier,
    );
    return { ...plan, components: [{ ...accel, tiers }, ...rest] };
  });
  return { ...raw, deals, plans };
}
