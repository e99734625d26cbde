import { forEachStatement } from './compute.js';
import { RateTable } from './credit/fx.js';
import { planScope } from './credit/scope.js';
import { add, type Decimal, parseValidDecimal, subtract, ZERO } from './money/decimal.js';
import { formatMoney } from './money/money.js';
import type { Comparison, EngineInput, Plan, Statement, Warning } from './types.js';
import { periodRange } from './values/dates.js';

type PeriodTotals = Map<string, { before: Decimal; after: Decimal }>;

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
  const newPlans =
    oldPlan === undefined
      ? [...input.plans, newPlan]
      : input.plans.map((plan) => (plan.id === planId ? newPlan : plan));
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
  for (const statement of before.statements) {
    let total = parseValidDecimal(statement.total);
    if (statement.currency !== currency) {
      const lastDay = periodRange(statement.period).last;
      const converted = rates.convert(total, statement.currency, currency, lastDay);
      if (!('units' in converted)) {
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
    totals.before = add(totals.before, total);
  }
  for (const statement of after.statements) {
    if (skipped.has(`${statement.repId}\u0000${statement.period}`)) continue;
    const totals = slot(statement.repId, statement.period);
    totals.after = add(totals.after, parseValidDecimal(statement.total));
  }

  const money = (value: Decimal) => formatMoney(value, currency);
  let grandBefore = ZERO;
  let grandAfter = ZERO;
  const repIds = [...byRep.keys()].sort(compareText);
  const repsOut = repIds.map((repId) => {
    const periods = [...byRep.get(repId)!.entries()].sort(
      ([a], [b]) => compareText(periodRange(a).first, periodRange(b).first) || compareText(a, b),
    );
    let repBefore = ZERO;
    let repAfter = ZERO;
    const statements = periods.map(([period, totals]) => {
      repBefore = add(repBefore, totals.before);
      repAfter = add(repAfter, totals.after);
      return {
        period,
        before: money(totals.before),
        after: money(totals.after),
        difference: money(subtract(totals.after, totals.before)),
      };
    });
    grandBefore = add(grandBefore, repBefore);
    grandAfter = add(grandAfter, repAfter);
    return {
      repId,
      before: money(repBefore),
      after: money(repAfter),
      difference: money(subtract(repAfter, repBefore)),
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
      difference: money(subtract(grandAfter, grandBefore)),
    },
    warnings,
  };
}
