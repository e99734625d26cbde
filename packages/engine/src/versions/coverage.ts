import { Decimal } from '../money/decimal.js';
import { roundHalfAwayFromZero } from '../money/rounding.js';
import type { Assignment, PeriodId } from '../types.js';
import { daysBetween, periodRange } from '../values/dates.js';

/**
 * Days of `period` covered by the assignments (to one plan) and the days in the period (v2 §4, §6).
 * Assignments of one rep never overlap, so their covered days simply add up.
 */
export function coverage(assignments: readonly Assignment[], period: PeriodId): { covered: number; days: number } {
  const { first, last } = periodRange(period);
  const days = daysBetween(first, last) + 1;
  let covered = 0;
  for (const assignment of assignments) {
    // Dates compare as text (YYYY-MM-DD), so no Math.max/min here.
    let from = first;
    if (assignment.from > first) from = assignment.from;
    let to = last;
    if (assignment.to !== undefined && assignment.to < last) to = assignment.to;
    if (from <= to) covered += daysBetween(from, to) + 1;
  }
  return { covered, days };
}

/**
 * `amount × covered / days`, rounded to the currency's minor units; full coverage leaves the amount as it
 * is (not re-rounded), no coverage gives 0. 300,000 × 59 / 90 = 196,666.666… → 196,666.67.
 */
export function prorate(amount: Decimal, covered: number, days: number, minorUnits: number): Decimal {
  if (covered >= days) return amount;
  if (covered <= 0) return new Decimal(0n, minorUnits);
  // amount.units × covered / days at amount.scale, then rounded half away from zero from the exact fraction.
  const scaled = amount.units * BigInt(covered) * 10n ** BigInt(minorUnits);
  const denominator = BigInt(days) * 10n ** BigInt(amount.scale);
  const quotient = scaled / denominator;
  const remainder = scaled - quotient * denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const units = twice >= denominator ? quotient + (scaled < 0n ? -1n : 1n) : quotient;
  return roundHalfAwayFromZero(new Decimal(units, minorUnits), minorUnits);
}
