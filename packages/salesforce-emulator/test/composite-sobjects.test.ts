import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { api, connect, failureOf, startEmulator } from './bulk2/support.js';

const ROLLED_BACK = 'ALL_OR_NONE_OPERATION_ROLLED_BACK';

let emulator: Emulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startEmulator(2000);
  conn = await connect(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults.reset());

let serial = 0;
/** Commission rows with keys unique to this test run. */
function commissions(count: number, extra: Record<string, unknown> = {}) {
  serial++;
  return Array.from({ length: count }, (_, i) => ({
    External_Key__c: `T${serial}-${i}`,
    Amount__c: 100 + i,
    Period__c: '2025-01',
    ...extra,
  }));
}

function stored(id: string) {
  return emulator.store.get('Commission__c', id);
}

function liveCommissions(): number {
  return emulator.store.count('Commission__c');
}

type Result = {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
};

describe('create', () => {
  it('inserts every record and answers in request order', async () => {
    const rows = commissions(3);
    const results = (await conn.sobject('Commission__c').create(rows)) as Result[];
    expect(results.map((r) => r.success)).toEqual([true, true, true]);
    results.forEach((result, i) => {
      expect(Object.keys(result)).toEqual(['id', 'success', 'errors']);
      const record = stored(result.id as string);
      expect(record?.External_Key__c).toBe(rows[i]?.External_Key__c);
      expect(record?.Amount__c).toBe(100 + i);
      expect(record?.CreatedById).toMatch(/^005/);
    });
  });

  it('allOrNone=false keeps the good records and reports the bad one in place', async () => {
    const rows = commissions(3);
    (rows[1] as Record<string, unknown>).Period__c = '2025-01-01-and-more';
    const before = liveCommissions();
    const results = (await conn.sobject('Commission__c').create(rows)) as Result[];
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'STRING_TOO_LONG',
          message: 'Period: data value too large: 2025-01-01-and-more (max length=10)',
          fields: ['Period__c'],
        },
      ],
    });
    expect(liveCommissions()).toBe(before + 2);
  });

  it('allOrNone=true writes nothing and marks the valid records rolled back', async () => {
    const rows = commissions(3);
    (rows[2] as Record<string, unknown>).Amount__c = 'lots';
    const before = liveCommissions();
    const results = (await conn.sobject('Commission__c').create(rows, { allOrNone: true })) as Result[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      ROLLED_BACK,
      ROLLED_BACK,
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
    ]);
    expect(results.every((r) => !r.success && r.id === undefined)).toBe(true);
    expect(liveCommissions()).toBe(before);
  });

  it('takes records of several types in one request', async () => {
    const body = {
      allOrNone: false,
      records: [
        { attributes: { type: 'Commission__c' }, External_Key__c: `MIX-${serial}-1`, Amount__c: 1 },
        { attributes: { type: 'Commission_Statement__c' }, External_Key__c: `MIX-${serial}-2` },
        { attributes: { type: 'Commission__c' }, External_Key__c: `MIX-${serial}-3`, Amount__c: 3 },
      ],
    };
    const results = (await api(conn, 'POST', '/composite/sobjects', body)).json() as Result[];
    expect(results.map((r) => [r.success, r.id?.slice(0, 3)])).toEqual([
      [true, 'a01'],
      [true, 'a00'],
      [true, 'a01'],
    ]);
  });

  it('refuses more than 10 chunks of alternating types', async () => {
    const records = Array.from({ length: 11 }, (_, i) => ({
      attributes: { type: i % 2 === 0 ? 'Commission__c' : 'Commission_Statement__c' },
      External_Key__c: `CHUNK-${i}`,
    }));
    const response = await api(conn, 'POST', '/composite/sobjects', { records });
    expect(response.status).toBe(400);
    expect((response.json() as { errorCode: string }[])[0]?.errorCode).toBe('EXCEEDED_MAX_TYPES_LIMIT');
  });

  it('refuses 201 records with EXCEEDED_ID_LIMIT, writing nothing', async () => {
    const before = liveCommissions();
    const failure = await failureOf(conn.sobject('Commission__c').create(commissions(201)));
    expect(failure.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(failure.message).toBe('record limit reached. cannot submit more than 200 records into this call');
    expect(liveCommissions()).toBe(before);
    // 200 is fine.
    const results = (await conn.sobject('Commission__c').create(commissions(200))) as Result[];
    expect(results.filter((r) => r.success)).toHaveLength(200);
  });

  it('does not exist before API 42.0 (upsert: 46.0)', async () => {
    const call = (version: string, method: string, path: string) =>
      fetch(`${conn.instanceUrl}/services/data/v${version}/composite/sobjects${path}`, {
        method,
        headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ records: [] }),
      });
    expect((await call('41.0', 'POST', '')).status).toBe(404);
    expect((await call('42.0', 'POST', '')).status).toBe(200);
    expect((await call('45.0', 'PATCH', '/Commission__c/External_Key__c')).status).toBe(404);
    expect((await call('46.0', 'PATCH', '/Commission__c/External_Key__c')).status).toBe(200);
  });

  it('answers a malformed body with JSON_PARSER_ERROR', async () => {
    const response = await api(conn, 'POST', '/composite/sobjects', '{"records": [');
    expect(response.status).toBe(400);
    expect((response.json() as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('update', () => {
  async function created(count: number): Promise<[string, string, string]> {
    const results = (await conn.sobject('Commission__c').create(commissions(count))) as Result[];
    return results.map((r) => r.id as string) as [string, string, string];
  }

  it('updates records by id, with partial success when allOrNone=false', async () => {
    const ids = await created(3);
    const results = (await conn.sobject('Commission__c').update([
      { Id: ids[0], Amount__c: 7 },
      { Id: ids[1], Amount__c: 'not a number' },
      { Id: ids[2], Amount__c: 9 },
    ])) as Result[];
    expect(results.map((r) => [r.id, r.success])).toEqual([
      [ids[0], true],
      [ids[1], false],
      [ids[2], true],
    ]);
    expect([
      stored(ids[0] as string)?.Amount__c,
      stored(ids[1] as string)?.Amount__c,
      stored(ids[2] as string)?.Amount__c,
    ]).toEqual([7, 101, 9]);
  });

  it('changes nothing under allOrNone=true when one record fails', async () => {
    const ids = await created(2);
    const stampBefore = stored(ids[0] as string)?.SystemModstamp;
    const results = (await conn.sobject('Commission__c').update(
      [
        { Id: ids[0], Amount__c: 55 },
        { Id: '001000000000000AAA', Amount__c: 1 },
      ],
      { allOrNone: true },
    )) as Result[];
    expect(results[0]).toMatchObject({ id: ids[0], success: false, errors: [{ statusCode: ROLLED_BACK }] });
    expect(results[1]?.errors[0]?.statusCode).toBe('MALFORMED_ID');
    expect(stored(ids[0] as string)?.Amount__c).toBe(100);
    expect(stored(ids[0] as string)?.SystemModstamp).toBe(stampBefore);
  });

  it('fails every occurrence of an id given twice', async () => {
    const ids = await created(2);
    const results = (await conn.sobject('Commission__c').update([
      { Id: ids[0], Amount__c: 1 },
      { Id: ids[1], Amount__c: 2 },
      { Id: ids[0], Amount__c: 3 },
    ])) as Result[];
    expect(results.map((r) => r.success)).toEqual([false, true, false]);
    expect(results[0]?.errors[0]).toEqual({
      statusCode: 'DUPLICATE_VALUE',
      message: `Duplicate id specified: ${ids[0]}`,
      fields: [],
    });
    expect(stored(ids[0] as string)?.Amount__c).toBe(100);
  });

  it('gives records written together one SystemModstamp, later than before', async () => {
    const ids = await created(3);
    const before = stored(ids[0] as string)?.SystemModstamp as string;
    await conn.sobject('Commission__c').update(ids.map((Id) => ({ Id, Kind__c: 'bonus' })));
    const stamps = new Set(ids.map((id) => stored(id)?.SystemModstamp));
    expect(stamps.size).toBe(1);
    expect(([...stamps][0] as string) > before).toBe(true);
  });
});

describe('upsert by External_Key__c', () => {
  it('creates, then updates the same records (created=false, same ids)', async () => {
    const rows = commissions(4);
    const first = (await conn.sobject('Commission__c').upsert(rows, 'External_Key__c')) as Result[];
    expect(first.map((r) => r.created)).toEqual([true, true, true, true]);
    expect(Object.keys(first[0] as object)).toEqual(['id', 'success', 'errors', 'created']);
    const second = (await conn.sobject('Commission__c').upsert(
      rows.map((row) => ({ ...row, Amount__c: 1 })),
      'External_Key__c',
    )) as Result[];
    expect(second.map((r) => r.created)).toEqual([false, false, false, false]);
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(stored(first[3]?.id as string)?.Amount__c).toBe(1);
  });

  it('treats External_Key__c case-sensitively and refuses a key given twice', async () => {
    const key = `CaseKey-${serial++}`;
    const results = (await conn.sobject('Commission__c').upsert(
      [
        { External_Key__c: key, Amount__c: 1 },
        { External_Key__c: key.toLowerCase(), Amount__c: 2 },
        { External_Key__c: `${key}-dup`, Amount__c: 3 },
        { External_Key__c: `${key}-dup`, Amount__c: 4 },
      ],
      'External_Key__c',
    )) as Result[];
    expect(results.map((r) => r.success)).toEqual([true, true, false, false]);
    expect(results[0]?.id).not.toBe(results[1]?.id);
    expect(results[2]?.errors[0]).toEqual({
      statusCode: 'DUPLICATE_VALUE',
      message: `Duplicate external id specified: ${key}-dup`,
      fields: ['External_Key__c'],
    });
  });

  it('writes nothing under allOrNone=true when one record fails', async () => {
    const rows = commissions(3);
    (rows[0] as Record<string, unknown>).Tier__c = 12345;
    const before = liveCommissions();
    const results = (await conn
      .sobject('Commission__c')
      .upsert(rows, 'External_Key__c', { allOrNone: true })) as Result[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'NUMBER_OUTSIDE_VALID_RANGE',
      ROLLED_BACK,
      ROLLED_BACK,
    ]);
    expect(liveCommissions()).toBe(before);
  });

  it('refuses a field that is not an external id, and an unknown one', async () => {
    const notExternal = await failureOf(conn.sobject('Commission__c').upsert(commissions(2), 'Period__c'));
    expect(notExternal.errorCode).toBe('INVALID_FIELD');
    const unknown = await api(conn, 'PATCH', '/composite/sobjects/Commission__c/Nope__c', { records: [] });
    expect(unknown.status).toBe(404);
    expect((unknown.json() as { message: string }[])[0]?.message).toBe(
      'Provided external ID field does not exist or is not accessible: Nope__c',
    );
  });
});

describe('delete', () => {
  it('deletes to the recycle bin, then reports ENTITY_IS_DELETED', async () => {
    const ids = ((await conn.sobject('Commission__c').create(commissions(2))) as Result[]).map((r) => r.id as string);
    const results = (await conn.sobject('Commission__c').destroy(ids)) as Result[];
    expect(results).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    expect(stored(ids[0] as string)?.IsDeleted).toBe(true);
    const again = (await conn.sobject('Commission__c').destroy(ids)) as Result[];
    expect(again.map((r) => r.errors[0]?.statusCode)).toEqual(['ENTITY_IS_DELETED', 'ENTITY_IS_DELETED']);
  });

  it('deletes nothing under allOrNone=true when one id is bad', async () => {
    const ids = ((await conn.sobject('Commission__c').create(commissions(2))) as Result[]).map((r) => r.id as string);
    const results = (await conn
      .sobject('Commission__c')
      .destroy([...ids, 'a01000000000000'], { allOrNone: true })) as Result[];
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      ROLLED_BACK,
      ROLLED_BACK,
      'INVALID_CROSS_REFERENCE_KEY',
    ]);
    expect(ids.map((id) => stored(id)?.IsDeleted)).toEqual([false, false]);
  });

  it('refuses 201 ids', async () => {
    const ids = Array.from({ length: 201 }, () => 'a015g0000000001AAA');
    const response = await api(conn, 'DELETE', `/composite/sobjects?ids=${ids.join(',')}`);
    expect(response.status).toBe(400);
    expect((response.json() as { errorCode: string }[])[0]?.errorCode).toBe('EXCEEDED_ID_LIMIT');
  });
});

describe('retrieve', () => {
  it('returns the records asked for in order, null for missing ones (jsforce POST form)', async () => {
    const ids = ((await conn.sobject('Commission__c').create(commissions(2))) as Result[]).map((r) => r.id as string);
    const missing = 'a015g00000ZZZZZAAA';
    const records = (await conn
      .sobject('Commission__c')
      .retrieve([ids[1] as string, missing, ids[0] as string])) as (Record<string, unknown> | null)[];
    expect(records[0]?.Id).toBe(ids[1]);
    expect(records[0]?.Amount__c).toBe(101);
    expect(records[1]).toBeNull();
    expect(records[2]?.External_Key__c).toBe(stored(ids[0] as string)?.External_Key__c);
  });

  it('takes ids and fields as query parameters (GET form)', async () => {
    const [id] = ((await conn.sobject('Commission__c').create(commissions(1))) as Result[]).map((r) => r.id as string);
    const response = await api(conn, 'GET', `/composite/sobjects/Commission__c?ids=${id}&fields=amount__c,Period__c`);
    expect(response.json()).toEqual([
      {
        attributes: { type: 'Commission__c', url: `/services/data/v62.0/sobjects/Commission__c/${id}` },
        Amount__c: 100,
        Period__c: '2025-01',
        Id: id,
      },
    ]);
    const bad = await api(conn, 'GET', `/composite/sobjects/Commission__c?ids=${id}&fields=Bogus__c`);
    expect(bad.status).toBe(400);
    expect((bad.json() as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_FIELD');
  });
});

describe('injected faults', () => {
  it('fails single records with UNABLE_TO_LOCK_ROW while the rest are written', async () => {
    emulator.faults.update({ failureRate: 0.4, failureMode: 'UNABLE_TO_LOCK_ROW', seed: 11 });
    const rows = commissions(30);
    const results = (await conn.sobject('Commission__c').upsert(rows, 'External_Key__c')) as Result[];
    const locked = results.filter((r) => r.errors[0]?.statusCode === 'UNABLE_TO_LOCK_ROW');
    expect(locked.length).toBeGreaterThan(0);
    expect(locked.length).toBeLessThan(30);
    expect(locked[0]?.errors[0]?.message).toBe('unable to obtain exclusive access to this record');
    for (const [i, result] of results.entries()) {
      const found = emulator.store.findByExternalId(
        'Commission__c',
        'External_Key__c',
        rows[i]?.External_Key__c as string,
      );
      expect(found.length).toBe(result.success ? 1 : 0);
    }
  });
});
