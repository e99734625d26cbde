import type { Credit } from '../credit/credit.js';
import { Decimal, toFixedDigits, unitsToText } from '../money/decimal.js';
import { type Exact, roundProductUnits, roundRatioUnits } from '../money/exact.js';
import { groupDecimalText } from '../money/money.js';
import { roundHalfAwayFromZero, roundUnitsHalfAwayFromZero } from '../money/rounding.js';
import type { Line } from '../types.js';

/**
 * Builds a statement's lines. Each line's amount is rounded once, from its exact value (§3.11);
 * the writer keeps the rounded amounts as integer minor units so sums and caps stay exact.
 * Lines are written as single object literals with keys in output-document order.
 */
export class LineWriter {
  readonly lines: Line[] = [];
  /** Sum of every line so far, in minor units. */
  total = 0n;

  constructor(
    readonly currency: string,
    readonly minorUnits: number,
  ) {}

  /** Output money text of a value: rounded half away from zero, exactly the currency's minor units. */
  money(value: Exact): string {
    const units =
      value instanceof Decimal
        ? roundUnitsHalfAwayFromZero(value.units, value.scale, this.minorUnits)
        : roundRatioUnits(value, this.minorUnits);
    return unitsToText(units, this.minorUnits);
  }

  /** A credit's credited amount as money text, formatted once however many lines use it. */
  creditedText(credit: Credit): string {
    let text = credit.creditedText;
    if (text === undefined) {
      text = this.money(credit.credited);
      credit.creditedText = text;
    }
    return text;
  }

  /**
   * A commission line: `amount = base × rate`, explained as `<base> × <rate%><tail>`.
   * `base` is the credit's whole credited amount unless a piece of it is given.
   * Returns the rounded amount in minor units.
   */
  commission(
    credit: Credit,
    componentId: string,
    tier: number | undefined,
    piece: Exact | undefined,
    rate: Decimal,
    rateText: string,
    ratePercent: string,
    tail: string,
  ): bigint {
    const base = piece ?? credit.credited;
    // Rounded once, from the exact product (a fraction when the base went through a conversion).
    const amount =
      base instanceof Decimal
        ? roundUnitsHalfAwayFromZero(base.units * rate.units, base.scale + rate.scale, this.minorUnits)
        : roundProductUnits(base, rate, this.minorUnits);
    const baseText = piece === undefined ? this.creditedText(credit) : this.money(piece);
    const explain = `${groupDecimalText(baseText)} × ${ratePercent}${tail}`;
    const amountText = unitsToText(amount, this.minorUnits);
    this.lines.push(
      tier === undefined
        ? {
            dealId: credit.dealId,
            componentId,
            kind: 'commission',
            base: baseText,
            rate: rateText,
            amount: amountText,
            explain,
          }
        : {
            dealId: credit.dealId,
            componentId,
            kind: 'commission',
            tier,
            base: baseText,
            rate: rateText,
            amount: amountText,
            explain,
          },
    );
    this.total += amount;
    return amount;
  }

  /** A per-deal bonus line: `amount = bonus × share`, with base = the bonus and rate = the share. */
  dealBonus(
    credit: Credit,
    componentId: string,
    bonus: Decimal,
    bonusText: string,
    shareText: string,
    explain: string,
  ): bigint {
    const share = credit.share;
    const amount = roundUnitsHalfAwayFromZero(bonus.units * share.units, bonus.scale + share.scale, this.minorUnits);
    this.lines.push({
      dealId: credit.dealId,
      componentId,
      kind: 'bonus',
      base: bonusText,
      rate: shareText,
      amount: unitsToText(amount, this.minorUnits),
      explain,
    });
    this.total += amount;
    return amount;
  }

  /** A line with a fixed amount and no deal, base or rate (period bonus, caps). Returns its minor units. */
  fixed(componentId: string | undefined, kind: 'bonus' | 'cap', amount: Decimal, explain: string): bigint {
    const rounded = roundHalfAwayFromZero(amount, this.minorUnits);
    const amountText = toFixedDigits(rounded);
    this.lines.push(
      componentId === undefined
        ? { kind, amount: amountText, explain }
        : { componentId, kind, amount: amountText, explain },
    );
    this.total += rounded.units;
    return rounded.units;
  }
}
