import { describe, expect, it } from 'vitest';
import {
  currencyMinorUnits,
  formatMoney,
  formatMoneyForReading,
  formatMoneyText,
  formatPercent,
  isCurrencyCode,
  parseDecimal,
  roundHalfAwayFromZero,
  roundQuotientHalfAwayFromZero,
  roundToCurrency,
  roundTowardZero,
  sumMoneyText,
  toFixedDigits,
} from '../../src/index.js';

const d = parseDecimal;

describe('roundHalfAwayFromZero', () => {
  it.each([
    ['0.125', 2, '0.13'],
    ['-0.125', 2, '-0.13'],
    ['0.124999', 2, '0.12'],
    ['-0.124999', 2, '-0.12'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['0.0005', 3, '0.001'],
    ['-0.004', 2, '0.00'],
    ['7', 2, '7.00'],
    ['1.23', 2, '1.23'],
  ])('%s to %i decimals is %s', (value, scale, expected) => {
    expect(toFixedDigits(roundHalfAwayFromZero(d(value), scale))).toBe(expected);
  });
});

describe('roundTowardZero', () => {
  it.each([
    ['0.129', 2, '0.12'],
    ['-0.129', 2, '-0.12'],
    ['99.999', 2, '99.99'],
    ['5', 1, '5.0'],
  ])('%s to %i decimals is %s', (value, scale, expected) => {
    expect(toFixedDigits(roundTowardZero(d(value), scale))).toBe(expected);
  });
});

describe('roundQuotientHalfAwayFromZero', () => {
  it('decides on the exact remainder', () => {
    expect(toFixedDigits(roundQuotientHalfAwayFromZero(d('12345'), d('100000'), 4))).toBe('0.1235');
    expect(toFixedDigits(roundQuotientHalfAwayFromZero(d('2'), d('3'), 4))).toBe('0.6667');
    expect(toFixedDigits(roundQuotientHalfAwayFromZero(d('-1'), d('8'), 2))).toBe('-0.13');
    expect(toFixedDigits(roundQuotientHalfAwayFromZero(d('1'), d('-8'), 2))).toBe('-0.13');
    // 0.00005 exactly → half → away from zero.
    expect(toFixedDigits(roundQuotientHalfAwayFromZero(d('1'), d('20000'), 4))).toBe('0.0001');
    expect(() => roundQuotientHalfAwayFromZero(d('1'), d('0'), 4)).toThrow(RangeError);
  });
});

describe('currencies and money text', () => {
  it('minor units follow plan-language v1: 0, 3, or 2 for every other code', () => {
    expect(['JPY', 'KRW', 'UYI', 'XAF', 'CLP'].map(currencyMinorUnits)).toEqual([0, 0, 0, 0, 0]);
    expect(['BHD', 'KWD', 'TND', 'OMR'].map(currencyMinorUnits)).toEqual([3, 3, 3, 3]);
    expect(['USD', 'EUR', 'CLF', 'XAU'].map(currencyMinorUnits)).toEqual([2, 2, 2, 2]);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('ABC')).toBe(false);
    expect(() => currencyMinorUnits('ABC')).toThrow(RangeError);
  });

  it('rounds and formats money to the currency', () => {
    expect(toFixedDigits(roundToCurrency(d('2.5'), 'JPY'))).toBe('3');
    expect(formatMoney(d('0.0125'), 'BHD')).toBe('0.013');
    expect(formatMoney(d('12000'), 'USD')).toBe('12000.00');
    expect(formatMoneyText('-0.125', 'EUR')).toBe('-0.13');
    expect(sumMoneyText(['0.1', '0.2', '1.005'], 'USD')).toBe('1.31');
  });

  it('reads money and percentages the way reps do', () => {
    expect(formatMoneyForReading(d('1234567.891'), 'USD')).toBe('1,234,567.89');
    expect(formatMoneyForReading(d('-999.5'), 'JPY')).toBe('-1,000');
    expect(formatMoneyForReading(d('100'), 'USD')).toBe('100.00');
    expect(formatPercent(d('0.08'))).toBe('8%');
    expect(formatPercent(d('0.085'))).toBe('8.5%');
    expect(formatPercent(d('1.5'))).toBe('150%');
    expect(formatPercent(d('12.3456'))).toBe('1,234.56%');
  });
});
