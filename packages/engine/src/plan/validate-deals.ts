import { isCurrencyCode } from '../money/currencies.js';
import { compare, Decimal, isDecimalText, parseValidDecimal } from '../money/decimal.js';
import type { Deal, Split } from '../types.js';
import { isDateText } from '../values/dates.js';
import { numberToDecimalText } from '../values/number-text.js';
import { describeValue, IssueCode, type IssueList, type Path } from './issues.js';
import { isJsonObject, typeName } from './reader.js';
import { TextIndex } from './text-index.js';
import { checkCancelDate } from './validate-v2.js';

/*
 * Deals are the bulk of an input (hundreds of thousands), so this validator is hand-written for one
 * fast pass: no per-deal closures or path arrays unless something is wrong, and a deal object is only
 * copied when it needs normalizing (a JSON number where a decimal string belongs).
 */

const HUNDRED = new Decimal(100n, 0);

/** Path of `keys` inside deal `index` (`deals[index]…`), or inside a standalone deal when index is undefined. */
function dealPath(index: number | undefined, ...keys: (string | number)[]): Path {
  return index === undefined ? keys : ['deals', index, ...keys];
}

function decimalOf(value: unknown): string | undefined {
  if (typeof value === 'string') return isDecimalText(value) ? value : undefined;
  if (typeof value === 'number') return numberToDecimalText(value);
  return undefined;
}

function requireText(
  issues: IssueList,
  deal: Record<string, unknown>,
  key: string,
  index: number | undefined,
  what: string,
): string | undefined {
  const value = deal[key];
  if (typeof value === 'string' && value !== '') return value;
  if (value === undefined) issues.add(IssueCode.missingField, dealPath(index, key), `${what} is required`);
  else if (value === '') issues.add(IssueCode.emptyId, dealPath(index, key), `${what} must not be empty`);
  else issues.add(IssueCode.wrongType, dealPath(index, key), `expected ${what}, got ${typeName(value)}`);
  return undefined;
}

function validateSplits(issues: IssueList, value: unknown, index: number | undefined): Split[] | undefined | null {
  if (!Array.isArray(value)) {
    issues.add(IssueCode.wrongType, dealPath(index, 'splits'), `expected a list of splits, got ${typeName(value)}`);
    return null;
  }
  let normalized: Split[] | undefined;
  let ok = true;
  for (let k = 0; k < value.length; k++) {
    const split = value[k];
    if (!isJsonObject(split)) {
      issues.add(
        IssueCode.wrongType,
        dealPath(index, 'splits', k),
        `expected a split (an object), got ${typeName(split)}`,
      );
      ok = false;
      continue;
    }
    const repId = split.repId;
    if (typeof repId !== 'string' || repId === '') {
      const code =
        repId === undefined ? IssueCode.missingField : repId === '' ? IssueCode.emptyId : IssueCode.wrongType;
      issues.add(code, dealPath(index, 'splits', k, 'repId'), `a split needs a rep id, got ${typeName(repId)}`);
      ok = false;
    } else {
      for (let j = 0; j < k; j++) {
        if ((value[j] as { repId?: unknown })?.repId === repId) {
          issues.add(
            IssueCode.duplicateSplitRep,
            dealPath(index, 'splits', k, 'repId'),
            `rep ${describeValue(repId)} already has splits[${j}] on this deal`,
          );
          ok = false;
          break;
        }
      }
    }
    const percent = decimalOf(split.percent);
    if (percent === undefined) {
      if (split.percent === undefined)
        issues.add(IssueCode.missingField, dealPath(index, 'splits', k, 'percent'), 'a split percent is required');
      else
        issues.add(
          IssueCode.invalidDecimal,
          dealPath(index, 'splits', k, 'percent'),
          `${describeValue(split.percent)} is not a decimal`,
        );
      ok = false;
    } else {
      const parsed = parseValidDecimal(percent);
      if (parsed.units <= 0n || compare(parsed, HUNDRED) > 0) {
        issues.add(
          IssueCode.splitPercentOutOfRange,
          dealPath(index, 'splits', k, 'percent'),
          `a split percent must be above 0 and at most 100, got "${percent}"`,
        );
        ok = false;
      } else if (percent !== split.percent) {
        normalized ??= value.slice() as Split[];
        normalized[k] = { ...(split as unknown as Split), percent };
      }
    }
  }
  if (!ok) return null;
  return normalized;
}

