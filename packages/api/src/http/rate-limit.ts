/**
 * Per-user rate limit: a fixed one-minute window counted in Redis (shared by every API process),
 * one round trip per request. Over the limit: 429 with `Retry-After`.
 */

import type { RedisKeys } from '@attain/store';
import type { Redis } from 'ioredis';
import { ApiError, ErrorCode } from '../errors.js';

export interface RateLimitOptions {
  redis: Redis;
  keys: RedisKeys;
  perMinute: number;
  clock: () => Date;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSec: number;
}

/** INCR and set the expiry on the first count, atomically. KEYS: counter. ARGV: ttl ms. */
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

export type RateLimiter = (userId: string) => Promise<RateLimitState>;

export function rateLimit(options: RateLimitOptions): RateLimiter {
  const { redis, keys, perMinute, clock } = options;
  if (!('attainRateCount' in redis)) {
    redis.defineCommand('attainRateCount', { numberOfKeys: 1, lua: COUNT });
  }
  const count = (
    redis as unknown as { attainRateCount(key: string, ttl: number): Promise<number> }
  ).attainRateCount.bind(redis);
  return async (userId: string) => {
    const now = clock().getTime();
    const window = Math.floor(now / 60_000);
    const resetSec = Math.ceil(((window + 1) * 60_000 - now) / 1000);
    const used = await count(keys.rateLimit(userId, window), 61_000);
    const state = { limit: perMinute, remaining: Math.max(0, perMinute - used), resetSec };
    if (used > perMinute) {
      throw new ApiError(
        429,
        ErrorCode.rateLimited,
        `more than ${perMinute} requests in a minute; slow down`,
        undefined,
        {
          'Retry-After': String(resetSec),
          'RateLimit-Limit': String(perMinute),
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(resetSec),
        },
      );
    }
    return state;
  };
}
