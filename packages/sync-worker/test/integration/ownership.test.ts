/**
 * Record ownership under Private sharing: every Commission__c / Commission_Statement__c is owned by
 * its rep (OwnerId = Rep__c) when the rep is an active user; nothing is resent after that; a rep
 * deactivated in Salesforce gets a REP_NOT_OWNER notice, and an owner refused as inactive
 * (INACTIVE_OWNER_OR_USER, the directory being stale) is a record-level error, not a stuck job.
 */
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync, enqueueWriteback } from '@attain/store';
import {
  adminConnection,
  installPlan,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 42, opportunities: 200 });
  worker = await startTestWorker(workerConfig(redis.url, emulator));
  admin = await adminConnection(emulator);
});

afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

type Owned = { Id: string; OwnerId: string; Rep__c: string; External_Key__c: string };

async function owned(object: 'Commission__c' | 'Commission_Statement__c'): Promise<Owned[]> {
  const result = await admin.query<Owned>(`SELECT Id, OwnerId, Rep__c, External_Key__c FROM ${object}`, {
    autoFetch: true,
    maxFetch: 1_000_000,
  });
  return result.records;
}

async function sync(kind: 'full' | 'incremental'): Promise<void> {
  await enqueueSync(worker.context.queues, kind, 'test');
  await waitForIdle(worker.context);
  const [run] = await worker.context.store.runs.list(1);
  expect(run).toMatchObject({ status: 'succeeded', kind });
}

describe('commission record ownership', () => {
  it('owns every record by its rep after a sync, and a second sync sends nothing', async () => {
    await installPlan(worker.context.store, admin);
    await sync('full');
    for (const object of ['Commission__c', 'Commission_Statement__c'] as const) {
      const records = await owned(object);
      expect(records.length, object).toBeGreaterThan(10);
      for (const record of records) expect(record.OwnerId, record.External_Key__c).toBe(record.Rep__c);
    }
    expect((await worker.context.store.notices.list()).filter((n) => n.code === 'REP_NOT_OWNER')).toEqual([]);

    emulator.stats.reset();
    await sync('full');
    expect(emulator.stats.get().byKind.composite ?? 0).toBe(0);
  });

  it('re-owns the records of an org written before owners once, then sends nothing', async () => {
    const { store } = worker.context;
    // Statements written by an older worker: owned by the integration user, ledger hashes without OwnerId.
    const statements = await owned('Commission_Statement__c');
    const integration = (await admin.identity()).user_id;
    await admin.sobject('Commission_Statement__c').update(statements.map((s) => ({ Id: s.Id, OwnerId: integration })));
    const keys = await store.statements.keysWithStatements();
    for (const key of keys) {
      const written = await store.written.get(key);
      const stale = [...written].filter(([ledgerKey]) => ledgerKey.startsWith('S|'));
      await store.written.apply(key, {
        written: stale.map(([ledgerKey, record]) => ({ externalKey: ledgerKey, hash: 'before-owners', id: record.id })),
        deleted: [],
      });
    }
    // The owners were never planned with this directory (no active user known): every key is up again.
    await store.statements.setOwnersPlanned('[]');
    emulator.stats.reset();
    await sync('incremental');
    expect(emulator.stats.get().byKind.composite ?? 0).toBeGreaterThan(0);
    for (const record of await owned('Commission_Statement__c')) expect(record.OwnerId).toBe(record.Rep__c);
    emulator.stats.reset();
    await sync('incremental');
    expect(emulator.stats.get().byKind.composite ?? 0).toBe(0);
  });

  it('a stale directory: an inactive owner is refused record by record; the next sync writes without owner and notes it', async () => {
    const { store, queues } = worker.context;
    const [key] = await store.statements.keysWithStatements();
    const repId = key!.repId;
    const repKeys = (await store.statements.keysWithStatements()).filter((k) => k.repId === repId);
    await admin.sobject('User').update({ Id: repId, IsActive: false });

    // Forget what was written for the rep: the write-back (without a sync, so with the directory
    // still saying "active") sends the rep's records again with OwnerId = the now inactive rep.
    for (const k of repKeys) {
      const written = await store.written.get(k);
      await store.written.apply(k, { written: [], deleted: [...written.keys()] });
    }
    await store.statements.markPending(repKeys);
    await enqueueWriteback(queues, 'test', 0);
    await waitForIdle(worker.context);
    const refused = (await store.writeErrors.list()).filter((e) => e.externalKey.startsWith(`${repId}|`));
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(['INACTIVE_OWNER_OR_USER']));
    expect(await store.statements.pendingCount()).toBe(0);

    // The sync reads the directory, puts the rep's keys up again: written without OwnerId, with a notice.
    await sync('incremental');
    expect((await store.writeErrors.list()).filter((e) => e.externalKey.startsWith(`${repId}|`))).toEqual([]);
    const notices = (await store.notices.list()).filter((n) => n.code === 'REP_NOT_OWNER');
    expect(notices.map((n) => `${n.repId}|${n.period}`).sort()).toEqual(
      repKeys.map((k) => `${k.repId}|${k.period}`).sort(),
    );
    expect(notices[0]!.message).toContain('inactive user');
    const integration = (await admin.identity()).user_id;
    for (const record of (await owned('Commission__c')).filter((r) => r.Rep__c === repId)) {
      expect(record.OwnerId).toBe(integration);
    }

    emulator.stats.reset();
    await sync('incremental');
    expect(emulator.stats.get().byKind.composite ?? 0).toBe(0);

    // Reactivated: the records go back to the rep once, and the notices go away.
    await admin.sobject('User').update({ Id: repId, IsActive: true });
    await sync('incremental');
    for (const record of (await owned('Commission__c')).filter((r) => r.Rep__c === repId)) {
      expect(record.OwnerId).toBe(repId);
    }
    expect((await store.notices.list()).filter((n) => n.code === 'REP_NOT_OWNER')).toEqual([]);
  });
});
