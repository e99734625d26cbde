import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startRedis, type TestRedis } from '../src/redis.js';

describe('the redis-server launcher for benchmarks and the demo', () => {
  const started: TestRedis[] = [];
  const folders: string[] = [];
  afterEach(async () => {
    for (const redis of started.splice(0)) await redis.cleanup();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('without an append-only file loses its data on restart (what a benchmark wants)', async () => {
    const redis = await startRedis({ appendOnly: false });
    started.push(redis);
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on('error', () => {});
    await client.set('k', 'v');
    await redis.restart();
    expect(await client.get('k')).toBeNull();
    client.disconnect();
    expect(readdirSync(redis.dir).filter((name) => name.startsWith('appendonly'))).toEqual([]);
  });

  it('uses a given data folder and a preferred port, and leaves the folder on cleanup', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'attain-kit-')), 'redis');
    folders.push(join(dir, '..'));
    const preferred = await freePort();
    const redis = await startRedis({ dir, port: preferred });
    started.push(redis);
    expect(redis.port).toBe(preferred);
    expect(redis.dir).toBe(dir);
    expect(redis.alive()).toBe(true);
    expect(redis.pid()).toBeGreaterThan(0);
    await redis.cleanup();
    expect(redis.alive()).toBe(false);
    expect(existsSync(join(dir, 'redis.log'))).toBe(true);
  });

  it('takes another port when the preferred one is busy', async () => {
    const first = await startRedis();
    started.push(first);
    const second = await startRedis({ port: first.port });
    started.push(second);
    expect(second.port).not.toBe(first.port);
  });
});
