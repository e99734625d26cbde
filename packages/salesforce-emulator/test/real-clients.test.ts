/**
 * What real Salesforce clients (the `sf` CLI, data loaders) tripped on, each pinned through jsforce:
 * a trailing slash on the instance URL, `columns=true` query metadata, the Organization fields `sf`
 * reads on every command, empty Bulk 2.0 uploads, `created` on failed upserts, the describe
 * sub-resources, Account's standard fields and Contact.
 */
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { connect, rejection, startEmulator } from './emulator-fixture.js';

let emulator: Emulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => new Date('2026-05-04T08:00:00.000Z') });
  conn = await connect(emulator);
});
afterAll(() => emulator.close());

type Row = Record<string, unknown>;

describe('instance URL with a trailing slash (sf org login access-token)', () => {
  it('serves //services/data/… as /services/data/…', async () => {
    const slashed = new jsforce.Connection({
      instanceUrl: `${emulator.url}/`,
      accessToken: String(conn.accessToken),
      version: '62.0',
    });
    const result = await slashed.query<Row>('SELECT Id FROM Organization');
    expect(result.totalSize).toBe(1);
    const described = await slashed.sobject('Account').describe();
    expect(described.name).toBe('Account');
  });

  it('leaves slashes inside the query string alone', async () => {
    const key = 'a//b';
    await conn.sobject('Commission__c').create({ External_Key__c: key, Amount__c: 1 });
    const slashed = new jsforce.Connection({ instanceUrl: `${emulator.url}//`, accessToken: String(conn.accessToken) });
    const result = await slashed.query<Row>(
      `SELECT External_Key__c FROM Commission__c WHERE External_Key__c = '${key}'`,
    );
    expect(result.records.map((record) => record.External_Key__c)).toEqual([key]);
  });
});

describe('query column metadata (columns=true)', () => {
  const columns = (soql: string) =>
    conn.request<Row>(`/services/data/v62.0/query?q=${encodeURIComponent(soql)}&columns=true`);
  const column = (name: string, extra: Partial<Row> = {}) => ({
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: false,
    displayName: name,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
    ...extra,
  });

  it('describes fields, parent fields and a child subquery instead of returning records', async () => {
    const answer = await columns(
      'SELECT Id, Name, Owner.Name, Owner.Manager.Email, (SELECT LastName, HasOptedOutOfEmail FROM Contacts) FROM Account',
    );
    expect(answer).not.toHaveProperty('records');
    expect(answer).toEqual({
      columnMetadata: [
        column('Id', { apexType: 'Id' }),
        column('Name', { apexType: 'String', textType: true, insertable: true, updatable: true }),
        column('Owner', {
          foreignKeyName: 'OwnerId',
          joinColumns: [
            column('Name', { apexType: 'String', textType: true }),
            column('Manager', {
              foreignKeyName: 'ManagerId',
              joinColumns: [column('Email', { apexType: 'String', textType: true, insertable: true, updatable: true })],
            }),
          ],
        }),
        column('Contacts', {
          aggregate: true,
          joinColumns: [
            column('LastName', { apexType: 'String', textType: true, insertable: true, updatable: true }),
            column('HasOptedOutOfEmail', { apexType: 'Boolean', booleanType: true, insertable: true, updatable: true }),
          ],
        }),
      ],
      entityName: 'Account',
      groupBy: false,
      idSelected: true,
      keyPrefix: '001',
    });
  });

  it('marks numbers and custom fields, and idSelected only when Id is selected', async () => {
    const answer = await columns('SELECT Amount__c, Opportunity__r.Amount FROM Commission__c c');
    expect(answer).toMatchObject({ entityName: 'Commission__c', idSelected: false, keyPrefix: 'a01' });
    expect(answer.columnMetadata).toEqual([
      column('Amount__c', { apexType: 'Decimal', custom: true, numberType: true, insertable: true, updatable: true }),
      column('Opportunity__r', {
        custom: true,
        foreignKeyName: 'Opportunity__c',
        joinColumns: [column('Amount', { apexType: 'Decimal', numberType: true, insertable: true, updatable: true })],
      }),
    ]);
  });

  it('validates the query as a run would', async () => {
    const error = await rejection(columns('SELECT Nope FROM Account'));
    expect(error.errorCode).toBe('INVALID_FIELD');
    const where = await rejection(columns("SELECT Id FROM Account WHERE Nope = 'x'"));
    expect(where.errorCode).toBe('INVALID_FIELD');
  });
});

describe('Organization', () => {
  it('has the fields sf reads on every command, TrialExpirationDate null outside a trial', async () => {
    const result = await conn.query<Row>(
      'SELECT Name, InstanceName, IsSandbox, NamespacePrefix, OrganizationType, TrialExpirationDate FROM Organization',
    );
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({
      Name: expect.any(String),
      InstanceName: expect.any(String),
      IsSandbox: false,
      NamespacePrefix: null,
      OrganizationType: 'Enterprise Edition',
      TrialExpirationDate: null,
    });
    const field = (await conn.sobject('Organization').describe()).fields.find((f) => f.name === 'TrialExpirationDate');
    expect(field).toMatchObject({ type: 'datetime', createable: false, updateable: false, nillable: true });
  });
});

