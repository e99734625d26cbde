/**
 * The reps' what-if and the admins' plan comparison, through the engine's package API over the
 * deals the store holds: `estimate` over the rep's deals in the period the hypothetical deal lands
 * in; `compare` over every deal of the reps on the plan.
 */
import type { Comparison, Estimate, Issue, StatementKey } from '@attain/engine';
import { compare, estimate, validatePlan, validateWhatIfDeal } from '@attain/engine';
import type { InputsView, Store } from '@attain/store';
import { parseStatementKeyText, statementKeyText } from '@attain/store';

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export async function whatIf(
  store: Store,
  inputs: InputsView,
  repId: string,
  document: unknown,
): Promise<Checked<Estimate>> {
  const deal = validateWhatIfDeal(document, repId, inputs.base.corporateCurrency);
  if (!deal.ok) return deal;
  const landing = inputs.planOn(repId, deal.value.closeDate);
  // The rep's own deals of that period are all `estimate` reads; without a plan it lands nowhere.
  const deals = landing ? await store.deals.dealsFor([{ repId, period: landing.period }]) : [];
  const people = (deal.value.splits ?? []).map((split) => split.repId);
  return { ok: true, value: estimate(inputs.inputFor([repId], deals, people), repId, deal.value) };
}

/** Every statement key of `reps` that holds statements or waits for a compute (their deals are indexed under them). */
async function keysOfReps(store: Store, reps: ReadonlySet<string>): Promise<StatementKey[]> {
  const keys = new Map<string, StatementKey>();
  for (const key of await store.statements.keysWithStatements()) {
    if (reps.has(key.repId)) keys.set(statementKeyText(key), key);
  }
  for (const { key } of await store.deals.dirtyKeys()) {
    if (reps.has(key.repId)) keys.set(statementKeyText(key), key);
  }
  return [...keys.keys()].sort().map(parseStatementKeyText);
}

export async function comparePlan(store: Store, inputs: InputsView, document: unknown): Promise<Checked<Comparison>> {
  const plan = validatePlan(document);
  if (!plan.ok) return plan;
  const reps = inputs.repsOnPlan(plan.value.id);
  const deals = await store.deals.dealsFor(await keysOfReps(store, reps));
  return { ok: true, value: compare(inputs.inputFor(reps, deals), plan.value) };
}
