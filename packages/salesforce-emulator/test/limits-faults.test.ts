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

  it('refuses new requests while too many long-running ones are in flight', async () => {
    await admin(emulator, '/limits', 'PUT', { longRunningMs: 50, maxLongRunning: 2 });
    await admin(emulator, '/faults', 'PUT', { latencyMs: 400 });
    const slow = [get(), get()];
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refused = await get();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([
      { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    expect((await Promise.all(slow)).map((response) => response.status)).toEqual([200, 200]);
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
    const held = get().then((response) => {
      answered = true;
      return response.status;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    await admin(emulator, '/faults', 'PUT', { paused: false });
    expect(await held).toBe(200);
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

    const reseeded = (await (await admin(emulator, '/reseed', 'POST', { seed: 9, opportunities: 12 })).json()) as {
      counts: Record<string, number>;
      seed: number;
    };
    expect(reseeded).toMatchObject({ seed: 9, counts: { Opportunity: 12 } });
    expect((await connect(emulator)).accessToken).toBeTruthy();
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
