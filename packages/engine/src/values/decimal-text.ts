/**
 * Decimal text — exact decimals carried as strings (`"12000.50"`, `"-0.085"`) — in one module for
 * all of Attain: the engine's validators read Decimal positions with it, the Salesforce adapter and
 * the worker read Salesforce's numbers with it, and the widget does its few sums with it. It has no
 * side effect and imports only the Decimal core, so a browser bundle can take it alone
 * (`@attain/engine/decimal-text`) without the rest of the engine.
 */
import { add, compare, isDecimalText, multiply, parseDecimal, subtract, toFixedDigits } from '../money/decimal.js';
import { digitsWithPoint, numberToDecimalText } from './number-text.js';

export { isDecimalText, numberToDecimalText };

/**
 * A Decimal position's JSON value as decimal text: strings must match `^-?\d+(\.\d+)?$`, numbers are
 * read through their shortest text. Anything else is undefined (not a decimal).
 */
export function toDecimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return isDecimalText(value) ? value : undefined;
  if (typeof value === 'number') return numberToDecimalText(value);
  return undefined;
}

const EXPONENT_TEXT = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i;

/**
 * The decimal text of a number from outside (Salesforce's REST JSON carries numbers as JSON numbers,
 * Bulk API CSV as text), or null when it is absent or not a finite number. A JSON number is read
 * through its shortest round-trip text (what Salesforce sent for any value of ≤ 15 significant
 * digits, which covers every currency field), never through arithmetic; text is taken as it is when
 * it is a plain decimal (surrounding spaces ignored), and in exponent form (`1.25E3`) it is written
 * out in plain digits (`1250`).
 */
export function readDecimalText(value: unknown): string | null {
  if (typeof value === 'number') return numberToDecimalText(value) ?? null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (isDecimalText(text)) return text;
  const match = EXPONENT_TEXT.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = '', exponent] = match;
  let plain = digitsWithPoint(whole + fraction, whole.length + Number(exponent)).replace(/^0+(?=\d)/, '');
  if (plain.includes('.')) plain = plain.replace(/\.?0+$/, '');
  return sign + plain;
}

/** True for decimal text equal to zero (`0`, `-0.00`). */
export function isZeroText(text: string): boolean {
  return /^-?0+(\.0+)?$/.test(text);
}

/** True for decimal text below zero (`-0.01`); `-0` is not. */
export function isNegativeText(text: string): boolean {
  return text.startsWith('-') && !isZeroText(text);
}

/*
 * Exact arithmetic on decimal text, for the few figures derived outside the engine (a widget's sums,
 * the amount left to a tier). Sums keep the larger number of decimals and products the sum of both
 * (`1.25 × 150000.00 = 187500.0000`): nothing is rounded. Each throws a RangeError on text that is
 * not a decimal.
 */

export function addDecimalText(a: string, b: string): string {
  return toFixedDigits(add(parseDecimal(a), parseDecimal(b)));
}

export function subtractDecimalText(a: string, b: string): string {
  return toFixedDigits(subtract(parseDecimal(a), parseDecimal(b)));
}

export function multiplyDecimalText(a: string, b: string): string {
  return toFixedDigits(multiply(parseDecimal(a), parseDecimal(b)));
}

/** -1, 0 or 1; `1.50` equals `1.5`. */
export function compareDecimalText(a: string, b: string): -1 | 0 | 1 {
  return compare(parseDecimal(a), parseDecimal(b)) as -1 | 0 | 1;
}

/** The sum of every text; `0` for none. */
export function sumDecimalText(values: readonly string[]): string {
  return values.reduce((total, value) => addDecimalText(total, value), '0');
}

/** The larger of two; the first when they are equal. */
export function maxDecimalText(a: string, b: string): string {
  return compareDecimalText(a, b) >= 0 ? a : b;
}
