import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { connect, rejection, startEmulator } from './emulator-fixture.js';

describe('sObject REST resources', () => {
  let emulator: Emulator;
  let conn: Connection;
  let clock = new Date('2026-05-04T08:00:00.000Z');

  beforeAll(async () => {
    emulator = await startEmulator({ now: () => clock });
    conn = await connect(emulator);
  });
  afterAll(() => emulator.close());

  const raw = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.url}/services/data/v62.0${path}`, {
      ...init,
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json', ...init.headers },
    });

  it('lists versions and resources', async () => {
    const versions = (await (await fetch(`${emulator.url}/services/data`)).json()) as {
      version: string;
      label: string;
      url: string;
    }[];
    expect(versions[0]).toEqual({ label: "Winter '11", url: '/services/data/v20.0', version: '20.0' });
    expect(versions.find((entry) => entry.version === '62.0')?.label).toBe("Winter '25");
    const resources = (await (await raw('')).json()) as Record<string, string>;
    expect(resources.sobjects).toBe('/services/data/v62.0/sobjects');
    expect(resources.identity).toBe(conn.userInfo?.url);
    expect((await fetch(`${emulator.url}/services/data/v9.0/limits`)).status).toBe(404);
  });

  it('lists versions and resources through jsforce', async () => {
    const versions = (await conn.request('/services/data')) as { version: string; url: string }[];
    expect(versions.at(-1)).toMatchObject({ version: '64.0', url: '/services/data/v64.0' });
    const resources = (await conn.request('/services/data/v62.0')) as Record<string, string>;
    expect(resources).toMatchObject({
      sobjects: '/services/data/v62.0/sobjects',
      query: '/services/data/v62.0/query',
      limits: '/services/data/v62.0/limits',
    });
    const unknown = await rejection(conn.request('/services/data/v62.0/nope'));
    expect(unknown.errorCode).toBe('NOT_FOUND');
  });

  it('stamps system fields on writes and accepts 15- and 18-character ids', async () => {
    const me = await conn.identity();
    clock = new Date('2026-05-04T08:30:00.000Z');
    const created = await conn.sobject('Commission__c').create({ External_Key__c: 'sys-1', Amount__c: 1 });
    const id = String(created.id);
    expect(id).toMatch(/^a01\w{15}$/);
    const fields =
      'Id, OwnerId, IsDeleted, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp';
    const [record] = (
      await conn.query<Record<string, unknown>>(`SELECT ${fields} FROM Commission__c WHERE Id = '${id}'`)
    ).records;
    expect(record).toMatchObject({
      Id: id,
      OwnerId: me.user_id,
      IsDeleted: false,
      CreatedById: me.user_id,
      LastModifiedById: me.user_id,
      CreatedDate: '2026-05-04T08:30:00.000+0000',
      LastModifiedDate: '2026-05-04T08:30:00.000+0000',
      SystemModstamp: '2026-05-04T08:30:00.000+0000',
    });
    clock = new Date('2026-05-04T08:31:00.000Z');
    const short = id.slice(0, 15);
    await conn.sobject('Commission__c').update({ Id: short, Amount__c: 2 });
    const after = await conn.sobject('Commission__c').retrieve(short);
    expect(after).toMatchObject({ Id: id, Amount__c: 2, CreatedDate: '2026-05-04T08:30:00.000+0000' });
    expect(after.SystemModstamp).toBe('2026-05-04T08:31:00.000+0000');
    const byShortId = await conn.query(`SELECT Id FROM Commission__c WHERE Id = '${short}'`);
    expect(byShortId.records.map((r) => r.Id)).toEqual([id]);
    // An 18-character id is case-insensitive (its suffix encodes the case); a wrong prefix is not this object's.
    expect((await conn.sobject('Commission__c').retrieve(id.toUpperCase())).Id).toBe(id);
    const otherPrefix = await rejection(conn.sobject('Commission__c').retrieve(`001${id.slice(3)}`));
    expect(otherPrefix.errorCode).toBe('NOT_FOUND');
    const global = await conn.describeGlobal();
    expect(global.sobjects.find((o) => o.name === 'Commission__c')?.keyPrefix).toBe(id.slice(0, 3));
  });

  it('describes the org and its objects', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['Opportunity', 'User', 'Commission__c', 'Commission_Statement__c']));
    expect(global.sobjects.find((entry) => entry.name === 'Opportunity')).toMatchObject({
      keyPrefix: '006',
      queryable: true,
    });
    const describe = await conn.sobject('Commission__c').describe();
    expect(describe).toMatchObject({ name: 'Commission__c', custom: true, createable: true });
    expect(describe.fields.find((field) => field.name === 'External_Key__c')).toMatchObject({
      type: 'string',
      externalId: true,
      unique: true,
      caseSensitive: true,
      idLookup: true,
      nillable: false,
      length: 255,
    });
    expect(describe.fields.find((field) => field.name === 'Name')).toMatchObject({
      autoNumber: true,
      createable: false,
    });
    const opportunity = await conn.sobject('Opportunity').describe();
    expect(opportunity.childRelationships.map((relation) => relation.relationshipName)).toContain('Commissions__r');
    const basic = (await (await raw('/sobjects/Opportunity')).json()) as {
      objectDescribe: { name: string };
      recentItems: unknown[];
    };
    expect(basic.objectDescribe.name).toBe('Opportunity');
    expect(basic.recentItems.length).toBeGreaterThan(0);
    const unknown = await raw('/sobjects/Nope__c/describe');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  });

  it('creates, reads, updates and deletes a row', async () => {
    const created = await conn
      .sobject('Commission__c')
      .create({ External_Key__c: 'crud-1', Amount__c: 10.5, Period__c: '2026-04' });
    expect(created).toEqual({ id: expect.stringMatching(/^\w{18}$/), success: true, errors: [] });
    const id = String(created.id);
    const record = await conn.sobject('Commission__c').retrieve(id);
    expect(record).toMatchObject({
      attributes: { type: 'Commission__c', url: `/services/data/v62.0/sobjects/Commission__c/${id}` },
      Id: id,
      Amount__c: 10.5,
      Rep__c: null,
    });
    const some = await raw(`/sobjects/Commission__c/${id}?fields=Amount__c,Period__c`);
    expect(Object.keys((await some.json()) as object)).toEqual(['attributes', 'Amount__c', 'Period__c', 'Id']);
    expect(await conn.sobject('Commission__c').update({ Id: id, Amount__c: 11 })).toMatchObject({ success: true, id });
    expect((await conn.sobject('Commission__c').retrieve(id)).Amount__c).toBe(11);
    const patch = await raw(`/sobjects/Commission__c/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Amount__c: 12 }),
    });
    expect(patch.status).toBe(204);
    expect(await conn.sobject('Commission__c').destroy(id)).toMatchObject({ success: true, id });
    const gone = await rejection(conn.sobject('Commission__c').retrieve(id));
    expect(gone.errorCode).toBe('NOT_FOUND');
    const again = await raw(`/sobjects/Commission__c/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('upserts Commission__c by External_Key__c: 201 created, then 200 updated', async () => {
    const first = await raw('/sobjects/Commission__c/External_Key__c/run-1:rep-7', {
      method: 'PATCH',
      body: JSON.stringify({ Amount__c: 100, Period__c: '2026-04' }),
    });
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { id: string };
    expect(firstBody).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const second = await raw('/sobjects/Commission__c/External_Key__c/run-1:rep-7', {
      method: 'PATCH',
      body: JSON.stringify({ Amount__c: 150 }),
    });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id: firstBody.id, success: true, errors: [], created: false });
    const old = await fetch(`${emulator.url}/services/data/v45.0/sobjects/Commission__c/External_Key__c/run-1:rep-7`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Amount__c: 175 }),
    });
    expect(old.status).toBe(204);

    const viaJsforce = await conn
      .sobject('Commission__c')
      .upsert({ External_Key__c: 'run-1:rep-8', Amount__c: 5 }, 'External_Key__c');
    expect(viaJsforce).toMatchObject({ success: true, created: true });
    const byKey = await raw('/sobjects/Commission__c/External_Key__c/run-1:rep-7');
    expect(((await byKey.json()) as { Amount__c: number }).Amount__c).toBe(175);
    const notExternal = await raw('/sobjects/Commission__c/Period__c/2026-04', { method: 'PATCH', body: '{}' });
    expect(notExternal.status).toBe(404);
    expect(await notExternal.json()).toEqual([
      { errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Period__c' },
    ]);
  });

  it('numbers auto-number names in the display format and refuses values outside a restricted picklist', async () => {
    const first = await conn.sobject('Commission__c').create({ External_Key__c: 'auto-1' });
    const second = await conn.sobject('Commission__c').create({ External_Key__c: 'auto-2' });
    const names = await conn.query<{ Id: string; Name: string }>(
      `SELECT Id, Name FROM Commission__c WHERE Id IN ('${first.id}', '${second.id}') ORDER BY Name`,
    );
    const [a, b] = names.records.map((row) => row.Name);
    expect(a).toMatch(/^COM-\d{8}$/);
    expect(Number(b?.slice(4))).toBe(Number(a?.slice(4)) + 1);
    const statement = await conn.sobject('Commission_Statement__c').create({ External_Key__c: 'st-auto-1' });
    const read = await conn.sobject('Commission_Statement__c').retrieve(String(statement.id));
    expect(read).toMatchObject({ Name: expect.stringMatching(/^CST-\d{8}$/), Status__c: 'Open' });
    const describe = await conn.sobject('Commission_Statement__c').describe();
    expect(describe.fields.find((field) => field.name === 'Status__c')).toMatchObject({ restrictedPicklist: true });

    const bogus = await rejection(
      conn.sobject('Commission_Statement__c').create({ External_Key__c: 'st-auto-2', Status__c: 'Bogus' }),
    );
    expect(bogus.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(bogus.message).toBe('bad value for restricted picklist field: Bogus');
    expect(
      await conn.sobject('Commission_Statement__c').update({ Id: String(statement.id), Status__c: 'Locked' }),
    ).toMatchObject({ success: true });
  });

  it('reports every error in Salesforce shape', async () => {
    const post = (body: unknown) => raw('/sobjects/Commission__c', { method: 'POST', body: JSON.stringify(body) });
    const unknownField = await post({ External_Key__c: 'e1', Bogus__c: 1 });
    expect(unknownField.status).toBe(400);
    expect(await unknownField.json()).toEqual([
      { message: "No such column 'Bogus__c' on sobject of type Commission__c", errorCode: 'INVALID_FIELD', fields: [] },
    ]);
    const wrongType = await post({ External_Key__c: 'e2', Amount__c: 'abc' });
    const [typeError] = (await wrongType.json()) as { errorCode: string; message: string }[];
    expect(typeError?.errorCode).toBe('JSON_PARSER_ERROR');
    expect(typeError?.message).toMatch(/^Cannot deserialize instance of double from VALUE_STRING value abc/);
    const missing = await post({ Amount__c: 1 });
    expect(await missing.json()).toEqual([
      {
        message: 'Required fields are missing: [External_Key__c]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['External_Key__c'],
      },
    ]);
    const badJson = await raw('/sobjects/Commission__c', { method: 'POST', body: '{"External_Key__c": ' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
    const badId = await rejection(conn.sobject('Commission__c').retrieve('abc'));
    expect(badId.errorCode).toBe('NOT_FOUND');
    const readOnly = await rejection(
      conn.sobject('Commission__c').create({ External_Key__c: 'e3', CreatedDate: '2026-01-01T00:00:00Z' }),
    );
    expect(readOnly.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const badLookup = await rejection(
      conn.sobject('Commission__c').create({ External_Key__c: 'e4', Opportunity__c: 'xyz' }),
    );
    expect(badLookup.errorCode).toBe('MALFORMED_ID');
    const noObject = await raw('/sobjects/Nope__c', { method: 'POST', body: '{}' });
    expect(noObject.status).toBe(404);
  });

  it('lists updated and deleted records in a time window', async () => {
    clock = new Date('2026-05-04T09:00:10.000Z');
    const created = await conn.sobject('Commission__c').create({ External_Key__c: 'repl-1' });
    const doomed = await conn.sobject('Commission__c').create({ External_Key__c: 'repl-2' });
    clock = new Date('2026-05-04T09:02:30.000Z');
    await conn.sobject('Commission__c').destroy(String(doomed.id));
    clock = new Date('2026-05-04T09:10:00.000Z');
    const updated = await conn.sobject('Commission__c').updated('2026-05-04T09:00:00Z', '2026-05-04T09:05:00Z');
    expect(updated).toEqual({ ids: [created.id], latestDateCovered: '2026-05-04T09:05:00.000+0000' });
    const deleted = await conn.sobject('Commission__c').deleted('2026-05-04T09:00:00Z', '2026-05-04T09:05:00Z');
    expect(deleted).toEqual({
      deletedRecords: [{ id: doomed.id, deletedDate: '2026-05-04T09:02:30.000+0000' }],
      earliestDateAvailable: '2026-04-19T09:10:00.000+0000',
      latestDateCovered: '2026-05-04T09:05:00.000+0000',
    });
    const future = await conn.sobject('Commission__c').updated('2026-05-04T09:00:00Z', '2026-05-04T12:00:00Z');
    expect(future.latestDateCovered).toBe('2026-05-04T09:10:00.000+0000');
    const tooOld = await rejection(
      conn.sobject('Commission__c').updated('2026-01-01T00:00:00Z', '2026-05-04T09:05:00Z'),
    );
    expect(tooOld.errorCode).toBe('INVALID_REPLICATION_DATE');
  });

  it('reports limits and the Sforce-Limit-Info header', async () => {
    const limits = (await conn.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
    expect(limits.DailyApiRequests?.Max).toBe(100_000);
    expect(limits.DailyBulkV2QueryJobs).toEqual({ Max: 10_000, Remaining: expect.any(Number) });
    const response = await raw('/limits');
    const header = String(response.headers.get('sforce-limit-info'));
    const [, used, max] = /^api-usage=(\d+)\/(\d+)$/.exec(header) ?? [];
    expect(Number(max)).toBe(100_000);
    expect(Number(used)).toBe(emulator.limits.apiUsed);
    expect(((await response.json()) as typeof limits).DailyApiRequests?.Remaining).toBe(100_000 - Number(used));
  });
});
