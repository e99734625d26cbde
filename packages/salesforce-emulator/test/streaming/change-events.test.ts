/**
 * Change Data Capture through jsforce's streaming client, over real HTTP: every DML path of the
 * emulator (REST rows, upsert, collections, Bulk 2.0 ingest, delete with its cascade, undelete)
 * reaches subscribers as Salesforce's change events, in commit order.
 */
import jsforce, { type Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/index.js';
import { CLIENT, connect, rejection, startEmulator } from '../emulator-fixture.js';
import { createClient, type EventData, header, type Subscriber, subscribe } from './stream-support.js';

let emulator: Emulator;
let conn: Connection;
let integrationUserId: string;
const open: Subscriber[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  conn = await connect(emulator);
  conn.bulk2.pollInterval = 20;
  integrationUserId = (await conn.identity()).user_id;
});
afterEach(async () => {
  for (const subscriber of open.splice(0)) subscriber.close();
  // Each test starts with no client left over, so deliveries are only its own.
  await expect.poll(() => emulator.streaming.clientCount).toBe(0);
});
afterAll(() => emulator.close());

async function listen(channel: string, replayId = -1): Promise<Subscriber> {
  const subscriber = subscribe(conn, channel, replayId);
  open.push(subscriber);
  await subscriber.subscribed;
  return subscriber;
}

const payloadKeys = (event: EventData) => Object.keys(event.payload).sort();
const stampOf = (objectName: string, id: string) =>
  Date.parse(String(emulator.store.get(objectName, id)?.SystemModstamp).replace('+0000', 'Z'));

