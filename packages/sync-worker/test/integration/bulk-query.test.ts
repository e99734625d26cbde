/**
 * A full resync through Bulk API 2.0 query (parents and children queried apart, CSV rebuilt into
 * REST shape, multi-page results followed page by page) stores exactly the deals a REST full resync stores.
 */
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import { startRedis, startTestWorker, type TestRedis, waitForIdle, workerConfig } from '@attain/test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // Result pages of 150 rows: the parents and line items come in several pages, which jsforce's own
  // bulk2.query cannot read (the worker follows Sforce-Locator itself).
  emulator = await createEmulator({ port: 0, seed: 42, opportunities: 400, bulkQueryPageSize: 150 });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  await emulator?.close();
  await redis?.cleanup();
});

const MAPPING = {
  currency: 'CurrencyIsoCode',
  splits: { splitType: 'Revenue' },
  fields: {
    type: { path: 'Type' },
    industry: { path: 'Account.Industry' },
    closed: { path: 'IsClosed' },
    probability: { path: 'Probability' },
    family: { child: 'OpportunityLineItems', path: 'Product2.Family', pick: 'first' },
  },
};

async function fullSyncDeals(bulkQueryThreshold: number) {
  const worker = await startTestWorker(workerConfig(redis.url, emulator), {
    settings: { overlapMs: 60_000, collectionSize: 200, bulkThreshold: 2000, bulkQueryThreshold },
  });
  workers.push(worker);
  await worker.context.store.mapping.save(MAPPING, 'admin@test');
  emulator.stats.reset();
  await enqueueSync(worker.context.queues, 'full', 'test');
  await waitForIdle(worker.context, 60_000);
  const [run] = await worker.context.store.runs.list(1);
  expect(run).toMatchObject({ status: 'succeeded', kind: 'full' });
  const deals = await worker.context.store.deals.getMany(await worker.context.store.deals.allIds());
  return {
    deals: deals.map((stored) => stored.deal),
    run: run!,
    bulkCalls: emulator.stats.get().byKind.bulk,
    cursor: await worker.context.store.cursors.get('Opportunity'),
  };
}

it('stores the same deals, errors and cursor as the REST path', async () => {
  const rest = await fullSyncDeals(1_000_000);
  const bulk = await fullSyncDeals(1);
  expect(rest.bulkCalls).toBe(0);
  expect(bulk.bulkCalls).toBeGreaterThan(0);
  expect(bulk.deals).toHaveLength(400 - rest.run.counts.errors);
  expect(bulk.deals).toEqual(rest.deals);
  expect(bulk.run.counts).toEqual(rest.run.counts);
  expect(bulk.cursor).toBe(rest.cursor);
  expect(rest.deals.some((deal) => (deal.splits?.length ?? 0) > 1)).toBe(true);
  expect(rest.deals.some((deal) => deal.fields?.family !== null)).toBe(true);
});
