/**
 * Exact arithmetic on decimal text ("12000.50", "-0.085") over BigInt, for the few figures the widget
 * derives itself (the amount left to the next tier, sums of line amounts). Money never passes
 * through a binary float here; formatting takes the resulting text as is (see format.ts).
 */

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(text: string): Scaled {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const fraction = match[3] ?? '';
  return { units: BigInt(`${match[1]}${match[2]}${fraction}`), scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function text({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function isDecimal(value: string): boolean {
  return DECIMAL_TEXT.test(value.trim());
}

export function add(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return text({ units: rescale(x, scale) + rescale(y, scale), scale });
}

export function subtract(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return text({ units: rescale(x, scale) - rescale(y, scale), scale });
}

export function multiply(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  return text({ units: x.units * y.units, scale: x.scale + y.scale });
}

export function compare(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const difference = rescale(x, scale) - rescale(y, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function sum(values: readonly string[]): string {
  return values.reduce((total, value) => add(total, value), '0');
}

export function max(a: string, b: string): string {
  return compare(a, b) >= 0 ? a : b;
}
