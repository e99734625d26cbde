import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { admin, connect, rejection, startEmulator } from './emulator-fixture.js';

describe('SOQL over REST', () => {
  let emulator: Emulator;
  let conn: Connection;
  const OPPORTUNITIES = 4500;

  beforeAll(async () => {
    emulator = await startEmulator({ opportunities: OPPORTUNITIES });
    conn = await connect(emulator);
  });
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
