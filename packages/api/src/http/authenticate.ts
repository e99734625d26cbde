/**
 * From a request to a Principal: the Bearer token verified (a refused one counts against the client
 * address's rate limit), the per-user rate limit counted, the
 * roles read from the synced directory. Used by every route but the public ones, and by the queue
 * dashboard (which also accepts its session cookie).
 */
import type { Request, Response } from 'express';
import { type Principal, principalOf } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { ApiServices } from '../services/api-services.js';
import { setRequestUser } from './observe.js';
import { addressKey, type RateLimiter } from './rate-limit.js';

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

export function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (header === undefined) throw ApiError.unauthenticated('send the Attain token as "Authorization: Bearer <token>"');
  const match = BEARER.exec(header.trim());
  if (!match) throw ApiError.unauthenticated('the Authorization header is not "Bearer <token>"');
  return match[1] as string;
}

export async function principalFor(
  api: ApiServices,
  limiter: RateLimiter,
  res: Response,
  userId: string,
): Promise<Principal> {
  setRequestUser(res, userId);
  const [state, directory] = await Promise.all([limiter(userId), api.directory.current()]);
  res.setHeader('RateLimit-Limit', String(state.limit));
  res.setHeader('RateLimit-Remaining', String(state.remaining));
  res.setHeader('RateLimit-Reset', String(state.resetSec));
  return principalOf(userId, directory);
}

export async function authenticate(
  api: ApiServices,
  limiter: RateLimiter,
  req: Request,
  res: Response,
): Promise<Principal> {
  let caller: Awaited<ReturnType<ApiServices['verify']>>;
  try {
    caller = await api.verify(bearerToken(req));
  } catch (error) {
    // No valid token, no user to count: the client address is counted instead (429 past the limit).
    if (error instanceof ApiError && error.status === 401) await limiter(addressKey(req));
    throw error;
  }
  return principalFor(api, limiter, res, caller.userId);
}
