import { describe, expect, it } from 'vitest';
import { compareIds } from '../src/compare-ids.js';

describe('compareIds', () => {
  it('orders ids by code unit, as Salesforce does: digits, then upper case, then lower case', () => {
    const ids = ['00k000000000007a', '00k000000000007Z', '00k0000000000070', '00k000000000007A', '00k000000000007z'];
    expect([...ids].sort(compareIds)).toEqual([
      '00k0000000000070',
      '00k000000000007A',
      '00k000000000007Z',
      '00k000000000007a',
      '00k000000000007z',
    ]);
  });

  it('is a total order: equal only for equal text, antisymmetric', () => {
    expect(compareIds('005A', '005A')).toBe(0);
    expect(compareIds('005Z', '005a')).toBeLessThan(0);
    expect(compareIds('005a', '005Z')).toBeGreaterThan(0);
    expect(compareIds('005', '005A')).toBeLessThan(0);
  });
});
