/**
 * The engine inputs other than deals (plans, assignments, quotas, rates), validated once per inputs
 * generation and per process, and indexed by rep. A compute job then hands `computeFor` only what
 * its key's rep needs — that rep's assignments and quotas, the plans and rates — instead of reading
 * and validating every rep's quotas again for each of thousands of statement keys.
 *
 * That is the engine's own contract: `computeFor(input, keys)` is computed "only from the deals and
 * quotas of those reps", and routes credits only for reps in its keys (a split teammate of another
 * rep is outside the scope and skipped), so the rest of the org cannot change its output. The
 * integration tests compare every written record with the engine's full `compute` over the whole org.
 */
import type { Assignment, Deal, EngineInput, Quota, StatementKey } from '@attain/engine';
import { statementKeysOf, validate } from '@attain/engine';
import type { Store } from './store/index.js';

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

export class EngineInputCache {
  private cached: Promise<IndexedInputs> | undefined;
  private cachedGeneration: number | undefined;

  /** The inputs of the store's current generation (one Redis read when they did not change). */
  async current(store: Store): Promise<IndexedInputs> {
    const generation = await store.inputs.generation();
    if (this.cached && this.cachedGeneration === generation) return this.cached;
    const loading = this.load(store);
    this.cached = loading;
    this.cachedGeneration = generation;
    loading.catch(() => {
      if (this.cached === loading) this.cached = undefined;
    });
    return loading;
  }

  private async load(store: Store): Promise<IndexedInputs> {
    const { generation, ...base } = await store.inputs.base();
    const checked = validate({ ...base, deals: [] });
    // The store only ever holds engine-validated documents: a failure here is a bug, not bad data.
    if (!checked.ok) throw new Error(`stored engine inputs do not validate: ${checked.issues[0]?.message}`);
    return {
      generation,
      base: checked.value,
      assignmentsByRep: groupByRep(checked.value.assignments),
      quotasByRep: groupByRep(checked.value.quotas),
    };
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
