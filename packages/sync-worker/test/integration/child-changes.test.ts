/**
 * Changes to the records a deal is read from besides the opportunity itself — its splits and its
 * line items — do not touch the opportunity's SystemModstamp (in Salesforce as in the emulator).
 * An incremental sync must still carry them to the written Commission__c records. Each case
 * computes what the org should hold from the deals as the test changed them (not from what the
 * sync stored), so a change the sync missed shows up as a difference.
 */
import type { Deal } from '@attain/engine';
import { compareIds } from '@attain/salesforce';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  expectOrgToMatchEngine,
  installPlan,
  orgRecords,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

type Row = Record<string, unknown>;

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 7, opportunities: 300 });
  worker = await startTestWorker(workerConfig(redis.url, emulator));
  admin = await adminConnection(emulator);
  await installPlan(worker.context.store, admin);
  await enqueueSync(worker.context.queues, 'full', 'test');
  await waitForIdle(worker.context);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

/** Every stored deal, with `change` applied to the one with `id`: what Salesforce holds after the test's edit. */
async function dealsWith(id: string, change: (deal: Deal) => Deal): Promise<Deal[]> {
  const { store } = worker.context;
  const deals = (await store.deals.getMany(await store.deals.allIds())).map((stored) => stored.deal);
  expect(deals.some((deal) => deal.id === id)).toBe(true);
  return deals.map((deal) => (deal.id === id ? change(deal) : deal));
}

async function incrementalSync(): Promise<void> {
  await enqueueSync(worker.context.queues, 'incremental', 'test');
  await waitForIdle(worker.context);
  const [run] = await worker.context.store.runs.list(1);
  expect(run).toMatchObject({ status: 'succeeded', kind: 'incremental' });
}

/** The reps of the Commission__c lines written for one opportunity. */
async function repsPaidFor(opportunityId: string): Promise<string[]> {
  const lines = [...(await orgRecords(admin, 'Commission__c')).values()];
  return [
    ...new Set(lines.filter((line) => line.Opportunity__c === opportunityId).map((line) => String(line.Rep__c))),
  ].sort(compareIds);
}

/** Won opportunities with exactly two Revenue splits (the owner's and one teammate's). */
async function twoSplitDeals(): Promise<
  { id: string; splits: { Id: string; SplitOwnerId: string; SplitPercentage: number }[] }[]
> {
  const result = await admin.query<Row>(
    'SELECT Id, (SELECT Id, SplitOwnerId, SplitPercentage FROM OpportunitySplits ' +
      "WHERE SplitType.DeveloperName = 'Revenue') FROM Opportunity WHERE IsWon = true ORDER BY Id",
    { autoFetch: true, maxFetch: 100_000 },
  );
  return result.records
    .map((record) => ({
      id: String(record.Id),
      splits: ((record.OpportunitySplits as { records: Row[] } | null)?.records ?? []).map((split) => ({
        Id: String(split.Id),
        SplitOwnerId: String(split.SplitOwnerId),
        SplitPercentage: Number(split.SplitPercentage),
      })),
    }))
    .filter((deal) => deal.splits.length === 2 && deal.splits.every((split) => split.SplitPercentage > 0));
}

