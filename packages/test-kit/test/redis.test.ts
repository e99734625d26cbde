import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../src/redis.js';

describe('the private redis-server harness', () => {
  let redis: TestRedis | undefined;
  afterAll(async () => redis?.cleanup());

  it('starts on a loopback port, keeps data across a restart, and dies on kill', async () => {
    redis = await startRedis();
    expect(redis.port).toBeGreaterThan(0);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on('error', () => {});
    await client.set('k', 'v');
    await redis.restart();
    expect(await client.get('k')).toBe('v');

    await redis.kill();
    const probe = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    probe.on('error', () => {});
    await expect(probe.connect()).rejects.toThrow();
    probe.disconnect();

    await redis.restart();
    expect(await client.get('k')).toBe('v');
    client.disconnect();
    await redis.cleanup();
    expect(existsSync(redis.dir)).toBe(false);
  });
});
