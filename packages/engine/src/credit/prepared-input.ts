import { type CompiledPlan, compilePlan } from '../components/compiled-plan.js';
import { type Decimal, parseValidDecimal } from '../money/decimal.js';
import type { EngineInput, PeriodId } from '../types.js';
import { AssignmentIndex } from './assignments.js';
import { RateTable } from './fx.js';

/** The small, indexed parts of an input (plans, assignments, quotas, rates); deals stay as they are. */
export interface PreparedInput {
  corporateCurrency: string;
  plans: Map<string, CompiledPlan>;
  assignments: AssignmentIndex;
  /** Quota amounts by `quotaKey(repId, period)`. */
  quotas: Map<string, Decimal>;
  rates: RateTable;
  /** Split shares (`percent / 100`) by percent text: a year of deals uses a handful of percents. */
  shares: Map<string, Decimal>;
}

export function quotaKey(repId: string, period: PeriodId): string {
  return `${repId}\u0000${period}`;
}

export function prepareInput(input: EngineInput): PreparedInput {
  const plans = new Map<string, CompiledPlan>();
  for (const plan of input.plans) plans.set(plan.id, compilePlan(plan));
  const quotas = new Map<string, Decimal>();
  for (const quota of input.quotas) quotas.set(quotaKey(quota.repId, quota.period), parseValidDecimal(quota.amount));
  return {
    corporateCurrency: input.corporateCurrency,
    plans,
    assignments: new AssignmentIndex(input.assignments),
    quotas,
    rates: new RateTable(input.exchangeRates, input.corporateCurrency),
    shares: new Map(),
  };
}
