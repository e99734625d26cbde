/**
 * What the HTTP API keeps about who is calling: the per-user request counts of the rate limit (a
 * fixed one-minute window, shared by every API process) and the queue dashboard's one-time tickets
 * and sessions (stored by the hash of their secret, never the secret itself), and whether Redis
 * answers at all (health).
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

/** INCR and set the expiry on the first count, atomically. KEYS: counter. ARGV: ttl ms. */
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`;

type CountingRedis = Redis & { attainRateCount(key: string, ttlMs: number): Promise<number> };

export class ApiAccessStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Counts one request of the user in the minute `window` (minutes since the epoch); the count so far. */
  async countRequest(userId: string, window: number): Promise<number> {
    if (!('attainRateCount' in this.redis)) {
      this.redis.defineCommand('attainRateCount', { numberOfKeys: 1, lua: COUNT });
    }
    // The window's counter outlives its minute by a second, for clocks of API processes a little apart.
    return (this.redis as CountingRedis).attainRateCount(this.keys.rateLimit(userId, window), 61_000);
  }

  async putBoardTicket(hash: string, userId: string, ttlSec: number): Promise<void> {
    await this.redis.set(this.keys.boardTicket(hash), userId, 'EX', ttlSec);
  }

  /** The ticket's user, once: a ticket is gone after it is taken. */
  async takeBoardTicket(hash: string): Promise<string | null> {
    return this.redis.getdel(this.keys.boardTicket(hash));
  }

  async putBoardSession(hash: string, userId: string, ttlSec: number): Promise<void> {
    await this.redis.set(this.keys.boardSession(hash), userId, 'EX', ttlSec);
  }

  async boardSessionUser(hash: string): Promise<string | null> {
    return this.redis.get(this.keys.boardSession(hash));
  }

  /** Whether Redis answers (health checks). */
  async ping(): Promise<boolean> {
    return this.redis.ping().then(
      () => true,
      () => false,
    );
  }
}
