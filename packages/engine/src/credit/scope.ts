import type { DateString, PeriodId, StatementKey } from '../types.js';
import { periodContains } from '../values/dates.js';

/**
 * Which part of the output a run computes. `computeFor` limits a run to some (rep, period) keys;
 * `compare` to one plan. A run without a scope computes everything.
 */
export interface Scope {
  /** Credits of other reps are skipped before any work; undefined: every rep. */
  reps: ReadonlySet<string> | undefined;
  includesStatement(repId: string, planId: string, period: PeriodId): boolean;
  /** Whether a warning about a deal of `repId` closing on `closeDate` belongs to this run. */
  includesDealWarning(repId: string, closeDate: DateString): boolean;
}

/**
 * The scope of `computeFor(keys)`: statements whose (rep, period) is a key; deal warnings of a key's rep
 * whose close date lies in one of that rep's key periods (of any kind).
 */
export function keysScope(keys: readonly StatementKey[]): Scope {
  const periodsByRep = new Map<string, Set<PeriodId>>();
  for (const key of keys) {
    const periods = periodsByRep.get(key.repId);
    if (periods) periods.add(key.period);
    else periodsByRep.set(key.repId, new Set([key.period]));
  }
  return {
    reps: new Set(periodsByRep.keys()),
    includesStatement: (repId, _planId, period) => periodsByRep.get(repId)?.has(period) === true,
    includesDealWarning: (repId, closeDate) => {
      const periods = periodsByRep.get(repId);
      if (periods === undefined) return false;
      for (const period of periods) if (periodContains(period, closeDate)) return true;
      return false;
    },
  };
}

/** The scope of one plan's statements over the given reps (those assigned to it). */
export function planScope(planId: string, reps: ReadonlySet<string>): Scope {
  return {
    reps,
    includesStatement: (_repId, statementPlanId) => statementPlanId === planId,
    includesDealWarning: (repId) => reps.has(repId),
  };
}