describe('incremental sync of changes below the opportunity', () => {
  it('costs one query per followed object when nothing changed', async () => {
    emulator.stats.reset();
    await incrementalSync();
    const [run] = await worker.context.store.runs.list(1);
    // The overlap window re-reads the newest opportunities (in the same query); nothing is stored anew.
    expect(run!.counts.created + run!.counts.updated + run!.counts.deleted + run!.counts.errors).toBe(0);
    // CurrencyType, DatedConversionRate, the directory (User, PermissionSetAssignment — one page each
    // here), Opportunity, and one query each for OpportunitySplit and OpportunityLineItem.
    const { query, queryMore } = emulator.stats.get().byKind;
    expect({ query, queryMore }).toEqual({ query: 7, queryMore: 0 });
  });

  it('carries a split percent edit to the written commissions', async () => {
    const [deal] = await twoSplitDeals();
    expect(deal).toBeDefined();
    const [first, second] = deal!.splits;
    // Move ten points from one split to the other; the opportunity itself is not touched.
    const moved = first!.SplitPercentage > 10 ? 10 : -10;
    const percents = new Map([
      [first!.SplitOwnerId, first!.SplitPercentage - moved],
      [second!.SplitOwnerId, second!.SplitPercentage + moved],
    ]);
    const before = (await admin.query<Row>(`SELECT SystemModstamp FROM Opportunity WHERE Id = '${deal!.id}'`))
      .records[0];
    await admin.sobject('OpportunitySplit').update([
      { Id: first!.Id, SplitPercentage: percents.get(first!.SplitOwnerId) },
      { Id: second!.Id, SplitPercentage: percents.get(second!.SplitOwnerId) },
    ]);
    const after = (await admin.query<Row>(`SELECT SystemModstamp FROM Opportunity WHERE Id = '${deal!.id}'`))
      .records[0];
    expect(after!.SystemModstamp).toBe(before!.SystemModstamp);
    const expected = await dealsWith(deal!.id, (stored) => ({
      ...stored,
      splits: [...percents]
        .map(([repId, percent]) => ({ repId, percent: String(percent) }))
        .sort((a, b) => compareIds(a.repId, b.repId)),
    }));

    await incrementalSync();

    await expectOrgToMatchEngine(worker.context.store, admin, expected);
    expect(await repsPaidFor(deal!.id)).toEqual([...percents.keys()].sort(compareIds));
    const stored = await worker.context.store.deals.get(deal!.id);
    expect(stored?.deal.splits).toEqual(expected.find((d) => d.id === deal!.id)!.splits);
  });

  it("carries a teammate's split deleted and another rep's split added to the written commissions", async () => {
    const deals = await twoSplitDeals();
    const deal = deals[deals.length - 1]!;
    const opportunity = (await admin.query<Row>(`SELECT OwnerId FROM Opportunity WHERE Id = '${deal.id}'`)).records[0]!;
    const teammate = deal.splits.find((split) => split.SplitOwnerId !== opportunity.OwnerId)!;
    const kept = deal.splits.find((split) => split !== teammate)!;
    const users = await admin.query<Row>('SELECT Id FROM User WHERE IsActive = true ORDER BY Id', { autoFetch: true });
    const newcomer = users.records
      .map((user) => String(user.Id))
      .find((id) => !deal.splits.some((split) => split.SplitOwnerId === id))!;
    const revenue = (await admin.query<Row>("SELECT Id FROM OpportunitySplitType WHERE DeveloperName = 'Revenue'"))
      .records[0]!;
    await admin.sobject('OpportunitySplit').destroy(teammate.Id);
    const created = await admin.sobject('OpportunitySplit').create({
      OpportunityId: deal.id,
      SplitOwnerId: newcomer,
      SplitPercentage: teammate.SplitPercentage,
      SplitTypeId: revenue.Id,
    });
    expect(created.success).toBe(true);
    const expected = await dealsWith(deal.id, (stored) => ({
      ...stored,
      splits: [
        { repId: kept.SplitOwnerId, percent: String(kept.SplitPercentage) },
        { repId: newcomer, percent: String(teammate.SplitPercentage) },
      ].sort((a, b) => compareIds(a.repId, b.repId)),
    }));
    expect(await repsPaidFor(deal.id)).toContain(teammate.SplitOwnerId);

    await incrementalSync();

    await expectOrgToMatchEngine(worker.context.store, admin, expected);
    const reps = await repsPaidFor(deal.id);
    expect(reps).toContain(newcomer);
    expect(reps).not.toContain(teammate.SplitOwnerId);
  });

  it("carries a line item change to the deal's picked family and its bonus", async () => {
    const result = await admin.query<Row>(
      'SELECT Id, (SELECT Id, Product2.Family FROM OpportunityLineItems) FROM Opportunity WHERE IsWon = true',
      { autoFetch: true, maxFetch: 100_000 },
    );
    // A deal whose lowest line item is Services and whose next one is not: deleting the first takes the bonus away.
    const target = result.records
      .map((record) => ({
        id: String(record.Id),
        items: ((record.OpportunityLineItems as { records: Row[] } | null)?.records ?? [])
          .map((item) => ({ Id: String(item.Id), family: (item.Product2 as Row | null)?.Family ?? null }))
          .sort((a, b) => compareIds(a.Id, b.Id)),
      }))
      .find(
        (deal) =>
          deal.items.length >= 2 && deal.items[0]!.family === 'Services' && deal.items[1]!.family !== 'Services',
      );
    expect(target).toBeDefined();
    const linesBefore = [...(await orgRecords(admin, 'Commission__c')).keys()];
    expect(linesBefore.some((key) => key.includes(`|${target!.id}|services|`))).toBe(true);
    await admin.sobject('OpportunityLineItem').destroy(target!.items[0]!.Id);
    const expected = await dealsWith(target!.id, (stored) => ({
      ...stored,
      fields: { ...stored.fields, family: (target!.items[1]!.family as string | null) ?? null },
    }));

    await incrementalSync();

    await expectOrgToMatchEngine(worker.context.store, admin, expected);
    const linesAfter = [...(await orgRecords(admin, 'Commission__c')).keys()];
    expect(linesAfter.some((key) => key.includes(`|${target!.id}|services|`))).toBe(false);
  });
});
