/**
 * The official Salesforce CLI against the emulator (`pnpm test:clients`; not part of `npm test`:
 * the CLI is installed on first run and each command starts a large Node program). Every answer
 * the CLI prints is checked against what the org holds, read through jsforce or the store.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index.js';
import { type SfCli, sfCli } from './sf-cli.js';

const CLIENT = { clientId: 'attain-local', clientSecret: 'attain-local-secret' } as const;
/** More opportunities than one REST query page (2,000), so `data query` must follow nextRecordsUrl. */
const OPPORTUNITIES = 2300;

let emulator: Emulator;
let conn: Connection;
let sf: SfCli;
const ORG = ['--target-org', 'emu'];

type Row = Record<string, unknown>;

beforeAll(async () => {
  sf = sfCli();
  emulator = await createEmulator({
    opportunities: OPPORTUNITIES,
    today: new Date('2026-05-04T00:00:00.000Z'),
    onError: () => {},
  });
  conn = new jsforce.Connection({ oauth2: { ...CLIENT, loginUrl: emulator.url }, version: '62.0' });
  await conn.authorize({ grant_type: 'client_credentials' });
}, 15 * 60_000);
afterAll(async () => {
  await emulator?.close();
  sf?.dispose();
});

describe('sf against the emulator', () => {
  it('logs in with an access token (stored with a trailing slash) and displays the org', async () => {
    const login = await sf.json<Row>(
      ['org', 'login', 'access-token', '--instance-url', emulator.url, '--alias', 'emu', '--no-prompt'],
      { env: { SF_ACCESS_TOKEN: String(conn.accessToken) } },
    );
    expect(login.status, JSON.stringify(login)).toBe(0);
    expect(login.result).toMatchObject({
      instanceUrl: `${emulator.url}/`,
      orgId: emulator.store.org.id,
      username: 'attain.integration@northwindrobotics.com',
    });
    const display = await sf.json<Row>(['org', 'display', ...ORG]);
    expect(display.status, JSON.stringify(display)).toBe(0);
    expect(display.result).toMatchObject({
      id: emulator.store.org.id,
      connectedStatus: 'Connected',
      instanceUrl: `${emulator.url}/`,
      apiVersion: '64.0',
    });
  });

  it('runs a small query, in a table and as JSON', async () => {
    const soql = 'SELECT Id, Name, Owner.Name FROM Account ORDER BY Name LIMIT 5';
    const expected = (await conn.query<Row>(soql)).records;
    const answer = await sf.json<{ totalSize: number; records: Row[] }>(['data', 'query', ...ORG, '--query', soql]);
    expect(answer.status, JSON.stringify(answer)).toBe(0);
    expect(answer.result.totalSize).toBe(5);
    expect(answer.result.records.map((row) => [row.Id, row.Name, (row.Owner as Row).Name])).toEqual(
      expected.map((row) => [row.Id, row.Name, (row.Owner as Row).Name]),
    );
    const table = await sf.run(['data', 'query', ...ORG, '--query', soql]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/OWNER\.NAME/);
    for (const row of expected) expect(table.stdout).toContain(String(row.Name));
    expect(table.stdout).toContain('Total number of records retrieved: 5.');
  });

  it('pages a query of more than 2,000 rows', async () => {
    const before = emulator.stats.get().byKind.queryMore;
    const answer = await sf.json<{ totalSize: number; records: Row[]; done: boolean }>([
      'data',
      'query',
      ...ORG,
      '--query',
      'SELECT Id, Amount FROM Opportunity',
    ]);
    expect(answer.status, answer.message).toBe(0);
    expect(answer.result.totalSize).toBe(OPPORTUNITIES);
    expect(new Set(answer.result.records.map((row) => row.Id)).size).toBe(OPPORTUNITIES);
    expect(emulator.stats.get().byKind.queryMore).toBeGreaterThan(before);
  });

  it('counts with COUNT()', async () => {
    const soql = 'SELECT COUNT() FROM Opportunity WHERE IsWon = true';
    const expected = (await conn.query(soql)).totalSize;
    expect(expected).toBeGreaterThan(0);
    const answer = await sf.json<{ totalSize: number }>(['data', 'query', ...ORG, '--query', soql]);
    expect(answer.status, answer.message).toBe(0);
    expect(answer.result.totalSize).toBe(expected);
    const table = await sf.run(['data', 'query', ...ORG, '--query', soql]);
    expect(table.stdout).toContain(`Total number of records retrieved: ${expected}.`);
  });

  it('queries a parent relationship and a child subquery, as JSON and CSV', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Analytical Engines, Ltd.' });
    await conn.sobject('Contact').create([
      { AccountId: account.id, FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' },
      { AccountId: account.id, FirstName: 'Charles', LastName: 'Babbage', Email: 'charles@example.com' },
    ]);
    const owner = (await conn.query<Row>(`SELECT Owner.Name FROM Account WHERE Id = '${account.id}'`)).records[0];
    const ownerName = String((owner?.Owner as Row | undefined)?.Name);
    const soql = `SELECT Name, Owner.Name, (SELECT LastName, Email FROM Contacts ORDER BY LastName) FROM Account WHERE Id = '${account.id}'`;
    const answer = await sf.json<{ records: Row[] }>(['data', 'query', ...ORG, '--query', soql]);
    expect(answer.status, answer.message).toBe(0);
    const contacts = answer.result.records[0]?.Contacts as { totalSize: number; records: Row[] };
    expect(contacts.totalSize).toBe(2);
    expect(contacts.records.map((row) => row.LastName)).toEqual(['Babbage', 'Lovelace']);
    const csv = await sf.run(['data', 'query', ...ORG, '--query', soql, '--result-format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trim().split('\n')).toEqual([
      'Name,Owner.Name,Contacts.totalSize,Contacts.records.0.LastName,Contacts.records.0.Email,Contacts.totalSize,Contacts.records.1.LastName,Contacts.records.1.Email',
      `"Analytical Engines, Ltd.",${ownerName},2,Babbage,charles@example.com,2,Lovelace,ada@example.com`,
    ]);
  });

  it('exports with Bulk 2.0 to a CSV file', async () => {
    const soql = 'SELECT Id, Name, Amount FROM Opportunity WHERE IsWon = true ORDER BY Id';
    const expected = (await conn.query<Row>(soql, { autoFetch: true, maxFetch: 100_000 })).records;
    const file = join(sf.home, 'won.csv');
    const answer = await sf.json<{ totalSize: number }>([
      'data',
      'export',
      'bulk',
      ...ORG,
      '--query',
      soql,
      '--output-file',
      file,
      '--result-format',
      'csv',
      '--wait',
      '5',
    ]);
    expect(answer.status, answer.message).toBe(0);
    expect(answer.result.totalSize).toBe(expected.length);
    const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('"Id","Name","Amount"');
    expect(lines.slice(1).map((line) => line.slice(1, 19))).toEqual(expected.map((row) => row.Id));
  });

  it('creates, gets, updates and deletes a record', async () => {
    const created = await sf.json<{ id: string; success: boolean }>([
      'data',
      'create',
      'record',
      ...ORG,
      '--sobject',
      'Account',
      '--values',
      "Name='Difference Engine Co' Rating=Hot ShippingCity=London",
    ]);
    expect(created.status, created.message).toBe(0);
    const id = created.result.id;
    expect(id).toMatch(/^001\w{15}$/);
    expect(emulator.store.get('Account', id)).toMatchObject({ Name: 'Difference Engine Co', Rating: 'Hot' });

    const got = await sf.json<Row>(['data', 'get', 'record', ...ORG, '--sobject', 'Account', '--record-id', id]);
    expect(got.status, got.message).toBe(0);
    expect(got.result).toMatchObject({ Id: id, Name: 'Difference Engine Co', ShippingCity: 'London' });

    const updated = await sf.json<Row>([
      'data',
      'update',
      'record',
      ...ORG,
      '--sobject',
      'Account',
      '--where',
      "Name='Difference Engine Co'",
      '--values',
      'Rating=Warm',
    ]);
    expect(updated.status, updated.message).toBe(0);
    expect(emulator.store.get('Account', id)?.Rating).toBe('Warm');

    const deleted = await sf.json<Row>(['data', 'delete', 'record', ...ORG, '--sobject', 'Account', '--record-id', id]);
    expect(deleted.status, deleted.message).toBe(0);
    expect(emulator.store.get('Account', id)?.IsDeleted).toBe(true);
  });

  it('upserts with Bulk 2.0 by external id: creates, then updates', async () => {
    const file = join(sf.home, 'commissions.csv');
    writeFileSync(file, 'External_Key__c,Amount__c\ncli-1,10.5\ncli-2,20\ncli-3,30\n');
    const upsert = () =>
      sf.json<{ jobInfo: Row; records: { successfulResults: Row[]; failedResults: Row[] } }>([
        'data',
        'upsert',
        'bulk',
        ...ORG,
        '--sobject',
        'Commission__c',
        '--external-id',
        'External_Key__c',
        '--file',
        file,
        '--wait',
        '5',
      ]);
    const first = await upsert();
    expect(first.status, first.message).toBe(0);
    expect(first.result.jobInfo).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3 });
    expect(first.result.records.successfulResults.map((row) => row.sf__Created)).toEqual(['true', 'true', 'true']);
    writeFileSync(file, 'External_Key__c,Amount__c\ncli-1,11\ncli-2,21\ncli-3,31\n');
    const second = await upsert();
    expect(second.status, second.message).toBe(0);
    expect(second.result.records.successfulResults.map((row) => row.sf__Created)).toEqual(['false', 'false', 'false']);
    const stored = await conn.query<Row>(
      "SELECT External_Key__c, Amount__c FROM Commission__c WHERE External_Key__c LIKE 'cli-%' ORDER BY External_Key__c",
    );
    expect(stored.records.map((row) => [row.External_Key__c, row.Amount__c])).toEqual([
      ['cli-1', 11],
      ['cli-2', 21],
      ['cli-3', 31],
    ]);
  });

  it('describes an object', async () => {
    const answer = await sf.json<{ name: string; fields: Row[]; childRelationships: Row[] }>([
      'sobject',
      'describe',
      ...ORG,
      '--sobject',
      'Account',
    ]);
    expect(answer.status, answer.message).toBe(0);
    expect(answer.result.name).toBe('Account');
    const names = answer.result.fields.map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['Name', 'ShippingCity', 'Rating', 'AccountSource']));
    expect(answer.result.childRelationships.map((child) => child.relationshipName)).toContain('Contacts');
  });

  it('displays the API limits', async () => {
    const answer = await sf.json<{ name: string; max: number; remaining: number }[]>([
      'limits',
      'api',
      'display',
      ...ORG,
    ]);
    expect(answer.status, answer.message).toBe(0);
    const daily = answer.result.find((limit) => limit.name === 'DailyApiRequests');
    expect(daily?.max).toBe(100_000);
    expect(daily?.remaining).toBe(100_000 - emulator.limits.current().used);
  });
});
