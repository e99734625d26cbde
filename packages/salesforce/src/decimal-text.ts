/**
 * Salesforce's REST JSON carries numbers as JSON numbers, which a JSON parser turns into binary
 * floats; Bulk API CSV carries text. Either way the worker only ever passes decimal *text* on: a
 * float is read back through its shortest round-trip text (what Salesforce sent for any value with
 * ≤ 15 significant digits, which covers every currency field), never through arithmetic.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;
const EXPONENT = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i;

/** `1.5e-7` → `0.00000015`, `1e+21` → `1000000000000000000000`: shifts the decimal point in the text. */
function expandExponent(text: string): string | null {
  const match = EXPONENT.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = '', exponentText] = match;
  const digits = `${whole}${fraction}`;
  const point = whole!.length + Number(exponentText);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = `${digits}${'0'.repeat(point - digits.length)}`;
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return `${sign}${out}`;
}

/**
 * The decimal text of a Salesforce numeric value, or null when it is absent or not a finite number.
 * Strings are accepted as they are when they are plain decimals (`"12000.50"`) or in exponent form.
 */
export function decimalText(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = String(value);
    return DECIMAL.test(text) ? text : expandExponent(text);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (DECIMAL.test(text)) return text;
    return expandExponent(text);
  }
  return null;
}

/** True for decimal text equal to zero (`0`, `-0.00`). */
export function isZeroText(text: string): boolean {
  return /^-?0+(\.0+)?$/.test(text);
}

/** True for decimal text below zero (`-0.01`); `-0` is not. */
export function isNegativeText(text: string): boolean {
  return text.startsWith('-') && !isZeroText(text);
}
