import { type Decimal, ONE, parseValidDecimal } from '../money/decimal.js';
import { type Exact, multiplyDivide } from '../money/exact.js';
import type { DateString, ExchangeRate } from '../types.js';

interface DatedRates {
  from: DateString[];
  rate: Decimal[];
}

/**
 * Salesforce-style dated conversion rates: units of a currency per one unit of the corporate
 * currency, each holding from its `from` date until the next `from` of the same currency.
 * The corporate currency is always 1 (a listed rate for it is ignored).
 */
export class RateTable {
  private readonly byCurrency = new Map<string, DatedRates>();

  constructor(
    rates: readonly ExchangeRate[],
    readonly corporateCurrency: string,
  ) {
    const grouped = new Map<string, ExchangeRate[]>();
    for (const rate of rates) {
      if (rate.currency === corporateCurrency) continue;
      const list = grouped.get(rate.currency);
      if (list) list.push(rate);
      else grouped.set(rate.currency, [rate]);
    }
    for (const [currency, list] of grouped) {
      list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      this.byCurrency.set(currency, {
        from: list.map((rate) => rate.from),
        rate: list.map((rate) => parseValidDecimal(rate.rate)),
      });
    }
  }

  /** The rate in force on `date`: the one with the latest `from` ≤ date; undefined when none. */
  rateOn(currency: string, date: DateString): Decimal | undefined {
    if (currency === this.corporateCurrency) return ONE;
    const dated = this.byCurrency.get(currency);
    if (dated === undefined) return undefined;
    // Binary search for the last `from` ≤ date (dates compare correctly as text).
    let low = 0;
    let high = dated.from.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (dated.from[middle]! <= date) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? undefined : dated.rate[low - 1];
  }

  /** The currency lacking a rate on `date` for converting `from` into `to`, or undefined when both have one. */
  missingRate(from: string, to: string, date: DateString): string | undefined {
    if (from === to) return undefined;
    if (this.rateOn(to, date) === undefined) return to;
    if (this.rateOn(from, date) === undefined) return from;
    return undefined;
  }

  /**
   * `amount` in `from` currency expressed in `to` currency on `date`: `amount × rate(to) / rate(from)`,
   * exactly (a fraction when the division does not come out whole, never a truncated quotient).
   * Returns the currency lacking a rate when one is missing.
   */
  convert(amount: Decimal, from: string, to: string, date: DateString): Exact | { missing: string } {
    if (from === to) return amount;
    const toRate = this.rateOn(to, date);
    if (toRate === undefined) return { missing: to };
    const fromRate = this.rateOn(from, date);
    if (fromRate === undefined) return { missing: from };
    return multiplyDivide(amount, toRate, fromRate);
  }
}
