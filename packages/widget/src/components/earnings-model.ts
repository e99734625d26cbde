/**
 * The figures of the earnings view derived from what the API returns: lines grouped by deal, the
 * attainment bar's scale and marks, the period to open, and earnings to date. Pure functions over
 * decimal text (the engine's decimal-text module); no rendering here.
 */

import { compareDecimalText, maxDecimalText, multiplyDecimalText, sumDecimalText } from '@attain/engine/decimal-text';
import type { History, Line, TierPosition } from '../api/types.js';

export interface DealGroup<L extends Line> {
  dealId: string;
  lines: L[];
  total: string;
}

/** Lines by deal in statement order, then the lines that belong to no deal (period bonus, caps). */
export function groupLines<L extends Line>(lines: readonly L[]): { deals: DealGroup<L>[]; other: L[] } {
  const byDeal = new Map<string, L[]>();
  const other: L[] = [];
  for (const line of lines) {
    if (line.dealId === undefined) {
      other.push(line);
      continue;
    }
    const group = byDeal.get(line.dealId) ?? [];
    group.push(line);
    byDeal.set(line.dealId, group);
  }
  const deals = [...byDeal].map(([dealId, group]) => ({
    dealId,
    lines: group,
    total: sumDecimalText(group.map((line) => line.amount)),
  }));
  return { deals, other };
}

/** First day of a period id (`2026-02`, `2026-Q1`, `2026`), as `YYYY-MM-DD`; last day likewise. */
export function periodBounds(period: string): { first: string; last: string } | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const year = /^(\d{4})$/.exec(period);
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return { first: iso(y, m, 1), last: iso(y, m, lastDay(y, m)) };
  }
  if (quarter) {
    const [y, q] = [Number(quarter[1]), Number(quarter[2])];
    return { first: iso(y, q * 3 - 2, 1), last: iso(y, q * 3, lastDay(y, q * 3)) };
  }
  if (year) return { first: `${year[1]}-01-01`, last: `${year[1]}-12-31` };
  return undefined;
}

/** The period to open: the one that contains today, else the latest before today, else the first. */
export function defaultPeriod(periods: readonly string[], today: string): string | undefined {
  const containing = periods.find((period) => {
    const bounds = periodBounds(period);
    return bounds !== undefined && bounds.first <= today && today <= bounds.last;
  });
  if (containing) return containing;
  const past = periods.filter((period) => (periodBounds(period)?.first ?? '') <= today);
  return past[past.length - 1] ?? periods[0];
}

/**
 * Earned so far in the period's year: the totals of the rep's statements in `currency` whose period
 * starts in that year, up to and including `period`. (There are no payout records: this is what
 * the statements say is owed, which is what "paid to date" means on a commission statement.)
 */
export function earnedToDate(history: History, period: string, currency: string): string {
  const bounds = periodBounds(period);
  if (!bounds) return '0';
  const year = bounds.first.slice(0, 4);
  const totals = history.periods
    .filter((entry) => {
      const start = periodBounds(entry.period)?.first ?? '';
      return start.startsWith(year) && start <= bounds.first;
    })
    .flatMap((entry) => entry.statements.filter((statement) => statement.currency === currency))
    .map((statement) => statement.total);
  return sumDecimalText(totals);
}

export interface BarModel {
  value: string;
  max: string;
  marks: { at: string; tier: number }[];
}

type PlanPosition = TierPosition['plans'][number];

/**
 * The bar runs in credited amount (plan currency). Marks stand where the current tier ends and the
 * next one starts (and where the current one began, past the first): the bounds around the rep now.
 */
export function barModel(plan: PlanPosition): BarModel | undefined {
  const tiered = plan.tiered.find((component) => component.current !== null);
  const marks: { at: string; tier: number }[] = [];
  if (tiered?.current) {
    if (compareDecimalText(tiered.current.from, '0') > 0)
      marks.push({ at: tiered.current.from, tier: tiered.current.tier });
    if (tiered.next) marks.push({ at: tiered.next.from, tier: tiered.next.tier });
    if (tiered.next?.upTo) marks.push({ at: tiered.next.upTo, tier: tiered.next.tier + 1 });
  } else if (plan.quota === null) {
    return undefined;
  }
  const ends = [plan.credited, plan.quota ?? '0', ...marks.map((mark) => mark.at)];
  const furthest = ends.reduce((a, b) => maxDecimalText(a, b));
  const max = compareDecimalText(furthest, '0') > 0 ? multiplyDecimalText(furthest, '1.2') : '1';
  return { value: plan.credited, max, marks };
}
