/**
 * Where a rep stands in their plan's tiers: for each tiered component, the tier the credited amount
 * is in, the next tier's rate, and how much more credited amount reaches it; for each gated
 * component (`minAttainment`), how much more unlocks it. Exact decimals throughout (the engine's
 * money helpers); an amount still to go is rounded *up* to the currency, so that reaching it
 * reaches the bound.
 *
 * Positions are measured on the statement's credited amount (`Q`, as the statement shows it,
 * rounded to the currency) and the stored quota, exactly as the engine draws tier bounds
 * (plan-language v1 §3.9: `upTo × quota` on attainment basis, `upTo` on amount basis; reaching a
 * bound exactly puts the rep in the higher tier).
 */
import type { Component, Plan, Statement, TieredComponent } from '@attain/engine';
import {
  addDecimals,
  compareDecimals,
  currencyMinorUnits,
  Decimal,
  formatMoney,
  formatMoneyForReading,
  formatPercent,
  multiplyDecimals,
  parseDecimal,
  roundTowardZero,
  subtractDecimals,
  toPlainString,
} from '@attain/engine';

export interface TierRef {
  tier: number;
  rate: string;
  from: string;
  upTo: string | null;
}

export interface TieredPosition {
  componentId: string;
  basis: TieredComponent['basis'];
  mode: TieredComponent['mode'];
  quotaMissing: boolean;
  current: TierRef | null;
  next: (TierRef & { creditedToGo: string }) | null;
}

export interface GatePosition {
  componentId: string;
  minAttainment: string;
  reached: boolean;
  quotaMissing: boolean;
  creditedToGo: string | null;
  unlocks: string;
}

export interface PlanPosition {
  planId: string;
  currency: string;
  quota: string | null;
  credited: string;
  attainment: string | null;
  total: string;
  tiered: TieredPosition[];
  gates: GatePosition[];
}

const ZERO = new Decimal(0n, 0);

/** Rounded up to the currency's minor units (values here are positive amounts still to go). */
export function roundUpToCurrency(value: Decimal, currency: string): Decimal {
  const scale = currencyMinorUnits(currency);
  const down = roundTowardZero(value, scale);
  return compareDecimals(down, value) < 0 ? addDecimals(down, new Decimal(1n, scale)) : down;
}

function tieredPosition(component: TieredComponent, credited: Decimal, quota: Decimal | null, currency: string) {
  const base = { componentId: component.id, basis: component.basis, mode: component.mode };
  if (component.basis === 'attainment' && quota === null) {
    return { ...base, quotaMissing: true, current: null, next: null };
  }
  const bounds = component.tiers.map((tier) =>
    tier.upTo === undefined
      ? null
      : component.basis === 'attainment'
        ? multiplyDecimals(parseDecimal(tier.upTo), quota as Decimal)
        : parseDecimal(tier.upTo),
  );
  let index = bounds.findIndex((bound) => bound !== null && compareDecimals(credited, bound) < 0);
  if (index < 0) index = component.tiers.length - 1;
  const ref = (i: number): TierRef => ({
    tier: i + 1,
    rate: toPlainString(parseDecimal(component.tiers[i]!.rate)),
    from: i === 0 ? formatMoney(ZERO, currency) : formatMoney(bounds[i - 1] as Decimal, currency),
    upTo: bounds[i] ? formatMoney(bounds[i] as Decimal, currency) : null,
  });
  const bound = bounds[index];
  const next =
    index + 1 < component.tiers.length && bound
      ? {
          ...ref(index + 1),
          creditedToGo: formatMoney(roundUpToCurrency(subtractDecimals(bound, credited), currency), currency),
        }
      : null;
  return { ...base, quotaMissing: false, current: ref(index), next };
}

/** What a gated component pays once its gate opens, said in words. */
function unlocks(component: Component, currency: string): string {
  if (component.type === 'bonus') {
    const amount = `${formatMoneyForReading(parseDecimal(component.amount), currency)} ${currency}`;
    return component.per === 'period' ? `a ${amount} bonus for the period` : `${amount} per matching deal`;
  }
  if (component.type === 'percent') return `${formatPercent(parseDecimal(component.rate))} of matching credits`;
  return `the tiered rates of "${component.id}"`;
}

function gatePosition(component: Component, credited: Decimal, quota: Decimal | null, currency: string) {
  const minAttainment = component.minAttainment as string;
  const base = { componentId: component.id, minAttainment: toPlainString(parseDecimal(minAttainment)) };
  const what = unlocks(component, currency);
  if (quota === null) return { ...base, reached: false, quotaMissing: true, creditedToGo: null, unlocks: what };
  const threshold = multiplyDecimals(parseDecimal(minAttainment), quota);
  const reached = compareDecimals(credited, threshold) >= 0;
  const toGo = reached ? ZERO : roundUpToCurrency(subtractDecimals(threshold, credited), currency);
  return { ...base, reached, quotaMissing: false, creditedToGo: formatMoney(toGo, currency), unlocks: what };
}

/** `quotaText`: the stored quota of (rep, period), exact; falls back to the statement's. Zero = no quota. */
export function planPosition(statement: Statement, plan: Plan, quotaText: string | undefined): PlanPosition {
  const quotaSource = quotaText ?? statement.quota;
  const quotaValue = quotaSource === null ? null : parseDecimal(quotaSource);
  const quota = quotaValue === null || quotaValue.units === 0n ? null : quotaValue;
  const credited = parseDecimal(statement.credited);
  const currency = statement.currency;
  return {
    planId: statement.planId,
    currency,
    quota: statement.quota,
    credited: statement.credited,
    attainment: statement.attainment,
    total: statement.total,
    tiered: plan.components
      .filter((component): component is TieredComponent => component.type === 'tiered')
      .map((component) => tieredPosition(component, credited, quota, currency)),
    gates: plan.components
      .filter((component) => component.minAttainment !== undefined)
      .map((component) => gatePosition(component, credited, quota, currency)),
  };
}
