import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { admin, connect, rejection, startEmulator } from './emulator-fixture.js';

describe('limits, faults and the admin endpoints', () => {
  let emulator: Emulator;
  let conn: Connection;

  beforeAll(async () => {
    emulator = await startEmulator({ opportunities: 40 });
    conn = await connect(emulator);
  });
  beforeEach(async () => {
    await admin(emulator, '/reset', 'POST');
  });
  afterAll(() => emulator.close());

  const get = (path = '/limits') =>
    fetch(`${emulator.url}/services/data/v62.0${path}`, { headers: { authorization: `Bearer ${conn.accessToken}` } });

  it('refuses requests once the daily limit is spent, with REQUEST_LIMIT_EXCEEDED', async () => {
    const configured = await admin(emulator, '/limits', 'PUT', { dailyApiLimit: 5, used: 4 });
    expect(await configured.json()).toMatchObject({ dailyApiLimit: 5, used: 4 });
    const last = await get();
    expect(last.status).toBe(200);
    expect(last.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
    const refused = await get();
    expect(refused.status).toBe(403);
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
    expect(await refused.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    const error = await rejection(conn.query('SELECT Id FROM Account'));
    expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 5, limit: 5 } });
    // OAuth does not count against the limit.
    expect((await connect(emulator)).accessToken).toBeTruthy();
  });

  it('puts Sforce-Limit-Info on every API answer, errors included, and counts each call once', async () => {
    const usage = () => conn.limitInfo?.apiUsage?.used ?? Number.NaN;
    await conn.query('SELECT Id FROM Account LIMIT 1');
    const start = usage();
    await conn.sobject('Account').describe();
    const [account] = (await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records;
    await conn.sobject('Account').retrieve(String(account?.Id));
    await conn.sobject('Commission__c').create([{ External_Key__c: 'info-1' }, { External_Key__c: 'info-2' }]);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    // (Records written this minute are not covered yet: replication windows end at the current minute.)
    expect(await conn.sobject('Commission__c').updated(hourAgo, new Date().toISOString())).toHaveProperty('ids');
    await rejection(conn.query('SELECT Bogus__c FROM Account'));
    expect(usage()).toBe(start + 6);
    expect(emulator.limits.apiUsed).toBe(start + 6);
    for (const path of ['/limits', '/query?q=SELEC', '/sobjects/Nope__c', '/jobs/query', '/jobs/ingest/750bogus']) {
      const response = await get(path);
      expect(response.headers.get('sforce-limit-info'), path).toMatch(/^api-usage=\d+\/100000$/);
    }
  });

  it('refuses new requests while too many long-running ones are in flight (25 by default)', async () => {
    expect(((await (await admin(emulator, '/limits')).json()) as { maxLongRunning: number }).maxLongRunning).toBe(25);
    await admin(emulator, '/limits', 'PUT', { longRunningMs: 50, maxLongRunning: 2 });
    await admin(emulator, '/faults', 'PUT', { latencyMs: 400 });
    // (A jsforce Query starts when something awaits it: `.then` starts both now.)
    const slow = ['Account', 'User'].map((object) =>
      conn.query(`SELECT Id FROM ${object} LIMIT 1`).then((result) => result.totalSize),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refused = await get();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([
      { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    const viaJsforce = await rejection(conn.sobject('Account').describe());
    expect([viaJsforce.errorCode, viaJsforce.message]).toEqual([
      'REQUEST_LIMIT_EXCEEDED',
      'ConcurrentPerOrgLongTxn Limit exceeded.',
    ]);
    expect(await Promise.all(slow)).toEqual([1, 1]);
    await admin(emulator, '/faults', 'PUT', { latencyMs: 0 });
    expect((await get()).status).toBe(200);
  });

  it('delays requests by the configured latency and holds them while paused', async () => {
    await admin(emulator, '/faults', 'PUT', { latencyMs: 150 });
    const started = Date.now();
    await conn.query('SELECT Id FROM Account LIMIT 1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);

    await admin(emulator, '/faults', 'PUT', { latencyMs: 0, paused: true });
    let answered = false;
    const held = conn.query('SELECT Id FROM Account LIMIT 1').then((result) => {
      answered = true;
      return result.totalSize;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    await admin(emulator, '/faults', 'PUT', { paused: false });
    expect(await held).toBe(1);
  });

  it('fails requests with 503 deterministically for a given seed', async () => {
    const pattern = async () => {
      await admin(emulator, '/faults', 'PUT', { failureRate: 0.5, failureMode: '503', seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await get()).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);

    await admin(emulator, '/faults', 'PUT', { failureRate: 1 });
    const failed = await get();
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual([
      { message: 'Server is temporarily unavailable, please try again later.', errorCode: 'SERVER_UNAVAILABLE' },
    ]);

    // jsforce retries a 503 (after 500 ms, then backing off): with seed 42 the second draw fails,
    // the third succeeds, so the query succeeds after one retry.
    await admin(emulator, '/stats/reset', 'POST');
    await admin(emulator, '/faults', 'PUT', { failureRate: 0.5, seed: 42 });
    expect((await get()).status).toBe(first[0]);
    expect((await conn.query('SELECT Id FROM Account LIMIT 1')).totalSize).toBe(1);
    const stats = (await (await admin(emulator, '/stats')).json()) as { rejected: { unavailable: number } };
    expect(stats.rejected.unavailable).toBe(1);
  });

  it('fails writes, not reads, with UNABLE_TO_LOCK_ROW', async () => {
    const created = await conn.sobject('Commission__c').create({ External_Key__c: 'lock-1' });
    await admin(emulator, '/faults', 'PUT', { failureRate: 1, failureMode: 'UNABLE_TO_LOCK_ROW' });
    expect((await conn.query('SELECT Id FROM Commission__c')).totalSize).toBeGreaterThan(0);
    const response = await fetch(`${emulator.url}/services/data/v62.0/sobjects/Commission__c/${created.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Amount__c: 1 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      {
        message: `unable to obtain exclusive access to this record or 1 records: ${created.id}`,
        errorCode: 'UNABLE_TO_LOCK_ROW',
        fields: [],
      },
    ]);
    const viaJsforce = await rejection(conn.sobject('Commission__c').update({ Id: String(created.id), Amount__c: 2 }));
    expect(viaJsforce.errorCode).toBe('UNABLE_TO_LOCK_ROW');
    const collection = (await conn
      .sobject('Commission__c')
      .create([{ External_Key__c: 'lock-2' }, { External_Key__c: 'lock-3' }])) as {
      success: boolean;
      errors: { statusCode: string }[];
    }[];
    expect(collection.map((result) => result.errors[0]?.statusCode)).toEqual([
      'UNABLE_TO_LOCK_ROW',
      'UNABLE_TO_LOCK_ROW',
    ]);
    expect(emulator.faults.shouldFailRecord()).toBe(true);
    await admin(emulator, '/faults', 'PUT', { failureRate: 0 });
    expect(emulator.faults.shouldFailRecord()).toBe(false);
  });

  it('validates admin input, and reset / reseed bring the org back', async () => {
    const bad = await admin(emulator, '/faults', 'PUT', { failureRate: 2 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ path: 'failureRate' });
    expect((await admin(emulator, '/faults', 'PUT', { speed: 1 })).status).toBe(400);
    expect((await admin(emulator, '/limits', 'PUT', { dailyApiLimit: -1 })).status).toBe(400);

    const before = emulator.store.count('Opportunity');
    await conn
      .sobject('Opportunity')
      .destroy(String((await conn.query('SELECT Id FROM Opportunity LIMIT 1')).records[0]?.Id));
    expect(emulator.store.count('Opportunity')).toBe(before - 1);
    const reset = (await (await admin(emulator, '/reset', 'POST')).json()) as { counts: Record<string, number> };
    expect(reset.counts.Opportunity).toBe(before);
    expect((await conn.query('SELECT COUNT() FROM Opportunity')).totalSize).toBe(before);

    const reseeded = (await (await admin(emulator, '/reseed', 'POST', { seed: 9, opportunities: 12 })).json()) as {
      counts: Record<string, number>;
      seed: number;
    };
    expect(reseeded).toMatchObject({ seed: 9, counts: { Opportunity: 12 } });
    const fresh = await connect(emulator);
    expect((await fresh.query('SELECT COUNT() FROM Opportunity')).totalSize).toBe(12);
    await admin(emulator, '/reseed', 'POST', { seed: 1, opportunities: 40 });
    conn = await connect(emulator);
  });

  it('expires every session on request', async () => {
    const other = await connect(emulator);
    expect((await admin(emulator, '/sessions/expire', 'POST')).status).toBe(200);
    const error = await rejection(other.query('SELECT Id FROM Account'));
    expect(error.message).toMatch(/refresh/);
    conn = await connect(emulator);
  });
});
