import { describe, expect, it } from 'vitest';
import { executeSoql, resolveDateLiteral } from '../../src/soql/index.js';
import { sampleOrg } from './fixture.js';

const options = { includeDeleted: false, apiVersion: '62.0' };

/** The range as ISO days, first day inclusive, end exclusive. */
function range(name: string, now: string, n?: number): [string, string] {
  const { start, end } = resolveDateLiteral(name, n, new Date(now));
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  return [iso(start), iso(end)];
}

// 2026-02-15 is a Sunday.
const NOW = '2026-02-15T12:00:00Z';

describe('date literal ranges (UTC calendar, weeks from Sunday)', () => {
  it.each([
    ['TODAY', undefined, '2026-02-15', '2026-02-16'],
    ['YESTERDAY', undefined, '2026-02-14', '2026-02-15'],
    ['TOMORROW', undefined, '2026-02-16', '2026-02-17'],
    ['THIS_WEEK', undefined, '2026-02-15', '2026-02-22'],
    ['LAST_WEEK', undefined, '2026-02-08', '2026-02-15'],
    ['NEXT_WEEK', undefined, '2026-02-22', '2026-03-01'],
    ['THIS_MONTH', undefined, '2026-02-01', '2026-03-01'],
    ['LAST_MONTH', undefined, '2026-01-01', '2026-02-01'],
    ['NEXT_MONTH', undefined, '2026-03-01', '2026-04-01'],
    ['THIS_QUARTER', undefined, '2026-01-01', '2026-04-01'],
    ['LAST_QUARTER', undefined, '2025-10-01', '2026-01-01'],
    ['NEXT_QUARTER', undefined, '2026-04-01', '2026-07-01'],
    ['THIS_YEAR', undefined, '2026-01-01', '2027-01-01'],
    ['LAST_YEAR', undefined, '2025-01-01', '2026-01-01'],
    ['NEXT_YEAR', undefined, '2027-01-01', '2028-01-01'],
    ['LAST_90_DAYS', undefined, '2025-11-17', '2026-02-16'],
    ['NEXT_90_DAYS', undefined, '2026-02-16', '2026-05-17'],
    ['LAST_N_DAYS', 3, '2026-02-12', '2026-02-16'],
    ['NEXT_N_DAYS', 3, '2026-02-16', '2026-02-19'],
    ['N_DAYS_AGO', 2, '2026-02-13', '2026-02-14'],
    ['LAST_N_WEEKS', 2, '2026-02-01', '2026-02-15'],
    ['NEXT_N_WEEKS', 1, '2026-02-22', '2026-03-01'],
    ['LAST_N_MONTHS', 2, '2025-12-01', '2026-02-01'],
    ['NEXT_N_MONTHS', 2, '2026-03-01', '2026-05-01'],
    ['N_MONTHS_AGO', 1, '2026-01-01', '2026-02-01'],
    ['LAST_N_QUARTERS', 1, '2025-10-01', '2026-01-01'],
    ['NEXT_N_QUARTERS', 2, '2026-04-01', '2026-10-01'],
    ['LAST_N_YEARS', 1, '2025-01-01', '2026-01-01'],
    ['NEXT_N_YEARS', 2, '2027-01-01', '2029-01-01'],
    ['THIS_FISCAL_QUARTER', undefined, '2026-01-01', '2026-04-01'],
    ['LAST_FISCAL_YEAR', undefined, '2025-01-01', '2026-01-01'],
  ])('%s %s', (name, n, start, end) => {
    expect(range(name, NOW, n)).toEqual([start, end]);
  });

  it('uses the UTC day of the injected clock', () => {
    expect(range('TODAY', '2026-02-15T23:59:59.999Z')).toEqual(['2026-02-15', '2026-02-16']);
    expect(range('TODAY', '2026-02-16T00:00:00.000Z')).toEqual(['2026-02-16', '2026-02-17']);
    expect(range('LAST_MONTH', '2026-03-31T12:00:00Z')).toEqual(['2026-02-01', '2026-03-01']);
    expect(range('THIS_QUARTER', '2026-12-31T12:00:00Z')).toEqual(['2026-10-01', '2027-01-01']);
    expect(range('THIS_WEEK', '2026-02-21T12:00:00Z')).toEqual(['2026-02-15', '2026-02-22']);
  });
});

describe('date literals in WHERE', () => {
  function names(where: string, now = NOW): string[] {
    const { source } = sampleOrg();
    source.clock = new Date(now);
    return executeSoql(`SELECT Name FROM Opportunity WHERE ${where}`, source, options).records.map(
      (record) => record.Name as string,
    );
  }
  const ACME = 'Acme renewal'; // SystemModstamp 2026-01-31T10:00Z, CloseDate 2026-01-31
  const GLOBEX = 'Globex new'; // SystemModstamp 2026-02-10T08:30Z, CloseDate 2026-03-15
  const INITECH = "O'Brien 100% deal"; // SystemModstamp 2026-02-14T23:59:59Z, CloseDate null

  it('= means within the range on datetime fields', () => {
    expect(names('SystemModstamp = THIS_MONTH')).toEqual([GLOBEX, INITECH]);
    expect(names('SystemModstamp = YESTERDAY')).toEqual([INITECH]);
    expect(names('SystemModstamp = LAST_N_DAYS:5')).toEqual([GLOBEX, INITECH]);
    expect(names('SystemModstamp = TODAY')).toEqual([]);
    expect(names('SystemModstamp != THIS_MONTH')).toEqual([ACME]);
  });

  it('< is before the start, > after the end, <= before the end, >= from the start', () => {
    expect(names('SystemModstamp < THIS_MONTH')).toEqual([ACME]);
    expect(names('SystemModstamp > LAST_MONTH')).toEqual([GLOBEX, INITECH]);
    expect(names('SystemModstamp <= LAST_MONTH')).toEqual([ACME]);
    expect(names('SystemModstamp >= THIS_MONTH')).toEqual([GLOBEX, INITECH]);
    expect(names('SystemModstamp > YESTERDAY')).toEqual([]);
  });

  it('works on date fields, skipping empty ones', () => {
    expect(names('CloseDate = THIS_QUARTER')).toEqual([ACME, GLOBEX]);
    expect(names('CloseDate = NEXT_N_DAYS:30')).toEqual([GLOBEX]);
    expect(names('CloseDate > THIS_MONTH')).toEqual([GLOBEX]);
    expect(names('CloseDate < this_month')).toEqual([ACME]);
    expect(names('CloseDate = LAST_MONTH')).toEqual([ACME]);
    expect(names('CloseDate IN (LAST_MONTH, NEXT_MONTH)')).toEqual([ACME, GLOBEX]);
    expect(names('CloseDate != THIS_MONTH')).toEqual([ACME, GLOBEX, INITECH]);
  });

  it('moves with the clock', () => {
    expect(names('CloseDate = LAST_QUARTER', '2026-04-01T00:00:00Z')).toEqual([ACME, GLOBEX]);
    expect(names('CloseDate = LAST_QUARTER', '2026-03-31T23:59:59Z')).toEqual([]);
  });
});
