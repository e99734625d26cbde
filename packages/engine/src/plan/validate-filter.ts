import { isCurrencyCode } from '../money/currencies.js';
import type { FieldValue, Filter, FilterOp } from '../types.js';
import { isDateText } from '../values/dates.js';
import { toDecimalText } from '../values/decimal-text.js';
import { describeValue, IssueCode, type IssueCodeValue, type IssueList, type Path } from './issues.js';
import { isJsonObject, typeName } from './reader.js';

export const FILTER_OPS: readonly FilterOp[] = ['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'exists'];
const DEAL_FIELDS = ['amount', 'currency', 'closeDate', 'ownerId'] as const;
const FORMS = ['field', 'all', 'any', 'not'] as const;

/** True for a filter field the engine can read: a deal attribute or `fields.<name>`. */
export function isFilterField(field: unknown): field is string {
  if (typeof field !== 'string') return false;
  return (DEAL_FIELDS as readonly string[]).includes(field) || (field.startsWith('fields.') && field.length > 7);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Checks one scalar operand against what the field holds; returns an issue message or undefined. */
function scalarProblem(
  field: string,
  op: FilterOp,
  value: unknown,
): { code: IssueCodeValue; message: string } | undefined {
  if (value === null) {
    return {
      code: IssueCode.filterValueMismatch,
      message: 'null never matches (an empty field counts as missing): use op "exists" with value false',
    };
  }
  if (!isScalar(value))
    return {
      code: IssueCode.filterValueMismatch,
      message: `expected a text, number or boolean, got ${typeName(value)}`,
    };
  const ordering = op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte';
  if (ordering && typeof value === 'boolean') {
    return { code: IssueCode.filterValueMismatch, message: `"${op}" compares numbers, dates or text, not ${value}` };
  }
  if (field === 'amount' && toDecimalText(value) === undefined) {
    return {
      code: IssueCode.invalidDecimal,
      message: `${describeValue(value)} is not a decimal (amount compares as a number)`,
    };
  }
  if (field === 'closeDate' && !isDateText(value)) {
    return { code: IssueCode.invalidDate, message: `${describeValue(value)} is not a date (YYYY-MM-DD)` };
  }
  if (field === 'currency' && !isCurrencyCode(value)) {
    return {
      code: IssueCode.unknownCurrency,
      message: `${describeValue(value)} is not a known ISO 4217 currency code`,
    };
  }
  if (field === 'ownerId' && typeof value !== 'string') {
    return { code: IssueCode.filterValueMismatch, message: `ownerId is text, got ${typeName(value)}` };
  }
  return undefined;
}

function validateLeaf(issues: IssueList, filter: Record<string, unknown>, path: Path): Filter | undefined {
  const { field, op, value } = filter;
  let ok = true;
  if (!isFilterField(field)) {
    issues.add(
      IssueCode.invalidFilterField,
      [...path, 'field'],
      `${describeValue(field)} is not a filter field (amount, currency, closeDate, ownerId or fields.<name>)`,
    );
    ok = false;
  }
  if (typeof op !== 'string' || !(FILTER_OPS as readonly string[]).includes(op)) {
    issues.add(
      IssueCode.invalidFilterOp,
      [...path, 'op'],
      `${describeValue(op)} is not one of ${FILTER_OPS.join(', ')}`,
    );
    return undefined;
  }
  const filterOp = op as FilterOp;
  if (value === undefined) {
    issues.add(IssueCode.missingField, [...path, 'value'], `a value is required for "${filterOp}"`);
    return undefined;
  }
  if (filterOp === 'exists') {
    if (typeof value !== 'boolean') {
      issues.add(
        IssueCode.filterValueMismatch,
        [...path, 'value'],
        `"exists" takes true or false, got ${typeName(value)}`,
      );
      ok = false;
    }
  } else if (filterOp === 'in' || filterOp === 'notIn') {
    if (!Array.isArray(value)) {
      issues.add(
        IssueCode.filterValueMismatch,
        [...path, 'value'],
        `"${filterOp}" takes a list, got ${typeName(value)}`,
      );
      ok = false;
    } else if (typeof field === 'string') {
      value.forEach((item, index) => {
        const problem = scalarProblem(field, filterOp, item);
        if (problem) {
          issues.add(problem.code, [...path, 'value', index], problem.message);
          ok = false;
        }
      });
    }
  } else if (Array.isArray(value)) {
    issues.add(
      IssueCode.filterValueMismatch,
      [...path, 'value'],
      `"${filterOp}" takes a single value; use "in" or "notIn" for a list`,
    );
    ok = false;
  } else if (typeof field === 'string') {
    const problem = scalarProblem(field, filterOp, value);
    if (problem) {
      issues.add(problem.code, [...path, 'value'], problem.message);
      ok = false;
    }
  }
  if (!ok || typeof field !== 'string') return undefined;
  return { field, op: filterOp, value: value as FieldValue | FieldValue[] };
}

/**
 * How deep filters nest: the top filter is level 1, each `all`/`any`/`not` adds one. Deeper ones are
 * refused (`filter_too_deep`) before anything recurses into them, so a hostile document cannot
 * exhaust the stack of the validator (or of anything that later walks the filter).
 */
export const MAX_FILTER_DEPTH = 32;

/**
 * Validates a Filter: `{field, op, value}`, `{all: [...]}`, `{any: [...]}` or `{not: Filter}`.
 * Returns a clean copy, or undefined after reporting every problem found.
 */
export function validateFilter(issues: IssueList, filter: unknown, path: Path, depth = 1): Filter | undefined {
  if (depth > MAX_FILTER_DEPTH) {
    issues.add(
      IssueCode.filterTooDeep,
      path,
      `filters nest at most ${MAX_FILTER_DEPTH} levels deep (all/any/not inside one another); flatten this one`,
    );
    return undefined;
  }
  if (!isJsonObject(filter)) {
    issues.add(IssueCode.invalidFilter, path, `expected a filter object, got ${typeName(filter)}`);
    return undefined;
  }
  const forms = FORMS.filter((key) => filter[key] !== undefined);
  if (forms.length !== 1) {
    issues.add(
      IssueCode.invalidFilter,
      path,
      forms.length === 0
        ? 'a filter is {field, op, value}, {all: [...]}, {any: [...]} or {not: filter}'
        : `a filter has exactly one form, this one mixes ${forms.join(' and ')}`,
    );
    return undefined;
  }
  const form = forms[0]!;
  if (form === 'field') return validateLeaf(issues, filter, path);
  if (form === 'not') {
    const inner = validateFilter(issues, filter.not, [...path, 'not'], depth + 1);
    return inner === undefined ? undefined : { not: inner };
  }
  const list = filter[form];
  if (!Array.isArray(list)) {
    issues.add(IssueCode.invalidFilter, [...path, form], `"${form}" takes a list of filters, got ${typeName(list)}`);
    return undefined;
  }
  const parts: Filter[] = [];
  let ok = true;
  list.forEach((item, index) => {
    const part = validateFilter(issues, item, [...path, form, index], depth + 1);
    if (part === undefined) ok = false;
    else parts.push(part);
  });
  if (!ok) return undefined;
  return form === 'all' ? { all: parts } : { any: parts };
}
