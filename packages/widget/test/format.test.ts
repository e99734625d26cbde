import {
  addDecimalText,
  compareDecimalText,
  maxDecimalText,
  multiplyDecimalText,
  subtractDecimalText,
  sumDecimalText,
} from '@attain/engine/decimal-text';
import { describe, expect, it } from 'vitest';
import { Formatter, parseAmount } from '../src/format.js';

describe('money through Intl, from decimal text', () => {
  it('formats amounts exactly, beyond what a double holds', () => {
    const usd = new Formatter('en-US', 'USD');
    expect(usd.money('12345678901234567.89')).toBe('$12,345,678,901,234,567.89');
    expect(usd.money('0.1')).toBe('$0.10');
    expect(usd.moneyChange('250')).toBe('+$250.00');
    expect(usd.moneyChange('-80.5')).toBe('-$80.50');
  });

  it("uses the currency's minor units and the locale's separators", () => {
    expect(new Formatter('ja-JP', 'JPY').money('1500')).toBe('￥1,500');
    expect(new Formatter('de-DE', 'EUR').money('1234.5')).toBe('1.234,50\u00a0€');
  });

  it('shows rates and attainment as percentages of a fraction', () => {
    const format = new Formatter('en-US', 'USD');
    expect(format.rate('0.085')).toBe('8.5%');
    expect(format.rate('0.08')).toBe('8%');
    expect(format.attainment('0.8234')).toBe('82.3%');
  });

  it('names periods in the locale, and a calendar date is the same day everywhere', () => {
    const format = new Formatter('en-US', 'USD');
    expect(format.period('2026-02')).toBe('February 2026');
    expect(format.period('2026-Q1')).toBe('Jan – Mar 2026');
    expect(format.period('2026')).toBe('2026');
    expect(format.date('2026-03-31')).toBe('Mar 31, 2026');
    expect(new Formatter('fr-FR', 'EUR').period('2026-02')).toBe('février 2026');
  });
});

describe('amounts typed by people', () => {
  it('reads group and decimal marks of the locale', () => {
    expect(parseAmount('25,000.50', 'en-US')).toBe('25000.50');
    expect(parseAmount('25.000,50', 'de-DE')).toBe('25000.50');
    expect(parseAmount('25 000,5', 'fr-FR')).toBe('25000.5');
    expect(parseAmount(' 1200 ', 'en-US')).toBe('1200');
  });

  it('refuses what is not a plain non-negative amount', () => {
    expect(parseAmount('', 'en-US')).toBeNull();
    expect(parseAmount('-5', 'en-US')).toBeNull();
    expect(parseAmount('12abc', 'en-US')).toBeNull();
    expect(parseAmount('1e5', 'en-US')).toBeNull();
  });
});

describe('exact decimal text arithmetic (the engine’s decimal-text module, in the browser)', () => {
  it('adds, subtracts and multiplies without binary floats', () => {
    expect(addDecimalText('0.1', '0.2')).toBe('0.3');
    expect(subtractDecimalText('150000', '123456.78')).toBe('26543.22');
    expect(multiplyDecimalText('1.25', '150000.00')).toBe('187500.0000');
    expect(subtractDecimalText('0.05', '0.08')).toBe('-0.03');
    expect(sumDecimalText(['960.00', '250', '-10.5'])).toBe('1199.50');
  });

  it('compares across scales', () => {
    expect(compareDecimalText('1.50', '1.5')).toBe(0);
    expect(compareDecimalText('99999999999999999999.01', '99999999999999999999')).toBe(1);
    expect(maxDecimalText('-1', '-1.5')).toBe('-1');
  });
});
