/**
 * The one cache of the engine inputs other than deals (plans, assignments, quotas, currencies), for
 * the worker and the API alike: reloaded when the inputs generation moves (one GET per use instead
 * of reading thousands of assignments and quotas per request or per statement key), validated by
 * the engine once per generation and process, and indexed by rep.
 *
 * The worker's compute hands `computeFor` only what its key's rep needs — that rep's assignments
 * and quotas, the plans and rates (`inputForKey`) — instead of reading and validating every rep's
 * quotas again for each of thousands of statement keys. That is the engine's own contract:
 * `computeFor(input, keys)` is computed "only from the deals and quotas of those reps", and routes
 * credits only for reps in its keys (a split teammate of another rep is outside the scope and
 * skipped), so the rest of the org cannot change its output. The integration tests compare every
 * written record with the engine's full `compute` over the whole org.
 */
import type { Assignment, Deal, EngineInput, Plan, Quota, StatementKey } from '@attain/engine';
import { periodContaining, periodRange, statementKeysOf, validate } from '@attain/engine';
import type { EngineInputBase, InputStore } from './store/input-store.js';
import { statementKeyText } from './store/keys.js';

/** The validated inputs (no deals) indexed by rep: what the worker computes statement keys and statements from. */
export interface IndexedInputs {
  generation: number;
  /** Validated, with no deals. */
  base: EngineInput;
  assignmentsByRep: Map<string, Assignment[]>;
  quotasByRep: Map<string, Quota[]>;
}

function groupByRep<T extends { repId: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.repId);
    if (list) list.push(item);
    else out.set(item.repId, [item]);
  }
  return out;
}

export class InputsView {
  private readonly plans: Map<string, Plan>;
  private readonly assignmentsByRep = new Map<string, Assignment[]>();
  private readonly quotas = new Map<string, string>();
  private readonly quotasByRep = new Map<string, Quota[]>();

  constructor(readonly base: EngineInputBase) {
    this.plans = new Map(base.plans.map((plan) => [plan.id, plan]));
    for (const assignment of base.assignments) {
      const list = this.assignmentsByRep.get(assignment.repId) ?? [];
      list.push(assignment);
      this.assignmentsByRep.set(assignment.repId, list);
    }
    for (const quota of base.quotas) {
      this.quotas.set(statementKeyText(quota), quota.amount);
      const list = this.quotasByRep.get(quota.repId) ?? [];
      list.push(quota);
      this.quotasByRep.set(quota.repId, list);
    }
  }

  /**
   * A validated engine input holding `deals` and only what computing `reps`' statements reads:
   * every plan and rate, the assignments of those reps and of everyone on a split of the deals
   * and `alsoAssigned` (so that no split rep is reported without a plan), and the quotas of `reps`. Validating a
   * slice instead of every assignment and quota of the org keeps a what-if in milliseconds.
   */
  inputFor(reps: Iterable<string>, deals: Deal[], alsoAssigned: Iterable<string> = []): EngineInput {
    const repSet = new Set(reps);
    const people = new Set([...repSet, ...alsoAssigned]);
    for (const deal of deals) {
      people.add(deal.ownerId);
      for (const split of deal.splits ?? []) people.add(split.repId);
    }
    const assignments = [...people].flatMap((repId) => this.assignmentsByRep.get(repId) ?? []);
    const quotas = [...repSet].flatMap((repId) => this.quotasByRep.get(repId) ?? []);
    const { corporateCurrency, plans, exchangeRates } = this.base;
    const input = validate({ corporateCurrency, plans, assignments, quotas, exchangeRates, deals });
    // Everything here was validated by the engine when it was stored: a refusal is a bug, not bad input.
    if (!input.ok) throw new Error(`stored inputs refused by the engine: ${input.issues[0]?.message ?? ''}`);
    return input.value;
  }

  private indexedInputs: IndexedInputs | undefined;

