import { describe, expect, it } from 'vitest';
import { executeSoql } from '../../src/soql/index.js';
import { MemorySource } from './fixture.js';

const options = { includeDeleted: false, apiVersion: '62.0' };
const ROWS = 100_000;

/** 100k opportunities over 10 owners, stamps one second apart but inserted out of order. */
function bigOrg(): MemorySource {
  const source = new MemorySource();
  const owners = Array.from({ length: 10 }, (_, i) =>
    source.insert('User', { Name: `Rep ${i}`, IsActive: i % 2 === 0 }),
  );
  const base = Date.UTC(2025, 11, 1);
  for (let i = 0; i < ROWS; i++) {
    const stamp = new Date(base + ((i * 7919) % ROWS) * 60_000).toISOString();
    source.insert('Opportunity', {
      Name: `Deal ${i}`,
      Amount: (i % 1000) * 10.5,
      StageName: i % 3 === 0 ? 'Closed Won' : 'Prospecting',
      CloseDate: `2026-0${1 + (i % 9)}-15`,
      IsWon: i % 3 === 0,
      OwnerId: owners[i % 10]!.Id,
      SystemModstamp: `${stamp.slice(0, 23)}+0000`,
    });
  }
  return source;
}

/**
 * CPU time (not wall time) of `run`: the suite shares two cores with everything else, and this
 * test is about pathological slowness in our code, not about the machine's load.
 */
function timed<T>(run: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

describe('SOQL on 100k rows (smoke test for pathological slowness)', () => {
  const source = bigOrg();

  it('filters and sorts on SystemModstamp, Id well under the limit', () => {
    const { value, ms } = timed(() =>
      executeSoql(
        'SELECT Id, Amount, Name, StageName, CloseDate, OwnerId, SystemModstamp FROM Opportunity WHERE SystemModstamp > 2026-01-01T00:00:00Z ORDER BY SystemModstamp, Id',
        source,
        options,
      ),
    );
    console.log(`100k: filter + sort + render ${value.totalSize} rows in ${ms.toFixed(0)} ms CPU`);
    expect(ms).toBeLessThan(2000);
    const boundary = Date.UTC(2026, 0, 1);
    const expected = ROWS - (Math.floor((boundary - Date.UTC(2025, 11, 1)) / 60_000) + 1);
    expect(value.totalSize).toBe(expected);
    const stamps = value.records.map((record) => record.SystemModstamp as string);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('pages through all rows with a keyset cursor in seconds', () => {
    // Pages of 10,000 keep the suite quick; `node`-run figures for pages of 2,000 are in the README.
    const { value: pages, ms } = timed(() => {
      let cursor = '1970-01-01T00:00:00Z';
      let lastId = '';
      let seen = 0;
      let count = 0;
      for (;;) {
        const where = lastId
          ? `SystemModstamp > ${cursor} OR (SystemModstamp = ${cursor} AND Id > '${lastId}')`
          : `SystemModstamp > ${cursor}`;
        const page = executeSoql(
          `SELECT Id, Amount, SystemModstamp FROM Opportunity WHERE ${where} ORDER BY SystemModstamp, Id LIMIT 10000`,
          source,
          options,
        );
        if (page.totalSize === 0) break;
        count++;
        seen += page.totalSize;
        const last = page.records[page.records.length - 1]!;
        cursor = (last.SystemModstamp as string).replace('+0000', 'Z');
        lastId = last.Id as string;
      }
      return { seen, count };
    });
    console.log(`100k: ${pages.count} keyset pages of 10,000 in ${ms.toFixed(0)} ms CPU`);
    expect(pages.seen).toBe(ROWS);
    expect(pages.count).toBe(ROWS / 10_000);
    expect(ms).toBeLessThan(5000);
  });

  it('counts, filters on a parent field and stops early on LIMIT without ORDER BY', () => {
    const count = timed(() =>
      executeSoql("SELECT COUNT() FROM Opportunity WHERE StageName = 'closed won'", source, options),
    );
    expect(count.value.totalSize).toBe(Math.ceil(ROWS / 3));
    const parent = timed(() =>
      executeSoql(
        'SELECT Id, Owner.Name FROM Opportunity WHERE Owner.IsActive = true AND Amount > 5000',
        source,
        options,
      ),
    );
    expect(parent.value.totalSize).toBeGreaterThan(0);
    const first = timed(() => executeSoql('SELECT Id FROM Opportunity LIMIT 1', source, options));
    console.log(
      `100k (CPU): COUNT() ${count.ms.toFixed(0)} ms, parent filter ${parent.ms.toFixed(0)} ms, LIMIT 1 ${first.ms.toFixed(2)} ms`,
    );
    expect(count.ms + parent.ms).toBeLessThan(2000);
    expect(first.ms).toBeLessThan(50);
  });
});
