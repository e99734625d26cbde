import { parseValidDecimal } from '../money/decimal.js';
import type { Assignment, Deal, EngineInput, ExchangeRate, Plan, Quota, ValidationResult } from '../types.js';
import { periodKindOf } from '../values/dates.js';
import { describeValue, IssueCode, IssueList, type Path } from './issues.js';
import { expectObject, isJsonObject, ObjectReader, typeName } from './reader.js';
import { validateDeals } from './validate-deals.js';
import { validatePlanAt } from './validate-plan.js';
import { checkPlanVersions, validateClosed, validateManagers } from './validate-v2.js';

export const DEFAULT_CORPORATE_CURRENCY = 'USD';

function validatePlans(issues: IssueList, list: unknown[]): { plans: Plan[]; ids: Set<string> } {
  const plans: { plan: Plan; index: number }[] = [];
  const ids = new Set<string>();
  list.forEach((item, index) => {
    const plan = validatePlanAt(issues, item, ['plans', index]);
    if (plan) plans.push({ plan, index });
    const id = isJsonObject(item) ? item.id : undefined;
    if (typeof id === 'string' && id !== '') ids.add(id);
  });
  // v2 §2: entries sharing an id are versions of one plan (duplicates of (id, from) are refused there).
  checkPlanVersions(issues, plans);
  return { plans: plans.map((entry) => entry.plan), ids };
}

function describeSpan(assignment: Assignment): string {
  return `${assignment.from} to ${assignment.to ?? 'open end'}`;
}

/** Reports every assignment that overlaps an earlier-starting one of the same rep. */
function checkOverlaps(issues: IssueList, assignments: { value: Assignment; index: number }[]): void {
  const byRep = new Map<string, { value: Assignment; index: number }[]>();
  for (const entry of assignments) {
    const list = byRep.get(entry.value.repId);
    if (list) list.push(entry);
    else byRep.set(entry.value.repId, [entry]);
  }
  for (const list of byRep.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.value.from < b.value.from ? -1 : a.value.from > b.value.from ? 1 : a.index - b.index));
    let latest = list[0]!;
    for (const entry of list.slice(1)) {
      const latestEnd = latest.value.to;
      if (latestEnd === undefined || entry.value.from <= latestEnd) {
        issues.add(
          IssueCode.overlappingAssignments,
          ['assignments', entry.index],
          `rep ${describeValue(entry.value.repId)} is assigned ${describeSpan(entry.value)}, which overlaps assignments[${latest.index}] (${describeSpan(latest.value)})`,
        );
      }
      const entryEnd = entry.value.to;
      if (latestEnd !== undefined && (entryEnd === undefined || entryEnd > latestEnd)) latest = entry;
    }
  }
}

function validateAssignments(issues: IssueList, list: unknown[], planIds: Set<string>): Assignment[] {
  const valid: { value: Assignment; index: number }[] = [];
  list.forEach((item, index) => {
    const path: Path = ['assignments', index];
    if (!expectObject(issues, item, path, 'an assignment')) return;
    const reader = new ObjectReader(issues, item, path);
    const before = issues.issues.length;
    const repId = reader.id('repId', 'a rep id');
    const planId = reader.id('planId', 'a plan id');
    if (planId !== undefined && !planIds.has(planId)) {
      issues.add(IssueCode.unknownPlan, reader.at('planId'), `no plan has id ${describeValue(planId)}`);
    }
    const from = reader.date('from', true);
    const to = reader.date('to', false);
    if (from !== undefined && to !== undefined && to < from) {
      issues.add(
        IssueCode.assignmentEndsBeforeStart,
        reader.at('to'),
        `the assignment ends (${to}) before it starts (${from})`,
      );
    }
    if (issues.issues.length > before || repId === undefined || planId === undefined || from === undefined) return;
    valid.push({ value: to === undefined ? { repId, planId, from } : { repId, planId, from, to }, index });
  });
  checkOverlaps(issues, valid);
  return valid.map((entry) => entry.value);
}

