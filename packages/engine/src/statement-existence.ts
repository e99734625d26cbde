import type { CreditCollector } from './credit/collect-credits.js';
import { type PreparedInput, quotaKey } from './credit/prepared-input.js';
import type { Scope } from './credit/scope.js';
import type { Decimal } from './money/decimal.js';
import type { EngineInput, PeriodId } from './types.js';
import { nextPeriod, periodContaining, periodKindOf, periodRange } from './values/dates.js';
import { coverage, prorate } from './versions/coverage.js';
import type { PlanVersions } from './versions/plan-versions.js';

/** §3.4: a quota alone makes a statement for each of the rep's assignments it overlaps (same period kind). */
export function addQuotaStatements(
  prepared: PreparedInput,
  input: EngineInput,
  collector: CreditCollector,
  scope: Scope | undefined,
): void {
  for (const quota of input.quotas) {
    const kind = periodKindOf(quota.period);
    if (kind === undefined) continue;
    if (scope?.reps !== undefined && !scope.reps.has(quota.repId)) continue;
    const { first, last } = periodRange(quota.period);
    for (const assignment of prepared.assignments.of(quota.repId)) {
      const versions = prepared.plans.get(assignment.planId);
      if (versions === undefined || versions.period !== kind) continue;
      if (assignment.from > last || (assignment.to !== undefined && assignment.to < first)) continue;
      if (versions.versionFor(quota.period) === undefined) continue; // v2 §2: no version, no statement
      if (!collector.computes(quota.repId, versions.id, quota.period)) continue;
      collector.bucketFor(quota.repId, versions, quota.period).byQuota = true;
    }
  }
}

/**
 * v2 §6: a plan with a draw has a statement for every period that overlaps one of the rep's
 * assignments to it and starts on or before asOf.
 */
export function addDrawStatements(
  prepared: PreparedInput,
  input: EngineInput,
  collector: CreditCollector,
  scope: Scope | undefined,
): void {
  const asOf = prepared.asOf;
  if (asOf === undefined) return;
  for (const assignment of input.assignments) {
    const versions = prepared.plans.get(assignment.planId);
    if (versions === undefined || !versions.hasDraw) continue;
    if (scope?.reps !== undefined && !scope.reps.has(assignment.repId)) continue;
    const end = assignment.to !== undefined && assignment.to < asOf ? assignment.to : asOf;
    for (
      let period = periodContaining(assignment.from, versions.period);
      periodRange(period).first <= end;
      period = nextPeriod(period)
    ) {
      if (versions.versionFor(period) === undefined) continue;
      if (!collector.computes(assignment.repId, versions.id, period)) continue;
      collector.bucketFor(assignment.repId, versions, period).byDraw = true;
    }
  }
}

/**
 * The quota of a statement: the rep's quota for the period, prorated (v2 §4) by the days the rep's
 * assignments to the plan cover when the version asks for it.
 */
export function statementQuota(
  prepared: PreparedInput,
  repId: string,
  versions: PlanVersions,
  prorateQuota: boolean,
  period: PeriodId,
): Decimal | undefined {
  const quota = prepared.quotas.get(quotaKey(repId, period));
  if (quota === undefined || !prorateQuota) return quota;
  const assignments = prepared.assignments.of(repId).filter((assignment) => assignment.planId === versions.id);
  const { covered, days } = coverage(assignments, period);
  return prorate(quota, covered, days, versions.minorUnits);
}
