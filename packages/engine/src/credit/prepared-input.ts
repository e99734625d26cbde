import { type Decimal, parseValidDecimal } from '../money/decimal.js';
import { Hierarchy } from '../team/hierarchy.js';
import type { ClosedStatement, EngineInput, PeriodId } from '../types.js';
import { type PlanVersions, planVersionsOf } from '../versions/plan-versions.js';
import { AssignmentIndex } from './assignments.js';
import { RateTable } from './fx.js';

/** The small, indexed parts of an input (plans, assignments, quotas, rates); deals stay as they are. */
export interface PreparedInput {
  corporateCurrency: string;
  /** Every plan id with its versions (a v1 plan is one version). */
  plans: Map<string, PlanVersions>;
  assignments: AssignmentIndex;
  /** Quota amounts by `quotaKey(repId, period)`. */
  quotas: Map<string, Decimal>;
  rates: RateTable;
  /** Split shares (`percent / 100`) by percent text: a year of deals uses a handful of percents. */
  shares: Map<string, Decimal>;
  /** Whether the document uses any v2 feature: then statements carry planFrom, closed and balance. */
  usesV2: boolean;
  /** v2 §3: the reporting lines, when some plan credits teams. */
  hierarchy: Hierarchy | undefined;
  /** v2 §7: closed statements by `closedKey(repId, planId, period)`. */
  closed: Map<string, ClosedStatement>;
  closedByRep: Map<string, ClosedStatement[]>;
  /** Plan ids whose statements depend on the rep's earlier periods (a draw, or closed statements). */
  historyPlans: Set<string>;
  /** v2 §6: the day that decides which draw periods have started (undefined: none has). */
  asOf: string | undefined;
}

export function quotaKey(repId: string, period: PeriodId): string {
  return `${repId}\u0000${period}`;
}

export function closedKey(repId: string, planId: string, period: PeriodId): string {
  return `${repId}\u0000${planId}\u0000${period}`;
}

/** v2 §1: `asOf`, or the latest close date of a won deal or cancel date. */
export function effectiveAsOf(input: EngineInput): string | undefined {
  if (input.asOf !== undefined) return input.asOf;
  let latest: string | undefined;
  for (const deal of input.deals) {
    if (!deal.won) continue;
    if (latest === undefined || deal.closeDate > latest) latest = deal.closeDate;
    if (deal.cancelDate !== undefined && deal.cancelDate > latest) latest = deal.cancelDate;
  }
  return latest;
}

/** Whether a document uses anything of plan-language v2 (a v1 document prints exactly the v1 output). */
export function usesV2(input: EngineInput): boolean {
  if (input.asOf !== undefined || input.managers !== undefined || input.closed !== undefined) return true;
  for (const plan of input.plans)
    if (
      plan.from !== undefined ||
      plan.credit !== undefined ||
      plan.prorateQuota !== undefined ||
      plan.clawbackDays !== undefined ||
      plan.draw !== undefined
    )
      return true;
  for (const deal of input.deals) if (deal.cancelDate !== undefined) return true;
  return false;
}

export function prepareInput(input: EngineInput): PreparedInput {
  const plans = planVersionsOf(input.plans);
  const quotas = new Map<string, Decimal>();
  for (const quota of input.quotas) quotas.set(quotaKey(quota.repId, quota.period), parseValidDecimal(quota.amount));
  const closed = new Map<string, ClosedStatement>();
  const closedByRep = new Map<string, ClosedStatement[]>();
  const historyPlans = new Set<string>();
  for (const statement of input.closed ?? []) {
    closed.set(closedKey(statement.repId, statement.planId, statement.period), statement);
    const list = closedByRep.get(statement.repId);
    if (list) list.push(statement);
    else closedByRep.set(statement.repId, [statement]);
    historyPlans.add(statement.planId);
  }
  let hasTeam = false;
  for (const versions of plans.values()) {
    if (versions.hasDraw) historyPlans.add(versions.id);
    if (versions.hasTeam) hasTeam = true;
  }
  return {
    corporateCurrency: input.corporateCurrency,
    plans,
    assignments: new AssignmentIndex(input.assignments),
    quotas,
    rates: new RateTable(input.exchangeRates, input.corporateCurrency),
    shares: new Map(),
    usesV2: usesV2(input),
    hierarchy: hasTeam ? new Hierarchy(input.managers ?? []) : undefined,
    closed,
    closedByRep,
    historyPlans,
    asOf: [...plans.values()].some((versions) => versions.hasDraw) ? effectiveAsOf(input) : undefined,
  };
}
