/**
 * Users are read whole only when one changed (or what their rows are read into changed): the
 * directory and the assignments from a User field still follow every change within one
 * incremental sync.
 */

import { DEFAULT_FIELD_MAPPING } from '@attain/salesforce';
import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { enqueueSync } from '@attain/store';
import {
  adminConnection,
  startRedis,
  startTestWorker,
  type TestRedis,
  waitForIdle,
  workerConfig,
} from '@attain/test-kit';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUsers } from '../../src/processors/sync-users.js';
import type { RunningWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
let admin: Connection;
let users: { Id: string }[];

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 11, opportunities: 40 });
  worker = await startTestWorker(workerConfig(redis.url, emulator));
  admin = await adminConnection(emulator);
  users = (
    await admin.query<{ Id: string }>('SELECT Id FROM User WHERE IsActive = true ORDER BY Id', { autoFetch: true })
  ).records;
  const plan = await worker.context.store.inputs.putPlan({
    id: 'ae',
    currency: 'USD',
    period: 'quarter',
    components: [{ id: 'base', type: 'percent', rate: '0.05' }],
  });
  expect(plan.ok).toBe(true);
  await admin
    .sobject('User')
    .update([
      { Id: users[0]!.Id, Department: 'later' },
      ...users.slice(1).map((user) => ({ Id: user.Id, Department: 'ae' })),
    ]);
  await worker.context.store.mapping.save({ assignments: { userPlanField: 'Department' } }, 'admin@test');
  await sync('full');
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

async function sync(kind: 'full' | 'incremental'): Promise<void> {
  await enqueueSync(worker.context.queues, kind, 'test');
  await waitForIdle(worker.context);
  expect((await worker.context.store.runs.list(1))[0]).toMatchObject({ status: 'succeeded', kind });
}

const mapping = async () => (await worker.context.store.mapping.current())?.mapping ?? DEFAULT_FIELD_MAPPING;
const userErrors = async () => (await worker.context.store.errors.list()).filter((error) => error.object === 'User');
const assigned = async () => (await worker.context.store.inputs.base()).assignments.map((a) => a.repId).sort();

describe('following User by its SystemModstamp', () => {
  it('reads no user rows while none changed, and all of them once one did', async () => {
    expect((await readUsers(worker.context, await mapping(), false)).rows).toBeNull();
    await admin.sobject('User').update({ Id: users[1]!.Id, Email: 'moved@example.com' });
    expect((await readUsers(worker.context, await mapping(), false)).rows?.length).toBeGreaterThanOrEqual(users.length);
    await sync('incremental');
    const directory = (await worker.context.store.directory.get())!.directory;
    expect(directory.users.find((user) => user.id === users[1]!.Id)?.email).toBe('moved@example.com');
    expect((await readUsers(worker.context, await mapping(), false)).rows).toBeNull();
  });

  it('keeps the assignments and their errors while users are unchanged, and carries a change in one sync', async () => {
    await sync('incremental');
    expect(await userErrors()).toEqual([expect.objectContaining({ recordId: users[0]!.Id, code: 'unknown_plan' })]);
    expect(await assigned()).toEqual(
      users
        .slice(1)
        .map((user) => user.Id)
        .sort(),
    );

    await admin.sobject('User').update({ Id: users[2]!.Id, Department: null });
    await sync('incremental');
    expect(await assigned()).toEqual(
      users
        .slice(1)
        .filter((_, index) => index !== 1)
        .map((user) => user.Id)
        .sort(),
    );
  });

  it('reads the same users again when the plan a user names comes to exist', async () => {
    const plan = await worker.context.store.inputs.putPlan({
      id: 'later',
      currency: 'USD',
      period: 'quarter',
      components: [{ id: 'base', type: 'percent', rate: '0.01' }],
    });
    expect(plan.ok).toBe(true);
    await sync('incremental');
    expect(await userErrors()).toEqual([]);
    expect(await assigned()).toContain(users[0]!.Id);
  });
});
