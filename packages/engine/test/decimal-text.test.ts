import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDecimalText,
  compareDecimalText,
  isNegativeText,
  isZeroText,
  maxDecimalText,
  multiplyDecimalText,
  readDecimalText,
  subtractDecimalText,
  sumDecimalText,
} from '../src/values/decimal-text.js';

const decimalText = readDecimalText;

describe('readDecimalText: numbers from Salesforce', () => {
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
    expect(decimalText('1.50e1')).toBe('15');
    expect(decimalText('-2.5E-3')).toBe('-0.0025');
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

describe('decimal text arithmetic', () => {
  it('adds, subtracts and multiplies exactly, keeping the decimals', () => {
    expect(addDecimalText('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimalText('150000', '123456.78')).toBe('26543.22');
    expect(multiplyDecimalText('1.25', '150000.00')).toBe('187500.0000');
    expect(subtractDecimalText('0.05', '0.08')).toBe('-0.03');
    expect(sumDecimalText(['960.00', '250', '-10.5'])).toBe('1199.50');
    expect(sumDecimalText([])).toBe('0');
  });
  it('compares by value, past what a double holds', () => {
    expect(compareDecimalText('1.50', '1.5')).toBe(0);
    expect(compareDecimalText('99999999999999999999.01', '99999999999999999999')).toBe(1);
    expect(maxDecimalText('-1', '-1.5')).toBe('-1');
  });
  it('refuses text that is not a decimal', () => {
    expect(() => addDecimalText('1e3', '1')).toThrow(RangeError);
    expect(() => compareDecimalText('12,000', '1')).toThrow(RangeError);
  });
});
