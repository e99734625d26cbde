import { forEachStatement } from './compute.js';
import type { Scope } from './credit/scope.js';
import { parseValidDecimal, subtract, ZERO } from './money/decimal.js';
import { formatMoney } from './money/money.js';
import type { Deal, EngineInput, Estimate, Plan, Statement, Warning } from './types.js';
import { periodContaining } from './values/dates.js';

/** The plan and period the rep's credit on `deal` lands in, if the rep is on the deal and has a plan then. */
function landing(input: EngineInput, repId: string, deal: Deal): { plan: Plan; period: string } | undefined {
  const onDeal =
    deal.splits !== undefined && deal.splits.length > 0
      ? deal.splits.some((s) => s.repId === repId)
      : deal.ownerId === repId;
  if (!onDeal) return undefined;
  const assignment = input.assignments.find(
    (a) => a.repId === repId && a.from <= deal.closeDate && (a.to === undefined || deal.closeDate <= a.to),
  );
  const plan = assignment && input.plans.find((p) => p.id === assignment.planId);
  return plan === undefined ? undefined : { plan, period: periodContaining(deal.closeDate, plan.period) };
}

/** One statement (or none) and the rep's warnings, from a run limited to that rep. */
function runForRep(input: EngineInput, repId: string, target: { plan: Plan; period: string } | undefined) {
  const scope: Scope = {
    reps: new Set([repId]),
    includesStatement: (rep, planId, period) =>
      target !== undefined && rep === repId && planId === target.plan.id && period === target.period,
    includesDealWarning: (rep) => rep === repId,
  };
  let statement: Statement | null = null;
  const warnings = forEachStatement(input, scope, (built) => {
    statement = built;
  });
  return { statement: statement as Statement | null, warnings };
}

/**
 * What one hypothetical deal would change on a rep's statement. A deal with the id of an existing deal
 * replaces it (an open opportunity closing), so `before` holds the existing version's effect.
 * `difference` = after.total − before.total in the statement's currency (0 when the deal lands nowhere).
 */
export function estimate(input: EngineInput, repId: string, deal: Deal): Estimate {
  const withoutDeal: EngineInput = { ...input, deals: input.deals.filter((existing) => existing.id !== deal.id) };
  const withDeal: EngineInput = { ...withoutDeal, deals: [...withoutDeal.deals, deal] };
  const target = landing(input, repId, deal);
  const before = runForRep(withoutDeal, repId, target).statement;
  const after = runForRep(withDeal, repId, target);
  const currency = target?.plan.currency ?? input.corporateCurrency;
  const beforeTotal = before === null ? ZERO : parseValidDecimal(before.total);
  const afterTotal = after.statement === null ? ZERO : parseValidDecimal(after.statement.total);
  const warnings: Warning[] = after.warnings.filter(
    (warning) => warning.dealId === deal.id || (warning.dealId === undefined && warning.repId === repId),
  );
  return {
    repId,
    dealId: deal.id,
    before,
    after: after.statement,
    difference: formatMoney(subtract(afterTotal, beforeTotal), currency),
    dealLines: after.statement === null ? [] : after.statement.lines.filter((line) => line.dealId === deal.id),
    warnings,
  };
}
