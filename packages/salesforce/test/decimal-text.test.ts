import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalText, isNegativeText, isZeroText } from '../src/decimal-text.js';

describe('decimalText', () => {
  it('reads JSON numbers through their shortest text, without arithmetic', () => {
    expect(decimalText(12000)).toBe('12000');
    expect(decimalText(1234.5)).toBe('1234.5');
    expect(decimalText(0.1)).toBe('0.1');
    expect(decimalText(-0.07)).toBe('-0.07');
    expect(decimalText(1e21)).toBe('1000000000000000000000');
    expect(decimalText(1.5e-7)).toBe('0.00000015');
    expect(decimalText(-2.5e-8)).toBe('-0.000000025');
    expect(decimalText(123456789012.34)).toBe('123456789012.34');
  });
  it('passes decimal text through and refuses everything else', () => {
    expect(decimalText('12000.50')).toBe('12000.50');
    expect(decimalText(' 7 ')).toBe('7');
    expect(decimalText('1.25E3')).toBe('1250');
    expect(decimalText('12,000')).toBeNull();
    expect(decimalText('')).toBeNull();
    expect(decimalText(null)).toBeNull();
    expect(decimalText(undefined)).toBeNull();
    expect(decimalText(Number.NaN)).toBeNull();
    expect(decimalText(Number.POSITIVE_INFINITY)).toBeNull();
    expect(decimalText(true)).toBeNull();
  });
  it('gives back the same number for any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = decimalText(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
  it('knows zero and negative text', () => {
    expect(isZeroText('-0.00')).toBe(true);
    expect(isZeroText('0.01')).toBe(false);
    expect(isNegativeText('-0')).toBe(false);
    expect(isNegativeText('-0.01')).toBe(true);
  });
});