  /** Every input but deals, validated once, and indexed by rep (the worker's sync, re-index and compute). */
  indexed(): IndexedInputs {
    if (!this.indexedInputs) {
      const { generation, ...base } = this.base;
      const input = validate({ ...base, deals: [] });
      // The store only ever holds engine-validated documents: a refusal here is a bug, not bad data.
      if (!input.ok) throw new Error(`stored inputs refused by the engine: ${input.issues[0]?.message ?? ''}`);
      this.indexedInputs = {
        generation,
        base: input.value,
        assignmentsByRep: groupByRep(input.value.assignments),
        quotasByRep: groupByRep(input.value.quotas),
      };
    }
    return this.indexedInputs;
  }

  /** Every input but deals, validated: what `statementKeysOf` reads. */
  indexingInput(): EngineInput {
    return this.indexed().base;
  }

  plan(planId: string): Plan | undefined {
    return this.plans.get(planId);
  }

  /** The exact quota text of (rep, period), as stored. */
  quota(repId: string, period: string): string | undefined {
    return this.quotas.get(statementKeyText({ repId, period }));
  }

  /** The rep's plan on `date`, and the period of it that contains `date`. */
  planOn(repId: string, date: string): { plan: Plan; period: string } | undefined {
    const assignment = (this.assignmentsByRep.get(repId) ?? []).find(
      (a) => a.from <= date && (a.to === undefined || date <= a.to),
    );
    const plan = assignment && this.plans.get(assignment.planId);
    return plan ? { plan, period: periodContaining(date, plan.period) } : undefined;
  }

  /** The plans the rep is assigned to for some of `period` whose own periods include it (by plan id). */
  plansIn(repId: string, period: string): Plan[] {
    const { first, last } = periodRange(period);
    const out = new Map<string, Plan>();
    for (const assignment of this.assignmentsByRep.get(repId) ?? []) {
      if (assignment.from > last || (assignment.to !== undefined && assignment.to < first)) continue;
      const plan = this.plans.get(assignment.planId);
      if (plan && periodContaining(first, plan.period) === period) out.set(plan.id, plan);
    }
    return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  repsOnPlan(planId: string): Set<string> {
    return new Set(this.base.assignments.filter((a) => a.planId === planId).map((a) => a.repId));
  }
}

export class InputsCache {
  private view: InputsView | null = null;
  private loading: Promise<InputsView> | null = null;

  constructor(private readonly inputs: InputStore) {}

  async current(): Promise<InputsView> {
    const generation = await this.inputs.generation();
    if (this.view && this.view.base.generation === generation) return this.view;
    if (!this.loading) {
      this.loading = this.inputs
        .base()
        .then((base) => {
          this.view = new InputsView(base);
          return this.view;
        })
        .finally(() => {
          this.loading = null;
        });
    }
    return this.loading;
  }
}

/** The input `computeFor(…, [key])` needs: the key's rep's assignments and quotas, and the deals (validated). */
export function inputForKey(
  inputs: IndexedInputs,
  key: StatementKey,
  deals: Deal[],
): { ok: true; value: EngineInput } | { ok: false; message: string } {
  // Deals were validated one by one when stored; validated again as a list they also cannot repeat an id.
  const checked = validate({ plans: [], assignments: [], deals });
  if (!checked.ok) return { ok: false, message: checked.issues[0]?.message ?? 'invalid deals' };
  return {
    ok: true,
    value: {
      ...inputs.base,
      assignments: inputs.assignmentsByRep.get(key.repId) ?? [],
      quotas: inputs.quotasByRep.get(key.repId) ?? [],
      deals: checked.value.deals,
    },
  };
}

/** `statementKeysOf` with only the deal's credited reps' assignments to look through. */
export function statementKeysFor(inputs: IndexedInputs, deal: Deal): StatementKey[] {
  const reps =
    deal.splits !== undefined && deal.splits.length > 0 ? deal.splits.map((split) => split.repId) : [deal.ownerId];
  const assignments =
    reps.length === 1
      ? (inputs.assignmentsByRep.get(reps[0]!) ?? [])
      : [...new Set(reps)].flatMap((repId) => inputs.assignmentsByRep.get(repId) ?? []);
  return statementKeysOf({ ...inputs.base, assignments }, deal);
}