/**
 * Validates one deal; `index` places it in `deals[index]` (undefined: a standalone deal, paths from its root).
 * Returns the deal (the same object when nothing needed normalizing), or undefined after reporting.
 */
export function validateDeal(issues: IssueList, value: unknown, index: number | undefined): Deal | undefined {
  if (!isJsonObject(value)) {
    issues.add(IssueCode.wrongType, dealPath(index), `expected a deal (an object), got ${typeName(value)}`);
    return undefined;
  }
  const before = issues.issues.length;
  requireText(issues, value, 'id', index, 'a deal id');
  requireText(issues, value, 'ownerId', index, 'an owner rep id');
  let amount = value.amount;
  if (typeof amount !== 'string' || !isDecimalText(amount)) {
    const text = decimalOf(amount);
    if (text === undefined) {
      if (amount === undefined) issues.add(IssueCode.missingField, dealPath(index, 'amount'), 'an amount is required');
      else issues.add(IssueCode.invalidDecimal, dealPath(index, 'amount'), `${describeValue(amount)} is not a decimal`);
    }
    amount = text;
  }
  const currency = value.currency;
  if (currency !== undefined && !isCurrencyCode(currency)) {
    issues.add(
      IssueCode.unknownCurrency,
      dealPath(index, 'currency'),
      `${describeValue(currency)} is not a known ISO 4217 currency code`,
    );
  }
  const closeDate = value.closeDate;
  if (!isDateText(closeDate)) {
    if (closeDate === undefined)
      issues.add(IssueCode.missingField, dealPath(index, 'closeDate'), 'a close date is required');
    else
      issues.add(
        IssueCode.invalidDate,
        dealPath(index, 'closeDate'),
        `${describeValue(closeDate)} is not a date (YYYY-MM-DD)`,
      );
  }
  const won = value.won;
  if (typeof won !== 'boolean') {
    if (won === undefined)
      issues.add(IssueCode.missingField, dealPath(index, 'won'), 'won (true or false) is required');
    else issues.add(IssueCode.wrongType, dealPath(index, 'won'), `expected true or false, got ${typeName(won)}`);
  }
  const fields = value.fields;
  if (fields !== undefined) {
    if (!isJsonObject(fields)) {
      issues.add(
        IssueCode.wrongType,
        dealPath(index, 'fields'),
        `expected an object of field values, got ${typeName(fields)}`,
      );
    } else {
      for (const key in fields) {
        const field = fields[key];
        if (field !== null && typeof field === 'object') {
          issues.add(
            IssueCode.wrongType,
            dealPath(index, 'fields', key),
            `a field value is text, a number, true/false or null, got ${typeName(field)}`,
          );
        }
      }
    }
  }
  if (value.cancelDate !== undefined) checkCancelDate(issues, value, dealPath(index, 'cancelDate'));
  let splits: Split[] | undefined | null;
  if (value.splits !== undefined) splits = validateSplits(issues, value.splits, index);
  if (issues.issues.length > before) return undefined;
  if (amount === value.amount && splits === undefined) return value as unknown as Deal;
  const copy = { ...value, amount } as unknown as Deal;
  if (splits) copy.splits = splits;
  return copy;
}

/** Validates `deals`, including that ids are unique. Returns the deals, or undefined when any was refused. */
export function validateDeals(issues: IssueList, list: unknown[]): Deal[] | undefined {
  const before = issues.issues.length;
  const deals: Deal[] = new Array(list.length);
  const firstIndexOfId = new TextIndex(list.length);
  for (let index = 0; index < list.length; index++) {
    const deal = validateDeal(issues, list[index], index);
    if (deal !== undefined) deals[index] = deal;
    const id = (list[index] as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id !== '') {
      const first = firstIndexOfId.firstOrAdd(id, index);
      if (first >= 0)
        issues.add(
          IssueCode.duplicateId,
          ['deals', index, 'id'],
          `deal id ${describeValue(id)} is already used by deals[${first}]`,
        );
    }
  }
  return issues.issues.length > before ? undefined : deals;
}
