/**
 * How the evaluator sees a stored value: every field type maps to a comparison domain, and each
 * domain has a key function turning the stored value into something `<`/`===` can compare
 * (numbers for dates/datetimes/numbers, normalised strings for text and ids). Key functions are
 * chosen once per field when a query is compiled, never per row.
 */
import { to18 } from '../ids.js';
import type { FieldSchema, FieldType } from '../schema/types.js';
import { DAY_MS } from './date-literals.js';

export const Domain = {
  id: 'id',
  text: 'text',
  multipicklist: 'multipicklist',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
} as const;
export type Domain = (typeof Domain)[keyof typeof Domain];

export type Key = string | number | boolean | null;

const DOMAIN_BY_TYPE: Record<FieldType, Domain> = {
  id: Domain.id,
  reference: Domain.id,
  string: Domain.text,
  textarea: Domain.text,
  picklist: Domain.text,
  email: Domain.text,
  phone: Domain.text,
  url: Domain.text,
  multipicklist: Domain.multipicklist,
  boolean: Domain.boolean,
  int: Domain.number,
  double: Domain.number,
  currency: Domain.number,
  percent: Domain.number,
  date: Domain.date,
  datetime: Domain.datetime,
};

export function domainOf(field: FieldSchema): Domain {
  return DOMAIN_BY_TYPE[field.type];
}

/** The type name Salesforce uses in "must be of type …" messages. */
export function typeNameOf(field: FieldSchema): string {
  switch (field.type) {
    case 'int':
      return 'integer';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'dateTime';
    case 'id':
    case 'reference':
      return 'id';
    default:
      return 'string';
  }
}

/** Text compares case-insensitively unless describe says the field is case-sensitive. */
export function isCaseSensitive(field: FieldSchema): boolean {
  return field.caseSensitive === true;
}

/** The key function for a field: stored value → comparable key, `null` for empty. */
export function keyFunctionFor(field: FieldSchema): (raw: unknown) => Key {
  switch (domainOf(field)) {
    case Domain.id:
      return idKey;
    case Domain.text:
    case Domain.multipicklist:
      return isCaseSensitive(field) ? exactTextKey : foldedTextKey;
    case Domain.number:
      return numberKey;
    case Domain.boolean:
      return booleanKey;
    case Domain.date:
      return dateKey;
    case Domain.datetime:
      return dateTimeKey;
  }
}

/**
 * Ids compare on their 18-character form: the suffix is a checksum of the case-sensitive first 15
 * characters, so 15- and 18-character spellings of one id get one key, and two keys order exactly
 * as their 15-character forms do. Stored ids are already 18 characters: no allocation per row.
 */
export function idKey(raw: unknown): Key {
  if (typeof raw !== 'string' || raw === '') return null;
  return raw.length === 15 ? to18(raw) : raw;
}

/** Salesforce stores an empty string as null, and SOQL treats `= ''` like `= null`. */
function foldedTextKey(raw: unknown): Key {
  if (raw === null || raw === undefined || raw === '') return null;
  return String(raw).toLowerCase();
}

function exactTextKey(raw: unknown): Key {
  if (raw === null || raw === undefined || raw === '') return null;
  return String(raw);
}

function numberKey(raw: unknown): Key {
  if (typeof raw === 'number') return Number.isNaN(raw) ? null : raw;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const value = Number(raw);
    return Number.isNaN(value) ? null : value;
  }
  return null;
}

function booleanKey(raw: unknown): Key {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  // A checkbox is never null in Salesforce: a missing value reads as false.
  return false;
}

function dateKey(raw: unknown): Key {
  return typeof raw === 'string' ? parseDayNumber(raw) : null;
}

/**
 * Datetimes compare as canonical UTC strings (`2026-01-31T10:00:00.000+0000`), whose text order is
 * their time order. Stored values are already canonical, so the hot path (`SystemModstamp >
 * :cursor` over 100k rows) costs a shape check and a string comparison, no parsing.
 */
function dateTimeKey(raw: unknown): Key {
  if (typeof raw !== 'string') return null;
  if (isCanonicalDateTime(raw)) return raw;
  const time = parseDateTimeMs(raw);
  return time === null ? null : canonicalDateTime(time);
}

function isCanonicalDateTime(text: string): boolean {
  return (
    text.length === 28 &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(19) === 46 /* . */ &&
    text.charCodeAt(23) === 43 /* + */ &&
    text.charCodeAt(24) === 48 /* 0 */ &&
    text.charCodeAt(25) === 48 &&
    text.charCodeAt(26) === 48 &&
    text.charCodeAt(27) === 48
  );
}

/** The canonical key of an instant: Salesforce's wire format, always UTC. */
export function canonicalDateTime(time: number): string {
  return `${new Date(time).toISOString().slice(0, 23)}+0000`;
}

/** Days since 1970-01-01 for `YYYY-MM-DD` (or the date part of a datetime), null if not a date. */
export function parseDayNumber(text: string): number | null {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (Number.isNaN(year + month + day) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  return daysFromCivil(year, month, day);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic (Howard Hinnant's
 * days_from_civil): several times faster than Date.UTC, which matters at 100k rows per query.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Milliseconds since the epoch for the datetime forms Salesforce stores and accepts:
 * `2026-01-31T10:00:00.000+0000`, `…Z`, `…+01:00`, optional fraction, or a bare date (midnight UTC).
 * Hand-rolled rather than a regex because sorting 100k rows calls it 100k times.
 */
export function parseDateTimeMs(text: string): number | null {
  const dayNumber = parseDayNumber(text);
  if (dayNumber === null) return null;
  if (text.length === 10) return dayNumber * DAY_MS;
  const separator = text.charCodeAt(10);
  if (separator !== 84 /* T */ && separator !== 32 /* space */) return null;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  let i = 16;
  let second = 0;
  if (text.charCodeAt(i) === 58 /* : */) {
    second = digits(text, 17, 2);
    i = 19;
  }
  let millis = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    i++;
    let scale = 100;
    while (i < text.length && isDigitCode(text.charCodeAt(i))) {
      millis += (text.charCodeAt(i) - 48) * scale;
      scale /= 10;
      i++;
    }
    millis = Math.floor(millis);
  }
  if (Number.isNaN(hour + minute + second)) return null;
  const local = dayNumber * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (i === text.length) return local;
  const zone = text.charCodeAt(i);
  if (zone === 90 /* Z */) return i + 1 === text.length ? local : null;
  if (zone !== 43 /* + */ && zone !== 45 /* - */) return null;
  const offsetHours = digits(text, i + 1, 2);
  const minuteStart = text.charCodeAt(i + 3) === 58 ? i + 4 : i + 3;
  const offsetMinutes = minuteStart < text.length ? digits(text, minuteStart, 2) : 0;
  if (Number.isNaN(offsetHours + offsetMinutes)) return null;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return zone === 43 ? local - offset : local + offset;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigitCode(code)) return Number.NaN;
    value = value * 10 + (code - 48);
  }
  return value;
}

/** A multi-select picklist value as the set of its (case-folded) selections. */
export function multipicklistSet(raw: unknown): Set<string> {
  if (typeof raw !== 'string' || raw === '') return new Set();
  return new Set(
    raw
      .split(';')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== ''),
  );
}