async function anyAccountId(): Promise<string> {
  return (await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records[0]?.Id as string;
}

describe('change events through jsforce streaming', () => {
  it('REST create, update and delete arrive in commit order with Salesforce headers and bodies', async () => {
    const stream = await listen('/data/OpportunityChangeEvent');
    const created = await conn.sobject('Opportunity').create({
      Name: 'CDC deal',
      StageName: 'Prospecting',
      CloseDate: '2026-06-30',
      AccountId: await anyAccountId(),
      Amount: 1000,
      Description: 'to be cleared',
    });
    const id = String(created.id);
    await conn.sobject('Opportunity').update({ Id: id, Amount: 2500, Description: null });
    await conn.sobject('Opportunity').destroy(id);
    await expect.poll(() => stream.events.length).toBe(3);

    const [create, update, remove] = stream.events as [EventData, EventData, EventData];
    expect(header(create)).toMatchObject({
      entityName: 'Opportunity',
      recordIds: [id],
      changeType: 'CREATE',
      changeOrigin: 'com/salesforce/api/rest/62.0',
      sequenceNumber: 1,
      commitUser: integrationUserId,
      changedFields: [],
      nulledFields: [],
      diffFields: [],
    });
    // A create carries every non-empty field, system fields included, never Id/IsDeleted/SystemModstamp.
    expect(create.payload).toMatchObject({
      Name: 'CDC deal',
      StageName: 'Prospecting',
      CloseDate: '2026-06-30',
      Amount: 1000,
      IsClosed: false,
      OwnerId: integrationUserId,
      CreatedById: integrationUserId,
    });
    expect(create.payload.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
    for (const absent of ['Id', 'IsDeleted', 'SystemModstamp']) expect(create.payload).not.toHaveProperty(absent);

    // An update carries the changed fields only (a nulled one as null) plus LastModifiedDate.
    expect(header(update).changeType).toBe('UPDATE');
    expect([...header(update).changedFields].sort()).toEqual(['Amount', 'Description', 'LastModifiedDate']);
    expect(header(update).nulledFields).toEqual(['Description']);
    expect(payloadKeys(update)).toEqual(['Amount', 'ChangeEventHeader', 'Description', 'LastModifiedDate']);
    expect(update.payload).toMatchObject({ Amount: 2500, Description: null });

    // A delete carries no field at all.
    expect(header(remove)).toMatchObject({ changeType: 'DELETE', recordIds: [id], changedFields: [] });
    expect(payloadKeys(remove)).toEqual(['ChangeEventHeader']);

    // Commit order: increasing replay ids and commit numbers, one transaction each, stamped like the record.
    const ids = stream.replayIds();
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(stream.events.map((event) => header(event).transactionKey)).size).toBe(3);
    const commits = stream.events.map((event) => header(event).commitNumber);
    expect(commits[0]).toBeLessThan(commits[1] as number);
    expect(commits[1]).toBeLessThan(commits[2] as number);
    expect(header(remove).commitTimestamp).toBe(stampOf('Opportunity', id));
    expect(create.schema).toMatch(/^[\w-]{22}$/);
  });

  it('names the calling client in changeOrigin when jsforce sends Sforce-Call-Options', async () => {
    const stream = await listen('/data/UserChangeEvent');
    const named = new jsforce.Connection({
      oauth2: { ...CLIENT, loginUrl: emulator.url },
      version: '62.0',
      callOptions: { client: 'attain-sync' },
    });
    await named.authorize({ grant_type: 'client_credentials' });
    const user = (await named.query<{ Id: string }>('SELECT Id FROM User WHERE IsActive = true LIMIT 1')).records[0];
    await named.sobject('User').update({ Id: String(user?.Id), Title: 'Streaming tester' });
    await expect.poll(() => stream.events.length).toBe(1);
    expect(header(stream.events[0] as EventData)).toMatchObject({
      entityName: 'User',
      changeType: 'UPDATE',
      recordIds: [user?.Id],
      changeOrigin: 'com/salesforce/api/rest/62.0;client=attain-sync',
    });
    expect(stream.events[0]?.payload.Title).toBe('Streaming tester');
  });

  it('collections: one transaction; the same change to several records is one event listing them all', async () => {
    const stream = await listen('/data/ChangeEvents');
    const keys = ['CDC-C-1', 'CDC-C-2', 'CDC-C-3'];
    const created = await conn.sobject('Commission_Statement__c').create(
      keys.map((key) => ({ External_Key__c: key })),
      { allOrNone: true },
    );
    const ids = created.map((result) => String(result.id));
    await conn.sobject('Commission_Statement__c').update(
      ids.map((id) => ({ Id: id, Status__c: 'Locked' })),
      { allOrNone: true },
    );
    await conn.sobject('Commission_Statement__c').destroy(ids, { allOrNone: true });
    await expect.poll(() => stream.events.length).toBe(5);

    const creates = stream.events.slice(0, 3);
    expect(creates.map((event) => header(event).changeType)).toEqual(['CREATE', 'CREATE', 'CREATE']);
    expect(creates.map((event) => header(event).recordIds[0])).toEqual(ids);
    expect(creates.map((event) => header(event).sequenceNumber)).toEqual([1, 2, 3]);
    expect(new Set(creates.map((event) => header(event).transactionKey)).size).toBe(1);
    expect(creates.map((event) => event.payload.External_Key__c)).toEqual(keys);

    const [update, remove] = stream.events.slice(3) as [EventData, EventData];
    expect(header(update)).toMatchObject({
      entityName: 'Commission_Statement__c',
      changeType: 'UPDATE',
      recordIds: ids,
    });
    expect(update.payload.Status__c).toBe('Locked');
    expect(header(remove)).toMatchObject({ changeType: 'DELETE', recordIds: ids, sequenceNumber: 1 });
    expect(stream.deliveries.every((delivery) => delivery.channel === '/data/ChangeEvents')).toBe(true);
  });

  it('a custom object has its own __ChangeEvent channel; upsert by external id creates then updates', async () => {
    const stream = await listen('/data/Commission_Statement__ChangeEvent');
    const statements = conn.sobject('Commission_Statement__c');
    const first = await statements.upsert({ External_Key__c: 'CDC-UPSERT', Period__c: '2026-Q1' }, 'External_Key__c');
    await statements.upsert({ External_Key__c: 'CDC-UPSERT', Period__c: '2026-Q2' }, 'External_Key__c');
    await expect.poll(() => stream.events.length).toBe(2);
    const id = String((first as { id?: string }).id);
    expect(stream.events.map((event) => [header(event).changeType, header(event).recordIds[0]])).toEqual([
      ['CREATE', id],
      ['UPDATE', id],
    ]);
    expect(stream.events[1]?.payload.Period__c).toBe('2026-Q2');
    expect(stream.deliveries.map((delivery) => delivery.channel)).toEqual([
      '/data/Commission_Statement__ChangeEvent',
      '/data/Commission_Statement__ChangeEvent',
    ]);
  });

  it('Bulk 2.0 ingest: a chunk is one transaction, reported with the bulkapi origin', async () => {
    const stream = await listen('/data/OpportunityChangeEvent');
    const rows = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity ORDER BY Id LIMIT 3')).records;
    await conn.bulk2.loadAndWaitForResults({
      object: 'Opportunity',
      operation: 'update',
      input: rows.map((row, i) => ({ Id: row.Id, Amount: String(7000 + i) })),
    });
    await expect.poll(() => stream.events.length).toBe(3);
    expect(stream.events.map((event) => header(event).recordIds[0])).toEqual(rows.map((row) => row.Id));
    expect(stream.events.map((event) => event.payload.Amount)).toEqual([7000, 7001, 7002]);
    expect(new Set(stream.events.map((event) => header(event).transactionKey)).size).toBe(1);
    expect(stream.events.every((event) => header(event).changeOrigin === 'com/salesforce/api/bulkapi/62.0')).toBe(true);
  });

  it('a delete cascades to line items and splits in one transaction; undelete brings them all back', async () => {
    const [opportunity] = (
      await conn.query<{ Id: string }>(
        'SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityLineItem) AND Id IN (SELECT OpportunityId FROM OpportunitySplit) LIMIT 1',
      )
    ).records;
    const id = String(opportunity?.Id);
    const items = [...emulator.store.children('OpportunityLineItem', 'OpportunityId', id, false)].map((r) => r.Id);
    const splits = [...emulator.store.children('OpportunitySplit', 'OpportunityId', id, false)].map((r) => r.Id);
    const stream = await listen('/data/ChangeEvents');
    const items$ = await listen('/data/OpportunityLineItemChangeEvent');
    const splits$ = await listen('/data/OpportunitySplitChangeEvent');

    await conn.sobject('Opportunity').destroy(id);
    await expect.poll(() => stream.events.length).toBe(3);
    expect(stream.events.map((event) => [header(event).entityName, header(event).changeType])).toEqual(
      expect.arrayContaining([
        ['Opportunity', 'DELETE'],
        ['OpportunityLineItem', 'DELETE'],
        ['OpportunitySplit', 'DELETE'],
      ]),
    );
    expect(new Set(stream.events.map((event) => header(event).transactionKey)).size).toBe(1);
    expect(header(items$.events[0] as EventData).recordIds.sort()).toEqual([...items].sort());
    expect(header(splits$.events[0] as EventData).recordIds.sort()).toEqual([...splits].sort());

    // Undelete has no REST resource; it is DML (as Apex or SOAP would run it), outside any API request.
    expect(emulator.dml.undelete('Opportunity', id).success).toBe(true);
    await expect.poll(() => stream.events.length).toBeGreaterThanOrEqual(6);
    const restored = stream.events.slice(3);
    expect(restored.map((event) => header(event).changeType)).toEqual(Array(restored.length).fill('UNDELETE'));
    expect(restored[0]?.payload.Name).toBe(emulator.store.get('Opportunity', id)?.Name);
    expect(header(restored[0] as EventData)).toMatchObject({ entityName: 'Opportunity', changeOrigin: '' });
    expect(restored.flatMap((event) => header(event).recordIds).sort()).toEqual([id, ...items, ...splits].sort());
  });

  it('a rolled-back collection (allOrNone) emits nothing', async () => {
    const stream = await listen('/data/Commission_Statement__ChangeEvent');
    const failed = await conn
      .sobject('Commission_Statement__c')
      .create([{ External_Key__c: 'CDC-RB-1' }, { External_Key__c: 'CDC-RB-2', Status__c: 'Nope' }], {
        allOrNone: true,
      });
    expect(failed.every((result) => !result.success)).toBe(true);
    await conn.sobject('Commission_Statement__c').create({ External_Key__c: 'CDC-RB-MARK' });
    await expect.poll(() => stream.events.length).toBe(1);
    expect(stream.events[0]?.payload.External_Key__c).toBe('CDC-RB-MARK');
  });

  it('refuses a channel the org does not have, and publishing from a client', async () => {
    const missing = subscribe(conn, '/data/NoSuchObjectChangeEvent');
    open.push(missing);
    const error = await rejection(missing.subscribed);
    expect(String(error.message)).toContain('The channel you requested to subscribe to does not exist');
    const answer = missing.meta.find((message) => message.channel === '/meta/subscribe');
    expect(answer?.error).toBe(
      '400::The channel you requested to subscribe to does not exist {/data/NoSuchObjectChangeEvent}',
    );

    const client = createClient(conn);
    const published = new Promise((resolve, reject) =>
      client.publish('/data/OpportunityChangeEvent', { forged: true }).then(resolve, reject),
    );
    await expect(published).rejects.toBeTruthy();
    client.disconnect();
  });
});
