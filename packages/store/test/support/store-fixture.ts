/** One private redis-server per test file, a fresh namespace per test. */

import { startRedis, type TestRedis, uniqueNamespace } from '@attain/test-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { redisKeys } from '../../src/store/keys.js';

export interface RedisFixture {
  server(): TestRedis;
  client(): Redis;
  /** A new namespace and its keys, for one test. */
  fresh(): { namespace: string; keys: ReturnType<typeof redisKeys> };
}

export function useRedis(): RedisFixture {
  let server: TestRedis | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.cleanup();
  });
  return {
    server: () => server!,
    client: () => client!,
    fresh: () => {
      const namespace = uniqueNamespace();
      return { namespace, keys: redisKeys(namespace) };
    },
  };
}
