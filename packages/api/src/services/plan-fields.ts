/**
 * The deal fields a rep's plans filter on, for the what-if: a rep cannot read plans (they are
 * admin documents), but may know which fields decide what a deal pays and which values the filters
 * name (`fields.family` = `Services`), so that the what-if offers them as choices.
 */
import type { FieldValue, Filter, FilterOp, Plan } from '@attain/engine';

export interface PlanFieldUse {
  planId: string;
  /** The component whose filter names the field; null for the plan's quota filter. */
  componentId: string | null;
}

export interface PlanField {
  /** The key of `Deal.fields` (the filter's `fields.<name>`). */
  name: string;
  /** The operators the filters apply to it. */
  ops: FilterOp[];
  /** The values the filters compare it with (each once, in first-seen order; null left out). */
  values: Exclude<FieldValue, null>[];
  usedBy: PlanFieldUse[];
}

const DEAL_FIELD = 'fields.';

function visit(filter: Filter, use: PlanFieldUse, into: Map<string, PlanField>): void {
  if ('all' in filter) for (const part of filter.all) visit(part, use, into);
  else if ('any' in filter) for (const part of filter.any) visit(part, use, into);
  else if ('not' in filter) visit(filter.not, use, into);
  else {
    // Built-in deal fields (amount, currency, closeDate, ownerId) are the what-if's own inputs.
    if (!filter.field.startsWith(DEAL_FIELD)) return;
    const name = filter.field.slice(DEAL_FIELD.length);
    const entry = into.get(name) ?? { name, ops: [], values: [], usedBy: [] };
    into.set(name, entry);
    if (!entry.ops.includes(filter.op)) entry.ops.push(filter.op);
    if (filter.op !== 'exists') {
      for (const value of Array.isArray(filter.value) ? filter.value : [filter.value]) {
        if (value !== null && !entry.values.includes(value)) entry.values.push(value);
      }
    }
    if (!entry.usedBy.some((u) => u.planId === use.planId && u.componentId === use.componentId)) entry.usedBy.push(use);
  }
}

/** The deal fields the plans' component and quota filters name, by field name. */
export function planFields(plans: Plan[]): PlanField[] {
  const fields = new Map<string, PlanField>();
  for (const plan of plans) {
    if (plan.quotaFilter) visit(plan.quotaFilter, { planId: plan.id, componentId: null }, fields);
    for (const component of plan.components) {
      if (component.filter) visit(component.filter, { planId: plan.id, componentId: component.id }, fields);
    }
  }
  return [...fields.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
