/** Saving mapping versions against the org, and the JWT bearer flow, through jsforce and the emulator. */
import { generateKeyPairSync } from 'node:crypto';
import { connectSalesforce } from '@attain/salesforce';
import { createEmulator, type Emulator, INTEGRATION_USERNAME } from '@attain/salesforce-emulator';
import { type MappingSaveDeps, mappingCheckThrough, saveMapping, Transactions } from '@attain/store';
import { startRedis, startTestWorker, type TestRedis, waitForIdle, workerConfig } from '@attain/test-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWorker } from '../../src/worker.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let redis: TestRedis;
let emulator: Emulator;
let worker: RunningWorker;
/** The one save path's dependencies, from the worker's store, queues and Salesforce session. */
let saving: MappingSaveDeps;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({
    port: 0,
    seed: 9,
    opportunities: 60,
    jwtCertificate: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  worker = await startTestWorker(workerConfig(redis.url, emulator));
  saving = {
    ...worker.context,
    checkMapping: mappingCheckThrough(worker.context.salesforce),
    transactions: new Transactions(new Redis(redis.url)),
  };
});
afterAll(async () => {
  await saving?.transactions.close();
  await worker?.close();
  await emulator?.close();
  await redis?.cleanup();
});

describe('saveMapping', () => {
  it('refuses a mapping the org cannot serve, naming the field, and keeps no version', async () => {
    const result = await saveMapping(
      saving,
      { amount: 'Amount__x', fields: { family: { path: 'Acount.Industry' } } },
      'admin@test',
    );
    expect(result).toEqual({
      ok: false,
      issues: [
        { code: 'unknown_field', path: ['amount'], message: 'Opportunity has no field Amount__x' },
        {
          code: 'unknown_relationship',
          path: ['fields', 'family', 'path'],
          message: 'Opportunity has no parent relationship Acount (in Acount.Industry)',
        },
      ],
    });
    expect(await worker.context.store.mapping.current()).toBeNull();
  });

  it('keeps every valid version with its author and triggers a full resync', async () => {
    const first = await saveMapping(saving, {}, 'first@test');
    await waitForIdle(worker.context);
    const second = await saveMapping(saving, { fields: { type: { path: 'Type' } } }, 'second@test');
    expect(first.ok && second.ok).toBe(true);
    await waitForIdle(worker.context);
    const history = await worker.context.store.mapping.history();
    expect(history.map((v) => [v.version, v.author])).toEqual([
      [1, 'first@test'],
      [2, 'second@test'],
    ]);
    const runs = await worker.context.store.runs.list(5);
    expect(runs.filter((run) => run.kind === 'full' && run.status === 'succeeded')).toHaveLength(2);
    // The deals now carry the new version's extra field.
    const [anyId] = await worker.context.store.deals.allIds();
    expect((await worker.context.store.deals.get(anyId!))?.deal.fields).toHaveProperty('type');
  });
});

describe('JWT bearer flow', () => {
  it('authorizes with a signed assertion, and re-authorizes the same way when the session expires', async () => {
    const connection = await connectSalesforce({
      loginUrl: emulator.url,
      apiVersion: '62.0',
      auth: {
        kind: 'jwt-bearer',
        clientId: 'attain-local',
        username: INTEGRATION_USERNAME,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        keyFile: '(memory)',
      },
    });
    expect((await connection.query('SELECT Id FROM Opportunity')).totalSize).toBe(60);
    const tokens = emulator.stats.get().tokenRequests;
    emulator.sessions.expireAll();
    expect((await connection.query('SELECT Id FROM Opportunity')).totalSize).toBe(60);
    expect(emulator.stats.get().tokenRequests).toBe(tokens + 1);
  });

  it('is refused with a key the connected app does not know', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await expect(
      connectSalesforce({
        loginUrl: emulator.url,
        apiVersion: '62.0',
        auth: {
          kind: 'jwt-bearer',
          clientId: 'attain-local',
          username: INTEGRATION_USERNAME,
          privateKey: stranger.export({ type: 'pkcs8', format: 'pem' }).toString(),
          keyFile: '(memory)',
        },
      }),
    ).rejects.toThrow();
  });
});
