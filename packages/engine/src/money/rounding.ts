import { Decimal, pow10 } from './decimal.js';

/**
 * Rounding modes, one named function each (dinero.js style). Each returns the value at exactly
 * `scale` decimals; a value that already fits is only re-expressed, never changed.
 */

const HALVES: bigint[] = [];

/** Half of 10^n for n ≥ 1 (10^n is even, so `|r| ≥ half` ⇔ `2|r| ≥ 10^n`). */
function halfOfPow10(n: number): bigint {
  let half = HALVES[n];
  if (half === undefined) {
    half = pow10(n) / 2n;
    HALVES[n] = half;
  }
  return half;
}

/** Half away from zero: `0.125 → 0.13`, `-0.125 → -0.13`, `2.5 → 3` (scale 0). Plan-language v1's rounding. */
export function roundHalfAwayFromZero(value: Decimal, scale: number): Decimal {
  if (value.scale === scale) return value;
  return new Decimal(roundUnitsHalfAwayFromZero(value.units, value.scale, scale), scale);
}

/**
 * {@link roundHalfAwayFromZero} on bare units: `units × 10^-fromScale` rounded to `toScale` decimals,
 * returned as units of `10^-toScale`. The hot paths use this to skip intermediate objects.
 */
export function roundUnitsHalfAwayFromZero(units: bigint, fromScale: number, toScale: number): bigint {
  if (fromScale <= toScale) return fromScale === toScale ? units : units * pow10(toScale - fromScale);
  const drop = fromScale - toScale;
  const divisor = pow10(drop);
  const remainder = units % divisor; // takes the dividend's sign, as BigInt division truncates toward zero
  const quotient = units / divisor;
  if (remainder === 0n) return quotient;
  const half = halfOfPow10(drop);
  if (remainder >= half) return quotient + 1n;
  if (remainder <= -half) return quotient - 1n;
  return quotient;
}

/** Toward zero (truncation): `0.129 → 0.12`, `-0.129 → -0.12`. How divisions drop their far digits. */
export function roundTowardZero(value: Decimal, scale: number): Decimal {
  if (value.scale === scale) return value;
  if (value.scale < scale) return new Decimal(value.units * pow10(scale - value.scale), scale);
  return new Decimal(value.units / pow10(value.scale - scale), scale);
}

/**
 * The exact quotient `numerator / denominator` rounded half away from zero to `scale` decimals,
 * decided on the exact remainder (no intermediate digits). Used for attainment (`Q / quota`, 4 decimals).
 */
export function roundQuotientHalfAwayFromZero(numerator: Decimal, denominator: Decimal, scale: number): Decimal {
  if (denominator.units === 0n) throw new RangeError('division by zero');
  // numerator/denominator · 10^scale = n.units · 10^(scale + d.scale − n.scale) / d.units
  const exponent = scale + denominator.scale - numerator.scale;
  let top = numerator.units;
  let bottom = denominator.units;
  if (exponent >= 0) top *= pow10(exponent);
  else bottom *= pow10(-exponent);
  if (bottom < 0n) {
    top = -top;
    bottom = -bottom;
  }
  let quotient = top / bottom;
  const remainder = top - quotient * bottom;
  const twiceRemainder = remainder < 0n ? -remainder * 2n : remainder * 2n;
  if (twiceRemainder >= bottom) quotient += top < 0n ? -1n : 1n;
  return new Decimal(quotient, scale);
}
