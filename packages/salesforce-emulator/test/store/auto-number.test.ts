import { describe, expect, it } from 'vitest';
import { compileDisplayFormat } from '../../src/store/auto-number.js';

describe('auto-number display formats', () => {
  const now = () => new Date('2026-03-05T23:59:00.000Z');

  it('pads the counter to the braces’ width and keeps the text around it', () => {
    expect(compileDisplayFormat('COM-{00000000}')(1, now)).toBe('COM-00000001');
    expect(compileDisplayFormat('{0}')(42, now)).toBe('42');
    expect(compileDisplayFormat('S{000}X')(12345, now)).toBe('S12345X');
  });

  it('fills the date tokens from the clock (UTC)', () => {
    expect(compileDisplayFormat('INV-{YYYY}{MM}{DD}-{0000}')(7, now)).toBe('INV-20260305-0007');
    expect(compileDisplayFormat('{YY}/{0}/{MM}')(3, now)).toBe('26/3/03');
  });
});
