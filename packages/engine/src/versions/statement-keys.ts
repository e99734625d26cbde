import { effectiveAsOf } from '../credit/prepared-input.js';
import { Hierarchy } from '../team/hierarchy.js';
import { teamShares } from '../team/team-credit.js';
import type { Assignment, Deal, EngineInput, PeriodId, StatementKey } from '../types.js';
import { nextPeriod, periodContaining, periodKindOf, periodRange } from '../values/dates.js';
import { type PlanVersions, planVersionsOf } from './plan-versions.js';

function coveringAssignment(input: EngineInput, repId: string, date: string): Assignment | undefined {
  // A linear scan: cheaper than indexing every assignment for one deal.
  return input.assignments.find((a) => a.repId === repId && a.from <= date && (a.to === undefined || date <= a.to));
}

function keyText(key: StatementKey): string {
  return `${key.repId}\u0000${key.period}`;
}

/**
 * The (rep, period) keys a deal's credits land in — where its rep has a plan (a version) on the close
 * date; with team plans (v2 §3) also each manager on a team plan whose team is on the deal — followed by
 * the later keys that depend on them ({@link dependentStatementKeys}: draws, balances, adjustments). A
 * deal that is not won lands nowhere. A negative amount, a missing rate or a clawback still names the
 * key, since the warning it raises belongs to that statement. Keys come in split order, without repeats.
 */
export function statementKeysOf(input: EngineInput, deal: Deal): StatementKey[] {
  if (!deal.won) return [];
  const versionsById = planVersionsOf(input.plans);
  const reps =
    deal.splits !== undefined && deal.splits.length > 0 ? deal.splits.map((split) => split.repId) : [deal.ownerId];
  const keys: StatementKey[] = [];
  const seen = new Set<string>();
  const land = (repId: string, team: boolean) => {
    const assignment = coveringAssignment(input, repId, deal.closeDate);
    const versions = assignment && versionsById.get(assignment.planId);
    if (versions === undefined) return;
    const period = periodContaining(deal.closeDate, versions.period);
    const version = versions.versionFor(period);
    if (version === undefined || version.team !== team) return;
    const key = { repId, period };
    if (seen.has(keyText(key))) return;
    seen.add(keyText(key));
    keys.push(key);
  };
  for (const repId of reps) land(repId, false);
  if (input.plans.some((plan) => plan.credit === 'team')) {
    for (const team of teamShares(deal, new Hierarchy(input.managers ?? []))) land(team.managerId, true);
  }
  if (input.closed === undefined && !input.plans.some((plan) => plan.draw !== undefined)) return keys;
  return dependentStatementKeys(input, keys);
}

/** The last day any statement can concern: asOf, the latest close/cancel date, quota or closed period. */
function horizonOf(input: EngineInput): string {
  let horizon = effectiveAsOf(input) ?? '0000-01-01';
  for (const deal of input.deals) if (deal.closeDate > horizon) horizon = deal.closeDate;
  for (const quota of input.quotas) {
    const last = periodRange(quota.period).last;
    if (last > horizon) horizon = last;
  }
  for (const closed of input.closed ?? []) {
    const last = periodRange(nextPeriod(closed.period)).last;
    if (last > horizon) horizon = last;
  }
  return horizon;
}

/**
 * `keys` followed by the later keys whose statements depend on them (v2 §6–§7): with a draw, every later
 * period of the rep's plan up to the last one any statement can concern (the balance is carried through
 * them); for a closed period, the first open period after it (where its adjustments land). A worker
 * marks these dirty too after any change to the rep's data in those periods. A v1 document adds none.
 */
export function dependentStatementKeys(input: EngineInput, keys: readonly StatementKey[]): StatementKey[] {
  const out: StatementKey[] = [];
  const seen = new Set<string>();
  const add = (key: StatementKey) => {
    const text = keyText(key);
    if (seen.has(text)) return;
    seen.add(text);
    out.push(key);
  };
  for (const key of keys) add(key);
  const closedKeys = new Set((input.closed ?? []).map((c) => `${c.repId}\u0000${c.planId}\u0000${c.period}`));
  const closedPlans = new Set((input.closed ?? []).map((c) => c.planId));
  const versionsById = planVersionsOf(input.plans);
  let horizon: string | undefined;
  for (const key of keys) {
    const kind = periodKindOf(key.period);
    const seenPlans = new Set<string>();
    for (const assignment of input.assignments) {
      if (assignment.repId !== key.repId || seenPlans.has(assignment.planId)) continue;
      seenPlans.add(assignment.planId);
      const versions: PlanVersions | undefined = versionsById.get(assignment.planId);
      if (versions === undefined || versions.period !== kind) continue;
      if (!versions.hasDraw && !closedPlans.has(versions.id)) continue;
      const isClosed = (period: PeriodId) => closedKeys.has(`${key.repId}\u0000${versions.id}\u0000${period}`);
      if (isClosed(key.period)) {
        let target = nextPeriod(key.period);
        while (isClosed(target)) target = nextPeriod(target);
        add({ repId: key.repId, period: target });
      }
      if (!versions.hasDraw) continue;
      horizon ??= horizonOf(input);
      const assignments = input.assignments.filter((a) => a.repId === key.repId && a.planId === versions.id);
      for (let period = nextPeriod(key.period); periodRange(period).first <= horizon; period = nextPeriod(period)) {
        const { first, last } = periodRange(period);
        if (assignments.some((a) => a.from <= last && (a.to === undefined || a.to >= first)) || isClosed(period))
          add({ repId: key.repId, period });
      }
    }
  }
  return out;
}
