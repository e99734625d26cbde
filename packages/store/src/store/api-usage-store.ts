/**
 * The org's daily API usage as the worker last saw it (`Sforce-Limit-Info` of its latest call),
 * saved at each sync so that the ops status can show the budget without spending a call itself.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';

export interface ApiUsage {
  /** Requests used in the last 24 hours, and the org's daily allowance: counts, never money. */
  used: number;
  limit: number;
  /** ISO timestamp of the observation. */
  at: string;
}

export class ApiUsageStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async set(usage: ApiUsage): Promise<void> {
    await this.redis.set(this.keys.apiUsage, JSON.stringify(usage));
  }

  async get(): Promise<ApiUsage | null> {
    const text = await this.redis.get(this.keys.apiUsage);
    return text === null ? null : (JSON.parse(text) as ApiUsage);
  }
}
