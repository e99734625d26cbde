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

/** Whether `date` lies in the period (inclusive). */
export function periodContains(period: PeriodId, date: DateString): boolean {
  const { first, last } = periodRange(period);
  return first <= date && date <= last;
}
