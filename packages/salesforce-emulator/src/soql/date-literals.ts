/**
 * SOQL's relative date literals (`TODAY`, `LAST_N_DAYS:30`, `THIS_QUARTER`, …) as day ranges on the
 * UTC calendar. Salesforce resolves them in the querying user's time zone; the emulator's users all
 * live in UTC. Weeks start on Sunday (the en_US locale) and the fiscal year is the calendar year
 * (Salesforce's default fiscal settings), so `THIS_FISCAL_QUARTER` = `THIS_QUARTER`.
 */

export const DAY_MS = 86_400_000;

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A range of whole units relative to the current one: `from`..`to` inclusive (0 = the current unit). */
interface RelativeRange {
  unit: Unit;
  from: number;
  to: number;
}

type Definition = { takesN: false; range: RelativeRange } | { takesN: true; range: (n: number) => RelativeRange };

const fixed = (unit: Unit, from: number, to = from): Definition => ({ takesN: false, range: { unit, from, to } });
const lastN = (unit: Unit): Definition => ({ takesN: true, range: (n) => ({ unit, from: -n, to: -1 }) });
const nextN = (unit: Unit): Definition => ({ takesN: true, range: (n) => ({ unit, from: 1, to: n }) });
const nAgo = (unit: Unit): Definition => ({ takesN: true, range: (n) => ({ unit, from: -n, to: -n }) });

const DEFINITIONS: Record<string, Definition> = {
  YESTERDAY: fixed('day', -1),
  TODAY: fixed('day', 0),
  TOMORROW: fixed('day', 1),
  LAST_WEEK: fixed('week', -1),
  THIS_WEEK: fixed('week', 0),
  NEXT_WEEK: fixed('week', 1),
  LAST_MONTH: fixed('month', -1),
  THIS_MONTH: fixed('month', 0),
  NEXT_MONTH: fixed('month', 1),
  // "Starts with the current day and continues for the past 90 days": today is included (91 days).
  LAST_90_DAYS: fixed('day', -90, 0),
  NEXT_90_DAYS: fixed('day', 1, 90),
  LAST_N_DAYS: { takesN: true, range: (n) => ({ unit: 'day', from: -n, to: 0 }) },
  NEXT_N_DAYS: nextN('day'),
  N_DAYS_AGO: nAgo('day'),
  LAST_N_WEEKS: lastN('week'),
  NEXT_N_WEEKS: nextN('week'),
  N_WEEKS_AGO: nAgo('week'),
  LAST_N_MONTHS: lastN('month'),
  NEXT_N_MONTHS: nextN('month'),
  N_MONTHS_AGO: nAgo('month'),
  THIS_QUARTER: fixed('quarter', 0),
  LAST_QUARTER: fixed('quarter', -1),
  NEXT_QUARTER: fixed('quarter', 1),
  LAST_N_QUARTERS: lastN('quarter'),
  NEXT_N_QUARTERS: nextN('quarter'),
  N_QUARTERS_AGO: nAgo('quarter'),
  THIS_YEAR: fixed('year', 0),
  LAST_YEAR: fixed('year', -1),
  NEXT_YEAR: fixed('year', 1),
  LAST_N_YEARS: lastN('year'),
  NEXT_N_YEARS: nextN('year'),
  N_YEARS_AGO: nAgo('year'),
  THIS_FISCAL_QUARTER: fixed('quarter', 0),
  LAST_FISCAL_QUARTER: fixed('quarter', -1),
  NEXT_FISCAL_QUARTER: fixed('quarter', 1),
  LAST_N_FISCAL_QUARTERS: lastN('quarter'),
  NEXT_N_FISCAL_QUARTERS: nextN('quarter'),
  N_FISCAL_QUARTERS_AGO: nAgo('quarter'),
  THIS_FISCAL_YEAR: fixed('year', 0),
  LAST_FISCAL_YEAR: fixed('year', -1),
  NEXT_FISCAL_YEAR: fixed('year', 1),
  LAST_N_FISCAL_YEARS: lastN('year'),
  NEXT_N_FISCAL_YEARS: nextN('year'),
  N_FISCAL_YEARS_AGO: nAgo('year'),
};

/** `undefined` if `name` is not a date literal; otherwise whether it needs the `:n` suffix. */
export function dateLiteralTakesN(name: string): boolean | undefined {
  return DEFINITIONS[name.toUpperCase()]?.takesN;
}

/** Days since 1970-01-01 (UTC): the unit the evaluator compares date fields in. */
export interface DayRange {
  /** First day in the range. */
  start: number;
  /** First day after the range. */
  end: number;
}

/** The days a literal covers at `now`. `name` must be a known literal (see dateLiteralTakesN). */
export function resolveDateLiteral(name: string, n: number | undefined, now: Date): DayRange {
  const definition = DEFINITIONS[name.toUpperCase()];
  if (!definition) throw new RangeError(`not a SOQL date literal: ${name}`);
  const range = definition.takesN ? definition.range(n ?? 0) : definition.range;
  const today = Math.floor(now.getTime() / DAY_MS);
  return { start: unitStart(range.unit, range.from, today), end: unitStart(range.unit, range.to + 1, today) };
}

/** First day of the unit `offset` units away from the one containing `today`. */
function unitStart(unit: Unit, offset: number, today: number): number {
  if (unit === 'day') return today + offset;
  // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays.
  if (unit === 'week') return today - ((((today + 4) % 7) + 7) % 7) + 7 * offset;
  const date = new Date(today * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (unit === 'month') return Date.UTC(year, month + offset, 1) / DAY_MS;
  if (unit === 'quarter') return Date.UTC(year, month - (month % 3) + 3 * offset, 1) / DAY_MS;
  return Date.UTC(year + offset, 0, 1) / DAY_MS;
}
