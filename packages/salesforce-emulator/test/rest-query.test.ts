import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { admin, connect, rejection, startEmulator } from './emulator-fixture.js';

describe('SOQL over REST', () => {
  let emulator: Emulator;
  let conn: Connection;
  const OPPORTUNITIES = 4500;

  // A fixed clock, so that date literals have a known meaning.
  const NOW = new Date('2026-05-04T08:00:00.000Z');

  beforeAll(async () => {
    emulator = await startEmulator({ opportunities: OPPORTUNITIES, now: () => NOW });
    conn = await connect(emulator);
  });

  /** Live opportunities straight from the store, to check query answers against. */
  const opportunities = () => [...emulator.store.scan('Opportunity', false)];
  afterAll(() => emulator.close());

  const raw = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${conn.accessToken}`, ...headers } });

  it('pages 2,000 records at a time with nextRecordsUrl, done and totalSize', async () => {
    const first = await conn.query('SELECT Id, Name FROM Opportunity ORDER BY Id');
    expect(first.totalSize).toBe(OPPORTUNITIES);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\w{15}-2000$/);
    const second = await conn.queryMore(String(first.nextRecordsUrl));
    expect(second.records).toHaveLength(2000);
    expect(second.nextRecordsUrl).toMatch(/-4000$/);
    const third = await conn.queryMore(String(second.nextRecordsUrl));
    expect(third).toMatchObject({ done: true, totalSize: OPPORTUNITIES });
    expect(third.records).toHaveLength(OPPORTUNITIES - 4000);
    expect(third.nextRecordsUrl).toBeUndefined();
    const ids = [...first.records, ...second.records, ...third.records].map((record) => record.Id);
    expect(new Set(ids).size).toBe(OPPORTUNITIES);
    // The cursor is closed once its last page was read.
    const again = await rejection(conn.queryMore(String(second.nextRecordsUrl)));
    expect(again.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('fetches everything with autoFetch, stops at maxFetch, and honours Sforce-Query-Options batchSize', async () => {
    const all = await conn.query('SELECT Id FROM Opportunity').run({ autoFetch: true, maxFetch: 100_000 });
    expect(all.records).toHaveLength(OPPORTUNITIES);
    const some = await conn.query('SELECT Id FROM Opportunity').run({ autoFetch: true, maxFetch: 2500 });
    expect(some.records).toHaveLength(2500);

    const response = await raw('/services/data/v62.0/query?q=SELECT+Id+FROM+Opportunity', {
      'Sforce-Query-Options': 'batchSize=500',
    });
    const body = (await response.json()) as { records: unknown[]; nextRecordsUrl: string; done: boolean };
    expect(Object.keys(body)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(body.records).toHaveLength(500);
    expect(body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w{15}-500$/);
    const tiny = await raw('/services/data/v62.0/query?q=SELECT+Id+FROM+Opportunity', {
      'Sforce-Query-Options': 'batchSize=5',
    });
    expect(((await tiny.json()) as { records: unknown[] }).records).toHaveLength(200);
  });

  it('answers COUNT() and small results in one page', async () => {
    const count = await conn.query('SELECT COUNT() FROM Opportunity');
    expect(count).toMatchObject({ totalSize: OPPORTUNITIES, done: true, records: [] });
    const one = await conn.query("SELECT Id, Owner.Name FROM Opportunity WHERE StageName = 'Closed Won' LIMIT 3");
    expect(one.records).toHaveLength(3);
    expect(one.records[0]).toMatchObject({
      attributes: { type: 'Opportunity' },
      Owner: { attributes: { type: 'User' } },
    });
  });

  it('sees deleted rows only through queryAll', async () => {
    const [target] = (await conn.query('SELECT Id FROM Account LIMIT 1')).records;
    const created = await conn.sobject('Commission__c').create({ External_Key__c: 'q-deleted' });
    expect(created.success).toBe(true);
    await conn.sobject('Commission__c').destroy(String(created.id));
    const soql = "SELECT Id, IsDeleted FROM Commission__c WHERE External_Key__c = 'q-deleted'";
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
    expect(target).toBeDefined();
  });

  it('reports SOQL errors and bad locators as Salesforce does', async () => {
    const malformed = await rejection(conn.query('SELEC Id FROM Opportunity'));
    expect(malformed.errorCode).toBe('MALFORMED_QUERY');
    const field = await rejection(conn.query('SELECT Bogus__c FROM Opportunity'));
    expect(field.errorCode).toBe('INVALID_FIELD');
    expect(field.message).toContain("No such column 'Bogus__c' on entity 'Opportunity'");
    const type = await rejection(conn.query('SELECT Id FROM Nope__c'));
    expect(type.errorCode).toBe('INVALID_TYPE');

    const response = await raw('/services/data/v62.0/query/01g5g0000000zzzAAA-2000');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
    const missing = await raw('/services/data/v62.0/query');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_QUERY');
  });

  it('honours Sforce-Query-Options batchSize given to jsforce as a header', async () => {
    const page = await conn.query('SELECT Id FROM Opportunity', {
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    });
    expect(page.records).toHaveLength(500);
    expect(page.nextRecordsUrl).toMatch(/-500$/);
    expect(page.totalSize).toBe(OPPORTUNITIES);
  });

  it('answers parent fields and child subqueries in REST shape', async () => {
    const result = await conn.query<Record<string, unknown>>(
      'SELECT Id, Account.Name, Owner.Manager.Name, (SELECT Id, Quantity FROM OpportunityLineItems ORDER BY Id) FROM Opportunity ORDER BY Id LIMIT 25',
    );
    expect(result.records).toHaveLength(25);
    for (const record of result.records) {
      const stored = emulator.store.get('Opportunity', record.Id as string);
      const account = emulator.store.get('Account', stored?.AccountId as string);
      expect(record.Account).toEqual({
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${account?.Id}` },
        Name: account?.Name,
      });
      const owner = emulator.store.get('User', stored?.OwnerId as string);
      const manager = owner?.ManagerId ? emulator.store.get('User', owner.ManagerId as string) : undefined;
      expect((record.Owner as { Manager: { Name: string } | null }).Manager?.Name ?? null).toBe(manager?.Name ?? null);
      const items = [...emulator.store.children('OpportunityLineItem', 'OpportunityId', record.Id as string, false)];
      const children = record.OpportunityLineItems as {
        totalSize: number;
        done: boolean;
        records: { Id: string }[];
      } | null;
      if (items.length === 0) expect(children).toBeNull();
      else {
        expect(children).toMatchObject({ totalSize: items.length, done: true });
        expect(children?.records.map((item) => item.Id)).toEqual(items.map((item) => item.Id).sort());
      }
    }
  });

  it('filters with WHERE operators and date literals as the data says', async () => {
    const all = opportunities();
    /** The query's count, checked to be a real filter (neither nothing nor everything). */
    const count = async (where: string) => {
      const { totalSize } = await conn.query(`SELECT COUNT() FROM Opportunity WHERE ${where}`);
      expect(totalSize, where).toBeGreaterThan(0);
      expect(totalSize, where).toBeLessThan(all.length);
      return totalSize;
    };
    const amount = (record: Record<string, unknown>) => (record.Amount as number | null) ?? null;
    expect(await count("StageName IN ('Closed Won', 'Closed Lost') AND Amount >= 50000")).toBe(
      all.filter((r) => ['Closed Won', 'Closed Lost'].includes(r.StageName as string) && (amount(r) ?? -1) >= 50000)
        .length,
    );
    expect(await count("Name LIKE '%robot%'")).toBe(
      all.filter((r) => String(r.Name).toLowerCase().includes('robot')).length,
    );
    expect(await count('NOT (Amount < 100000) OR NextStep != null')).toBe(
      all.filter((r) => !((amount(r) ?? Number.POSITIVE_INFINITY) < 100000) || r.NextStep != null).length,
    );
    expect(await count("CloseDate = THIS_YEAR AND StageName != 'Closed Won'")).toBe(
      all.filter((r) => String(r.CloseDate).startsWith('2026-') && r.StageName !== 'Closed Won').length,
    );
    // LAST_N_DAYS:30 on 2026-05-04 is 2026-04-04 … 2026-05-04 (today included).
    expect(await count('CloseDate = LAST_N_DAYS:30')).toBe(
      all.filter((r) => String(r.CloseDate) >= '2026-04-04' && String(r.CloseDate) <= '2026-05-04').length,
    );
    expect(await count('CloseDate > 2026-06-30 AND IsClosed = false')).toBe(
      all.filter((r) => String(r.CloseDate) > '2026-06-30' && r.IsClosed === false).length,
    );
  });

  it('orders with NULLS FIRST / LAST and pages with LIMIT and OFFSET', async () => {
    const nullsFirst = await conn.query<{ NextStep: string | null }>(
      'SELECT Id, NextStep FROM Opportunity ORDER BY NextStep ASC NULLS FIRST, Id LIMIT 3',
    );
    expect(nullsFirst.records.map((r) => r.NextStep)).toEqual([null, null, null]);
    const nullsLast = await conn.query<{ NextStep: string | null }>(
      'SELECT Id, NextStep FROM Opportunity ORDER BY NextStep DESC NULLS LAST, Id LIMIT 3',
    );
    expect(nullsLast.records.every((r) => r.NextStep !== null)).toBe(true);
    const ordered = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity ORDER BY Id LIMIT 40')).records;
    const window = await conn.query<{ Id: string }>('SELECT Id FROM Opportunity ORDER BY Id LIMIT 10 OFFSET 25');
    expect(window.records.map((r) => r.Id)).toEqual(ordered.slice(25, 35).map((r) => r.Id));
    const tooFar = await rejection(conn.query('SELECT Id FROM Opportunity LIMIT 1 OFFSET 2001'));
    expect(tooFar.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });

  it('counts query and queryMore calls separately', async () => {
    await admin(emulator, '/stats/reset', 'POST');
    await conn.query('SELECT Id FROM Opportunity').run({ autoFetch: true, maxFetch: 100_000 });
    const stats = (await (await admin(emulator, '/stats')).json()) as {
      byKind: Record<string, number>;
      apiRequests: number;
    };
    expect(stats.byKind.query).toBe(1);
    expect(stats.byKind.queryMore).toBe(2);
    expect(stats.apiRequests).toBe(3);
  });
});