describe('Bulk 2.0 ingest with no rows', () => {
  it('completes with empty results', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [],
      pollInterval: 50,
      pollTimeout: 20_000,
    });
    expect(results).toEqual({ successfulResults: [], failedResults: [], unprocessedRecords: [] });
  });

  it('completes a header-only upload too', async () => {
    const results = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: 'Name\n',
      pollInterval: 50,
      pollTimeout: 20_000,
    });
    expect(results.successfulResults).toEqual([]);
    expect(results.failedResults).toEqual([]);
  });
});

describe('sObject Collections upsert results', () => {
  type UpsertResult = { id?: string; success: boolean; created?: boolean; errors: unknown[] };

  it('carries created=false on a failed record', async () => {
    const results = (await conn
      .sobject('Commission__c')
      .upsert(
        [{ External_Key__c: 'rc-ok', Amount__c: 1 }, { External_Key__c: 'rc-bad', Amount__c: 'abc' } as Row],
        'External_Key__c',
        { allOrNone: false },
      )) as UpsertResult[];
    expect(results.map((result) => [result.success, result.created])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(Object.keys(results[1] as object)).toEqual(['success', 'errors', 'created']);
  });

  it('carries created=false on rolled-back records under allOrNone', async () => {
    const results = (await conn
      .sobject('Commission__c')
      .upsert(
        [{ External_Key__c: 'rc-new', Amount__c: 1 }, { External_Key__c: 'rc-bad-2', Amount__c: 'abc' } as Row],
        'External_Key__c',
        { allOrNone: true },
      )) as UpsertResult[];
    expect(results.map((result) => [result.success, result.created])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});

describe('describe sub-resources', () => {
  it('answers listviews with an empty list (the org has none)', async () => {
    const answer = await conn.request<Row>('/services/data/v62.0/sobjects/Account/listviews');
    expect(answer).toEqual({ done: true, listviews: [], nextRecordsUrl: null, size: 0, sobjectType: 'Account' });
  });

  it('answers layouts and quick actions NOT_FOUND instead of reading them as external ids', async () => {
    for (const path of [
      'describe/layouts',
      'describe/layouts/012000000000000AAA',
      'describe/compactLayouts',
      'quickActions',
    ]) {
      const error = await rejection(conn.request(`/services/data/v62.0/sobjects/Account/${path}`));
      expect(error.errorCode).toBe('NOT_FOUND');
      expect(error.message).toBe('The requested resource does not exist');
    }
    const unknown = await rejection(conn.request('/services/data/v62.0/sobjects/Nope__c/listviews'));
    expect(unknown.errorCode).toBe('NOT_FOUND');
  });
});

describe('Account standard fields and Contact', () => {
  it('stores and describes the standard Account fields every org has', async () => {
    const values = {
      Name: 'Standard Fields Inc.',
      ShippingStreet: '1 Harbour Rd\nUnit 4',
      ShippingCity: 'Oslo',
      ShippingState: 'Oslo',
      ShippingPostalCode: '0150',
      ShippingCountry: 'Norway',
      Fax: '+47 22 00 00 00',
      Sic: '3571',
      SicDesc: 'Electronic Computers',
      Ownership: 'Private',
      TickerSymbol: 'SFI',
      Rating: 'Hot',
      Site: 'Headquarters',
      AccountSource: 'Web',
      Jigsaw: 'JS-1',
    };
    const created = await conn.sobject('Account').create(values);
    const record = await conn.sobject('Account').retrieve(String(created.id));
    expect(record).toMatchObject({ ...values, JigsawCompanyId: null });
    const fields = new Map((await conn.sobject('Account').describe()).fields.map((f) => [f.name, f]));
    expect(fields.get('ShippingStreet')).toMatchObject({ type: 'textarea', length: 255 });
    expect(fields.get('Fax')?.type).toBe('phone');
    expect(fields.get('Rating')?.picklistValues?.map((entry) => entry.value)).toEqual(['Hot', 'Warm', 'Cold']);
    expect(fields.get('Ownership')?.type).toBe('picklist');
    expect(fields.get('JigsawCompanyId')).toMatchObject({ type: 'string', createable: false });
  });

  it('has Contact with a composed Name, and Account.Contacts', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Contacts Ltd' });
    const contact = await conn
      .sobject('Contact')
      .create({ AccountId: account.id, FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' });
    expect(String(contact.id)).toMatch(/^003\w{15}$/);
    const result = await conn.query<Row>(
      `SELECT Name, (SELECT Name, Email, Account.Name FROM Contacts) FROM Account WHERE Id = '${account.id}'`,
    );
    const contacts = result.records[0]?.Contacts as { records: Row[] };
    expect(contacts.records).toEqual([
      {
        attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${contact.id}` },
        Name: 'Ada Lovelace',
        Email: 'ada@example.com',
        Account: {
          attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${account.id}` },
          Name: 'Contacts Ltd',
        },
      },
    ]);
    const missing = await rejection(conn.sobject('Contact').create({ FirstName: 'No' }));
    expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING');
    await conn.sobject('Account').destroy(String(account.id));
    const left = await conn.query<Row>(`SELECT Id FROM Contact WHERE Id = '${contact.id}'`);
    expect(left.totalSize).toBe(0);
  });
});
