import { describe, expect, it } from 'vitest';
import { isDateText, periodContaining, periodKindOf, periodRange } from '../src/index.js';

describe('dates and periods', () => {
  it('accepts only real calendar dates', () => {
    expect(['2026-01-31', '2024-02-29', '2000-02-29', '1999-12-31'].every(isDateText)).toBe(true);
    expect(
      ['2026-02-29', '1900-02-29', '2026-00-10', '2026-06-31', '2026-6-1', '2026/06/01', 20260601].some(isDateText),
    ).toBe(false);
  });

  it('knows period kinds and their ranges', () => {
    expect(['2026-02', '2026-Q1', '2026', '2026-Q0', '2026-00', 'Q1-2026'].map(periodKindOf)).toEqual([
      'month',
      'quarter',
      'year',
      undefined,
      undefined,
      undefined,
    ]);
    expect(periodRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodRange('2026-Q4')).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    expect(periodRange('2026')).toEqual({ first: '2026-01-01', last: '2026-12-31' });
  });

  it('finds the period of each kind containing a date', () => {
    expect(periodContaining('2026-03-31', 'month')).toBe('2026-03');
    expect(periodContaining('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodContaining('2026-04-01', 'quarter')).toBe('2026-Q2');
    expect(periodContaining('2026-12-31', 'quarter')).toBe('2026-Q4');
    expect(periodContaining('2026-07-15', 'year')).toBe('2026');
  });
});
