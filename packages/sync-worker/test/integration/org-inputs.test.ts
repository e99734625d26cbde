/**
 * Engine inputs read from the org: assignments from a User field, quotas from ForecastingQuota
 * (converted into the plan currency with the org's dated rates), currencies from CurrencyType and
 * DatedConversionRate — and the commissions written from them.
 */
import { divideDecimals, formatMoney, parseDecimal } from '@attain/engine';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  expectOrgToMatchEngine,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { periodIdOf } from '../../src/processors/sync-org-inputs.js';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 5, opportunities: 200 });
  worker = await startTestWorker(workerConfig(redis.url, emulator));
  admin = await adminConnection(emulator);
});
afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

it('periodIdOf names calendar periods', () => {
  expect(periodIdOf('2026-04-01', 'Quarter')).toBe('2026-Q2');
  expect(periodIdOf('2026-12-01', 'Month')).toBe('2026-12');
  expect(periodIdOf('2026-01-01', 'Year')).toBe('2026');
  expect(periodIdOf('2026-01-01', 'Week')).toBeNull();
});

it('takes assignments from a User field and quotas from ForecastingQuota, and pays on them', async () => {
  const { store, queues } = worker.context;
  const plan = await store.inputs.putPlan({
    id: 'ae',
    currency: 'USD',
    period: 'quarter',
    components: [
      {
        id: 'base',
        type: 'tiered',
        basis: 'attainment',
        mode: 'retroactive',
        tiers: [{ upTo: '0.5', rate: '0.02' }, { rate: '0.06' }],
      },
    ],
  });
  expect(plan.ok).toBe(true);
  const users = (
    await admin.query<{ Id: string }>('SELECT Id FROM User WHERE IsActive = true ORDER BY Id', { autoFetch: true })
  ).records;
  const [odd, ...rest] = users;
  await admin
    .sobject('User')
    .update([{ Id: odd!.Id, Department: 'no-such-plan' }, ...rest.map((u) => ({ Id: u.Id, Department: 'ae' }))]);
  await store.mapping.save(
    {
      currency: 'CurrencyIsoCode',
      assignments: { userPlanField: 'Department', from: '2000-01-01' },
      quotas: { source: 'ForecastingQuota' },
    },
    'admin@test',
  );

  await enqueueSync(queues, 'full', 'test');
  await waitForIdle(worker.context);
  expect((await store.runs.list(1))[0]).toMatchObject({ status: 'succeeded' });

  const base = await store.inputs.base();
  expect(base.corporateCurrency).toBe('USD');
  expect(base.exchangeRates.some((rate) => rate.currency === 'EUR')).toBe(true);
  expect(base.assignments.map((a) => a.repId).sort()).toEqual(rest.map((u) => u.Id).sort());
  const errors = await store.errors.list();
  expect(errors.filter((e) => e.object === 'User')).toEqual([
    expect.objectContaining({ recordId: odd!.Id, code: 'unknown_plan', path: ['Department'] }),
  ]);

  // A quota in euros (added here: the seeded reps of this org are all in dollars), converted with
  // the rate in force on its start date; without a Period it is taken as a quarter.
  const euroStart = '2030-07-01';
  const euroRate = base.exchangeRates.filter((r) => r.currency === 'EUR' && r.from <= euroStart).at(-1)!;
  const euroOwner = rest[0]!.Id;
  await admin.sobject('ForecastingQuota').create({
    QuotaOwnerId: euroOwner,
    QuotaAmount: 50000,
    StartDate: euroStart,
    CurrencyIsoCode: 'EUR',
    IsAmount: true,
  });
  await enqueueSync(queues, 'incremental', 'test');
  await waitForIdle(worker.context);
  const quotas = (await store.inputs.base()).quotas;
  expect(quotas.find((q) => q.repId === euroOwner && q.period === '2030-Q3')?.amount).toBe(
    formatMoney(divideDecimals(parseDecimal('50000'), parseDecimal(euroRate.rate)), 'USD'),
  );
  expect(base.quotas.length).toBeGreaterThan(0);

  // A second quota for the same rep and quarter is reported, not silently summed or overwritten.
  const duplicate = await admin.sobject('ForecastingQuota').create({
    QuotaOwnerId: euroOwner,
    QuotaAmount: 1,
    StartDate: euroStart,
    CurrencyIsoCode: 'USD',
    IsAmount: true,
  });
  await enqueueSync(queues, 'incremental', 'test');
  await waitForIdle(worker.context);
  expect((await store.errors.list()).find((e) => e.recordId === duplicate.id)).toMatchObject({
    object: 'ForecastingQuota',
    code: 'bad_quota',
  });

  const written = await expectOrgToMatchEngine(store, admin);
  expect(written.statements).toBeGreaterThan(0);
});
