/**
 * JSON numbers in Decimal positions are read through their shortest decimal text (`0.1` is `"0.1"`):
 * JavaScript's `String(n)` gives that text, but switches to exponent form outside [1e-7, 1e21),
 * so the exponent is expanded here into plain digits.
 */
export function numberToDecimalText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Position of the decimal point after the first digit, moved by the exponent.
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  return (negative ? '-' : '') + digitsWithPoint(digits, point);
}

/**
 * `digits` with the decimal point placed `point` digits from their start (before them when ≤ 0,
 * zeros appended when past their end): ('15', -6) → `0.00000015`, ('1', 3) → `100`, ('125', 1) → `1.25`.
 */
export function digitsWithPoint(digits: string, point: number): string {
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
