import { compare, type Decimal, isDecimalText, parseValidDecimal } from '../money/decimal.js';
import type { FieldValue, Filter, FilterOp } from '../types.js';
import { numberToDecimalText } from '../values/number-text.js';
import type { Credit } from './credit.js';

/** A compiled filter: whether a credit's deal matches. */
export type Predicate = (credit: Credit) => boolean;

type Scalar = string | number | boolean;

/** A filter operand with its exact number when it reads as a decimal (a JSON number or decimal text). */
interface Target {
  value: Scalar;
  number: Decimal | undefined;
}

function numberOf(value: Scalar): Decimal | undefined {
  if (typeof value === 'number') {
    const text = numberToDecimalText(value);
    return text === undefined ? undefined : parseValidDecimal(text);
  }
  if (typeof value === 'string' && isDecimalText(value)) return parseValidDecimal(value);
  return undefined;
}

function target(value: Scalar): Target {
  return { value, number: numberOf(value) };
}

/**
 * -1/0/1, or undefined when the two cannot be compared. Decimals (JSON numbers or decimal text) compare
 * as numbers; other text compares as text (dates included); true/false only equal themselves.
 */
function order(field: Scalar, against: Target): number | undefined {
  if (against.number !== undefined) {
    const fieldNumber = numberOf(field);
    if (fieldNumber !== undefined) return compare(fieldNumber, against.number);
  }
  const value = against.value;
  if (typeof field === 'string' && typeof value === 'string') return field < value ? -1 : field > value ? 1 : 0;
  if (typeof field === 'boolean' && typeof value === 'boolean') return field === value ? 0 : undefined;
  return undefined;
}

/** Equality without allocating in the common case (a text field against non-numeric text). */
function equals(field: Scalar, against: Target): boolean {
  if (against.number === undefined) return field === against.value;
  return order(field, against) === 0;
}

/** Reads a deal attribute; undefined means missing (an empty, null field counts as missing). */
type FieldReader = (credit: Credit) => Scalar | undefined;

function fieldReader(field: string): FieldReader {
  switch (field) {
    case 'currency':
      return (credit) => credit.currency;
    case 'closeDate':
      return (credit) => credit.closeDate;
    case 'ownerId':
      return (credit) => credit.deal.ownerId;
    default: {
      // A property key made by the engine is internalized (a substring is not), so every read of it
      // is a plain keyed load rather than a look-up in V8's string table.
      const name = Object.keys({ [field.slice('fields.'.length)]: true })[0]!;
      // Own keys only: `fields.toString` must not find Object.prototype's method. Only a name that
      // Object.prototype has can be found through the prototype, so only those pay for the own check.
      if (name in Object.prototype) {
        return (credit) => {
          const fields = credit.fields;
          const value: FieldValue | undefined = Object.hasOwn(fields, name) ? fields[name] : undefined;
          return value === null || typeof value === 'object' ? undefined : value;
        };
      }
      return (credit) => {
        const value: FieldValue | undefined = credit.fields[name];
        return value === null || typeof value === 'object' ? undefined : value;
      };
    }
  }
}

function accepts(op: FilterOp, comparison: number): boolean {
  switch (op) {
    case 'gt':
      return comparison > 0;
    case 'gte':
      return comparison >= 0;
    case 'lt':
      return comparison < 0;
    default:
      return comparison <= 0;
  }
}

/** `amount` is the deal's own amount and always a number: every comparison is numeric. */
function compileAmountLeaf(op: FilterOp, value: FieldValue | FieldValue[]): Predicate {
  if (op === 'exists') return () => value === true;
  if (op === 'in' || op === 'notIn') {
    const numbers = (value as Scalar[]).map((item) => numberOf(item)!);
    const wanted = op === 'in';
    return (credit) => numbers.some((number) => compare(credit.dealAmount, number) === 0) === wanted;
  }
  const number = numberOf(value as Scalar)!;
  if (op === 'eq') return (credit) => compare(credit.dealAmount, number) === 0;
  if (op === 'neq') return (credit) => compare(credit.dealAmount, number) !== 0;
  return (credit) => accepts(op, compare(credit.dealAmount, number));
}

function compileLeaf(field: string, op: FilterOp, value: FieldValue | FieldValue[]): Predicate {
  if (field === 'amount') return compileAmountLeaf(op, value);
  const read = fieldReader(field);
  switch (op) {
    case 'exists': {
      const wanted = value === true;
      return (credit) => (read(credit) !== undefined) === wanted;
    }
    case 'in':
    case 'notIn': {
      const targets = (value as Scalar[]).map(target);
      const onMissing = op === 'notIn';
      return (credit) => {
        const got = read(credit);
        if (got === undefined) return onMissing;
        return targets.some((each) => equals(got, each)) !== onMissing;
      };
    }
    case 'eq':
    case 'neq': {
      const against = target(value as Scalar);
      const wanted = op === 'eq';
      return (credit) => {
        const got = read(credit);
        if (got === undefined) return !wanted; // missing: only neq matches
        return equals(got, against) === wanted;
      };
    }
    default: {
      const against = target(value as Scalar);
      return (credit) => {
        const got = read(credit);
        if (got === undefined) return false;
        const comparison = order(got, against);
        return comparison !== undefined && accepts(op, comparison);
      };
    }
  }
}

/** Compiles a validated filter into a predicate, once per plan (never per credit). */
export function compileFilter(filter: Filter): Predicate {
  if ('all' in filter) {
    const parts = filter.all.map(compileFilter);
    return (credit) => parts.every((part) => part(credit));
  }
  if ('any' in filter) {
    const parts = filter.any.map(compileFilter);
    return (credit) => parts.some((part) => part(credit));
  }
  if ('not' in filter) {
    const inner = compileFilter(filter.not);
    return (credit) => !inner(credit);
  }
  return compileLeaf(filter.field, filter.op, filter.value);
}
