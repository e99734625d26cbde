import { forEachStatement } from './compute.js';
import { RateTable } from './credit/fx.js';
import { planScope } from './credit/scope.js';
import { currencyMinorUnits } from './money/currencies.js';
import { add, type Decimal, parseValidDecimal, subtract, toFixedDigits, ZERO } from './money/decimal.js';
import { addExact, type Exact, roundExact, subtractExact } from './money/exact.js';
import type { ComparedStatement, Comparison, EngineInput, Plan, Statement, Warning } from './types.js';
import { periodRange } from './values/dates.js';

type PeriodTotals = Map<string, { before: Exact; after: Exact }>;
type Adjusted = Map<string, { before: Decimal; after: Decimal }>;

/**
 * v2 §2: a new plan with a `from` is a new version (replacing the version with the same `from`, if
 * any); without one it replaces the version without `from` (a v1 plan: the plan).
 */
function withNewPlan(plans: readonly Plan[], newPlan: Plan): Plan[] {
  const same = (plan: Plan) => plan.id === newPlan.id && plan.from === newPlan.from;
  if (!plans.some(same)) {
    const versioned =
      plans.some((plan) => plan.id === newPlan.id && plan.from !== undefined) || newPlan.from !== undefined;
    if (versioned) return [...plans, newPlan];
    return plans.map((plan) => (plan.id === newPlan.id ? newPlan : plan));
  }
  return plans.map((plan) => (same(plan) ? newPlan : plan));
}

/** Sum of the adjustment lines per corrected period, keyed `rep period`. */
function adjustmentsByPeriod(statements: readonly Statement[]): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const statement of statements)
    for (const line of statement.lines) {
      if (line.kind !== 'adjustment' || line.ofPeriod === undefined) continue;
      const key = `${statement.repId}\u0000${line.ofPeriod}`;
      out.set(key, add(out.get(key) ?? ZERO, parseValidDecimal(line.amount)));
    }
  return out;
}

function statementsOf(
  input: EngineInput,
  planId: string,
  reps: ReadonlySet<string>,
): { statements: Statement[]; warnings: Warning[] } {
  const statements: Statement[] = [];
  const warnings = forEachStatement(input, planScope(planId, reps), (statement) => statements.push(statement));
  return { statements, warnings: warnings.filter((warning) => warning.planId === planId) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A new version of a plan against the current one over the same deals: per rep and period, the
 * statement totals before and after. The plan with `newPlan.id` is replaced (or added). Amounts are
 * in the new plan's currency; when the currency changed, old totals are converted at the rate in force
 * on each period's last day (a period without a rate is left out, with a NO_RATE warning).
 */
export function compare(input: EngineInput, newPlan: Plan): Comparison {
  const planId = newPlan.id;
  const oldPlan = input.plans.find((plan) => plan.id === planId);
  const newPlans = oldPlan === undefined ? [...input.plans, newPlan] : withNewPlan(input.plans, newPlan);
  const reps = new Set(input.assignments.filter((a) => a.planId === planId).map((a) => a.repId));
  const before = statementsOf(input, planId, reps);
  const after = statementsOf({ ...input, plans: newPlans }, planId, reps);
  const currency = newPlan.currency;
  const rates = new RateTable(input.exchangeRates, input.corporateCurrency);
  const warnings: Warning[] = [...after.warnings];

  const byRep = new Map<string, PeriodTotals>();
  const slot = (repId: string, period: string) => {
    let periods = byRep.get(repId);
    if (periods === undefined) {
      periods = new Map();
      byRep.set(repId, periods);
    }
    let totals = periods.get(period);
    if (totals === undefined) {
      totals = { before: ZERO, after: ZERO };
      periods.set(period, totals);
    }
    return totals;
  };
  const skipped = new Set<string>();
  const closedPeriods = new Set<string>();
  const v2 = before.statements.some((statement) => statement.closed !== undefined);
  for (const statement of [...before.statements, ...after.statements])
    if (statement.closed === true) closedPeriods.add(`${statement.repId}\u0000${statement.period}`);
  const adjustedBefore = adjustmentsByPeriod(before.statements);
  const adjustedAfter = adjustmentsByPeriod(after.statements);
  const adjusted: Adjusted = new Map();
  for (const key of closedPeriods)
    adjusted.set(key, { before: adjustedBefore.get(key) ?? ZERO, after: adjustedAfter.get(key) ?? ZERO });
  for (const statement of before.statements) {
    let total: Exact = parseValidDecimal(statement.total);
    if (statement.currency !== currency) {
      const lastDay = periodRange(statement.period).last;
      const converted = rates.convert(total, statement.currency, currency, lastDay);
      if ('missing' in converted) {
        skipped.add(`${statement.repId}\u0000${statement.period}`);
        warnings.push({
          code: 'NO_RATE',
          message: `No ${converted.missing} exchange rate is in force on ${lastDay}, so rep ${statement.repId}'s ${statement.period} is left out of the comparison`,
          repId: statement.repId,
          planId,
          period: statement.period,
        });
        continue;
      }
      total = converted;
    }
    const totals = slot(statement.repId, statement.period);
    totals.before = addExact(totals.before, total);
  }
  for (const statement of after.statements) {
    if (skipped.has(`${statement.repId}\u0000${statement.period}`)) continue;
    const totals = slot(statement.repId, statement.period);
    totals.after = addExact(totals.after, parseValidDecimal(statement.total));
  }

  // Old totals converted at a rate are exact fractions: each figure is rounded once, when shown.
  const minorUnits = currencyMinorUnits(currency);
  const money = (value: Exact) => toFixedDigits(roundExact(value, minorUnits));
  let grandBefore: Exact = ZERO;
  let grandAfter: Exact = ZERO;
  const repIds = [...byRep.keys()].sort(compareText);
  const repsOut = repIds.map((repId) => {
    const periods = [...byRep.get(repId)!.entries()].sort(
      ([a], [b]) => compareText(periodRange(a).first, periodRange(b).first) || compareText(a, b),
    );
    let repBefore: Exact = ZERO;
    let repAfter: Exact = ZERO;
    const statements = periods.map(([period, totals]) => {
      repBefore = addExact(repBefore, totals.before);
      repAfter = addExact(repAfter, totals.after);
      const entry: ComparedStatement = {
        period,
        before: money(totals.before),
        after: money(totals.after),
        difference: money(subtractExact(totals.after, totals.before)),
      };
      if (v2) {
        const received = adjusted.get(`${repId}\u0000${period}`);
        entry.closed = received !== undefined;
        if (received !== undefined)
          entry.adjustments = {
            before: money(received.before),
            after: money(received.after),
            difference: money(subtract(received.after, received.before)),
          };
      }
      return entry;
    });
    grandBefore = addExact(grandBefore, repBefore);
    grandAfter = addExact(grandAfter, repAfter);
    return {
      repId,
      before: money(repBefore),
      after: money(repAfter),
      difference: money(subtractExact(repAfter, repBefore)),
      statements,
    };
  });
  return {
    planId,
    currency,
    reps: repsOut,
    totals: {
      before: money(grandBefore),
      after: money(grandAfter),
      difference: money(subtractExact(grandAfter, grandBefore)),
    },
    warnings,
  };
}
