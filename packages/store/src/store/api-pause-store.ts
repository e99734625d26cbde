/**
 * Why and until when the worker stopped spending Salesforce API calls (daily limit hit, or usage
 * above the configured budget). Expires by itself; status views read it to say so.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export interface ApiPause {
  reason: string;
  /** ISO timestamp after which calls are tried again. */
  until: string;
}

export class ApiPauseStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async set(reason: string, untilMs: number, now: number = Date.now()): Promise<void> {
    const ttl = Math.max(1, untilMs - now);
    const pause: ApiPause = { reason, until: new Date(untilMs).toISOString() };
    await this.redis.set(this.keys.apiPause, JSON.stringify(pause), 'PX', ttl);
  }

  async get(): Promise<ApiPause | null> {
    const text = await this.redis.get(this.keys.apiPause);
    return text === null ? null : (JSON.parse(text) as ApiPause);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.keys.apiPause);
  }
}