function validateQuotas(issues: IssueList, list: unknown[]): Quota[] {
  const quotas: Quota[] = [];
  const firstIndexOfKey = new Map<string, number>();
  list.forEach((item, index) => {
    const path: Path = ['quotas', index];
    if (!expectObject(issues, item, path, 'a quota')) return;
    const reader = new ObjectReader(issues, item, path);
    const repId = reader.id('repId', 'a rep id');
    const period = reader.string('period', true, 'a period id');
    if (period !== undefined && periodKindOf(period) === undefined) {
      issues.add(
        IssueCode.invalidPeriod,
        reader.at('period'),
        `${describeValue(period)} is not a period id (2026-02, 2026-Q1 or 2026)`,
      );
    }
    const amount = reader.nonNegativeDecimal('amount', true, 'a quota amount');
    if (repId === undefined || period === undefined || periodKindOf(period) === undefined) return;
    const key = `${repId}\u0000${period}`;
    const first = firstIndexOfKey.get(key);
    if (first !== undefined) {
      issues.add(
        IssueCode.duplicateQuota,
        path,
        `rep ${describeValue(repId)} already has a quota for ${period} at quotas[${first}]`,
      );
      return;
    }
    firstIndexOfKey.set(key, index);
    if (amount !== undefined) quotas.push({ repId, period, amount });
  });
  return quotas;
}

function validateRates(issues: IssueList, list: unknown[]): ExchangeRate[] {
  const rates: ExchangeRate[] = [];
  const firstIndexOfKey = new Map<string, number>();
  list.forEach((item, index) => {
    const path: Path = ['exchangeRates', index];
    if (!expectObject(issues, item, path, 'an exchange rate')) return;
    const reader = new ObjectReader(issues, item, path);
    const currency = reader.currency('currency', true);
    let rate = reader.decimal('rate', true, 'a rate');
    if (rate !== undefined && parseValidDecimal(rate).units <= 0n) {
      issues.add(IssueCode.rateNotPositive, reader.at('rate'), `an exchange rate must be above 0, got "${rate}"`);
      rate = undefined;
    }
    const from = reader.date('from', true);
    if (currency === undefined || from === undefined) return;
    const key = `${currency} ${from}`;
    const first = firstIndexOfKey.get(key);
    if (first !== undefined) {
      issues.add(
        IssueCode.duplicateRate,
        path,
        `${currency} already has a rate from ${from} at exchangeRates[${first}]`,
      );
      return;
    }
    firstIndexOfKey.set(key, index);
    if (rate !== undefined) rates.push({ currency, rate, from });
  });
  return rates;
}

/** The list at `key` of the input document, reported when missing (if required) or not a list. */
function listAt(issues: IssueList, doc: Record<string, unknown>, key: string, required: boolean): unknown[] {
  const value = doc[key];
  if (value === undefined) {
    if (required) issues.add(IssueCode.missingField, [key], `a list of ${key} is required`);
    return [];
  }
  if (!Array.isArray(value)) {
    issues.add(IssueCode.wrongType, [key], `expected a list of ${key}, got ${typeName(value)}`);
    return [];
  }
  return value;
}

/** Validates a whole input document, reporting every problem at once. */
export function validateInput(doc: unknown): ValidationResult {
  const issues = new IssueList();
  if (!isJsonObject(doc)) {
    issues.add(IssueCode.wrongType, [], `the input must be a JSON object, got ${typeName(doc)}`);
    return { ok: false, issues: issues.issues };
  }
  const top = new ObjectReader(issues, doc, []);
  top.checkSpelling([
    'corporateCurrency',
    'plans',
    'assignments',
    'quotas',
    'deals',
    'exchangeRates',
    'asOf',
    'managers',
    'closed',
  ]);
  const corporateCurrency = top.currency('corporateCurrency', false) ?? DEFAULT_CORPORATE_CURRENCY;
  const { plans, ids } = validatePlans(issues, listAt(issues, doc, 'plans', true));
  const assignments = validateAssignments(issues, listAt(issues, doc, 'assignments', true), ids);
  const quotas = validateQuotas(issues, listAt(issues, doc, 'quotas', false));
  const deals: Deal[] | undefined = validateDeals(issues, listAt(issues, doc, 'deals', true));
  const exchangeRates = validateRates(issues, listAt(issues, doc, 'exchangeRates', false));
  // v2 additions: present only when the document uses them, so a v1 document validates to the same value.
  const asOf = top.date('asOf', false);
  const managers =
    doc.managers === undefined ? undefined : validateManagers(issues, listAt(issues, doc, 'managers', false));
  const closed =
    doc.closed === undefined ? undefined : validateClosed(issues, listAt(issues, doc, 'closed', false), plans);
  if (!issues.empty || deals === undefined) return { ok: false, issues: issues.issues };
  const value: EngineInput = { corporateCurrency, plans, assignments, quotas, deals, exchangeRates };
  if (asOf !== undefined) value.asOf = asOf;
  if (managers !== undefined) value.managers = managers;
  if (closed !== undefined) value.closed = closed;
  return { ok: true, value };
}
