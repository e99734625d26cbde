import type { Credit } from '../credit/credit.js';
import { compileFilter, type Predicate } from '../credit/filter.js';
import { describeTierRange } from '../explain.js';
import { currencyMinorUnits } from '../money/currencies.js';
import { type Decimal, parseValidDecimal, toPlainString } from '../money/decimal.js';
import { formatPercent } from '../money/money.js';
import { roundTowardZero } from '../money/rounding.js';
import type { BonusComponent, Component, PercentComponent, PeriodKind, Plan, TieredComponent } from '../types.js';

/*
 * A plan with every decimal parsed, every filter compiled and every fixed piece of explain text built,
 * once per Plan object. Statements then only do arithmetic on credits.
 */

interface CompiledCommon {
  id: string;
  filter: Predicate | undefined;
  /**
   * The bit of `Credit.matches` holding this component's filter result, evaluated once when the credit
   * is made rather than once per use. 0: no bit (no filter, a period bonus, or past the 30th component).
   */
  bit: number;
  minAttainment: Decimal | undefined;
  /** The cap cut to the currency's minor units (toward zero), so a capped total never exceeds it. */
  cap: Decimal | undefined;
  /** Whether this component reads attainment (attainment basis or a gate). */
  needsAttainment: boolean;
}

export interface CompiledPercent extends CompiledCommon {
  type: 'percent';
  rate: Decimal;
  rateText: string;
  ratePercent: string;
}

export interface CompiledTier {
  /** 1-based, as shown to reps and in `Line.tier`. */
  number: number;
  /** Upper bound as given (fraction of quota or plan-currency amount); undefined for the last tier. */
  upTo: Decimal | undefined;
  rate: Decimal;
  rateText: string;
  ratePercent: string;
  /** `tier 2 (50%–100% of quota)`. */
  label: string;
}

export interface CompiledTiered extends CompiledCommon {
  type: 'tiered';
  basis: 'attainment' | 'amount';
  mode: 'marginal' | 'retroactive';
  tiers: CompiledTier[];
}

export interface CompiledBonus extends CompiledCommon {
  type: 'bonus';
  per: 'deal' | 'period';
  amount: Decimal;
}

export type CompiledComponent = CompiledPercent | CompiledTiered | CompiledBonus;

export interface CompiledPlan {
  plan: Plan;
  id: string;
  currency: string;
  minorUnits: number;
  period: PeriodKind;
  quotaFilter: Predicate | undefined;
  cap: Decimal | undefined;
  components: CompiledComponent[];
  /** Ids of the components that need attainment (for QUOTA_MISSING). */
  attainmentComponentIds: string[];
  /** The components whose filters are evaluated when a credit is made (those with a bit). */
  bitFiltered: CompiledComponent[];
  /** v2: the version's `from` (undefined: in force from the beginning of time). */
  from: string | undefined;
  /** v2 §3: whether this version credits the rep's team. */
  team: boolean;
  prorateQuota: boolean;
  clawbackDays: number | undefined;
  draw: { amount: Decimal; recoverable: boolean } | undefined;
}

/** Whether a component pays on a credit: no filter, or its filter matches (read from its bit). */
export function componentMatches(component: CompiledComponent, credit: Credit): boolean {
  if (component.filter === undefined) return true;
  if (component.bit !== 0) return (credit.matches & component.bit) !== 0;
  return component.filter(credit);
}

/** Evaluates the plan's filters on a new credit once, storing the results on it. */
export function markCredit(plan: CompiledPlan, credit: Credit): void {
  credit.counts = plan.quotaFilter === undefined || plan.quotaFilter(credit);
  let matches = 0;
  for (const component of plan.bitFiltered) if (component.filter!(credit)) matches |= component.bit;
  credit.matches = matches;
}

function compileTiered(
  component: TieredComponent,
  currency: string,
): Pick<CompiledTiered, 'type' | 'basis' | 'mode' | 'tiers'> {
  let lower: Decimal | undefined;
  const tiers = component.tiers.map((tier, index): CompiledTier => {
    const upTo = tier.upTo === undefined ? undefined : parseValidDecimal(tier.upTo);
    const rate = parseValidDecimal(tier.rate);
    const label = `tier ${index + 1} (${describeTierRange(component.basis, lower, upTo, currency)})`;
    lower = upTo;
    return { number: index + 1, upTo, rate, rateText: toPlainString(rate), ratePercent: formatPercent(rate), label };
  });
  return { type: 'tiered', basis: component.basis, mode: component.mode, tiers };
}

/** Filter bits for the first 30 filtered components (a 31st and beyond evaluate their filter when used). */
const MAX_FILTER_BITS = 30;

function compileComponent(
  component: Component,
  currency: string,
  minorUnits: number,
  index: number,
): CompiledComponent {
  const usesFilter = component.filter !== undefined && !(component.type === 'bonus' && component.per === 'period');
  const cap = component.cap === undefined ? undefined : roundTowardZero(parseValidDecimal(component.cap), minorUnits);
  const common: CompiledCommon = {
    id: component.id,
    filter: component.filter === undefined ? undefined : compileFilter(component.filter),
    bit: usesFilter && index < MAX_FILTER_BITS ? 1 << index : 0,
    minAttainment: component.minAttainment === undefined ? undefined : parseValidDecimal(component.minAttainment),
    cap,
    needsAttainment:
      component.minAttainment !== undefined || (component.type === 'tiered' && component.basis === 'attainment'),
  };
  if (component.type === 'percent') {
    const rate = parseValidDecimal((component as PercentComponent).rate);
    return { ...common, type: 'percent', rate, rateText: toPlainString(rate), ratePercent: formatPercent(rate) };
  }
  if (component.type === 'tiered') return { ...common, ...compileTiered(component, currency) };
  const bonus = component as BonusComponent;
  return { ...common, type: 'bonus', per: bonus.per, amount: parseValidDecimal(bonus.amount) };
}

const compiled = new WeakMap<Plan, CompiledPlan>();

/** The compiled form of a validated plan, cached per Plan object. */
export function compilePlan(plan: Plan): CompiledPlan {
  const cached = compiled.get(plan);
  if (cached) return cached;
  const minorUnits = currencyMinorUnits(plan.currency);
  const components = plan.components.map((component, index) =>
    compileComponent(component, plan.currency, minorUnits, index),
  );
  const result: CompiledPlan = {
    plan,
    id: plan.id,
    currency: plan.currency,
    minorUnits,
    period: plan.period,
    quotaFilter: plan.quotaFilter === undefined ? undefined : compileFilter(plan.quotaFilter),
    cap: plan.cap === undefined ? undefined : roundTowardZero(parseValidDecimal(plan.cap), minorUnits),
    components,
    attainmentComponentIds: components.filter((c) => c.needsAttainment).map((c) => c.id),
    bitFiltered: components.filter((c) => c.bit !== 0),
    from: plan.from,
    team: plan.credit === 'team',
    prorateQuota: plan.prorateQuota === true,
    clawbackDays: plan.clawbackDays,
    draw:
      plan.draw === undefined
        ? undefined
        : { amount: parseValidDecimal(plan.draw.amount), recoverable: plan.draw.recoverable },
  };
  compiled.set(plan, result);
  return result;
}
