/**
 * The per-rep index of statement periods (`rep-periods:<repId>`) is kept by `StatementStore.put`;
 * statements stored before it existed are indexed once here, from the set of every statement key.
 * Idempotent, and harmless if the worker stores statements meanwhile (a period indexed for a key
 * that was just emptied is skipped when its statements are read).
 */
import type { Redis } from 'ioredis';
import { parseStatementKeyText, type RedisKeys } from './keys.js';

export async function buildRepPeriodIndex(redis: Redis, keys: RedisKeys): Promise<number> {
  if ((await redis.get(keys.repPeriodsBuilt)) !== null) return 0;
  const all = await redis.smembers(keys.statementKeys);
  const batch = 1000;
  for (let start = 0; start < all.length; start += batch) {
    const pipeline = redis.pipeline();
    for (const text of all.slice(start, start + batch)) {
      const key = parseStatementKeyText(text);
      pipeline.sadd(keys.repPeriods(key.repId), key.period);
    }
    await pipeline.exec();
  }
  await redis.set(keys.repPeriodsBuilt, new Date().toISOString());
  return all.length;
}
