import { add, Decimal, parseValidDecimal, toFixedDigits, ZERO } from '../money/decimal.js';
import { formatMoneyForReading } from '../money/money.js';
import { roundHalfAwayFromZero } from '../money/rounding.js';

/*
 * Money of closed statements, adjustments, draws and balances. Closed amounts are taken as written
 * (a paid amount is never re-rounded); everything the engine computes is in minor units, so sums and
 * differences stay exact and conservation (paid + adjustments = due) holds to the last digit.
 */

export function money(text: string): Decimal {
  return parseValidDecimal(text);
}

/** Output text: the currency's minor units, or more decimals when a paid amount had more (never rounded). */
export function moneyText(value: Decimal, minorUnits: number): string {
  return toFixedDigits(value.scale <= minorUnits ? roundHalfAwayFromZero(value, minorUnits) : value);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = add(total, value);
  return total;
}

export function reading(value: Decimal, currency: string): string {
  return formatMoneyForReading(value, currency);
}

export function negateDecimal(value: Decimal): Decimal {
  return new Decimal(-value.units, value.scale);
}
