/**
 * Per-user rate limit: a fixed one-minute window counted in Redis (shared by every API process),
 * one round trip per request. Over the limit: 429 with `Retry-After`.
 *
 * Callers without a valid token have no user to count, so they are counted per client address
 * (`req.ip`: the socket's address, or the one the trusted proxies forwarded when API_TRUST_PROXY is
 * set), with the same limit: every request refused for its token (bad, expired, missing) and every
 * `POST /canvas`. A valid token is never counted against its address, so one abusive client behind
 * an office's shared address does not lock out the users with valid tokens there.
 */

import type { ApiAccessStore } from '@attain/store';
import type { Request } from 'express';
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

/** `key`: a user id, or {@link addressKey} of a caller without a valid token. */
export type RateLimiter = (key: string) => Promise<RateLimitState>;

const ADDRESS_PREFIX = 'address:';

/** The rate-limit key of a request's client address (after the trusted proxies). */
export function addressKey(req: Request): string {
  return `${ADDRESS_PREFIX}${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

export function rateLimit(options: RateLimitOptions): RateLimiter {
  const { access, perMinute, clock } = options;
  return async (key: string) => {
    const now = clock().getTime();
    const window = Math.floor(now / 60_000);
    const resetSec = Math.ceil(((window + 1) * 60_000 - now) / 1000);
    const used = await access.countRequest(key, window);
    const state = { limit: perMinute, remaining: Math.max(0, perMinute - used), resetSec };
    if (used > perMinute) {
      throw new ApiError(
        429,
        ErrorCode.rateLimited,
        key.startsWith(ADDRESS_PREFIX)
          ? `more than ${perMinute} requests in a minute from this address without a valid token; slow down`
          : `more than ${perMinute} requests in a minute; slow down`,
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
