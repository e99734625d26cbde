import { currencyMinorUnits } from './currencies.js';
import { Decimal, multiply, parseDecimal, pow10, stripTrailingZeros, toFixedDigits } from './decimal.js';
import { roundHalfAwayFromZero } from './rounding.js';

/** `value` rounded half away from zero to the currency's minor units (plan-language v1 §1 "Rounding"). */
export function roundToCurrency(value: Decimal, currency: string): Decimal {
  return roundHalfAwayFromZero(value, currencyMinorUnits(currency));
}

/** Output form of money: rounded, with exactly the currency's minor units (`12000.00`, `3` JPY, `1.250` BHD). */
export function formatMoney(value: Decimal, currency: string): string {
  return toFixedDigits(roundToCurrency(value, currency));
}

/** {@link formatMoney} on decimal text, for callers that hold strings: `formatMoneyText('0.125', 'USD') → '0.13'`. */
export function formatMoneyText(text: string, currency: string): string {
  return formatMoney(parseDecimal(text), currency);
}

/** Adds decimal strings exactly and formats the sum as money of `currency`. */
export function sumMoneyText(texts: readonly string[], currency: string): string {
  let units = 0n;
  let scale = 0;
  for (const text of texts) {
    const value = parseDecimal(text);
    if (value.scale > scale) {
      units *= pow10(value.scale - scale);
      scale = value.scale;
    }
    units += value.units * pow10(scale - value.scale);
  }
  return formatMoney(new Decimal(units, scale), currency);
}

/** Groups an unsigned digit string by thousands: `12000` → `12,000`. */
function groupThousands(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** Money as a rep reads it: rounded to the currency, with thousands separators (`12,000.00`). */
export function formatMoneyForReading(value: Decimal, currency: string): string {
  return groupDecimalText(formatMoney(value, currency));
}

/** Adds thousands separators to plain decimal text: `-12000.5` → `-12,000.5`. */
export function groupDecimalText(text: string): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot);
  return (negative ? '-' : '') + groupThousands(whole) + fraction;
}

const HUNDRED = new Decimal(100n, 0);

/** A fraction as a percentage a rep reads, exact and without trailing zeros: `0.085` → `8.5%`, `1.5` → `150%`. */
export function formatPercent(fraction: Decimal): string {
  return `${groupDecimalText(toFixedDigits(stripTrailingZeros(multiply(fraction, HUNDRED))))}%`;
}
