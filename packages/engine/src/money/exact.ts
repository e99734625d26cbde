import { Decimal, pow10 } from './decimal.js';

/**
 * An exact fraction `num / den` (BigInt, `den > 0`), for amounts that went through a currency
 * conversion: `amount × rate(plan) / rate(deal)` rarely terminates, and truncating it would let a
 * line round the wrong way (52,370.84 / 0.92 × 11.5 % is 6,546.355 exactly → 6,546.36, while a
 * quotient cut after 40 digits gives 6,546.354999… → 6,546.35). A credit carries its converted
 * amount as a Ratio through quota positions, tier cuts and rates, and the line rounds it once.
 *
 * Amounts that need no division stay {@link Decimal}s (the common, fast case); every function here
 * takes either and returns a Decimal whenever both operands are Decimals.
 */
export class Ratio {
  /** The denominator, `core × 10^pow`. */
  readonly den: bigint;

  constructor(
    readonly num: bigint,
    /** The non-decimal part of the denominator (> 0): a deal rate's units, or a product of a few. */
    readonly core: bigint,
    /** The power of ten in the denominator (the scale the numerator is written at). */
    readonly pow: number,
  ) {
    this.den = core * pow10(pow);
  }
}

/*
 * The denominator is kept as `core × 10^pow` rather than in lowest terms: adding a Decimal (or a Ratio
 * with the same rate) then only rescales by powers of ten, with no gcd, which keeps a statement whose
 * positions hold a converted credit nearly as cheap as one in a single currency.
 */

/** A money quantity inside the engine: a Decimal, or a Ratio when a conversion is involved. */
export type Exact = Decimal | Ratio;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** `a × b / c` exactly (c ≠ 0): the conversion `amount × rate(to) / rate(from)`. */
export function multiplyDivide(a: Decimal, b: Decimal, c: Decimal): Exact {
  if (c.units === 0n) throw new RangeError('division by zero');
  // (a.u·10^-a.s)(b.u·10^-b.s) / (c.u·10^-c.s) = a.u·b.u·10^c.s / (c.u·10^(a.s+b.s))
  let num = a.units * b.units * pow10(c.scale);
  let core = c.units;
  if (core < 0n) {
    num = -num;
    core = -core;
  }
  const pow = a.scale + b.scale;
  return core === 1n ? new Decimal(num, pow) : new Ratio(num, core, pow);
}

/** `r`'s numerator written at a larger power of ten. */
function numAt(r: Ratio, pow: number): bigint {
  return r.pow === pow ? r.num : r.num * pow10(pow - r.pow);
}

function addDecimalToRatio(d: Decimal, r: Ratio): Ratio {
  if (d.scale <= r.pow) return new Ratio(r.num + d.units * r.core * pow10(r.pow - d.scale), r.core, r.pow);
  return new Ratio(numAt(r, d.scale) + d.units * r.core, r.core, d.scale);
}

function addRatios(a: Ratio, b: Ratio): Ratio {
  const pow = Math.max(a.pow, b.pow);
  const an = numAt(a, pow);
  const bn = numAt(b, pow);
  if (a.core === b.core) return new Ratio(an + bn, a.core, pow);
  if (a.core % b.core === 0n) return new Ratio(an + bn * (a.core / b.core), a.core, pow);
  if (b.core % a.core === 0n) return new Ratio(an * (b.core / a.core) + bn, b.core, pow);
  const g = gcd(a.core, b.core);
  const core = (a.core / g) * b.core;
  return new Ratio(an * (core / a.core) + bn * (core / b.core), core, pow);
}

export function addExact(a: Exact, b: Exact): Exact {
  if (a instanceof Decimal) {
    if (b instanceof Decimal) {
      if (a.scale === b.scale) return new Decimal(a.units + b.units, a.scale);
      if (a.scale > b.scale) return new Decimal(a.units + b.units * pow10(a.scale - b.scale), a.scale);
      return new Decimal(a.units * pow10(b.scale - a.scale) + b.units, b.scale);
    }
    return addDecimalToRatio(a, b);
  }
  return b instanceof Decimal ? addDecimalToRatio(b, a) : addRatios(a, b);
}

export function subtractExact(a: Exact, b: Exact): Exact {
  if (b instanceof Decimal) return addExact(a, new Decimal(-b.units, b.scale));
  return addExact(a, new Ratio(-b.num, b.core, b.pow));
}

/** -1, 0 or 1. */
export function compareExact(a: Exact, b: Exact): number {
  let x: bigint;
  let y: bigint;
  if (a instanceof Decimal && b instanceof Decimal) {
    if (a.scale === b.scale) {
      x = a.units;
      y = b.units;
    } else if (a.scale > b.scale) {
      x = a.units;
      y = b.units * pow10(a.scale - b.scale);
    } else {
      x = a.units * pow10(b.scale - a.scale);
      y = b.units;
    }
  } else if (a instanceof Decimal) {
    const r = b as Ratio;
    x = a.units * r.den;
    y = r.num * pow10(a.scale);
  } else if (b instanceof Decimal) {
    x = a.num * pow10(b.scale);
    y = b.units * a.den;
  } else {
    x = a.num * b.den;
    y = b.num * a.den;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a × rate`, exactly. */
export function multiplyExact(a: Exact, rate: Decimal): Exact {
  if (a instanceof Decimal) return new Decimal(a.units * rate.units, a.scale + rate.scale);
  return new Ratio(a.num * rate.units, a.core, a.pow + rate.scale);
}

function numOf(a: Exact): bigint {
  return a instanceof Decimal ? a.units : a.num;
}

function denOf(a: Exact): bigint {
  return a instanceof Decimal ? pow10(a.scale) : a.den;
}

/** `num / den` (den > 0) rounded half away from zero to an integer. */
function roundDivision(num: bigint, den: bigint): bigint {
  const quotient = num / den;
  const remainder = num - quotient * den;
  const twice = remainder < 0n ? -remainder * 2n : remainder * 2n;
  if (twice >= den) return num < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

/** The units of `a × rate` at `scale` decimals, rounded half away from zero from the exact value. */
export function roundProductUnits(a: Ratio, rate: Decimal, scale: number): bigint {
  return roundDivision(a.num * rate.units * pow10(scale), a.den * pow10(rate.scale));
}

/** `a` at `scale` decimals, rounded half away from zero from the exact value (as units of 10^-scale). */
export function roundRatioUnits(a: Ratio, scale: number): bigint {
  return roundDivision(a.num * pow10(scale), a.den);
}

/**
 * `a / b` (b ≠ 0) rounded half away from zero to `scale` decimals, decided on the exact values.
 * Attainment: `Q / quota` to 4 decimals, with Q possibly a Ratio.
 */
export function roundQuotientExact(a: Exact, b: Decimal, scale: number): Decimal {
  if (b.units === 0n) throw new RangeError('division by zero');
  // (an/ad) / (b.u·10^-b.s) · 10^scale = an·10^(b.s+scale) / (ad·b.u)
  let num = numOf(a) * pow10(b.scale + scale);
  let den = denOf(a) * b.units;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  return new Decimal(roundDivision(num, den), scale);
}

/** `a` rounded half away from zero to `scale` decimals, from its exact value. */
export function roundExact(a: Exact, scale: number): Decimal {
  if (a instanceof Decimal) {
    if (a.scale <= scale) return a.scale === scale ? a : new Decimal(a.units * pow10(scale - a.scale), scale);
    return new Decimal(roundDivision(a.units, pow10(a.scale - scale)), scale);
  }
  return new Decimal(roundRatioUnits(a, scale), scale);
}
