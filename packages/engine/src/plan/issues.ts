import type { Issue } from '../types.js';

/**
 * Stable codes of input problems. Tools match on these; messages may be reworded, codes may not.
 * The README lists each with an example.
 */
export const IssueCode = {
  invalidJson: 'invalid_json',
  wrongType: 'wrong_type',
  missingField: 'missing_field',
  misspelledField: 'misspelled_field',
  emptyId: 'empty_id',
  invalidDecimal: 'invalid_decimal',
  invalidDate: 'invalid_date',
  unknownCurrency: 'unknown_currency',
  invalidPeriod: 'invalid_period',
  invalidOption: 'invalid_option',
  negativeNotAllowed: 'negative_not_allowed',
  rateNotPositive: 'rate_not_positive',
  noComponents: 'no_components',
  noTiers: 'no_tiers',
  tierBoundMissing: 'tier_bound_missing',
  lastTierBound: 'last_tier_bound',
  tierBoundNotPositive: 'tier_bound_not_positive',
  tiersOutOfOrder: 'tiers_out_of_order',
  invalidFilter: 'invalid_filter',
  invalidFilterField: 'invalid_filter_field',
  invalidFilterOp: 'invalid_filter_op',
  filterValueMismatch: 'filter_value_mismatch',
  filterTooDeep: 'filter_too_deep',
  unknownPlan: 'unknown_plan',
  assignmentEndsBeforeStart: 'assignment_ends_before_start',
  overlappingAssignments: 'overlapping_assignments',
  duplicateId: 'duplicate_id',
  duplicateQuota: 'duplicate_quota',
  duplicateRate: 'duplicate_rate',
  splitPercentOutOfRange: 'split_percent_out_of_range',
  duplicateSplitRep: 'duplicate_split_rep',
  versionStart: 'version_start',
  versionMismatch: 'version_mismatch',
  invalidInteger: 'invalid_integer',
  selfManager: 'self_manager',
  overlappingManagers: 'overlapping_managers',
  managerLoop: 'manager_loop',
  cancelBeforeClose: 'cancel_before_close',
  duplicateClosed: 'duplicate_closed',
  adjustmentPeriod: 'adjustment_period',
} as const;
export type IssueCodeValue = (typeof IssueCode)[keyof typeof IssueCode];

export type Path = (string | number)[];

/**
 * One problem, wherever Attain finds it: an input document (the engine's own {@link Issue}), a field
 * mapping, a Salesforce record, the configuration, a request. A stable lower snake_case `code`
 * (tools match on it), the JSON `path` of what is wrong (`[]`: the whole thing), a `message` saying
 * what to fix. {@link formatPath} is the one way to show a path.
 */
export type Problem = Issue;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['deals', 3, 'amount']` → `deals[3].amount`; `['fields', 'Close Reason']` → `fields["Close Reason"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** One line for a person: `deals[3].amount: "12,000" is not a decimal`. A root-level issue is its message alone. */
export function formatIssue(issue: Issue): string {
  const where = formatPath(issue.path);
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/** A value quoted for a message, cut short when long: `"12,000"`, `true`, `{…}`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

/** Collects every issue of one document. */
export class IssueList {
  readonly issues: Issue[] = [];

  add(code: IssueCodeValue, path: Path, message: string): void {
    this.issues.push({ code, path, message });
  }

  get empty(): boolean {
    return this.issues.length === 0;
  }
}
