/** Plan-language Dates (`YYYY-MM-DD`, a real calendar date) and Period ids (`2026-02`, `2026-Q1`, `2026`). */
import type { DateString, PeriodId, PeriodKind } from '../types.js';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function readDigits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = digitAt(text, i);
    if (digit < 0) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** True for `YYYY-MM-DD` naming a real day of the (proleptic Gregorian) calendar. */
export function isDateText(text: unknown): text is DateString {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

const PERIOD_ID = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** The kind of a well-formed period id, or undefined for a malformed one. */
export function periodKindOf(period: unknown): PeriodKind | undefined {
  if (typeof period !== 'string') return undefined;
  const match = PERIOD_ID.exec(period);
  if (!match) return undefined;
  if (match[2] !== undefined) return 'month';
  if (match[3] !== undefined) return 'quarter';
  return 'year';
}

/** The period of `kind` that contains `date` (a valid Date). */
export function periodContaining(date: DateString, kind: PeriodKind): PeriodId {
  if (kind === 'month') return date.slice(0, 7);
  if (kind === 'year') return date.slice(0, 4);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  return `${date.slice(0, 4)}-Q${((month - 1) / 3 + 1) | 0}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** First and last day of a well-formed period id (both inclusive). */
export function periodRange(period: PeriodId): { first: DateString; last: DateString } {
  const year = period.slice(0, 4);
  const yearNumber = Number(year);
  let firstMonth = 1;
  let lastMonth = 12;
  if (period.length === 7 && period[5] === 'Q') {
    const quarter = Number(period[6]);
    firstMonth = quarter * 3 - 2;
    lastMonth = quarter * 3;
  } else if (period.length === 7) {
    firstMonth = Number(period.slice(5, 7));
    lastMonth = firstMonth;
  }
  return {
    first: `${year}-${pad2(firstMonth)}-01`,
    last: `${year}-${pad2(lastMonth)}-${pad2(daysInMonth(yearNumber, lastMonth))}`,
  };
}

/** Days since 1970-01-01 of a valid date (proleptic Gregorian, no clock involved). */
export function dayNumber(date: DateString): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  // Days from civil (Howard Hinnant's algorithm), exact on integers.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (inverse of {@link dayNumber}). */
export function dateOfDayNumber(days: number): DateString {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `date` moved by `days` (may be negative). */
export function addDays(date: DateString, days: number): DateString {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateString, to: DateString): number {
  return dayNumber(to) - dayNumber(from);
}

/** The period of the same kind right after `period`. */
export function nextPeriod(period: PeriodId): PeriodId {
  const kind = periodKindOf(period)!;
  return periodContaining(addDays(periodRange(period).last, 1), kind);
}

/** Whether `date` lies in the period (inclusive). */
export function periodContains(period: PeriodId, date: DateString): boolean {
  const { first, last } = periodRange(period);
  return first <= date && date <= last;
}
