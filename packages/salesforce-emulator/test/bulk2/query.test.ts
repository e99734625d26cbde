import type { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/bulk2/csv.js';
import { createEmulator, type Emulator } from '../../src/index.js';
import { api, connect, failureOf, startEmulator } from './support.js';

let emulator: Emulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startEmulator(2000);
  conn = await connect(emulator);
});
afterAll(() => emulator.close());

type Row = Record<string, string>;

async function bulkQuery(soql: string, scanAll = false): Promise<Row[]> {
  const stream = await conn.bulk2.query(soql, { scanAll, pollInterval: 20 });
  return (await stream.toArray()) as Row[];
}

/** Creates a query job through the raw API and waits for JobComplete. */
async function completedJob(query: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await api(conn, 'POST', '/jobs/query', { operation: 'query', query, ...extra });
  expect(created.status).toBe(200);
  const { id, state } = created.json() as { id: string; state: string };
  expect(state).toBe('UploadComplete');
  for (;;) {
    const status = (await api(conn, 'GET', `/jobs/query/${id}`)).json() as { state: string };
    if (status.state === 'JobComplete') return id;
    expect(['UploadComplete', 'InProgress']).toContain(status.state);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Bulk 2.0 query through jsforce', () => {
  it('returns every opportunity with flattened parent fields', async () => {
    const rows = await bulkQuery('SELECT Id, Name, Amount, CloseDate, Owner.Name, Account.Name FROM Opportunity');
    expect(rows).toHaveLength(emulator.store.count('Opportunity'));
    expect(rows.length).toBe(2000);
    expect(Object.keys(rows[0] as Row)).toEqual(['Id', 'Name', 'Amount', 'CloseDate', 'Owner.Name', 'Account.Name']);
    for (const row of rows.slice(0, 50)) {
      const opportunity = emulator.store.get('Opportunity', row.Id as string);
      const owner = emulator.store.get('User', opportunity?.OwnerId as string);
      const account = emulator.store.get('Account', opportunity?.AccountId as string);
      expect(row.Name).toBe(opportunity?.Name);
      expect(row.Amount).toBe(opportunity?.Amount === null ? '' : String(opportunity?.Amount));
      expect(row.CloseDate).toBe(opportunity?.CloseDate);
      expect(row['Owner.Name']).toBe(owner?.Name);
      expect(row['Account.Name']).toBe(account?.Name ?? '');
    }
  });

  it('writes datetimes in the Bulk API form (Z) and honours WHERE / ORDER BY / LIMIT', async () => {
    const rows = await bulkQuery(
      'SELECT Id, CreatedDate FROM Opportunity WHERE Amount > 0 ORDER BY Amount DESC LIMIT 10',
    );
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const stored = emulator.store.get('Opportunity', row.Id as string)?.CreatedDate as string;
      expect(row.CreatedDate).toBe(stored.replace('+0000', 'Z'));
      expect(row.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('queryAll sees deleted rows that query does not', async () => {
    const victims = (await bulkQuery('SELECT Id FROM Opportunity ORDER BY Id LIMIT 3')).map((row) => row.Id as string);
    await conn.sobject('Opportunity').destroy(victims);
    const live = await bulkQuery('SELECT Id FROM Opportunity');
    const all = await bulkQuery('SELECT Id, IsDeleted FROM Opportunity', true);
    expect(live.map((row) => row.Id)).not.toContain(victims[0]);
    expect(all).toHaveLength(live.length + 3);
    expect(
      all
        .filter((row) => row.IsDeleted === 'true')
        .map((row) => row.Id)
        .sort(),
    ).toEqual([...victims].sort());
  });

  it('refuses child subqueries, COUNT() and bad SOQL when the job is created', async () => {
    const subquery = await failureOf(
      conn.bulk2.query('SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunity'),
    );
    expect(subquery.errorCode).toBe('API_ERROR');
    expect(subquery.message).toBe('Aggregate Relationships not supported in Bulk V2 Query with CSV content type');
    expect((await failureOf(conn.bulk2.query('SELECT COUNT() FROM Opportunity'))).errorCode).toBe('API_ERROR');
    expect((await failureOf(conn.bulk2.query('SELECT Bogus__c FROM Opportunity'))).errorCode).toBe('INVALID_FIELD');
    expect((await failureOf(conn.bulk2.query('SELECT Id FROM'))).errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('Bulk 2.0 query results over the raw API', () => {
  it('pages by locator: Sforce-Locator until the literal "null", Sforce-NumberOfRecords per page', async () => {
    const id = await completedJob('SELECT Id, Name FROM Opportunity');
    const seen: string[] = [];
    const sizes: number[] = [];
    let locator: string | undefined;
    for (let page = 0; page < 10; page++) {
      const query = `maxRecords=700${locator ? `&locator=${locator}` : ''}`;
      const response = await api(conn, 'GET', `/jobs/query/${id}/results?${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parseCsv(response.text, { delimiter: 'COMMA', lineEnding: 'LF' });
      expect(rows[0]).toEqual(['Id', 'Name']);
      expect(Number(response.headers.get('sforce-numberofrecords'))).toBe(rows.length - 1);
      sizes.push(rows.length - 1);
      seen.push(...rows.slice(1).map((row) => row[0] as string));
      locator = response.headers.get('sforce-locator') ?? undefined;
      if (locator === 'null') break;
    }
    const total = emulator.store.count('Opportunity');
    expect(locator).toBe('null');
    expect(sizes).toEqual([700, 700, total - 1400]);
    expect(new Set(seen).size).toBe(total);
    const status = (await api(conn, 'GET', `/jobs/query/${id}`)).json() as Record<string, unknown>;
    expect(status).toMatchObject({ id, state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: total });
    const bad = await api(conn, 'GET', `/jobs/query/${id}/results?locator=not-a-locator`);
    expect(bad.status).toBe(400);
  });

  it('quotes every value, doubles inner quotes, leaves nulls empty, and uses the job dialect', async () => {
    const name = 'Acme "Quoted", Inc. | Ltd';
    const [created] = (await conn.sobject('Account').create([{ Name: name }, { Name: 'Other' }])) as { id: string }[];
    const id = await completedJob(`SELECT Id, Name, Website FROM Account WHERE Id = '${created?.id}'`, {
      columnDelimiter: 'PIPE',
      lineEnding: 'CRLF',
    });
    const response = await api(conn, 'GET', `/jobs/query/${id}/results`);
    expect(response.text).toBe(`"Id"|"Name"|"Website"\r\n"${created?.id}"|"Acme ""Quoted"", Inc. | Ltd"|""\r\n`);
    expect(response.headers.get('sforce-locator')).toBe('null');
  });

  it('lists, aborts and deletes jobs; unknown ids are NOT_FOUND', async () => {
    const id = await completedJob('SELECT Id FROM Account LIMIT 1');
    const list = (await api(conn, 'GET', '/jobs/query')).json() as { done: boolean; records: { id: string }[] };
    expect(list.done).toBe(true);
    expect(list.records.map((job) => job.id)).toContain(id);
    const abort = await api(conn, 'PATCH', `/jobs/query/${id}`, { state: 'Aborted' });
    expect(abort.status).toBe(400);
    expect((abort.json() as { errorCode: string }[])[0]?.errorCode).toBe('INVALIDJOBSTATE');
    expect((await api(conn, 'DELETE', `/jobs/query/${id}`)).status).toBe(204);
    const gone = await api(conn, 'GET', `/jobs/query/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('refuses an unknown operation', async () => {
    const response = await api(conn, 'POST', '/jobs/query', { operation: 'upsert', query: 'SELECT Id FROM Account' });
    expect(response.status).toBe(400);
    expect((response.json() as { errorCode: string }[])[0]?.errorCode).toBe('INVALIDJOB');
  });
});

/**
 * Multi-page results through jsforce. `conn.bulk2.query` cannot read them (jsforce 3.10.16 pipes
 * every page into one CSV parser and dies with ERR_STREAM_WRITE_AFTER_END: issues #1546, #1693), so
 * this walks the locators with jsforce's own HttpApi — the class every Connection call goes
 * through — whose `response` event exposes the Sforce-Locator header. One request per page.
 */
describe('Bulk 2.0 query results of several pages through jsforce', () => {
  let small: Emulator;
  let smallConn: Connection;
  beforeAll(async () => {
    small = await createEmulator({ port: 0, seed: 2, opportunities: 1600, bulkQueryPageSize: 700 });
    smallConn = await connect(small);
  });
  afterAll(() => small.close());

  async function page(jobId: string, locator: string | undefined): Promise<{ rows: Row[]; locator: string }> {
    const http = new HttpApi(smallConn, {});
    let next = '';
    http.on('response', (response: { headers: Record<string, string> }) => {
      next = response.headers['sforce-locator'] ?? '';
    });
    const url = `${smallConn.instanceUrl}/services/data/v62.0/jobs/query/${jobId}/results${locator ? `?locator=${locator}` : ''}`;
    const rows = (await http.request({ method: 'GET', url, headers: { Accept: 'text/csv' } })) as Row[];
    return { rows, locator: next };
  }

  it('serves pages of the configured size (no maxRecords) until the locator is "null"', async () => {
    const job = (await smallConn.request({
      method: 'POST',
      url: '/jobs/query',
      body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name FROM Opportunity' }),
      headers: { 'Content-Type': 'application/json' },
    })) as { id: string; state: string };
    expect(job.state).toBe('UploadComplete');
    await smallConn.bulk2.job('query', { id: job.id }).poll(10, 10_000);
    const sizes: number[] = [];
    const ids = new Set<string>();
    let locator: string | undefined;
    for (let i = 0; i < 5 && locator !== 'null'; i++) {
      const result = await page(job.id, locator);
      sizes.push(result.rows.length);
      for (const row of result.rows) ids.add(row.Id as string);
      locator = result.locator;
    }
    const total = small.store.count('Opportunity');
    expect(total).toBe(1600);
    expect(sizes).toEqual([700, 700, 200]);
    expect(ids.size).toBe(total);
    expect(locator).toBe('null');
  });

  it('a results page under a bad locator is INVALID_QUERY_LOCATOR through jsforce', async () => {
    const created = await api(smallConn, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM User' });
    const { id } = created.json() as { id: string };
    await smallConn.bulk2.job('query', { id }).poll(10, 10_000);
    const failure = await failureOf(page(id, 'bm90LWEtbG9jYXRvcg'));
    expect(failure.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('a reset forgets every Bulk job and stops ingest jobs still to be processed', async () => {
    const created = await api(smallConn, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Id FROM User' });
    const { id } = created.json() as { id: string };
    await smallConn.bulk2.job('query', { id }).poll(10, 10_000);
    const ingest = smallConn.bulk2.createJob({ object: 'Commission__c', operation: 'insert' });
    await ingest.open();
    const rows = Array.from({ length: 3000 }, (_, i) => `"reset-${i}"`);
    await ingest.uploadData(`External_Key__c\n${rows.join('\n')}\n`);
    await ingest.close();
    small.reset();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(small.store.count('Commission__c')).toBe(0);
    const gone = await failureOf(smallConn.bulk2.job('query', { id }).check());
    expect(gone.errorCode).toBe('NOT_FOUND');
    expect((await failureOf(smallConn.bulk2.job('ingest', { id: String(ingest.id) }).check())).errorCode).toBe(
      'NOT_FOUND',
    );
    for (const kind of ['query', 'ingest']) {
      expect(((await smallConn.request(`/jobs/${kind}`)) as { records: unknown[] }).records).toEqual([]);
    }
  });
});
