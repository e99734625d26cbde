import { createEmulator, type Emulator } from '@attain/salesforce-emulator';
import { loadConfig, openQueues } from '@attain/store';
import { startRedis, type TestRedis, uniqueNamespace } from '@attain/test-kit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli/main.js';
import { startWorker } from '../../src/worker.js';

let redis: TestRedis;
let emulator: Emulator;

beforeAll(async () => {
  redis = await startRedis();
  emulator = await createEmulator({ port: 0, seed: 3, opportunities: 120 });
});
afterAll(async () => {
  await emulator?.close();
  await redis?.cleanup();
});

function env(namespace: string): NodeJS.ProcessEnv {
  return {
    REDIS_URL: redis.url,
    SF_LOGIN_URL: emulator.url,
    SF_CLIENT_ID: 'attain-local',
    SF_CLIENT_SECRET: 'attain-local-secret',
    ATTAIN_NAMESPACE: namespace,
    LOG_LEVEL: 'silent',
  };
}

function io(environment: NodeJS.ProcessEnv, extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { isTTY: false, write: (text: string) => (stdout += text) },
      stderr: { isTTY: false, write: (text: string) => (stderr += text) },
      env: environment,
      pollMs: 20,
      ...extra,
    } satisfies CliIo,
    out: () => stdout,
    err: () => stderr,
  };
}

describe('attain sync / attain worker (in process)', () => {
  it('refuses bad configuration with one line per problem and exit 2', async () => {
    const run = io({ REDIS_URL: 'nope', SF_CLIENT_ID: 'x' });
    expect(await main('sync', [], run.io)).toBe(2);
    expect(run.err().trim().split('\n')).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
      'SF_LOGIN_URL: required (e.g. https://login.salesforce.com)',
      'SF_CLIENT_SECRET: required (or SF_JWT_KEY_FILE and SF_USERNAME for the JWT bearer flow)',
    ]);
    expect(run.out()).toBe('');
  });

  it('refuses unknown options and commands', async () => {
    const run = io(env(uniqueNamespace()));
    expect(await main('sync', ['--fast'], run.io)).toBe(2);
    expect(run.err()).toContain('unknown option: --fast\nusage: pnpm --silent attain sync [--full] [--wait]');
    expect(await main('worker', ['--x'], run.io)).toBe(2);
    expect(await main('launch', [], run.io)).toBe(2);
  });

  it('queues one sync and returns at once without --wait', async () => {
    const namespace = uniqueNamespace();
    const run = io(env(namespace));
    expect(await main('sync', [], run.io)).toBe(0);
    expect(await main('sync', ['--full'], run.io)).toBe(0);
    expect(run.out()).toMatch(/^queued incremental sync \(job \S+\)\nqueued full sync \(job \S+\)\n$/);
    const queues = openQueues({ url: redis.url }, namespace);
    expect(await queues.sync.getWaitingCount()).toBe(1);
    await queues.close();
  });

  it('with --wait, shows progress until the sync and its write-back are done, then a summary', async () => {
    const namespace = uniqueNamespace();
    const config = loadConfig(env(namespace));
    if (!config.ok) throw new Error('bad config');
    const worker = await startWorker({ config: config.config, logger: pino({ level: 'silent' }), schedule: false });
    try {
      const users = await worker.context.salesforce.call(
        async (c) => (await c.query<{ Id: string }>('SELECT Id FROM User')).records,
      );
      await worker.context.store.inputs.putPlan({
        id: 'p',
        currency: 'USD',
        period: 'month',
        components: [{ id: 'c', type: 'percent', rate: '0.1' }],
      });
      await worker.context.store.inputs.setAssignments(
        users.map((u) => ({ repId: u.Id, planId: 'p', from: '2000-01-01' })),
      );
      const run = io(env(namespace));
      expect(await main('sync', ['--full', '--wait'], run.io)).toBe(0);
      expect(run.out()).toMatch(
        /^full sync succeeded in [\d.]+ s: read 120, created \d+, updated 0, unchanged 0, deleted 0, record errors \d+\n/,
      );
      expect(run.err()).toMatch(/syncing|computing|writing back/);
      expect(await worker.context.store.deals.dirtyKeys()).toEqual([]);
      expect(await worker.context.store.statements.pendingWriteback()).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('runs a worker until told to stop, then stops cleanly', async () => {
    let stop: (signal: string) => void = () => {};
    const stopSignal = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const run = io(env(uniqueNamespace()), { stopSignal });
    const exit = main('worker', [], run.io);
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop('SIGTERM');
    expect(await exit).toBe(0);
    expect(run.err()).toContain('SIGTERM: finishing active jobs, then stopping');
  });
});
