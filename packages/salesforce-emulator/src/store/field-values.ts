/**
 * Turns a value from a request into the value Salesforce would store for a field, or the error
 * Salesforce would report. Lenient where Salesforce's JSON reader is (numeric text for numbers,
 * `"true"` for checkboxes, scalars for text), strict where its field validation is (length,
 * precision, restricted picklists, email, id shape).
 */
import type { FieldSchema } from '../schema/types.js';
import { formatDateTime, parseDate, parseDateTime } from './datetime.js';
import { dmlErrors, Invalid, type SalesforceError } from './dml-errors.js';

/** What a record stores for a field: text (dates, datetimes and ids too), a number, a boolean or null. */
export type StoredValue = string | number | boolean | null;
/** The stored value, or why the value was refused. */
export type Coerced = StoredValue | Invalid;

const ok = (value: StoredValue): Coerced => value;
const fail = (error: SalesforceError): Coerced => new Invalid(error);

/** Fields whose picklist only takes declared values (besides those the schema marks restricted). */
const ALWAYS_RESTRICTED = new Set(['currencyisocode', 'stagename', 'forecastcategoryname']);

export function isRestrictedPicklist(field: FieldSchema): boolean {
  return field.restrictedPicklist === true || ALWAYS_RESTRICTED.has(field.name.toLowerCase());
}

/** A simple address check in the spirit of Salesforce's (local@domain.tld, no spaces). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The stored form of `value` for `field`. References are only checked for shape here; whether the
 * record exists is the DML's concern. `null`/`''` clear the field (checkboxes become false).
 */
export function coerceFieldValue(field: FieldSchema, value: unknown): Coerced {
  if (value === null || value === undefined || value === '') {
    return ok(field.type === 'boolean' ? false : null);
  }
  if (typeof value === 'object') return fail(dmlErrors.wrongType(field, value));
  switch (field.type) {
    case 'boolean':
      return coerceBoolean(field, value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(field, value);
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value) : undefined;
      return date === undefined ? fail(dmlErrors.wrongType(field, value)) : ok(date);
    }
    case 'datetime': {
      const time = typeof value === 'string' ? parseDateTime(value) : undefined;
      return time === undefined ? fail(dmlErrors.wrongType(field, value)) : ok(formatDateTime(time));
    }
    case 'id':
    case 'reference':
      return typeof value === 'string' ? ok(value) : fail(dmlErrors.malformedReference(field, value));
    default:
      return coerceText(field, String(value));
  }
}

function coerceBoolean(field: FieldSchema, value: unknown): Coerced {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return ok(value.toLowerCase() === 'true');
  return fail(dmlErrors.wrongType(field, value));
}

const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

function coerceNumber(field: FieldSchema, value: unknown): Coerced {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail(dmlErrors.wrongType(field, value));
    // A whole number needs no rounding: only the range check below applies.
    if (Number.isInteger(value)) return checkRange(field, value, value);
    text = String(value);
  } else if (typeof value === 'string' && NUMBER_TEXT.test(value)) {
    text = value.trim();
  } else {
    return fail(dmlErrors.wrongType(field, value));
  }
  const scale = field.type === 'int' ? 0 : (field.scale ?? 18);
  const rounded = roundHalfUp(text, scale);
  if (field.type === 'int' && rounded !== Number(text)) return fail(dmlErrors.wrongType(field, value));
  return checkRange(field, value, rounded);
}

/** NUMBER_OUTSIDE_VALID_RANGE when `rounded` has more integer digits than precision − scale allows. */
function checkRange(field: FieldSchema, value: unknown, rounded: number): Coerced {
  const precision = field.precision ?? 18;
  const integerDigits = Math.max(precision - (field.type === 'int' ? 0 : (field.scale ?? 0)), 0);
  if (Math.abs(rounded) >= 10 ** integerDigits) return fail(dmlErrors.outOfRange(field, value));
  return ok(rounded);
}

/**
 * Rounds decimal text half-up (away from zero) to `scale` places without binary floating-point
 * error: `1.005` to 2 places is 1.01, as Salesforce stores it, not 1.00.
 */
export function roundHalfUp(text: string, scale: number): number {
  const value = Number(text);
  const exponent = text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
  const dot = text.indexOf('.');
  // The common case: no more decimals than the scale keeps, so nothing to round.
  if (!exponent && (dot < 0 || text.length - dot - 1 <= scale)) return value;
  if (!exponent) {
    const negative = text.trim().startsWith('-');
    const [whole = '0', fraction = ''] = text.trim().replace(/^[+-]/, '').split('.');
    if (fraction.length <= scale) return value;
    const kept = fraction.slice(0, scale);
    const roundUp = (fraction[scale] ?? '0') >= '5';
    let digits = BigInt(`${whole}${kept}` || '0');
    if (roundUp) digits += 1n;
    const magnitude = digits.toString().padStart(scale + 1, '0');
    const cut = magnitude.length - scale;
    const result = Number(scale > 0 ? `${magnitude.slice(0, cut)}.${magnitude.slice(cut)}` : magnitude);
    return negative ? -result : result;
  }
  const factor = 10 ** scale;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  return Number.isInteger(value) || scale > 15 ? value : Math.sign(value) * rounded;
}

function coerceText(field: FieldSchema, text: string): Coerced {
  if (field.length !== undefined && field.length > 0 && text.length > field.length) {
    return fail(dmlErrors.tooLong(field, text));
  }
  if (field.type === 'email' && !EMAIL.test(text)) return fail(dmlErrors.badEmail(field, text));
  if ((field.type === 'picklist' || field.type === 'multipicklist') && isRestrictedPicklist(field)) {
    const allowed = activeValues(field);
    if (field.type === 'picklist') {
      if (!allowed.has(text)) return fail(dmlErrors.badPicklist(field, text));
    } else {
      const bad = text.split(';').find((entry) => !allowed.has(entry));
      if (bad !== undefined) return fail(dmlErrors.badPicklist(field, bad));
    }
  }
  return ok(text);
}

const activeValueSets = new WeakMap<FieldSchema, Set<string>>();

/** The active values of a picklist, worked out once per field. */
function activeValues(field: FieldSchema): Set<string> {
  let values = activeValueSets.get(field);
  if (!values) {
    values = new Set((field.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value));
    activeValueSets.set(field, values);
  }
  return values;
}
