import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDecimals,
  compareDecimals,
  Decimal,
  divideDecimals,
  multiplyDecimals,
  parseDecimal,
  subtractDecimals,
  toFixedDigits,
  toPlainString,
} from '../../src/index.js';
import { parseValidDecimal } from '../../src/money/decimal.js';
import { numberToDecimalText } from '../../src/values/number-text.js';

const d = parseDecimal;
const plain = (value: Decimal) => toPlainString(value);

describe('Decimal', () => {
  it('parses plan-language decimal text exactly and refuses anything else', () => {
    expect(d('12000')).toEqual(new Decimal(12000n, 0));
    expect(d('-0.085')).toEqual(new Decimal(-85n, 3));
    expect(d('007.50')).toEqual(new Decimal(750n, 2));
    for (const bad of ['1e3', '.5', '5.', '+1', '1,000', '', ' 1', 'NaN']) expect(() => d(bad)).toThrow(RangeError);
  });

  it('adds, subtracts and multiplies exactly across scales', () => {
    expect(plain(addDecimals(d('0.1'), d('0.2')))).toBe('0.3');
    expect(plain(subtractDecimals(d('1'), d('0.999')))).toBe('0.001');
    expect(plain(multiplyDecimals(d('12345.67'), d('0.085')))).toBe('1049.38195');
    expect(plain(multiplyDecimals(d('-2.5'), d('-4')))).toBe('10');
  });

  it('compares numerically whatever the scale', () => {
    expect(compareDecimals(d('1.50'), d('1.5'))).toBe(0);
    expect(compareDecimals(d('-0.01'), d('0'))).toBe(-1);
    expect(compareDecimals(d('100'), d('99.999'))).toBe(1);
  });

  it('divides exactly when the quotient terminates', () => {
    expect(plain(divideDecimals(d('10000'), d('0.8')))).toBe('12500');
    expect(plain(divideDecimals(d('1'), d('3.2')))).toBe('0.3125');
    expect(plain(divideDecimals(d('0'), d('7')))).toBe('0');
    expect(() => divideDecimals(d('1'), d('0'))).toThrow(RangeError);
  });

  it('carries a non-terminating quotient to at least 34 significant digits, truncated', () => {
    const third = divideDecimals(d('1'), d('3'));
    const digits = plain(third).replace('0.', '');
    expect(digits).toMatch(/^3{40,42}$/);
    const big = divideDecimals(d('123456789012'), d('0.9'));
    expect(plain(big).replace('.', '').replace(/^0+/, '').length).toBeGreaterThanOrEqual(34);
    expect(plain(divideDecimals(d('-2'), d('3')))).toMatch(/^-0\.6{40,42}$/); // truncation toward zero, never rounded up
  });

  it('prints plain text: no exponent, no trailing fractional zeros; or fixed digits at its own scale', () => {
    expect(plain(d('0.0800'))).toBe('0.08');
    expect(plain(d('1.000'))).toBe('1');
    expect(plain(d('-0.000'))).toBe('0');
    expect(toFixedDigits(new Decimal(5n, 3))).toBe('0.005');
    expect(toFixedDigits(new Decimal(-5n, 2))).toBe('-0.05');
    expect(toFixedDigits(new Decimal(1234500n, 2))).toBe('12345.00');
  });
});

describe('JSON numbers through their shortest text', () => {
  it('reads a float as the decimal its shortest text names, expanding exponents', () => {
    expect(numberToDecimalText(0.1)).toBe('0.1');
    expect(numberToDecimalText(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(numberToDecimalText(12000)).toBe('12000');
    expect(numberToDecimalText(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimalText(1.5e-7)).toBe('0.00000015');
    expect(numberToDecimalText(-2.5e-8)).toBe('-0.000000025');
    expect(numberToDecimalText(1.234e25)).toBe('12340000000000000000000000');
    expect(numberToDecimalText(-0)).toBe('0');
    expect(numberToDecimalText(Number.NaN)).toBeUndefined();
  });
});

describe('parseValidDecimal fast path (short texts read through an exact integer number)', () => {
  /** The reference reading: all digits as one BigInt, scale = digits after the dot. */
  function reference(text: string): { units: bigint; scale: number } {
    const dot = text.indexOf('.');
    return dot < 0
      ? { units: BigInt(text), scale: 0 }
      : { units: BigInt(text.slice(0, dot) + text.slice(dot + 1)), scale: text.length - dot - 1 };
  }

  it('reads every decimal text like the BigInt reference, around the 15-character limit too', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom('0', '1', '5', '9'), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const decimalText = fc
      .tuple(fc.boolean(), digits(1, 18), fc.option(digits(1, 18), { nil: undefined }))
      .map(
        ([negative, whole, fraction]) =>
          `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
      );
    fc.assert(
      fc.property(decimalText, (text) => {
        const parsed = parseValidDecimal(text);
        expect({ units: parsed.units, scale: parsed.scale }).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['999999999999999', '-99999999999999', '9999999999999.99', '9999999999999999', '-0.00', '0'])
      expect(parseValidDecimal(text)).toEqual(new Decimal(reference(text).units, reference(text).scale));
  });
});
