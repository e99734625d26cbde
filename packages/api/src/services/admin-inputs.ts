/**
 * Admin changes to plans, assignments and quotas: checked by the engine as a whole (a document
 * with one bad component changes nothing), written in one transaction with the inputs generation
 * bump (every statement becomes stale) and the audit entry, then an incremental sync is queued so
 * that the worker re-indexes the deals and recomputes. Re-saving what is stored changes nothing
 * and logs nothing.
 *
 * Assignments and quotas are replaced as a whole (an import); their audit entry holds only the
 * items that changed (`before`: removed or changed items as they were, `after`: as they are now),
 * so a 40,000-quota import does not copy 40,000 quotas into the log.
 */
import type { Assignment, Issue, Plan, Quota } from '@attain/engine';
import { validate, validatePlan } from '@attain/engine';
import { canonicalJson } from '@attain/salesforce';
import type { AttainQueues, AuditActor, AuditStore, Store, Transactions } from '@attain/store';
import { enqueueSync, statementKeyText } from '@attain/store';
import { ApiError, ErrorCode } from '../errors.js';

export interface AdminDeps {
  store: Store;
  audit: AuditStore;
  queues: AttainQueues;
  transactions: Transactions;
  clock: () => Date;
}

export type SaveOutcome<T> = { ok: true; value: T; changed: boolean } | { ok: false; issues: Issue[] };

/** Items of `before` and `after` that differ, by key. */
export function changedItems<T>(before: T[], after: T[], key: (item: T) => string): { before: T[]; after: T[] } {
  const old = new Map(before.map((item) => [key(item), canonicalJson(item)]));
  const now = new Map(after.map((item) => [key(item), canonicalJson(item)]));
  return {
    before: before.filter((item) => now.get(key(item)) !== old.get(key(item))),
    after: after.filter((item) => old.get(key(item)) !== now.get(key(item))),
  };
}

async function queueRecompute(deps: AdminDeps, actor: AuditActor): Promise<void> {
  await enqueueSync(deps.queues, 'incremental', `api:${actor.userId}`, deps.clock());
}

export async function savePlan(deps: AdminDeps, actor: AuditActor, document: unknown): Promise<SaveOutcome<Plan>> {
  const checked = validatePlan(document);
  if (!checked.ok) return checked;
  const plan = checked.value;
  const changed = await deps.transactions.run<boolean>(deps.store.inputs.watchKeys('plans'), async () => {
    const before = (await deps.store.inputs.base()).plans.find((p) => p.id === plan.id) ?? null;
    if (before && canonicalJson(before) === canonicalJson(plan)) return { done: false };
    const at = deps.clock().toISOString();
    return {
      value: true,
      write: (multi) => {
        deps.store.inputs.writePlan(multi, plan);
        deps.audit.append(multi, { at, actor, action: 'plan.save', target: `plan:${plan.id}`, before, after: plan });
      },
    };
  });
  if (changed) await queueRecompute(deps, actor);
  return { ok: true, value: plan, changed };
}

export async function deletePlan(deps: AdminDeps, actor: AuditActor, planId: string): Promise<void> {
  await deps.transactions.run(deps.store.inputs.watchKeys('plans', 'assignments'), async () => {
    const base = await deps.store.inputs.base();
    const before = base.plans.find((p) => p.id === planId);
    if (!before) throw ApiError.notFound(`no plan ${planId}`);
    if (base.assignments.some((a) => a.planId === planId)) {
      throw ApiError.conflict(`plan ${planId} is still assigned; change the assignments first`);
    }
    const at = deps.clock().toISOString();
    return {
      value: undefined,
      write: (multi) => {
        deps.store.inputs.writePlanRemoval(multi, planId);
        deps.audit.append(multi, { at, actor, action: 'plan.delete', target: `plan:${planId}`, before, after: null });
      },
    };
  });
  await queueRecompute(deps, actor);
}

/** Refuses imports of what the mapping says Salesforce provides (the next sync would overwrite them). */
async function refuseIfSynced(deps: AdminDeps, what: 'assignments' | 'quotas'): Promise<void> {
  const mapping = (await deps.store.mapping.current())?.mapping;
  if (what === 'assignments' && mapping?.assignments) {
    throw ApiError.conflict(
      `assignments come from User.${mapping.assignments.userPlanField} (field mapping); change them in Salesforce`,
      ErrorCode.managedBySalesforce,
    );
  }
  if (what === 'quotas' && mapping?.quotas.source === 'ForecastingQuota') {
    throw ApiError.conflict(
      'quotas come from ForecastingQuota (field mapping); change them in Salesforce',
      ErrorCode.managedBySalesforce,
    );
  }
}

export async function checkAssignments(deps: AdminDeps, document: unknown): Promise<SaveOutcome<Assignment[]>> {
  const base = await deps.store.inputs.base();
  const checked = validate({
    corporateCurrency: base.corporateCurrency,
    plans: base.plans,
    assignments: document,
    deals: [],
  });
  return checked.ok ? { ok: true, value: checked.value.assignments, changed: false } : checked;
}

export async function replaceAssignments(
  deps: AdminDeps,
  actor: AuditActor,
  document: unknown,
): Promise<SaveOutcome<Assignment[]>> {
  await refuseIfSynced(deps, 'assignments');
  const watched = deps.store.inputs.watchKeys('plans', 'assignments');
  const outcome = await deps.transactions.run<SaveOutcome<Assignment[]>>(watched, async () => {
    // Checked inside the transaction: a plan deleted meanwhile makes EXEC retry and this check fail.
    const checked = await checkAssignments(deps, document);
    if (!checked.ok) return { done: checked };
    const assignments = checked.value;
    const current = (await deps.store.inputs.base()).assignments;
    const diff = changedItems(current, assignments, (a) => `${a.repId}|${a.from}`);
    if (diff.before.length === 0 && diff.after.length === 0) return { done: { ...checked, changed: false } };
    const at = deps.clock().toISOString();
    return {
      value: { ...checked, changed: true },
      write: (multi) => {
        deps.store.inputs.writeAssignments(multi, assignments);
        deps.audit.append(multi, { at, actor, action: 'assignments.replace', target: 'assignments', ...diff });
      },
    };
  });
  if (outcome.ok && outcome.changed) await queueRecompute(deps, actor);
  return outcome;
}

export function checkQuotas(document: unknown): SaveOutcome<Quota[]> {
  const checked = validate({ plans: [], assignments: [], quotas: document, deals: [] });
  return checked.ok ? { ok: true, value: checked.value.quotas, changed: false } : checked;
}

export async function replaceQuotas(
  deps: AdminDeps,
  actor: AuditActor,
  document: unknown,
): Promise<SaveOutcome<Quota[]>> {
  await refuseIfSynced(deps, 'quotas');
  const checked = checkQuotas(document);
  if (!checked.ok) return checked;
  const quotas = checked.value;
  const changed = await deps.transactions.run<boolean>(deps.store.inputs.watchKeys('quotas'), async () => {
    const current = (await deps.store.inputs.base()).quotas;
    const diff = changedItems(current, quotas, statementKeyText);
    if (diff.before.length === 0 && diff.after.length === 0) return { done: false };
    const at = deps.clock().toISOString();
    return {
      value: true,
      write: (multi) => {
        deps.store.inputs.writeQuotas(multi, quotas);
        deps.audit.append(multi, { at, actor, action: 'quotas.replace', target: 'quotas', ...diff });
      },
    };
  });
  if (changed) await queueRecompute(deps, actor);
  return { ok: true, value: quotas, changed };
}
