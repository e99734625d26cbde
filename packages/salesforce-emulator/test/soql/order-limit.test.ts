import { describe, expect, it } from 'vitest';
import { executeSoql, SoqlError } from '../../src/soql/index.js';
import { MemorySource, sampleOrg } from './fixture.js';

const options = { includeDeleted: false, apiVersion: '62.0' };

function names(source: MemorySource, query: string): (string | null)[] {
  return executeSoql(query, source, options).records.map((record) => record.Name as string | null);
}

describe('ORDER BY', () => {
  it('puts nulls first ascending and last descending by default', () => {
    const { source } = sampleOrg();
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount')).toEqual([
      "O'Brien 100% deal",
      'Globex new',
      'Acme renewal',
    ]);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount DESC')).toEqual([
      'Acme renewal',
      'Globex new',
      "O'Brien 100% deal",
    ]);
  });

  it('honours NULLS FIRST / NULLS LAST in either direction', () => {
    const { source } = sampleOrg();
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS LAST')).toEqual([
      'Globex new',
      'Acme renewal',
      "O'Brien 100% deal",
    ]);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY CloseDate DESC NULLS FIRST')).toEqual([
      "O'Brien 100% deal",
      'Globex new',
      'Acme renewal',
    ]);
  });

  it('sorts text case-insensitively and picklists in their defined order', () => {
    const { source } = sampleOrg();
    expect(names(source, 'SELECT Name FROM User ORDER BY Name')).toEqual(['Ana', 'Bea Boss', 'ben']);
    // Prospecting < Negotiation < Closed Won in the picklist, whatever the alphabet says.
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY StageName')).toEqual([
      'Globex new',
      "O'Brien 100% deal",
      'Acme renewal',
    ]);
  });

  it('sorts on several keys, parent fields and datetimes', () => {
    const source = new MemorySource();
    const zed = source.insert('User', { Name: 'Zed' });
    const amy = source.insert('User', { Name: 'Amy' });
    source.insert('Opportunity', {
      Name: 'a',
      Amount: 1,
      OwnerId: zed.Id,
      SystemModstamp: '2026-01-02T00:00:00.000+0000',
    });
    source.insert('Opportunity', {
      Name: 'b',
      Amount: 2,
      OwnerId: amy.Id,
      SystemModstamp: '2026-01-01T00:00:00.000+0000',
    });
    source.insert('Opportunity', {
      Name: 'c',
      Amount: 1,
      OwnerId: amy.Id,
      SystemModstamp: '2026-01-01T00:00:00.000+0000',
    });
    source.insert('Opportunity', {
      Name: 'd',
      Amount: 2,
      OwnerId: null,
      SystemModstamp: '2026-01-03T00:00:00.000+0000',
    });
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount DESC, Name')).toEqual(['b', 'd', 'a', 'c']);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Owner.Name, Name DESC')).toEqual(['d', 'c', 'b', 'a']);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY SystemModstamp, Id')).toEqual(['b', 'c', 'a', 'd']);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY SystemModstamp DESC, Id DESC')).toEqual([
      'd',
      'a',
      'c',
      'b',
    ]);
  });

  it('orders ids the way Id > comparisons do, so keyset paging works', () => {
    const source = new MemorySource();
    for (let i = 0; i < 130; i++)
      source.insert('Opportunity', { Name: `n${i}`, SystemModstamp: '2026-01-01T00:00:00.000+0000' });
    const all = executeSoql('SELECT Id FROM Opportunity ORDER BY Id', source, options).records.map(
      (r) => r.Id as string,
    );
    const seen: string[] = [];
    let last: string | undefined;
    for (;;) {
      const where = last ? `WHERE Id > '${last}' ` : '';
      const page = executeSoql(`SELECT Id FROM Opportunity ${where}ORDER BY Id LIMIT 50`, source, options);
      if (page.totalSize === 0) break;
      for (const record of page.records) seen.push(record.Id as string);
      last = seen[seen.length - 1];
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(130);
  });
});

describe('LIMIT and OFFSET', () => {
  it('applies OFFSET then LIMIT after ordering', () => {
    const source = new MemorySource();
    for (const n of [5, 3, 9, 1, 7]) source.insert('Opportunity', { Name: `o${n}`, Amount: n });
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount LIMIT 2')).toEqual(['o1', 'o3']);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount LIMIT 2 OFFSET 2')).toEqual(['o5', 'o7']);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount OFFSET 4')).toEqual(['o9']);
    expect(names(source, 'SELECT Name FROM Opportunity ORDER BY Amount OFFSET 10')).toEqual([]);
    expect(names(source, 'SELECT Name FROM Opportunity LIMIT 0')).toEqual([]);
    expect(names(source, 'SELECT Name FROM Opportunity LIMIT 2')).toEqual(['o5', 'o3']);
    expect(names(source, 'SELECT Name FROM Opportunity LIMIT 2 OFFSET 1')).toEqual(['o3', 'o9']);
    expect(executeSoql('SELECT Name FROM Opportunity LIMIT 3', source, options).totalSize).toBe(3);
  });

  it('stops scanning after LIMIT + OFFSET matches when there is no ORDER BY', () => {
    const source = new MemorySource();
    for (let i = 0; i < 50; i++) source.insert('Opportunity', { Name: `o${i}`, Amount: i });
    let scanned = 0;
    const counting = Object.assign(Object.create(source) as MemorySource, {
      *scan(objectName: string, includeDeleted: boolean) {
        for (const row of source.scan(objectName, includeDeleted)) {
          scanned++;
          yield row;
        }
      },
    });
    expect(names(counting, 'SELECT Name FROM Opportunity WHERE Amount >= 10 LIMIT 2 OFFSET 1')).toEqual(['o11', 'o12']);
    expect(scanned).toBe(13);
    scanned = 0;
    expect(names(counting, 'SELECT Name FROM Opportunity WHERE Amount >= 10 ORDER BY Amount DESC LIMIT 1')).toEqual([
      'o49',
    ]);
    expect(scanned).toBe(50);
  });

  it('caps COUNT() with LIMIT', () => {
    const { source } = sampleOrg();
    expect(executeSoql('SELECT COUNT() FROM Opportunity LIMIT 2', source, options).totalSize).toBe(2);
  });

  it('refuses OFFSET above 2,000 like Salesforce', () => {
    const { source } = sampleOrg();
    expect(executeSoql('SELECT Id FROM Opportunity OFFSET 2000', source, options).totalSize).toBe(0);
    const error = catchError(() => executeSoql('SELECT Id FROM Opportunity OFFSET 2001', source, options));
    expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(error.detail).toBe('Maximum SOQL offset allowed is 2000');
  });
});

function catchError(run: () => unknown): SoqlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error('expected a SoqlError');
}
