/**
 * Per-user rate limit: a fixed one-minute window counted in Redis (shared by every API process),
 * one round trip per request. Over the limit: 429 with `Retry-After`.
 */

import type { ApiAccessStore } from '@attain/store';
import { ApiError, ErrorCode } from '../errors.js';

export interface RateLimitOptions {
  /** Where requests are counted (Redis, shared by every API process). */
  access: ApiAccessStore;
  perMinute: number;
  clock: () => Date;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSec: number;
}

export type RateLimiter = (userId: string) => Promise<RateLimitState>;

export function rateLimit(options: RateLimitOptions): RateLimiter {
  const { access, perMinute, clock } = options;
  return async (userId: string) => {
    const now = clock().getTime();
    const window = Math.floor(now / 60_000);
    const resetSec = Math.ceil(((window + 1) * 60_000 - now) / 1000);
    const used = await access.countRequest(userId, window);
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
