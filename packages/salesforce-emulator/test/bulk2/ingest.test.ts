import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/index.js';
import { api, connect, failureOf, startEmulator } from './support.js';

let emulator: Emulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startEmulator(2000);
  conn = await connect(emulator);
  conn.bulk2.pollInterval = 20;
});
afterAll(() => emulator.close());
beforeEach(() => emulator.faults.reset());

type Row = Record<string, string>;
interface JobStatus {
  id: string;
  state: string;
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
  errorMessage?: string;
}

function upsertCommissions(input: Record<string, unknown>[] | string) {
  return conn.bulk2.loadAndWaitForResults({
    object: 'Commission__c',
    operation: 'upsert',
    externalIdFieldName: 'External_Key__c',
    input: input as Record<string, string>[],
  }) as unknown as Promise<{ successfulResults: Row[]; failedResults: Row[]; unprocessedRecords: Row[] }>;
}

function byKey(key: string) {
  return emulator.store.findByExternalId('Commission__c', 'External_Key__c', key);
}

/** Opens a job, uploads `csv`, closes it; returns the job id. */
async function submit(csv: string, job: Record<string, unknown> = { object: 'Commission__c', operation: 'insert' }) {
  const created = await api(conn, 'POST', '/jobs/ingest', job);
  expect(created.status).toBe(200);
  const { id, state } = created.json() as { id: string; state: string };
  expect(state).toBe('Open');
  expect((await api(conn, 'PUT', `/jobs/ingest/${id}/batches`, csv, 'text/csv')).status).toBe(201);
  const closed = await api(conn, 'PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
  expect((closed.json() as { state: string }).state).toBe('UploadComplete');
  return id;
}

async function waitFor(id: string, done: (status: JobStatus) => boolean): Promise<JobStatus> {
  for (;;) {
    const status = (await api(conn, 'GET', `/jobs/ingest/${id}`)).json() as JobStatus;
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const finished = (status: JobStatus) => ['JobComplete', 'Failed', 'Aborted'].includes(status.state);

describe('ingest upsert of Commission__c by External_Key__c', () => {
  const rows = Array.from({ length: 50 }, (_, i) => ({
    External_Key__c: `BULK-${i}`,
    Amount__c: i === 17 ? 'twelve' : String(1000 + i),
    Period__c: '2025-02',
    Kind__c: 'base',
  }));

  it('creates the valid rows and reports the invalid one in failedResults', async () => {
    const result = await upsertCommissions(rows);
    expect(result.successfulResults).toHaveLength(49);
    expect(result.failedResults).toHaveLength(1);
    expect(result.unprocessedRecords).toEqual([]);
    expect(result.successfulResults.every((row) => row.sf__Created === 'true')).toBe(true);
    const first = result.successfulResults[0] as Row;
    expect(first).toMatchObject({ External_Key__c: 'BULK-0', Amount__c: '1000' });
    expect(byKey('BULK-0')[0]?.Id).toBe(first.sf__Id);
    expect(byKey('BULK-0')[0]?.Amount__c).toBe(1000);
    expect(result.failedResults[0]).toMatchObject({
      sf__Id: '',
      sf__Error: 'INVALID_TYPE_ON_FIELD_IN_RECORD:Amount: value not of required type: twelve:Amount__c --',
      External_Key__c: 'BULK-17',
    });
    expect(byKey('BULK-17')).toEqual([]);
  });

  it('re-upserting updates the same records (sf__Created false) and creates the fixed one', async () => {
    const idsBefore = rows.map((row) => byKey(row.External_Key__c)[0]?.Id);
    const fixed = rows.map((row) => ({ ...row, Amount__c: '7' }));
    const result = await upsertCommissions(fixed);
    expect(result.failedResults).toEqual([]);
    expect(result.successfulResults).toHaveLength(50);
    const created = result.successfulResults
      .filter((row) => row.sf__Created === 'true')
      .map((row) => row.External_Key__c);
    expect(created).toEqual(['BULK-17']);
    for (const [i, row] of rows.entries()) {
      const [record] = byKey(row.External_Key__c);
      expect(record?.Amount__c).toBe(7);
      if (i !== 17) expect(record?.Id).toBe(idsBefore[i]);
    }
  });

  it('leaves fields alone for empty cells and clears them for #N/A', async () => {
    const csv = 'External_Key__c,Kind__c,Period__c\nBULK-1,,#N/A\nBULK-2,bonus,\n';
    const result = await upsertCommissions(csv);
    expect(result.successfulResults.map((row) => row.sf__Created)).toEqual(['false', 'false']);
    expect(byKey('BULK-1')[0]).toMatchObject({ Kind__c: 'base', Period__c: null });
    expect(byKey('BULK-2')[0]).toMatchObject({ Kind__c: 'bonus', Period__c: '2025-02' });
  });

  it('fails every row of a duplicated external id and a row without one', async () => {
    const csv = 'External_Key__c,Amount__c\nDUP-1,1\nDUP-1,2\n,3\nDUP-2,4\n';
    const result = await upsertCommissions(csv);
    expect(result.successfulResults.map((row) => row.External_Key__c)).toEqual(['DUP-2']);
    expect(result.failedResults.map((row) => row.sf__Error)).toEqual([
      'DUPLICATE_VALUE:Duplicate external id specified: DUP-1:--',
      'DUPLICATE_VALUE:Duplicate external id specified: DUP-1:--',
      'MISSING_ARGUMENT:External_Key__c not specified:External_Key__c --',
    ]);
  });
});

describe('ingest delete and update', () => {
  it('deletes records by Id; queryAll still sees them', async () => {
    const keys = ['DEL-1', 'DEL-2', 'DEL-3'];
    await upsertCommissions(keys.map((key) => ({ External_Key__c: key })));
    const ids = keys.map((key) => byKey(key)[0]?.Id as string);
    const result = (await conn.bulk2.loadAndWaitForResults({
      object: 'Commission__c',
      operation: 'delete',
      input: [...ids.map((Id) => ({ Id })), { Id: 'a015g00000ZZZZZAAA' }],
    })) as unknown as { successfulResults: Row[]; failedResults: Row[] };
    expect(result.successfulResults.map((row) => row.sf__Id)).toEqual(ids);
    expect(result.failedResults[0]?.sf__Error).toBe('INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--');
    expect(ids.map((id) => emulator.store.get('Commission__c', id)?.IsDeleted)).toEqual([true, true, true]);
    const rows = await (
      await conn.bulk2.query(`SELECT Id FROM Commission__c WHERE External_Key__c LIKE 'DEL-%'`, {
        scanAll: true,
        pollInterval: 20,
      })
    ).toArray();
    expect(rows).toHaveLength(3);
  });

  it('updates by Id, refusing rows without one', async () => {
    await upsertCommissions([{ External_Key__c: 'UPD-1', Amount__c: '1' }]);
    const id = byKey('UPD-1')[0]?.Id as string;
    const jobId = await submit(`Id,Amount__c\n${id},42\n,43\n`, { object: 'Commission__c', operation: 'update' });
    const status = await waitFor(jobId, finished);
    expect(status).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect(byKey('UPD-1')[0]?.Amount__c).toBe(42);
    const failed = await api(conn, 'GET', `/jobs/ingest/${jobId}/failedResults`);
    expect(failed.text).toBe(
      '"sf__Id","sf__Error",Id,Amount__c\n"","MISSING_ARGUMENT:Id not specified in an update call:--","","43"\n',
    );
    const succeeded = await api(conn, 'GET', `/jobs/ingest/${jobId}/successfulResults`);
    expect(succeeded.text).toBe(`"sf__Id","sf__Created",Id,Amount__c\n"${id}","false","${id}","42"\n`);
  });
});

describe('ingest job states and errors', () => {
  it('fails the job for an unknown column, and jsforce reports it', async () => {
    const id = await submit('External_Key__c,Bogus__c\nX-1,1\n');
    const status = await waitFor(id, finished);
    expect(status.state).toBe('Failed');
    expect(status.errorMessage).toBe('InvalidBatch : Field name not found : Bogus__c');
    const failure = await failureOf(
      conn.bulk2.loadAndWaitForResults({ object: 'Commission__c', operation: 'insert', input: 'Bogus__c\n1\n' }),
    );
    expect(failure.message).toBe(
      'Ingest job failed to complete due to: InvalidBatch : Field name not found : Bogus__c',
    );
  });

  it('fails the job when the data has CRLF line endings but the job says LF', async () => {
    const id = await submit('External_Key__c\r\nX-2\r\n');
    const status = await waitFor(id, finished);
    expect(status).toMatchObject({
      state: 'Failed',
      errorMessage: 'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF',
    });
  });

  it('allows one upload per job and only state changes Salesforce allows', async () => {
    const created = (
      await api(conn, 'POST', '/jobs/ingest', { object: 'Commission__c', operation: 'insert' })
    ).json() as {
      id: string;
    };
    const path = `/jobs/ingest/${created.id}`;
    expect((await api(conn, 'PUT', `${path}/batches`, 'External_Key__c\nS-1\n', 'text/csv')).status).toBe(201);
    const second = await api(conn, 'PUT', `${path}/batches`, 'External_Key__c\nS-2\n', 'text/csv');
    expect(second.status).toBe(400);
    expect((second.json() as { message: string }[])[0]?.message).toMatch(/^Found multiple contents for job/);
    expect((await api(conn, 'DELETE', path)).status).toBe(400);
    expect((await api(conn, 'PATCH', path, { state: 'UploadComplete' })).status).toBe(200);
    await waitFor(created.id, finished);
    const again = await api(conn, 'PATCH', path, { state: 'UploadComplete' });
    expect(again.status).toBe(400);
    expect((again.json() as { errorCode: string }[])[0]?.errorCode).toBe('INVALIDJOBSTATE');
    expect((await api(conn, 'PUT', `${path}/batches`, 'External_Key__c\nS-3\n', 'text/csv')).status).toBe(400);
    expect((await api(conn, 'DELETE', path)).status).toBe(204);
    expect((await api(conn, 'GET', path)).status).toBe(404);
  });

  it('refuses bad job definitions', async () => {
    const noKey = await api(conn, 'POST', '/jobs/ingest', { object: 'Commission__c', operation: 'upsert' });
    expect(noKey.json()).toEqual([
      {
        errorCode: 'INVALIDJOB',
        message: 'External ID was blank for Commission__c. An External ID must be specified for upsert.',
      },
    ]);
    const notKey = await api(conn, 'POST', '/jobs/ingest', {
      object: 'Commission__c',
      operation: 'upsert',
      externalIdFieldName: 'Period__c',
    });
    expect(notKey.status).toBe(400);
    const badObject = await api(conn, 'POST', '/jobs/ingest', { object: 'Nope__c', operation: 'insert' });
    expect(badObject.status).toBe(400);
    const badDelimiter = await api(conn, 'POST', '/jobs/ingest', {
      object: 'Commission__c',
      operation: 'insert',
      columnDelimiter: 'COLON',
    });
    expect(badDelimiter.status).toBe(400);
  });

  it('processes in the background: polls see progress, and an abort leaves the rest unprocessed', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `BIG-${i},${i}`);
    const id = await submit(`External_Key__c,Amount__c\n${lines.join('\n')}\n`, {
      object: 'Commission__c',
      operation: 'upsert',
      externalIdFieldName: 'External_Key__c',
    });
    const midway = await waitFor(
      id,
      (status) => finished(status) || (status.state === 'InProgress' && status.numberRecordsProcessed > 0),
    );
    expect(midway.state).toBe('InProgress');
    const aborted = await api(conn, 'PATCH', `/jobs/ingest/${id}`, { state: 'Aborted' });
    expect((aborted.json() as { state: string }).state).toBe('Aborted');
    const status = (await api(conn, 'GET', `/jobs/ingest/${id}`)).json() as JobStatus;
    expect(status.numberRecordsProcessed).toBeGreaterThan(0);
    expect(status.numberRecordsProcessed).toBeLessThan(20_000);
    const unprocessed = (await api(conn, 'GET', `/jobs/ingest/${id}/unprocessedrecords`)).text.trim().split('\n');
    expect(unprocessed[0]).toBe('External_Key__c,Amount__c');
    expect(unprocessed.length - 1).toBe(20_000 - status.numberRecordsProcessed);
    const job = conn.bulk2.job('ingest', { id });
    const viaJsforce = (await job.getUnprocessedRecords()) as unknown as Row[];
    expect(viaJsforce).toHaveLength(20_000 - status.numberRecordsProcessed);
    expect(viaJsforce.at(-1)).toEqual({ External_Key__c: 'BIG-19999', Amount__c: '19999' });
    expect((await job.getSuccessfulResults()).length).toBe(status.numberRecordsProcessed);
    const processed = emulator.store.findByExternalId('Commission__c', 'External_Key__c', 'BIG-0');
    expect(processed).toHaveLength(1);
    expect(emulator.store.findByExternalId('Commission__c', 'External_Key__c', 'BIG-19999')).toEqual([]);
  });

  it('fails single rows with UNABLE_TO_LOCK_ROW under injected faults', async () => {
    emulator.faults.update({ failureRate: 0.3, failureMode: 'UNABLE_TO_LOCK_ROW', seed: 3 });
    const result = await upsertCommissions(Array.from({ length: 40 }, (_, i) => ({ External_Key__c: `LOCK-${i}` })));
    expect(result.failedResults.length).toBeGreaterThan(0);
    expect(result.failedResults.length + result.successfulResults.length).toBe(40);
    expect(result.failedResults[0]?.sf__Error).toBe(
      'UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--',
    );
  });
});
