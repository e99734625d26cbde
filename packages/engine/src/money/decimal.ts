/**
 * The engine's exact number: an integer count of `10^-scale` units, carried as a BigInt.
 *
 * Addition, subtraction and multiplication are exact (scales add up under multiplication). Only
 * division can be inexact; it is carried to {@link DIVISION_SIGNIFICANT_DIGITS} significant digits
 * and truncated, so a quotient that terminates within that many digits is exact, and one that does
 * not is never rounded up past its true value. No binary floating point is involved anywhere.
 */
export class Decimal {
  /** Value = `units × 10^-scale`; `scale` is a non-negative integer. */
  constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}
}

/** Plan-language v1 asks for at least 34; a few more keep chained operations clear of that floor. */
export const DIVISION_SIGNIFICANT_DIGITS = 40;

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export const ZERO = new Decimal(0n, 0);
export const ONE = new Decimal(1n, 0);

const POWERS_OF_TEN: bigint[] = [1n];

/** 10^n as a BigInt, cached. */
export function pow10(n: number): bigint {
  for (let i = POWERS_OF_TEN.length; i <= n; i++) POWERS_OF_TEN.push(POWERS_OF_TEN[i - 1]! * 10n);
  return POWERS_OF_TEN[n]!;
}

/** True when `text` has plan-language Decimal syntax (`^-?\d+(\.\d+)?$`). */
export function isDecimalText(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL_TEXT.test(text);
}

/** Reads a Decimal string. Throws a RangeError on anything but `^-?\d+(\.\d+)?$`. */
export function parseDecimal(text: string): Decimal {
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`${JSON.stringify(text)} is not a decimal`);
  return parseValidDecimal(text);
}

/**
 * Texts up to this long (sign and dot included) hold at most 15 digits, so their units are below
 * 10^15 < 2^53 and a JavaScript number holds them exactly, digit by digit: no rounding can happen.
 */
const SAFE_DIGITS_TEXT_LENGTH = 15;

/**
 * {@link parseDecimal} without the syntax check, for text the validator has already accepted.
 * Short texts (nearly every amount) are read digit by digit into an exact integer number and turned
 * into a BigInt once, which is about twice as fast as building a digit string for `BigInt()`.
 */
export function parseValidDecimal(text: string): Decimal {
  const length = text.length;
  if (length > SAFE_DIGITS_TEXT_LENGTH) return parseLongDecimal(text);
  const negative = text.charCodeAt(0) === 45;
  let units = 0;
  let scale = 0;
  for (let index = negative ? 1 : 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46) scale = length - index - 1;
    else units = units * 10 + (code - 48);
  }
  return new Decimal(BigInt(negative ? -units : units), scale);
}

function parseLongDecimal(text: string): Decimal {
  const dot = text.indexOf('.');
  if (dot < 0) return new Decimal(BigInt(text), 0);
  return new Decimal(BigInt(text.slice(0, dot) + text.slice(dot + 1)), text.length - dot - 1);
}

export function decimalFromBigInt(value: bigint): Decimal {
  return new Decimal(value, 0);
}

/** `value`'s units expressed at a larger `scale`. */
function unitsAt(value: Decimal, scale: number): bigint {
  return value.scale === scale ? value.units : value.units * pow10(scale - value.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  if (a.scale === b.scale) return new Decimal(a.units + b.units, a.scale);
  if (a.scale > b.scale) return new Decimal(a.units + unitsAt(b, a.scale), a.scale);
  return new Decimal(unitsAt(a, b.scale) + b.units, b.scale);
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  if (a.scale === b.scale) return new Decimal(a.units - b.units, a.scale);
  if (a.scale > b.scale) return new Decimal(a.units - unitsAt(b, a.scale), a.scale);
  return new Decimal(unitsAt(a, b.scale) - b.units, b.scale);
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return new Decimal(a.units * b.units, a.scale + b.scale);
}

export function negate(a: Decimal): Decimal {
  return new Decimal(-a.units, a.scale);
}

/** -1, 0 or 1. */
export function compare(a: Decimal, b: Decimal): number {
  let x: bigint;
  let y: bigint;
  if (a.scale === b.scale) {
    x = a.units;
    y = b.units;
  } else if (a.scale > b.scale) {
    x = a.units;
    y = unitsAt(b, a.scale);
  } else {
    x = unitsAt(a, b.scale);
    y = b.units;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n;
}

export function isNegative(a: Decimal): boolean {
  return a.units < 0n;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) >= 0 ? a : b;
}

function digitCount(value: bigint): number {
  return (value < 0n ? -value : value).toString().length;
}

/**
 * `a / b` truncated toward zero after at least {@link DIVISION_SIGNIFICANT_DIGITS} significant digits.
 * An exact quotient comes back exact, with trailing zeros dropped. Throws a RangeError when `b` is zero.
 */
export function divide(a: Decimal, b: Decimal, significantDigits = DIVISION_SIGNIFICANT_DIGITS): Decimal {
  if (b.units === 0n) throw new RangeError('division by zero');
  if (a.units === 0n) return ZERO;
  // q = a.units·10^shift / b.units has scale a.scale + shift − b.scale and ≥ significantDigits digits.
  const shift = Math.max(0, significantDigits + 1 + digitCount(b.units) - digitCount(a.units), b.scale - a.scale);
  const numerator = a.units * pow10(shift);
  const quotient = numerator / b.units;
  const scale = a.scale + shift - b.scale;
  if (quotient * b.units !== numerator) return new Decimal(quotient, scale);
  return stripTrailingZeros(new Decimal(quotient, scale));
}

/** The same value with the smallest scale that represents it. */
export function stripTrailingZeros(a: Decimal): Decimal {
  if (a.scale === 0) return a;
  if (a.units === 0n) return ZERO;
  const text = a.units.toString();
  let zeros = 0;
  while (zeros < a.scale && text.charCodeAt(text.length - 1 - zeros) === 48) zeros++;
  return zeros === 0 ? a : new Decimal(a.units / pow10(zeros), a.scale - zeros);
}

/** Plain decimal text with no exponent and no trailing fractional zeros: `0.08`, `12000`, `-0.5`. */
export function toPlainString(a: Decimal): string {
  return toFixedDigits(stripTrailingZeros(a));
}

/** The value's text with exactly `a.scale` decimals (no rounding: the scale is the value's own). */
export function toFixedDigits(a: Decimal): string {
  return unitsToText(a.units, a.scale);
}

/** `units × 10^-scale` as text with exactly `scale` decimals: (12345n, 2) → `123.45`, (-5n, 2) → `-0.05`. */
export function unitsToText(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  const padded = digits.length > scale ? digits : '0'.repeat(scale - digits.length + 1) + digits;
  const cut = padded.length - scale;
  return `${sign}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}
