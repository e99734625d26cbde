/**
 * "Everything but configuration can be rebuilt by a full resync": after a full sync, every key of
 * the namespace but the configuration (mapping versions, plans, assignments, quotas, settings) is
 * deleted — deals, index, statements, the written ledger, notices, cursors, runs, queues — and a new
 * worker's full resync rebuilds the same store and leaves the org's commission records as they were
 * (same records, same ids: upserts by External_Key__c, nothing duplicated, nothing lost).
 */
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import type { Store } from '@attain/store';
import { enqueueSync, queuePrefix } from '@attain/store';
import {
  adminConnection,
  installPlan,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import { Redis } from 'ioredis';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let admin: Connection;
const running: RunningWorker[] = [];

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 11, opportunities: 250 });
  admin = await adminConnection(emulator);
});
afterAll(async () => {
  for (const worker of running) await worker.close();
  await emulator?.close();
  await redis?.cleanup();
});

/** What the README calls configuration: kept. Everything else under the namespace is derived. */
const CONFIGURATION = ['mapping:versions', 'plans', 'assignments', 'quotas', 'settings'];

/** Fields Salesforce sets on every write: a rewrite of the same values changes them. */
const VOLATILE = new Set(['SystemModstamp', 'LastModifiedDate', 'Calculated_At__c', 'attributes']);

async function orgSnapshot(object: string): Promise<Record<string, unknown>[]> {
  const described = await admin.describe(object);
  const fields = described.fields.map((field) => field.name).filter((name) => !VOLATILE.has(name));
  const result = await admin.query<Record<string, unknown>>(`SELECT ${fields.join(', ')} FROM ${object}`, {
    autoFetch: true,
    maxFetch: 100_000,
  });
  return result.records
    .map((record) => Object.fromEntries(Object.entries(record).filter(([name]) => !VOLATILE.has(name))))
    .sort((a, b) => String(a.External_Key__c).localeCompare(String(b.External_Key__c)));
}

async function storeSnapshot(store: Store) {
  const ids = await store.deals.allIds();
  const keys = (await store.statements.keysWithStatements()).sort((a, b) =>
    `${a.repId}|${a.period}`.localeCompare(`${b.repId}|${b.period}`),
  );
  const statements = [];
  const written = [];
  for (const key of keys) {
    const stored = await store.statements.get(key);
    statements.push({ key, statements: stored?.statements, warnings: stored?.warnings });
    written.push([key, [...(await store.written.get(key)).entries()].sort()]);
  }
  return {
    deals: await store.deals.getMany(ids),
    byKey: await Promise.all(keys.map(async (key) => [key, await store.deals.dealIdsFor(key)])),
    statements,
    written,
    notices: (await store.notices.list()).map(({ at: _at, ...notice }) => notice),
    errors: (await store.errors.list()).map(({ at: _at, runId: _runId, ...error }) => error),
    cursors: await store.cursors.all(),
    rates: (await store.inputs.base()).exchangeRates,
  };
}

async function fullSync(worker: RunningWorker): Promise<void> {
  await enqueueSync(worker.context.queues, 'full', 'test');
  await waitForIdle(worker.context);
}

it('rebuilds deals, statements, ledger, notices and cursors from Salesforce alone, and leaves the org as it was', async () => {
  const config = workerConfig(redis.url, emulator);
  const first = await startTestWorker(config);
  running.push(first);
  await installPlan(first.context.store, admin);
  // A notice to rebuild too: a won deal with a negative amount.
  const [won] = (await admin.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsWon = true LIMIT 1')).records;
  await admin.sobject('Opportunity').update({ Id: won!.Id, Amount: -1 });
  await fullSync(first);

  const before = await storeSnapshot(first.context.store);
  const orgBefore = {
    lines: await orgSnapshot('Commission__c'),
    statements: await orgSnapshot('Commission_Statement__c'),
  };
  expect(before.deals.length).toBe(250 - before.errors.length);
  expect(before.statements.length).toBeGreaterThan(50);
  expect(orgBefore.lines.length).toBeGreaterThan(100);
  expect(before.notices.some((notice) => notice.dealId === won!.Id)).toBe(true);
  await first.close();
  running.pop();

  // Delete everything of the namespace but the configuration — queues included.
  const raw = new Redis(redis.url);
  const prefix = first.context.store.keys.prefix;
  const keep = new Set(CONFIGURATION.map((name) => `${prefix}${name}`));
  const all = [...(await raw.keys(`${prefix}*`)), ...(await raw.keys(`${queuePrefix(prefix.slice(0, -1))}:*`))];
  const doomed = all.filter((key) => !keep.has(key));
  expect(doomed.length).toBeGreaterThan(before.deals.length);
  await raw.del(...doomed);
  expect((await raw.keys(`${prefix}*`)).sort()).toEqual([...keep].filter((key) => all.includes(key)).sort());
  raw.disconnect();

  const second = await startTestWorker(config);
  running.push(second);
  await fullSync(second);
  expect(await storeSnapshot(second.context.store)).toEqual(before);
  expect(await orgSnapshot('Commission__c')).toEqual(orgBefore.lines);
  expect(await orgSnapshot('Commission_Statement__c')).toEqual(orgBefore.statements);
});
